//! `fed_report`: the latest version of a pattern report received from a partner.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
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
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
