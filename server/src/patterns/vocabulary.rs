//! The shared pattern vocabulary: `server/vocabulary/patterns.toml`, built into the
//! binary and checked at start-up, so that a forum never runs with a broken one.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const BUNDLED: &str = include_str!("../../vocabulary/patterns.toml");

/// The project's JSON-LD namespace. A shared tag's URI is this followed by its id, on
/// every forum alike, so that the same tag is the same term everywhere. Every instance
/// serves the namespace document at `/ns`.
pub const NAMESPACE: &str = "https://w3id.org/commonthread/ns#";

/// A group of tags, e.g. `meetings`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub description: String,
}

/// A tag of the shared vocabulary, as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedTag {
    pub id: String,
    pub category: String,
    pub label: String,
    pub definition: String,
}

impl SharedTag {
    pub fn uri(&self) -> String {
        format!("{NAMESPACE}{}", self.id)
    }
}

/// The shared vocabulary, checked.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub version: u32,
    pub categories: Vec<Category>,
    /// In file order: by category, then as listed.
    pub tags: Vec<SharedTag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    category: Vec<Category>,
    #[serde(default)]
    tag: Vec<SharedTag>,
}

/// Why a vocabulary file was refused. Each names the offending entry.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VocabularyError {
    #[error("not valid TOML of the expected shape: {0}")]
    Syntax(String),
    #[error("version must be 1 or more")]
    Version,
    #[error("there are no tags")]
    NoTags,
    #[error("{what} {id:?} is listed twice")]
    Duplicate { what: &'static str, id: String },
    #[error(
        "{what} id {id:?} must be lowercase letters and digits joined by single hyphens, at most 60 characters"
    )]
    BadId { what: &'static str, id: String },
    #[error("tag {tag:?} has the category {category:?}, which is not listed under [[category]]")]
    UnknownCategory { tag: String, category: String },
    #[error("{what} {id:?} has an empty {field}")]
    Empty {
        what: &'static str,
        id: String,
        field: &'static str,
    },
}

/// A slug: `a-z0-9` words joined by single hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 60
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Vocabulary {
    /// The vocabulary built into this binary.
    pub fn bundled() -> Result<Self, VocabularyError> {
        Self::parse(BUNDLED)
    }

    pub fn parse(source: &str) -> Result<Self, VocabularyError> {
        let file: File =
            toml::from_str(source).map_err(|e| VocabularyError::Syntax(e.message().to_owned()))?;
        if file.version == 0 {
            return Err(VocabularyError::Version);
        }
        if file.tag.is_empty() {
            return Err(VocabularyError::NoTags);
        }
        let mut categories = HashSet::new();
        for category in &file.category {
            check_id("category", &category.id)?;
            check_text("category", &category.id, "label", &category.label)?;
            check_text(
                "category",
                &category.id,
                "description",
                &category.description,
            )?;
            if !categories.insert(category.id.as_str()) {
                return Err(VocabularyError::Duplicate {
                    what: "category",
                    id: category.id.clone(),
                });
            }
        }
        let mut tags = HashSet::new();
        for tag in &file.tag {
            check_id("tag", &tag.id)?;
            check_text("tag", &tag.id, "label", &tag.label)?;
            check_text("tag", &tag.id, "definition", &tag.definition)?;
            if !categories.contains(tag.category.as_str()) {
                return Err(VocabularyError::UnknownCategory {
                    tag: tag.id.clone(),
                    category: tag.category.clone(),
                });
            }
            if !tags.insert(tag.id.as_str()) {
                return Err(VocabularyError::Duplicate {
                    what: "tag",
                    id: tag.id.clone(),
                });
            }
        }
        Ok(Self {
            version: file.version,
            categories: file.category,
            tags: file.tag,
        })
    }

    pub fn tag(&self, id: &str) -> Option<&SharedTag> {
        self.tags.iter().find(|tag| tag.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|category| category.id == id)
    }
}

