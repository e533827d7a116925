//! In-app notifications: a member is told of moderation outcomes on their stories and
//! replies, and of replies to their stories. Kept until the account or the story goes.

use axum::{extract::State, http::StatusCode};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    AppState,
    accounts::session::SignedIn,
    entities::{notification, story},
    problem::{ApiJson, Problem},
};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    StoryApproved,
    ChangesRequested,
    StoryRejected,
    StoryUnpublished,
    TagsCorrected,
    StoryRedacted,
    ReplyReceived,
    ReplyApproved,
    ReplyRejected,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StoryApproved => "story_approved",
            Self::ChangesRequested => "changes_requested",
            Self::StoryRejected => "story_rejected",
            Self::StoryUnpublished => "story_unpublished",
            Self::TagsCorrected => "tags_corrected",
            Self::StoryRedacted => "story_redacted",
            Self::ReplyReceived => "reply_received",
            Self::ReplyApproved => "reply_approved",
            Self::ReplyRejected => "reply_rejected",
        }
    }
}

/// Tells `account_id` (if the account still exists) that `kind` happened to a story.
pub async fn notify(
    db: &impl ConnectionTrait,
    account_id: Option<i64>,
    kind: Kind,
    story_id: i64,
    message: Option<&str>,
) -> Result<(), DbErr> {
    let Some(account_id) = account_id else {
        return Ok(());
    };
    notification::ActiveModel {
        account_id: Set(account_id),
        kind: Set(kind.as_str().to_owned()),
        story_id: Set(Some(story_id)),
        message: Set(message.map(str::to_owned)),
        read: Set(false),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: i64,
    /// e.g. `story_approved`, `reply_received`.
    pub kind: String,
    pub story_id: Option<String>,
    pub story_title: Option<String>,
    /// The moderator's message or reason, when there is one.
    pub message: Option<String>,
    pub date: NaiveDate,
    pub read: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsView {
    pub unread: u64,
    /// Newest first, at most 50.
    pub items: Vec<NotificationView>,
}

const SHOWN: u64 = 50;

/// Your notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "stories",
    security(("session" = [])),
    responses((status = 200, description = "Newest first", body = NotificationsView)))]
pub async fn list(
    State(state): State<AppState>,
    member: SignedIn,
) -> Result<ApiJson<NotificationsView>, Problem> {
    let db = &state.db;
    let mine = notification::Entity::find().filter(notification::Column::AccountId.eq(member.id));
    let unread = mine
        .clone()
        .filter(notification::Column::Read.eq(false))
        .count(db)
        .await
        .map_err(Problem::internal)?;
    let rows = mine
        .order_by_desc(notification::Column::Id)
        .limit(SHOWN)
        .find_also_related(story::Entity)
        .all(db)
        .await
        .map_err(Problem::internal)?;
    let items = rows
        .into_iter()
        .map(|(row, story)| NotificationView {
            id: row.id,
            kind: row.kind,
            story_id: story.as_ref().map(|s| s.public_id.clone()),
            story_title: story.map(|s| s.title),
            message: row.message,
            date: row.created_at.date_naive(),
            read: row.read,
        })
        .collect();
    Ok(ApiJson(NotificationsView { unread, items }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// This notification and every older one are marked read.
    pub up_to: i64,
}

/// Marks notifications read, up to and including one.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "stories",
    request_body = MarkRead,
    security(("session" = [])),
    responses((status = 204, description = "Marked read")))]
pub async fn mark_read(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(request): ApiJson<MarkRead>,
) -> Result<StatusCode, Problem> {
    notification::Entity::update_many()
        .col_expr(notification::Column::Read, Expr::value(true))
        .filter(notification::Column::AccountId.eq(member.id))
        .filter(notification::Column::Id.lte(request.up_to))
        .exec(&state.db)
        .await
        .map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}
