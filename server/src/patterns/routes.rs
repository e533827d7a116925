//! `GET /api/v1/patterns` (the vocabulary with the forum's own tags), `POST
//! /api/v1/patterns/suggest` (tags for a text: no sign-in, nothing stored or logged),
//! the admin routes for local tags, and `GET /ns` (the JSON-LD namespace document).

use axum::{
    extract::{Path, State},
    http::{StatusCode, header},
    response::IntoResponse,
};
use sea_orm::SqlErr;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    Category, Suggestion,
    local::{self, LocalTagRequest, MAX_LOCAL_TAGS, PREFIX, TagView},
    namespace,
};
use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    limits::check_text_chars,
    moderation,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
};

type Answer<T> = Result<T, Problem>;

/// The longest text tags are suggested for, in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// The vocabulary: the shared tags, then the forum's own.
#[derive(Debug, Serialize, ToSchema)]
pub struct VocabularyView {
    /// The shared vocabulary's version.
    pub version: u32,
    pub categories: Vec<Category>,
    /// Shared tags in vocabulary order (by category), then local tags, oldest first.
    pub tags: Vec<TagView>,
}

/// The forum's own tags, oldest first.
async fn local_views(state: &AppState) -> Answer<Vec<TagView>> {
    let public_url = state.config.server.public_url.origin();
    let rows = local::all(&state.db).await.map_err(Problem::internal)?;
    Ok(rows
        .into_iter()
        .map(|row| TagView::local(row, &public_url))
        .collect())
}

/// The pattern vocabulary, with each tag's URI.
#[utoipa::path(get, path = "/api/v1/patterns", tag = "patterns",
    responses((status = 200, description = "The vocabulary", body = VocabularyView)))]
pub async fn vocabulary(State(state): State<AppState>) -> Answer<ApiJson<VocabularyView>> {
    let vocabulary = &state.patterns.vocabulary;
    let mut tags: Vec<TagView> = vocabulary.tags.iter().map(TagView::shared).collect();
    tags.extend(local_views(&state).await?);
    Ok(ApiJson(VocabularyView {
        version: vocabulary.version,
        categories: vocabulary.categories.clone(),
        tags,
    }))
}

/// A text to suggest tags for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuggestRequest {
    /// Up to 50,000 characters.
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestResponse {
    /// Best first. Only shared tags are suggested.
    pub suggestions: Vec<Suggestion>,
}

/// The tags a text most likely shows, each with the phrase that showed it. Stores and
/// logs nothing; needs no sign-in.
#[utoipa::path(post, path = "/api/v1/patterns/suggest", tag = "patterns",
    request_body = SuggestRequest,
    responses(
        (status = 200, description = "Suggested tags, best first", body = SuggestResponse),
        (status = 422, description = "`validation` (no `text`) or `text_too_long`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn suggest(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<SuggestRequest>,
) -> Answer<ApiJson<SuggestResponse>> {
    state.suggestions.check()?;
    check_text_chars(&request.text, MAX_TEXT_CHARS, "read for tags")?;
    let patterns = state.patterns.clone();
    let suggestions =
        tokio::task::spawn_blocking(move || patterns.suggester.suggest(&request.text))
            .await
            .map_err(Problem::internal)?;
    Ok(ApiJson(SuggestResponse { suggestions }))
}

fn invalid(message: String) -> Problem {
    Problem::new(ProblemCode::Validation).detail(message)
}

/// Adds one of the forum's own tags (admins). Its id is made from the label.
#[utoipa::path(post, path = "/api/v1/admin/patterns", tag = "admin",
    request_body = LocalTagRequest,
    security(("session" = ["admin"])),
    responses(
        (status = 201, description = "The new tag", body = TagView),
        (status = 409, description = "`tag_exists`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn create_local(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(request): ApiJson<LocalTagRequest>,
) -> Answer<(StatusCode, ApiJson<TagView>)> {
    let admin = member.require(Role::Admin)?;
    let tag = request.check(&state.patterns.vocabulary).map_err(invalid)?;
    let slug = local::slug(&tag.label)
        .ok_or_else(|| invalid("A label needs letters or digits.".into()))?;
    let exists = || {
        Problem::new(ProblemCode::TagExists)
            .detail(format!("This forum already has a tag with the id {PREFIX}{slug}; change that one or choose another label."))
    };
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let existing = local::all(&txn).await.map_err(Problem::internal)?;
    if existing.iter().any(|row| row.slug == slug) {
        return Err(exists());
    }
    if existing.len() >= MAX_LOCAL_TAGS {
        return Err(invalid(format!(
            "A forum can have up to {MAX_LOCAL_TAGS} tags of its own."
        )));
    }
    let row = match local::insert(&txn, &slug, tag).await {
        Ok(row) => row,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Err(exists());
        }
        Err(e) => return Err(Problem::internal(e)),
    };
    record(&txn, &admin, moderation::Action::TagAdded, &slug).await?;
    txn.commit().await.map_err(Problem::internal)?;
    let view = TagView::local(row, &state.config.server.public_url.origin());
    Ok((StatusCode::CREATED, ApiJson(view)))
}

/// Changes one of the forum's own tags (admins): label, definition, category, "same
/// as", or retired. Its id never changes; shared tags cannot be changed.
#[utoipa::path(put, path = "/api/v1/admin/patterns/{id}", tag = "admin",
    params(("id" = String, Path, description = "A local tag's id, e.g. `local:transport-cancelled`")),
    request_body = LocalTagRequest,
    security(("session" = ["admin"])),
    responses(
        (status = 200, description = "The tag as changed", body = TagView),
        (status = 404, description = "`not_found`: no such local tag", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn update_local(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<LocalTagRequest>,
) -> Answer<ApiJson<TagView>> {
    let admin = member.require(Role::Admin)?;
    let not_found = || {
        Problem::new(ProblemCode::NotFound).detail("This forum has no tag of its own with that id.")
    };
    let slug = id.strip_prefix(PREFIX).ok_or_else(not_found)?;
    let tag = request.check(&state.patterns.vocabulary).map_err(invalid)?;
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    let row = local::find(&txn, slug)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(not_found)?;
    let row = local::update(&txn, row, tag)
        .await
        .map_err(Problem::internal)?;
    record(&txn, &admin, moderation::Action::TagChanged, slug).await?;
    txn.commit().await.map_err(Problem::internal)?;
    Ok(ApiJson(TagView::local(
        row,
        &state.config.server.public_url.origin(),
    )))
}

async fn record(
    db: &impl sea_orm::ConnectionTrait,
    admin: &SignedIn,
    action: moderation::Action,
    slug: &str,
) -> Answer<()> {
    moderation::store::record(
        db,
        moderation::store::NewEntry {
            action,
            actor_id: admin.id,
            subject_account_id: None,
            story_id: None,
            detail: &format!("{PREFIX}{slug}"),
            reason: None,
        },
    )
    .await
    .map_err(Problem::internal)
}

/// The JSON-LD namespace document: the extension terms as a context, and every tag
/// (shared and this forum's own) as a SKOS concept.
#[utoipa::path(get, path = "/ns", tag = "federation",
    responses((status = 200, description = "JSON-LD", content_type = "application/ld+json")))]
pub async fn ns(State(state): State<AppState>) -> Answer<impl IntoResponse> {
    let public_url = state.config.server.public_url.origin();
    let local = local_views(&state).await?;
    let document = namespace::document(&state.patterns.vocabulary, &public_url, &local);
    Ok((
        [
            (header::CONTENT_TYPE, namespace::JSON_LD),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        document.to_string(),
    ))
}
