//! The story routes: create a draft, read, edit, submit, withdraw; the feed; the
//! author's own stories; a member's steady forum name.

use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, SqlErr};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    PseudonymMode, State as StoryState,
    access::{self, Reader, invalid_state},
    feed::{self, FeedPage, FeedQuery},
    input::{Content, StoryInput},
    pseudonym, store, tags,
    view::{StoryView, story_view},
};
use crate::{
    AppState,
    accounts::session::SignedIn,
    entities::{account, story},
    problem::{ApiJson, ApiQuery, Problem, ProblemBody, ProblemCode},
};

type Answer<T> = Result<T, Problem>;

/// The longest a story's check and render may take before the member is told to
/// simplify it.
const RENDER_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Checks a story as sent: limits, lists, and that its tags exist (`kept` may stay
/// although retired since).
async fn checked(state: &AppState, input: StoryInput, kept: &[String]) -> Answer<Content> {
    // Rendering and cleaning a long story is CPU work: off the async workers.
    let areas = state.areas.clone();
    let work = tokio::task::spawn_blocking(move || input.check(&areas, Utc::now().date_naive()));
    // The shape checks keep the worst render near 10 ms (README, "Reliability"); this bound
    // is for whatever they miss: the member gets a plain answer and the worker moves on
    // (the render itself finishes on the blocking pool and is dropped).
    let content = tokio::time::timeout(RENDER_TIME_LIMIT, work)
        .await
        .map_err(|_| {
            Problem::new(ProblemCode::Validation)
                .detail("body: this text took too long to prepare; please simplify its formatting.")
        })?
        .map_err(Problem::internal)??;
    tags::check(state, &state.db, &content.tags, kept).await?;
    Ok(content)
}

/// The pseudonym a new story is signed with.
async fn pseudonym_for(state: &AppState, member: &SignedIn, mode: PseudonymMode) -> Answer<String> {
    match mode {
        PseudonymMode::Fresh => pseudonym::fresh().map_err(Problem::internal),
        PseudonymMode::ForumName => account::Entity::find_by_id(member.id)
            .one(&state.db)
            .await
            .map_err(Problem::internal)?
            .and_then(|a| a.forum_name)
            .ok_or_else(|| {
                Problem::new(ProblemCode::ForumNameMissing)
                    .detail("Choose a forum name on your account page, or use a fresh pseudonym.")
            }),
    }
}

async fn respond(
    state: &AppState,
    row: &story::Model,
    member: &SignedIn,
) -> Answer<ApiJson<StoryView>> {
    let view = story_view(state, row, &Reader(Some(member.clone())))
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(view))
}

async fn load(state: &AppState, id: &str) -> Answer<Option<story::Model>> {
    store::find(&state.db, id).await.map_err(Problem::internal)
}

