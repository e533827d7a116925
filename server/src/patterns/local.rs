//! The forum's own tags. Each has an id `local:<slug>`, made from its label when it is
//! added and never changed, and a URI under the forum's own domain
//! (`<public_url>/ns#<slug>`), which the forum's `/ns` document defines.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{SharedTag, Vocabulary, vocabulary::is_slug};
use crate::entities::local_tag;

/// The prefix that tells a local tag's id from a shared one.
pub const PREFIX: &str = "local:";
pub const LABEL_CHARS: std::ops::RangeInclusive<usize> = 3..=60;
pub const DEFINITION_CHARS: std::ops::RangeInclusive<usize> = 10..=300;
/// How many local tags a forum may have, retired ones included.
pub const MAX_LOCAL_TAGS: usize = 200;

/// A tag as the API shows it, shared or local.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TagView {
    /// A shared tag's slug (`bedroom-inspected`), or `local:<slug>` for the forum's own.
    pub id: String,
    pub category: String,
    pub label: String,
    /// One sentence a parent understands.
    pub definition: String,
    /// Its term in JSON-LD: the project's namespace for shared tags, the forum's own
    /// `/ns` for local ones.
    pub uri: String,
    /// Whether the forum added it.
    pub local: bool,
    /// For a local tag: the shared tag it means the same as, if any.
    pub same_as: Option<String>,
    /// A retired local tag is no longer offered, but stories keep it.
    pub retired: bool,
}

impl TagView {
    pub fn shared(tag: &SharedTag) -> Self {
        Self {
            id: tag.id.clone(),
            category: tag.category.clone(),
            label: tag.label.clone(),
            definition: tag.definition.clone(),
            uri: tag.uri(),
            local: false,
            same_as: None,
            retired: false,
        }
    }

    pub fn local(row: local_tag::Model, public_url: &str) -> Self {
        Self {
            id: format!("{PREFIX}{}", row.slug),
            uri: local_uri(public_url, &row.slug),
            category: row.category,
            label: row.label,
            definition: row.definition,
            local: true,
            same_as: row.same_as,
            retired: row.retired,
        }
    }
}

/// `<public_url>/ns#<slug>`: under the forum's own domain, defined by its `/ns`.
pub fn local_uri(public_url: &str, slug: &str) -> String {
    format!("{}/ns#{slug}", public_url.trim_end_matches('/'))
}

/// What an admin writes for a local tag.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalTagRequest {
    /// 3 to 60 characters; the id is made from it when the tag is added.
    pub label: String,
    /// 10 to 300 characters: one sentence a parent understands.
    pub definition: String,
    /// One of the vocabulary's categories.
    pub category: String,
    /// A shared tag that means the same, if any.
    #[serde(default)]
    pub same_as: Option<String>,
    /// Only when changing a tag: stop offering it (stories keep it).
    #[serde(default)]
    pub retired: bool,
}

/// A local tag, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTag {
    pub label: String,
    pub definition: String,
    pub category: String,
    pub same_as: Option<String>,
    pub retired: bool,
}

impl LocalTagRequest {
    /// Trims and checks every field; the message says which one is wrong.
    pub fn check(self, vocabulary: &Vocabulary) -> Result<LocalTag, String> {
        let label = collapse_spaces(&self.label);
        let definition = collapse_spaces(&self.definition);
        if !LABEL_CHARS.contains(&label.chars().count()) {
            return Err(format!(
                "A label is {} to {} characters.",
                LABEL_CHARS.start(),
                LABEL_CHARS.end()
            ));
        }
        if slug(&label).is_none() {
            return Err("A label needs letters or digits.".to_owned());
        }
        if !DEFINITION_CHARS.contains(&definition.chars().count()) {
            return Err(format!(
                "A definition is {} to {} characters: one sentence a parent understands.",
                DEFINITION_CHARS.start(),
                DEFINITION_CHARS.end()
            ));
        }
        if vocabulary.category(&self.category).is_none() {
            let known: Vec<&str> = vocabulary
                .categories
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            return Err(format!(
                "The category must be one of: {}.",
                known.join(", ")
            ));
        }
        let same_as = self
            .same_as
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty());
        if let Some(same_as) = &same_as
            && vocabulary.tag(same_as).is_none()
        {
            return Err("\"Same as\" must be a tag of the shared vocabulary.".to_owned());
        }
        Ok(LocalTag {
            label,
            definition,
            category: self.category,
            same_as,
            retired: self.retired,
        })
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The slug of a label: ASCII letters and digits, lowercased, words joined by hyphens
/// ("Transport cancelled!" → `transport-cancelled`). Accents are dropped with their
/// letter's base where it is plain ASCII; `None` when nothing is left.
pub fn slug(label: &str) -> Option<String> {
    let mut slug = String::new();
    let mut pending_hyphen = false;
    for c in label.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else if c != '\'' && c != '’' {
            pending_hyphen = true;
        }
        if slug.len() >= 60 {
            break;
        }
    }
    slug.truncate(60);
    let slug = slug.trim_end_matches('-').to_owned();
    is_slug(&slug).then_some(slug)
}

