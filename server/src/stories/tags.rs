//! Pattern tags on stories: shared ids, or the forum's own as `local:<slug>`.

use sea_orm::ConnectionTrait;

use crate::{
    AppState,
    patterns::local::{self, PREFIX},
    problem::{Problem, ProblemCode},
};

/// What is known of a tag id: its label and category, and whether it may still be used.
pub struct KnownTag {
    pub label: String,
    pub category: String,
    pub retired: bool,
}

pub async fn lookup(
    state: &AppState,
    db: &impl ConnectionTrait,
    id: &str,
) -> Result<Option<KnownTag>, Problem> {
    if let Some(slug) = id.strip_prefix(PREFIX) {
        let row = local::find(db, slug).await.map_err(Problem::internal)?;
        return Ok(row.map(|row| KnownTag {
            label: row.label,
            category: row.category,
            retired: row.retired,
        }));
    }
    Ok(state.patterns.vocabulary.tag(id).map(|tag| KnownTag {
        label: tag.label.clone(),
        category: tag.category.clone(),
        retired: false,
    }))
}

/// 422 `validation` unless every tag exists and is not retired. Tags a story already
/// had (`kept`) may stay even when retired since.
pub async fn check(
    state: &AppState,
    db: &impl ConnectionTrait,
    tags: &[String],
    kept: &[String],
) -> Result<(), Problem> {
    for tag in tags {
        let usable = match lookup(state, db, tag).await? {
            Some(known) => !known.retired || kept.contains(tag),
            None => false,
        };
        if !usable {
            return Err(Problem::new(ProblemCode::Validation).detail(format!(
                "tags: {tag:?} is not a tag of this forum's vocabulary."
            )));
        }
    }
    Ok(())
}

/// Every tag id in a category: the shared ones and the forum's own.
pub async fn in_category(
    state: &AppState,
    db: &impl ConnectionTrait,
    category: &str,
) -> Result<Vec<String>, Problem> {
    let mut ids: Vec<String> = state
        .patterns
        .vocabulary
        .tags
        .iter()
        .filter(|t| t.category == category)
        .map(|t| t.id.clone())
        .collect();
    let local = local::all(db).await.map_err(Problem::internal)?;
    ids.extend(
        local
            .into_iter()
            .filter(|t| t.category == category)
            .map(|t| format!("{PREFIX}{}", t.slug)),
    );
    Ok(ids)
}
