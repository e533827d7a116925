//! Anonymised statistics: stories become figures of families a campaigner can cite, and
//! no figure lets anyone work out a single family's story.
//!
//! - `tables`: which stories count, grouped into families, and their figures per area ×
//!   quarter (pure);
//! - `release`: the rule that keeps two releases from being subtracted, and the working
//!   out of a release (pure);
//! - `disclosure`: which figures may be published (pure);
//! - `audit`: each row checked as an attacker would, with a small linear programme per
//!   hidden figure (pure), and `commonthread stats audit`;
//! - `noise`: optional differential-privacy noise, kept per cell between refreshes;
//! - `refresh`: the job that works the figures out into `stat_figure` (daily, and
//!   `commonthread stats refresh`);
//! - `routes`: `GET /api/v1/stats`, which reads `stat_figure` and nothing else.

pub mod audit;
pub mod disclosure;
pub mod noise;
pub mod quarter;
pub mod refresh;
pub mod release;
pub mod routes;
pub mod tables;
#[cfg(test)]
mod tests;

use sea_orm::{ConnectionTrait, DbErr};

pub use disclosure::Layout;
pub use quarter::Quarter;

use crate::patterns::{Patterns, local};

/// The figures a row has, with the labels people read: the vocabulary's categories and
/// tags, then the forum's own tags (retired ones too: stories still carry them).
#[derive(Clone, Debug)]
pub struct Catalogue {
    pub layout: Layout,
    pub category_labels: Vec<String>,
    pub tag_labels: Vec<String>,
    pub vocabulary_version: u32,
}

impl Catalogue {
    pub async fn load(patterns: &Patterns, db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let vocabulary = &patterns.vocabulary;
        let categories: Vec<String> = vocabulary.categories.iter().map(|c| c.id.clone()).collect();
        let category_index = |id: &str| categories.iter().position(|c| c == id);
        let mut tags = Vec::new();
        let mut tag_labels = Vec::new();
        for tag in &vocabulary.tags {
            if let Some(c) = category_index(&tag.category) {
                tags.push((tag.id.clone(), c));
                tag_labels.push(tag.label.clone());
            }
        }
        for tag in local::all(db).await? {
            if let Some(c) = category_index(&tag.category) {
                tags.push((format!("{}{}", local::PREFIX, tag.slug), c));
                tag_labels.push(tag.label);
            }
        }
        Ok(Self {
            category_labels: vocabulary
                .categories
                .iter()
                .map(|c| c.label.clone())
                .collect(),
            layout: Layout { categories, tags },
            tag_labels,
            vocabulary_version: vocabulary.version,
        })
    }
}
