//! Peer support: replies on published stories (checked before or after they appear, as
//! the forum chooses), the "this happened to us too" reaction (one per member per story),
//! and readers' reports, which go to the moderation queue.

use axum::{
    extract::{Path, State},
    http::StatusCode,
};
use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, QueryFilter,
    QueryOrder, SqlErr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    ReportReason,
    access::{self, Reader, invalid_state},
    notifications::{self, Kind},
    pseudonym, render, store,
    view::ReactionsView,
};
use crate::{
    AppState,
    accounts::session::SignedIn,
    config::ReplyModeration,
    entities::{
        account, reaction,
        reply::{self, ReplyState},
        report, story,
    },
    limits::check_field_chars,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
};

type Answer<T> = Result<T, Problem>;

pub const MAX_REPLY_CHARS: usize = 5_000;
pub const MAX_NOTE_CHARS: usize = 1_000;

/// A reply as readers see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReplyView {
    pub id: i64,
    pub story_id: String,
    /// Sanitised HTML.
    pub html: String,
    pub pseudonym: String,
    /// Written by the story's author.
    pub by_author: bool,
    pub state: ReplyState,
    pub date: NaiveDate,
    /// The reader wrote it.
    pub mine: bool,
}

pub fn reply_view(row: &reply::Model, story_public_id: &str, reader: Option<i64>) -> ReplyView {
    ReplyView {
        id: row.id,
        story_id: story_public_id.to_owned(),
        html: row.html.clone(),
        pseudonym: row.pseudonym.clone(),
        by_author: row.by_author,
        state: row.state,
        date: row.created_at.date_naive(),
        mine: reader.is_some() && row.author_id == reader,
    }
}

async fn readable_story(state: &AppState, id: &str, reader: &Reader) -> Answer<story::Model> {
    let row = store::find(&state.db, id)
        .await
        .map_err(Problem::internal)?;
    access::readable(row, reader)
}

fn require_live(row: &story::Model) -> Answer<()> {
    if row.live {
        Ok(())
    } else {
        Err(invalid_state(
            "Only published stories have replies and reactions.",
        ))
    }
}

