//! `fed_object`: what this forum last sent of one of its own objects.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fed_object")]
pub struct Model {
    /// `story:{id}`, `reply:{id}` or `report:{area}:{quarter}`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub ap_id: String,
    /// A story's pseudonymous author actor: `/ap/people/{token}`.
    pub person_token: Option<String>,
    /// That actor's key pair, made the first time it is asked for.
    pub person_keys: Option<String>,
    pub sent_hash: Option<String>,
    pub sent_json: Option<String>,
    pub published_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
