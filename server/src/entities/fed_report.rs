//! `fed_report`: the latest version of a pattern report received from a partner.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "fed_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub ap_id: String,
    pub partner_id: i64,
    pub area: String,
    pub quarter: String,
    pub k: i32,
    pub vocabulary_version: i32,
    pub total: Option<i32>,
    pub figures: String,
    pub updated_at: DateTimeUtc,
    pub received_at: DateTimeUtc,
    /// Whether the quarter was over when the partner reported it; `None` if not said.
    pub complete: Option<bool>,
    /// The epsilon of the noise in the figures; `None` if none or not said.
    #[sea_orm(column_type = "Double", nullable)]
    pub epsilon: Option<f64>,
    /// What the figures count: `family`, or `story` for a forum from before families.
    pub unit: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