/// Starts a story as a draft. Only the author and moderators can see it.
#[utoipa::path(post, path = "/api/v1/stories", tag = "stories",
    request_body = StoryInput,
    security(("session" = [])),
    responses(
        (status = 201, description = "The draft", body = StoryView),
        (status = 422, description = "`validation`, `text_too_long` or `forum_name_missing`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn create(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(input): ApiJson<StoryInput>,
) -> Answer<(StatusCode, ApiJson<StoryView>)> {
    let mode = input.pseudonym_mode;
    let content = checked(&state, input, &[]).await?;
    let pseudonym = pseudonym_for(&state, &member, mode).await?;
    state.posts.check(member.id)?;
    let row = store::insert(
        &state.db,
        store::NewStory {
            public_id: pseudonym::public_id().map_err(Problem::internal)?,
            author_id: Some(member.id),
            pseudonym,
            content: &content,
            sample: false,
        },
        Utc::now(),
    )
    .await
    .map_err(Problem::internal)?;
    Ok((StatusCode::CREATED, respond(&state, &row, &member).await?))
}

/// The feed: published stories this reader may see, newest first.
#[utoipa::path(get, path = "/api/v1/stories", tag = "stories", params(FeedQuery),
    responses(
        (status = 200, description = "A page of stories", body = FeedPage),
        (status = 422, description = "`validation`: a bad filter or cursor", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn list(
    State(state): State<AppState>,
    reader: Reader,
    RawQuery(raw): RawQuery,
    ApiQuery(query): ApiQuery<FeedQuery>,
) -> Answer<Response> {
    let member = reader.0.is_some();
    let key = raw.unwrap_or_default();
    let body = match state.feed_cache.get(member, &key) {
        Some(body) => body,
        None => {
            let generation = state.feed_cache.generation();
            let page = feed::page(&state, &reader, query).await?;
            let body = Bytes::from(serde_json::to_vec(&page).map_err(Problem::internal)?);
            state.feed_cache.put(member, &key, generation, body.clone());
            body
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// A story, if the reader may read it.
#[utoipa::path(get, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    responses(
        (status = 200, description = "The story", body = StoryView),
        (status = 404, description = "`not_found`: no such story, or not one you may read", body = ProblemBody, content_type = "application/problem+json"),
        (status = 410, description = "`withdrawn`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn get(
    State(state): State<AppState>,
    reader: Reader,
    Path(id): Path<String>,
) -> Answer<ApiJson<StoryView>> {
    let row = access::readable(load(&state, &id).await?, &reader)?;
    let view = story_view(&state, &row, &reader)
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(view))
}

/// Never publicly more than the published version allows, until a moderator approves:
/// narrowing who sees it, or withdrawing a consent, applies at once.
fn narrow_now(live: &mut story::ActiveModel, row: &story::Model, edit: &Content) {
    live.visibility = Set(row.visibility.min(edit.visibility));
    live.consent_count = Set(row.consent_count && edit.consent_count);
    live.consent_quote = Set(row.consent_quote && edit.consent_quote);
}

/// Edits a story. A draft or a story waiting for a moderator is replaced; an edit of a
/// published story waits for a moderator while the published version stays.
#[utoipa::path(put, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    request_body = StoryInput,
    security(("session" = [])),
    responses(
        (status = 200, description = "The story", body = StoryView),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`invalid_state`: rejected stories cannot be edited", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation` or `text_too_long`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many edits; see Retry-After", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn update(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<StoryInput>,
) -> Answer<ApiJson<StoryView>> {
    state.edits.check(member.id)?;
    let row = access::own(load(&state, &id).await?, &member)?;
    if row.state == StoryState::Rejected {
        return Err(invalid_state(
            "A moderator decided not to publish this story; it cannot be edited.",
        ));
    }
    let mode = input.pseudonym_mode;
    let kept = super::split_tags(&row.tags);
    let content = checked(&state, input, &kept).await?;
    let now = Utc::now();
    let mut active = row.clone().into_active_model();
    if row.live {
        narrow_now(&mut active, &row, &content);
        active.pending_edit = Set(Some(
            store::encode_edit(&content).map_err(Problem::internal)?,
        ));
        active.state = Set(StoryState::Pending);
        active.submitted_at = Set(Some(now));
    } else {
        store::set_content(&mut active, &content);
        if mode == PseudonymMode::ForumName || !pseudonym::looks_generated(&row.pseudonym) {
            active.pseudonym = Set(pseudonym_for(&state, &member, mode).await?);
        }
    }
    active.updated_at = Set(now);
    // The feed's tag rows follow the published version, which an edit does not change.
    let row = active.update(&state.db).await.map_err(Problem::internal)?;
    respond(&state, &row, &member).await
}

/// Sends a draft (or a story a moderator asked to change) to the moderators.
#[utoipa::path(post, path = "/api/v1/stories/{id}/submit", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Waiting for a moderator", body = StoryView),
        (status = 409, description = "`invalid_state`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`story_incomplete`: no title or no text", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn submit(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
) -> Answer<ApiJson<StoryView>> {
    let row = access::own(load(&state, &id).await?, &member)?;
    if !matches!(row.state, StoryState::Draft | StoryState::ChangesRequested) {
        return Err(invalid_state(match row.state {
            StoryState::Pending => "This story is already waiting for a moderator.",
            _ => "Only a draft, or a story a moderator asked you to change, can be sent.",
        }));
    }
    let under_review = store::pending_edit(&row).unwrap_or_else(|| store::content(&row));
    under_review.check_complete()?;
    let mut active = row.into_active_model();
    active.state = Set(StoryState::Pending);
    let now: DateTime<Utc> = Utc::now();
    active.submitted_at = Set(Some(now));
    active.updated_at = Set(now);
    let row = active.update(&state.db).await.map_err(Problem::internal)?;
    respond(&state, &row, &member).await
}

/// Withdraws a story at any stage: its text is deleted, and its id answers "withdrawn".
#[utoipa::path(delete, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = String, Path, description = "The story's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 410, description = "`withdrawn` already", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn withdraw(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
) -> Answer<StatusCode> {
    let row = access::own(load(&state, &id).await?, &member)?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    store::withdraw(&txn, row, Utc::now())
        .await
        .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Your stories, in every state but withdrawn, most recently changed first.
#[utoipa::path(get, path = "/api/v1/me/stories", tag = "stories",
    security(("session" = [])),
    responses((status = 200, description = "Your stories", body = [StoryView])))]
pub async fn mine(
    State(state): State<AppState>,
    member: SignedIn,
) -> Answer<ApiJson<Vec<StoryView>>> {
    let rows = store::by_author(&state.db, member.id)
        .await
        .map_err(Problem::internal)?;
    let reader = Reader(Some(member));
    let mut views = Vec::with_capacity(rows.len());
    for row in &rows {
        views.push(
            story_view(&state, row, &reader)
                .await
                .map_err(Problem::internal)?,
        );
    }
    Ok(ApiJson(views))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumNameRequest {
    /// 3 to 40 letters, spaces, hyphens or apostrophes; `null` to stop using one.
    pub forum_name: Option<String>,
}

fn check_forum_name(name: &str) -> Answer<()> {
    let length = name.chars().count();
    let allowed = name
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    if !(3..=40).contains(&length) || !allowed || name.contains("  ") {
        return Err(Problem::new(ProblemCode::Validation)
            .detail("forum_name: 3 to 40 letters, single spaces, hyphens or apostrophes."));
    }
    if pseudonym::looks_generated(name) {
        return Err(Problem::new(ProblemCode::Validation).detail(
            "forum_name: that looks like one of the pseudonyms given to stories; choose another.",
        ));
    }
    Ok(())
}

/// Chooses (or, with `null`, stops using) one steady name to sign stories with. Stories
/// already signed keep their names.
#[utoipa::path(put, path = "/api/v1/me/forum-name", tag = "stories",
    request_body = ForumNameRequest,
    security(("session" = [])),
    responses(
        (status = 200, description = "Saved", body = ForumNameRequest),
        (status = 409, description = "`forum_name_taken`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn set_forum_name(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(request): ApiJson<ForumNameRequest>,
) -> Answer<ApiJson<ForumNameRequest>> {
    let name = request
        .forum_name
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    if let Some(name) = &name {
        check_forum_name(name)?;
        if name.eq_ignore_ascii_case(member.handle.as_str()) {
            return Err(Problem::new(ProblemCode::Validation).detail(
                "forum_name: your handle is never shown on stories; choose a different name.",
            ));
        }
    }
    let account = account::Entity::find_by_id(member.id)
        .one(&state.db)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::new(ProblemCode::Unauthorized))?;
    let mut active = account.into_active_model();
    active.forum_name = Set(name.clone());
    match active.update(&state.db).await {
        Ok(_) => Ok(ApiJson(ForumNameRequest { forum_name: name })),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(Problem::new(ProblemCode::ForumNameTaken)
                .detail("Another member uses that forum name; choose another."))
        }
        Err(e) => Err(Problem::internal(e)),
    }
}
