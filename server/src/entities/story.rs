//! `story`: what a parent wrote, its details and consents, and where it is in moderation.
//! The columns hold the published version while one is live; an edit waiting for a
//! moderator sits in `pending_edit` as JSON.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "story")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub author_id: Option<i64>,
    pub state: State,
    pub live: bool,
    pub sample: bool,
    pub title: String,
    pub body: String,
    pub html: String,
    pub excerpt: String,
    pub area: Option<String>,
    pub period: String,
    pub services: String,
    pub tags: String,
    pub stage: Option<String>,
    pub age_band: Option<String>,
    pub primary_need: Option<String>,
    pub visibility: Visibility,
    pub consent_count: bool,
    pub consent_quote: bool,
    pub content_warnings: String,
    pub pseudonym: String,
    pub pending_edit: Option<String>,
    pub moderator_message: Option<String>,
    pub reaction_count: i32,
    pub reply_count: i32,
    pub feed_key: Option<i64>,
    pub published_on: Option<Date>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The partner forum this story came from; `None` for this forum's own.
    pub origin_partner_id: Option<i64>,
    /// The story's ActivityPub id, for a partner's story.
    pub ap_id: Option<String>,
    /// Where the story can be read on its own forum, for a partner's story.
    pub origin_url: Option<String>,
}

/// Where a story is in its life. Stored as its name, which is also its API name.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "kebab-case")]
pub enum State {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "changes-requested")]
    ChangesRequested,
    #[sea_orm(string_value = "rejected")]
    Rejected,
    #[sea_orm(string_value = "withdrawn")]
    Withdrawn,
}

/// Who may read a story, narrowest first (the order is used: narrowing applies at once).
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    EnumIter,
    DeriveActiveEnum,
    serde::Serialize,
    serde::Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// Moderators and the author only; counted in statistics, never shown.
    #[sea_orm(string_value = "counted-only")]
    CountedOnly,
    /// Signed-in members of this forum.
    #[sea_orm(string_value = "members")]
    Members,
    /// Anyone, on this forum.
    #[sea_orm(string_value = "public")]
    Public,
    /// Anyone, and sent to partner forums.
    #[sea_orm(string_value = "federated")]
    Federated,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
