//! `fed_like`: a partner forum's "this happened to us too" on one of our stories.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fed_like")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ap_id: String,
    pub story_id: i64,
    pub partner_id: i64,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
