//! `stat_release`: the latest refresh of the published figures and the settings it used.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stat_release")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub refreshed_at: DateTimeUtc,
    pub k: i32,
    pub epsilon: Option<f64>,
    pub vocabulary_version: i32,
    /// The quarter in which the release was worked out (internal: never published).
    pub quarter_to_date: String,
    /// The last quarter the release publishes: every quarter up to it has ended, and
    /// `stats.publish_after_days` have passed since. `None` for releases before families.
    pub published_through: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
