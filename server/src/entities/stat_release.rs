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
    pub quarter_to_date: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