/// The replies to a story the reader may see, oldest first: published ones, the
/// reader's own, and (for moderators) all.
#[utoipa::path(get, path = "/api/v1/stories/{id}/replies", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    responses((status = 200, description = "Oldest first", body = [ReplyView])))]
pub async fn list_replies(
    State(state): State<AppState>,
    reader: Reader,
    Path(id): Path<String>,
) -> Answer<ApiJson<Vec<ReplyView>>> {
    let story = readable_story(&state, &id, &reader).await?;
    let mut query = reply::Entity::find()
        .filter(reply::Column::StoryId.eq(story.id))
        .order_by_asc(reply::Column::Id);
    if !reader.is_moderator() {
        let mut seen = Condition::any().add(reply::Column::State.eq(ReplyState::Published));
        if let Some(me) = reader.id() {
            seen = seen.add(
                Condition::all()
                    .add(reply::Column::AuthorId.eq(me))
                    .add(reply::Column::State.eq(ReplyState::Pending)),
            );
        }
        query = query.filter(seen);
    }
    let rows = query.all(&state.db).await.map_err(Problem::internal)?;
    Ok(ApiJson(
        rows.iter()
            .map(|r| reply_view(r, &story.public_id, reader.id()))
            .collect(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyRequest {
    /// Markdown, 1 to 5,000 characters.
    pub body: String,
}

/// The name a reply is signed with: the story's pseudonym for its author; otherwise the
/// member's forum name, or one pseudonym kept for them throughout this story's replies.
async fn reply_pseudonym(
    db: &impl sea_orm::ConnectionTrait,
    story: &story::Model,
    member: &SignedIn,
) -> Answer<(String, bool)> {
    if story.author_id == Some(member.id) {
        return Ok((story.pseudonym.clone(), true));
    }
    let forum_name = account::Entity::find_by_id(member.id)
        .one(db)
        .await
        .map_err(Problem::internal)?
        .and_then(|a| a.forum_name);
    if let Some(name) = forum_name {
        return Ok((name, false));
    }
    let earlier = reply::Entity::find()
        .filter(reply::Column::StoryId.eq(story.id))
        .filter(reply::Column::AuthorId.eq(member.id))
        .one(db)
        .await
        .map_err(Problem::internal)?;
    match earlier {
        Some(reply) => Ok((reply.pseudonym, false)),
        None => Ok((pseudonym::fresh().map_err(Problem::internal)?, false)),
    }
}

/// Replies to a published story. Under pre-moderation the reply waits for a moderator.
#[utoipa::path(post, path = "/api/v1/stories/{id}/replies", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    request_body = ReplyRequest,
    security(("session" = [])),
    responses(
        (status = 201, description = "The reply", body = ReplyView),
        (status = 409, description = "`invalid_state`: the story is not published", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation` or `text_too_long`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn post_reply(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReplyRequest>,
) -> Answer<(StatusCode, ApiJson<ReplyView>)> {
    let reader = Reader(Some(member.clone()));
    let story = readable_story(&state, &id, &reader).await?;
    require_live(&story)?;
    let body = request.body.trim();
    if body.is_empty() {
        return Err(Problem::new(ProblemCode::Validation).detail("body: write a reply first."));
    }
    check_field_chars(body, MAX_REPLY_CHARS, "body")?;
    if let Some(why) = render::shape_problem(body) {
        return Err(Problem::new(ProblemCode::Validation).detail(format!("body: {why}")));
    }
    state.posts.check(member.id)?;
    let published = state.config.forum.reply_moderation == ReplyModeration::Post;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let (pseudonym, by_author) = reply_pseudonym(&txn, &story, &member).await?;
    let row = reply::ActiveModel {
        story_id: Set(story.id),
        author_id: Set(Some(member.id)),
        body: Set(body.to_owned()),
        html: Set(render::to_html(body)),
        pseudonym: Set(pseudonym),
        by_author: Set(by_author),
        state: Set(if published {
            ReplyState::Published
        } else {
            ReplyState::Pending
        }),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(Problem::internal)?;
    if published {
        store::bump(&txn, story.id, story::Column::ReplyCount, 1)
            .await
            .map_err(Problem::internal)?;
        if !by_author {
            notifications::notify(&txn, story.author_id, Kind::ReplyReceived, story.id, None)
                .await
                .map_err(Problem::internal)?;
        }
    }
    txn.commit().await.map_err(Problem::internal)?;
    Ok((
        StatusCode::CREATED,
        ApiJson(reply_view(&row, &story.public_id, Some(member.id))),
    ))
}

async fn reaction_count(state: &AppState, story_id: i64) -> Answer<i64> {
    let row = store::find_by_id(&state.db, story_id)
        .await
        .map_err(Problem::internal)?;
    Ok(row.map_or(0, |r| r.reaction_count.into()))
}

/// "This happened to us too": once per member per story, not on your own.
#[utoipa::path(post, path = "/api/v1/stories/{id}/reactions", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    security(("session" = [])),
    responses(
        (status = 201, description = "Counted", body = ReactionsView),
        (status = 409, description = "`already_reacted` or `invalid_state`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`own_story`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn react(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
) -> Answer<(StatusCode, ApiJson<ReactionsView>)> {
    let story = readable_story(&state, &id, &Reader(Some(member.clone()))).await?;
    require_live(&story)?;
    if story.author_id == Some(member.id) {
        return Err(Problem::new(ProblemCode::OwnStory)
            .detail("You cannot say your own story happened to you too."));
    }
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let inserted = reaction::ActiveModel {
        story_id: Set(story.id),
        account_id: Set(member.id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(Problem::new(ProblemCode::AlreadyReacted)
                .detail("You have already said this happened to you too."));
        }
        Err(e) => return Err(Problem::internal(e)),
    }
    store::bump(&txn, story.id, story::Column::ReactionCount, 1)
        .await
        .map_err(Problem::internal)?;
    crate::federation::outbox::like(&state, &txn, &story, member.id, false)
        .await
        .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    state.federation.wake.notify_one();
    Ok((
        StatusCode::CREATED,
        ApiJson(ReactionsView {
            count: reaction_count(&state, story.id).await?,
            mine: true,
        }),
    ))
}

/// Takes back your "this happened to us too".
#[utoipa::path(delete, path = "/api/v1/stories/{id}/reactions", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    security(("session" = [])),
    responses((status = 200, description = "Taken back", body = ReactionsView)))]
pub async fn unreact(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
) -> Answer<ApiJson<ReactionsView>> {
    let story = readable_story(&state, &id, &Reader(Some(member.clone()))).await?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let deleted = reaction::Entity::delete_by_id((story.id, member.id))
        .exec(&txn)
        .await
        .map_err(Problem::internal)?;
    if deleted.rows_affected > 0 {
        store::bump(&txn, story.id, story::Column::ReactionCount, -1)
            .await
            .map_err(Problem::internal)?;
        crate::federation::outbox::like(&state, &txn, &story, member.id, true)
            .await
            .map_err(Problem::internal)?;
    }
    txn.commit().await.map_err(Problem::internal)?;
    state.federation.wake.notify_one();
    Ok(ApiJson(ReactionsView {
        count: reaction_count(&state, story.id).await?,
        mine: false,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequest {
    pub reason: ReportReason,
    /// Up to 1,000 characters, for the moderators only.
    #[serde(default)]
    pub note: Option<String>,
    /// The reply reported, if it is a reply and not the story.
    #[serde(default)]
    pub reply_id: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportCreated {
    pub id: i64,
}

/// Reports a story, or one of its replies, to the moderators.
#[utoipa::path(post, path = "/api/v1/stories/{id}/reports", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    request_body = ReportRequest,
    security(("session" = [])),
    responses(
        (status = 201, description = "Sent to the moderators", body = ReportCreated),
        (status = 404, description = "`not_found`: no such story or reply", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ReportRequest>,
) -> Answer<(StatusCode, ApiJson<ReportCreated>)> {
    let reader = Reader(Some(member.clone()));
    let story = readable_story(&state, &id, &reader).await?;
    let note = request
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(note) = note {
        check_field_chars(note, MAX_NOTE_CHARS, "note")?;
    }
    if let Some(reply_id) = request.reply_id {
        let visible = reply::Entity::find_by_id(reply_id)
            .one(&state.db)
            .await
            .map_err(Problem::internal)?
            .filter(|r| r.story_id == story.id)
            .filter(|r| r.state == ReplyState::Published || r.author_id == Some(member.id));
        if visible.is_none() {
            return Err(Problem::new(ProblemCode::NotFound).detail("There is no such reply."));
        }
    }
    state.posts.check(member.id)?;
    let row = report::ActiveModel {
        story_id: Set(story.id),
        reply_id: Set(request.reply_id),
        reporter_id: Set(Some(member.id)),
        reason: Set(request.reason.as_str().to_owned()),
        note: Set(note.map(str::to_owned)),
        open: Set(true),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(Problem::internal)?;
    Ok((StatusCode::CREATED, ApiJson(ReportCreated { id: row.id })))
}

/// A reply as its author exports it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportedReply {
    pub story_id: String,
    pub body: String,
    pub state: ReplyState,
    pub date: NaiveDate,
}

/// Every reply a member wrote, oldest first.
pub async fn exported_replies(state: &AppState, account_id: i64) -> Answer<Vec<ExportedReply>> {
    let rows = reply::Entity::find()
        .filter(reply::Column::AuthorId.eq(account_id))
        .order_by_asc(reply::Column::Id)
        .find_also_related(story::Entity)
        .all(&state.db)
        .await
        .map_err(Problem::internal)?;
    Ok(rows
        .into_iter()
        .filter_map(|(row, story)| {
            story.map(|story| ExportedReply {
                story_id: story.public_id,
                body: row.body,
                state: row.state,
                date: row.created_at.date_naive(),
            })
        })
        .collect())
}