fn check_id(what: &'static str, id: &str) -> Result<(), VocabularyError> {
    if is_slug(id) {
        Ok(())
    } else {
        Err(VocabularyError::BadId {
            what,
            id: id.to_owned(),
        })
    }
}

fn check_text(
    what: &'static str,
    id: &str,
    field: &'static str,
    value: &str,
) -> Result<(), VocabularyError> {
    if value.trim().is_empty() {
        Err(VocabularyError::Empty {
            what,
            id: id.to_owned(),
            field,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
        version = 1
        [[category]]
        id = "meetings"
        label = "Meetings"
        description = "How meetings are run."
        [[tag]]
        id = "minutes-withheld"
        category = "meetings"
        label = "Minutes kept from me"
        definition = "Minutes went to the professionals but not to me."
    "#;

    fn with_tag(tag: &str) -> String {
        format!("{GOOD}\n[[tag]]\n{tag}")
    }

    #[test]
    fn the_bundled_vocabulary_is_valid_and_complete() {
        let vocabulary = Vocabulary::bundled().expect("valid");
        assert_eq!(vocabulary.version, 1);
        assert_eq!(vocabulary.tags.len(), 49);
        let categories: Vec<_> = vocabulary
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            categories,
            ["meetings", "blame", "decisions", "impact", "good-practice"]
        );
        assert!(vocabulary.tag("bedroom-inspected").is_some());
        for tag in &vocabulary.tags {
            assert!(
                tag.definition.ends_with('.'),
                "{} is one sentence ending in a full stop",
                tag.id
            );
        }
    }

    #[test]
    fn a_good_file_parses() {
        let vocabulary = Vocabulary::parse(GOOD).expect("valid");
        assert_eq!(
            vocabulary.tags[0].uri(),
            "https://w3id.org/commonthread/ns#minutes-withheld"
        );
    }

    #[test]
    fn a_duplicate_id_is_refused() {
        let source = with_tag(
            r#"id = "minutes-withheld"
               category = "meetings"
               label = "Again"
               definition = "The same id twice.""#,
        );
        let error = Vocabulary::parse(&source).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "tag \"minutes-withheld\" is listed twice"
        );
    }

    #[test]
    fn an_unknown_category_is_refused() {
        let source = with_tag(
            r#"id = "transport-cut"
               category = "transport"
               label = "Transport cut"
               definition = "School transport was cut.""#,
        );
        let error = Vocabulary::parse(&source).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "tag \"transport-cut\" has the category \"transport\", which is not listed under [[category]]"
        );
    }

    #[test]
    fn an_empty_definition_is_refused() {
        let source = with_tag(
            r#"id = "transport-cut"
               category = "meetings"
               label = "Transport cut"
               definition = "  ""#,
        );
        let error = Vocabulary::parse(&source).expect_err("refused");
        assert_eq!(
            error.to_string(),
            "tag \"transport-cut\" has an empty definition"
        );
    }

    #[test]
    fn a_missing_definition_and_a_bad_id_are_refused() {
        let missing = with_tag(
            r#"id = "transport-cut"
               category = "meetings"
               label = "Transport cut""#,
        );
        assert!(
            matches!(Vocabulary::parse(&missing), Err(VocabularyError::Syntax(m)) if m.contains("definition"))
        );
        for id in ["Transport", "a--b", "-a", "a b", "ä"] {
            let bad = with_tag(&format!(
                "id = {id:?}\ncategory = \"meetings\"\nlabel = \"x\"\ndefinition = \"y\""
            ));
            assert!(
                matches!(Vocabulary::parse(&bad), Err(VocabularyError::BadId { .. })),
                "{id}"
            );
        }
        let version_zero =
            "version = 0\n[[tag]]\nid=\"a\"\ncategory=\"b\"\nlabel=\"c\"\ndefinition=\"d\"";
        assert!(matches!(
            Vocabulary::parse(version_zero),
            Err(VocabularyError::Version)
        ));
    }
}
