//! Screening: finds what in a story could identify a family, so that the author can take
//! it out before anyone else reads it.
//!
//! [`screen`] is pure: it reads the text, keeps nothing and logs nothing. It combines
//! patterns for details with a fixed shape (e-mail addresses, phone numbers, postcodes,
//! NHS numbers with their check digit, dates, references, web addresses, handles) with
//! gazetteers and context for the ones without (people's names, schools, organisations,
//! street addresses). The gazetteers ship in `server/data/screening/` (see its README).
//!
//! ## Offsets
//! A finding's `start` and `end` count **Unicode scalar values** (Rust `char`s, Python
//! `str` indices, JavaScript `Array.from(text)` indices) from the start of the text:
//! `end` is exclusive, so the finding is `text.chars().skip(start).take(end - start)`.
//! They always lie on character boundaries, findings never overlap, and they come
//! sorted by `start`.

/// The lazy-DFA cache each screening pattern may use (the `regex` crate's default is 2 MiB).
const DFA_CACHE_BYTES: usize = 256 * 1024;

mod detect;
mod gazetteer;
mod headings;
mod locality;
mod names;
mod orgs;
mod places;
pub mod routes;
mod structured;
mod text;
mod usernames;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person's name: child, parent, relative or professional.
    Name,
    /// A school, nursery, college or academy.
    School,
    /// A named hospital, trust, clinic, team, service, charity, council or other
    /// organisation that can locate or identify a family.
    Org,
    /// A town, village, district, estate, county or landmark in the UK.
    Place,
    /// A street address or flat.
    Address,
    /// A full postcode, or its outward part used as a place.
    Postcode,
    /// A UK phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// An NHS number (ten digits with a valid check digit).
    Nhs,
    /// A date precise enough to identify: a full date, day and month, weekday and day.
    Date,
    /// A case, appeal, complaint or other reference number.
    Ref,
    /// A web address.
    Url,
    /// A social media handle.
    Handle,
}

impl Kind {
    pub const ALL: [Self; 13] = [
        Self::Name,
        Self::School,
        Self::Org,
        Self::Place,
        Self::Address,
        Self::Postcode,
        Self::Phone,
        Self::Email,
        Self::Nhs,
        Self::Date,
        Self::Ref,
        Self::Url,
        Self::Handle,
    ];

    /// The stable name used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::School => "school",
            Self::Org => "org",
            Self::Place => "place",
            Self::Address => "address",
            Self::Postcode => "postcode",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Nhs => "nhs",
            Self::Date => "date",
            Self::Ref => "ref",
            Self::Url => "url",
            Self::Handle => "handle",
        }
    }

    /// What we suggest putting in its place.
    pub fn replacement(self) -> &'static str {
        match self {
            Self::Name => "[name]",
            Self::School => "[school]",
            Self::Org => "[organisation]",
            Self::Place => "[place]",
            Self::Address => "[address]",
            Self::Postcode => "[postcode]",
            Self::Phone => "[phone number]",
            Self::Email => "[email address]",
            Self::Nhs => "[NHS number]",
            Self::Date => "[date]",
            Self::Ref => "[reference]",
            Self::Url => "[web address]",
            Self::Handle => "[social handle]",
        }
    }

    /// When two candidates overlap, the one of higher rank wins: a shape that can be
    /// checked beats a guess from words.
    fn rank(self) -> u8 {
        match self {
            Self::Email => 12,
            Self::Url => 11,
            Self::Handle => 10,
            Self::Nhs => 9,
            Self::Phone => 8,
            Self::Postcode => 7,
            Self::Date => 6,
            Self::Ref => 5,
            Self::Address => 4,
            // Schools, organisations and places tie, so that the longer of two overlapping
            // ones wins ("Bury Council" over "Bury").
            Self::School | Self::Org | Self::Place => 2,
            Self::Name => 1,
        }
    }
}

/// Something in the text that could identify a family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Finding {
    pub kind: Kind,
    /// Offset of the first character, in Unicode scalar values.
    pub start: usize,
    /// Offset just past the last character, in Unicode scalar values.
    pub end: usize,
    /// The characters found.
    pub text: String,
    /// How sure the screener is, from 0 to 1.
    pub confidence: f32,
    /// What we suggest putting in its place, e.g. `[phone number]`.
    pub replacement: String,
}

/// Screens `text` and returns its findings, sorted by `start`, never overlapping.
pub fn screen(text: &str) -> Vec<Finding> {
    let candidates = detect::candidates(text);
    text::to_findings(text, candidates)
}

/// One change to make: the characters `start..end` (Unicode scalar values), which must
/// read `text`, become `replacement`.
#[derive(Debug, Clone)]
pub struct Redaction<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub replacement: &'a str,
}

/// Why a set of redactions cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedactError {
    #[error("finding at position {index} lies outside the text")]
    OutOfRange { index: usize },
    #[error("finding at position {index} does not match the text at its offsets")]
    Mismatch { index: usize },
    #[error("finding at position {index} overlaps another")]
    Overlap { index: usize },
}

/// Applies `redactions` to `text`. Every redaction must match the text exactly at its
/// offsets, so that findings from an older version of a story are refused rather than
/// applied in the wrong place.
pub fn redact(text: &str, redactions: &[Redaction<'_>]) -> Result<String, RedactError> {
    let mut order: Vec<usize> = (0..redactions.len()).collect();
    order.sort_by_key(|&i| (redactions[i].start, redactions[i].end));
    let bytes = text::CharIndex::new(text);
    let mut out = String::with_capacity(text.len());
    let mut done = 0usize; // byte offset copied so far
    let mut last_end: Option<usize> = None; // char offset
    for index in order {
        let r = &redactions[index];
        let (Some(start), Some(end)) = (bytes.byte(r.start), bytes.byte(r.end)) else {
            return Err(RedactError::OutOfRange { index });
        };
        if r.start > r.end {
            return Err(RedactError::OutOfRange { index });
        }
        if last_end.is_some_and(|last| r.start < last) {
            return Err(RedactError::Overlap { index });
        }
        if text.get(start..end) != Some(r.text) {
            return Err(RedactError::Mismatch { index });
        }
        out.push_str(text.get(done..start).unwrap_or_default());
        out.push_str(r.replacement);
        done = end;
        last_end = Some(r.end);
    }
    out.push_str(text.get(done..).unwrap_or_default());
    Ok(out)
}