/// Every local tag, oldest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<local_tag::Model>, DbErr> {
    local_tag::Entity::find()
        .order_by_asc(local_tag::Column::CreatedAt)
        .order_by_asc(local_tag::Column::Slug)
        .all(db)
        .await
}

pub async fn find(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<local_tag::Model>, DbErr> {
    local_tag::Entity::find_by_id(slug.to_owned()).one(db).await
}

pub async fn insert(
    db: &impl ConnectionTrait,
    slug: &str,
    tag: LocalTag,
) -> Result<local_tag::Model, DbErr> {
    local_tag::ActiveModel {
        slug: Set(slug.to_owned()),
        label: Set(tag.label),
        definition: Set(tag.definition),
        category: Set(tag.category),
        same_as: Set(tag.same_as),
        retired: Set(tag.retired),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn update(
    db: &impl ConnectionTrait,
    row: local_tag::Model,
    tag: LocalTag,
) -> Result<local_tag::Model, DbErr> {
    let mut active: local_tag::ActiveModel = row.into();
    active.label = Set(tag.label);
    active.definition = Set(tag.definition);
    active.category = Set(tag.category);
    active.same_as = Set(tag.same_as);
    active.retired = Set(tag.retired);
    active.update(db).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_labels() {
        assert_eq!(
            slug("Transport cancelled!").as_deref(),
            Some("transport-cancelled")
        );
        assert_eq!(
            slug("  EHCP   “amended” late ").as_deref(),
            Some("ehcp-amended-late")
        );
        assert_eq!(slug("Parent's view").as_deref(), Some("parents-view"));
        assert_eq!(slug("!!!"), None);
        assert_eq!(slug("ééé"), None);
        assert!(slug(&"word ".repeat(40)).is_some_and(|s| s.len() <= 60 && is_slug(&s)));
    }

    #[test]
    fn requests_are_checked() {
        let vocabulary = Vocabulary::bundled().expect("vocabulary");
        let request = |label: &str, definition: &str, category: &str, same_as: Option<&str>| {
            LocalTagRequest {
                label: label.to_owned(),
                definition: definition.to_owned(),
                category: category.to_owned(),
                same_as: same_as.map(str::to_owned),
                retired: false,
            }
        };
        let good = request(
            " Transport  cancelled ",
            "School transport was withdrawn.",
            "decisions",
            Some(""),
        );
        let tag = good.check(&vocabulary).expect("valid");
        assert_eq!(
            (tag.label.as_str(), tag.same_as),
            ("Transport cancelled", None)
        );
        for (bad, why) in [
            (
                request("ab", "School transport was withdrawn.", "decisions", None),
                "label",
            ),
            (
                request("Transport", "Too short", "decisions", None),
                "definition",
            ),
            (
                request(
                    "Transport",
                    "School transport was withdrawn.",
                    "transport",
                    None,
                ),
                "category",
            ),
            (
                request(
                    "Transport",
                    "School transport was withdrawn.",
                    "decisions",
                    Some("local:x"),
                ),
                "Same as",
            ),
        ] {
            let message = bad.check(&vocabulary).expect_err("refused");
            assert!(message.contains(why), "{message}");
        }
    }
}
