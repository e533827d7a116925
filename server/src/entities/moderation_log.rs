//! `moderation_log`: what moderators and admins did, and why. Append-only.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub action: String,
    pub actor_id: Option<i64>,
    pub subject_account_id: Option<i64>,
    pub detail: String,
    pub reason: Option<String>,
    /// The public id of the story it concerns, if any.
    pub story_id: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
