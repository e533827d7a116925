//! Stories: what a parent wrote, safely. Composing and editing (`input`), rendering
//! Markdown to sanitised HTML (`render`), pseudonyms, the lifecycle and read rules
//! (`access`), the feed, peer support (replies, reactions, reports), signposting,
//! notifications of outcomes, and the sample stories of a demonstration forum.

pub mod access;
pub mod cache;
pub mod feed;
pub mod input;
pub mod notifications;
pub mod peer;
pub mod pseudonym;
pub mod render;
pub mod routes;
pub mod samples;
pub mod signposts;
pub mod store;
pub mod tags;
pub mod view;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use crate::entities::story::{State, Visibility};

/// Declares a closed list of values with their API names; stored by the same names. The
/// OpenAPI schema is written from the same names (utoipa's derive would show the Rust
/// ones, since it cannot read a `rename` that a macro passes on).
macro_rules! choices {
    (#[doc = $doc:literal] $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &[Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some(Self::$variant),)+ _ => None }
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .description(Some($doc.trim()))
                    .into()
            }
        }

        impl ToSchema for $name {}
    };
}

choices!(
    /// A service the story concerns.
    Service {
        School = "school",
        LaSend = "la-send",
        SocialCare = "social-care",
        Health = "health",
        Tribunal = "tribunal",
    }
);

choices!(
    /// Where the family was in the process.
    Stage {
        BeforeAssessment = "before-assessment",
        EhcNeedsAssessment = "ehc-needs-assessment",
        EhcPlanDrafting = "ehc-plan-drafting",
        AnnualReview = "annual-review",
        Amendment = "amendment",
        TribunalAppeal = "tribunal-appeal",
        EarlyHelp = "early-help",
        ChildInNeed = "child-in-need",
        ChildProtection = "child-protection",
        Other = "other",
    }
);

choices!(
    /// The child's age band (optional).
    AgeBand {
        UnderFive = "0-4",
        FiveToTen = "5-10",
        ElevenToFifteen = "11-15",
        SixteenToEighteen = "16-18",
        NineteenToTwentyFive = "19-25",
    }
);

choices!(
    /// The child's primary need, as the SEN2 return codes it (optional).
    PrimaryNeed {
        Asd = "ASD",
        Hi = "HI",
        Mld = "MLD",
        Msi = "MSI",
        Oth = "OTH",
        Pd = "PD",
        Pmld = "PMLD",
        Semh = "SEMH",
        Slcn = "SLCN",
        Sld = "SLD",
        Spld = "SPLD",
        Vi = "VI",
        Nsa = "NSA",
    }
);

choices!(
    /// A content warning: the text stays hidden until the reader chooses to see it.
    ContentWarning {
        ChildProtection = "child-protection",
        SelfHarm = "self-harm",
        Suicide = "suicide",
        Restraint = "restraint",
        Violence = "violence",
        Abuse = "abuse",
        Police = "police",
        Medical = "medical",
        Bereavement = "bereavement",
    }
);

choices!(
    /// Why a reader reports a story or a reply.
    ReportReason {
        Identifying = "identifying",
        Harmful = "harmful",
        Spam = "spam",
        Other = "other",
    }
);

choices!(
    /// How a story is signed.
    PseudonymMode {
        Fresh = "fresh",
        ForumName = "forum-name",
    }
);

/// A list stored as comma-separated names ("school,health").
pub fn join<T: Copy>(items: &[T], name: impl Fn(T) -> &'static str) -> String {
    items
        .iter()
        .map(|&item| name(item))
        .collect::<Vec<_>>()
        .join(",")
}

/// The names of a stored comma-separated list, skipping anything no longer known.
pub fn split<T>(stored: &str, parse: impl Fn(&str) -> Option<T>) -> Vec<T> {
    stored
        .split(',')
        .filter(|s| !s.is_empty())
        .filter_map(parse)
        .collect()
}

/// Stored tags: ids are free text (shared or `local:…`), kept as they are.
pub fn split_tags(stored: &str) -> Vec<String> {
    split(stored, |s| Some(s.to_owned()))
}
