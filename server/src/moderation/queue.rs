//! `GET /api/v1/moderation/queue`: what waits for a moderator. Stories oldest submitted
//! first, with the screening findings of the text under review (computed now, never
//! stored); replies waiting under pre-moderation; open reports.

use axum::extract::State;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    entities::{
        reply::{self, ReplyState},
        report, story,
    },
    problem::{ApiJson, Problem},
    screening::{self, Finding},
    stories::{
        access::Reader,
        peer::{ReplyView, reply_view},
        store,
        view::{StoryView, story_view},
    },
};

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedStory {
    pub story: StoryView,
    /// `new` (never published) or `edit` (of a published story).
    pub kind: String,
    pub submitted: Option<NaiveDate>,
    /// The Markdown under review: the edit's, for an edit.
    pub text: String,
    /// What screening finds in `text`.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedReply {
    pub reply: ReplyView,
    pub story_id: String,
    pub story_title: String,
    /// The reply's Markdown.
    pub body: String,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedReport {
    pub id: i64,
    pub story_id: String,
    pub story_title: String,
    pub reply_id: Option<i64>,
    /// The reported reply, if a reply was reported.
    pub reply_html: Option<String>,
    pub reason: String,
    pub note: Option<String>,
    pub date: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QueueView {
    pub stories: Vec<QueuedStory>,
    pub replies: Vec<QueuedReply>,
    pub reports: Vec<QueuedReport>,
}

/// Everything waiting for a moderator, oldest first. Moderators and admins only.
#[utoipa::path(get, path = "/api/v1/moderation/queue", tag = "moderation",
    security(("session" = ["moderator"])),
    responses((status = 200, description = "The queue", body = QueueView)))]
pub async fn queue(
    State(state): State<AppState>,
    member: SignedIn,
) -> Result<ApiJson<QueueView>, Problem> {
    let member = member.require(Role::Moderator)?;
    let reader = Reader(Some(member));
    let db = &state.db;

    let mut stories = Vec::new();
    for row in store::pending(db).await.map_err(Problem::internal)? {
        let edit = store::pending_edit(&row);
        let kind = if edit.is_some() { "edit" } else { "new" };
        let text = edit.map_or_else(|| row.body.clone(), |e| e.body);
        let screened = text.clone();
        let findings = tokio::task::spawn_blocking(move || screening::screen(&screened))
            .await
            .map_err(Problem::internal)?;
        stories.push(QueuedStory {
            story: story_view(&state, &row, &reader)
                .await
                .map_err(Problem::internal)?,
            kind: kind.to_owned(),
            submitted: row.submitted_at.map(|t| t.date_naive()),
            text,
            findings,
        });
    }

    let waiting = reply::Entity::find()
        .filter(reply::Column::State.eq(ReplyState::Pending))
        .order_by_asc(reply::Column::Id)
        .find_also_related(story::Entity)
        .all(db)
        .await
        .map_err(Problem::internal)?;
    let mut replies = Vec::new();
    for (row, story) in waiting {
        let Some(story) = story else { continue };
        let body = row.body.clone();
        let findings = tokio::task::spawn_blocking(move || screening::screen(&body))
            .await
            .map_err(Problem::internal)?;
        replies.push(QueuedReply {
            reply: reply_view(&row, &story.public_id, reader.id()),
            story_id: story.public_id,
            story_title: story.title,
            body: row.body,
            findings,
        });
    }

    let open = report::Entity::find()
        .filter(report::Column::Open.eq(true))
        .order_by_asc(report::Column::Id)
        .find_also_related(story::Entity)
        .all(db)
        .await
        .map_err(Problem::internal)?;
    let mut reports = Vec::new();
    for (row, story) in open {
        let Some(story) = story else { continue };
        let reply_html = match row.reply_id {
            Some(id) => reply::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(Problem::internal)?
                .map(|r| r.html),
            None => None,
        };
        reports.push(QueuedReport {
            id: row.id,
            story_id: story.public_id,
            story_title: story.title,
            reply_id: row.reply_id,
            reply_html,
            reason: row.reason,
            note: row.note,
            date: row.created_at.date_naive(),
        });
    }
    Ok(ApiJson(QueueView {
        stories,
        replies,
        reports,
    }))
}
