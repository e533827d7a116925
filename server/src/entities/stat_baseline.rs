//! `stat_baseline`: for an area × quarter last published with figures shown, how many
//! families had each set of tags at that release (`tags`: tag ids, sorted, comma-separated;
//! empty for none). No member is in it. Read and written by the refresh job alone (see
//! `stats::release`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stat_baseline")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: String,
    #[sea_orm(primary_key, auto_increment = false, column_type = "Text")]
    pub tags: String,
    pub families: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
