//! `stat_previous`: the figures of the release before the current one, exactly as they
//! were published (the shape of `stat_figure`), for `commonthread stats audit`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "stat_previous")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub area: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub quarter: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub count: Option<i32>,
    pub rate: Option<f64>,
    pub rate_low: Option<f64>,
    pub rate_high: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
