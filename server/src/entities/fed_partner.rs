//! `fed_partner`: another forum this one knows, and how far each direction of following
//! has got.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fed_partner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub domain: String,
    #[sea_orm(unique)]
    pub actor: String,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub public_key_pem: String,
    pub name: Option<String>,
    pub following: Following,
    pub followed_by: FollowedBy,
    pub their_follow: Option<String>,
    pub unreachable_since: Option<DateTimeUtc>,
    pub fetched_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
}

/// Our follow of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")]
pub enum Following {
    #[sea_orm(string_value = "none")]
    None,
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "accepted")]
    Accepted,
}

/// Their follow of us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(10))")]
pub enum FollowedBy {
    #[sea_orm(string_value = "none")]
    None,
    #[sea_orm(string_value = "requested")]
    Requested,
    #[sea_orm(string_value = "accepted")]
    Accepted,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
