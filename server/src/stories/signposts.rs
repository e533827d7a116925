//! Signposting: for each tag, a short text the forum writes (e.g. where to get
//! independent advice), shown under stories with that tag.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    sea_query::OnConflict,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{render, tags, view::SignpostView};
use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    entities::signpost,
    limits::check_field_chars,
    moderation::{self, Action},
    problem::{ApiJson, Problem, ProblemCode},
};

pub const MAX_TEXT_CHARS: usize = 1_000;

/// A tag's label; its id when the vocabulary no longer has it.
async fn label(state: &AppState, tag: &str) -> Result<String, Problem> {
    Ok(tags::lookup(state, &state.db, tag)
        .await?
        .map_or_else(|| tag.to_owned(), |t| t.label))
}

fn view(row: signpost::Model, label: String) -> SignpostView {
    SignpostView {
        tag: row.tag,
        label,
        text: row.text,
        html: row.html,
    }
}

/// The signposts for a story's tags, in the story's tag order.
pub async fn for_tags(state: &AppState, story_tags: &[String]) -> Result<Vec<SignpostView>, DbErr> {
    if story_tags.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = signpost::Entity::find()
        .filter(signpost::Column::Tag.is_in(story_tags.iter().cloned()))
        .all(&state.db)
        .await?;
    let mut views = Vec::with_capacity(rows.len());
    for tag in story_tags {
        if let Some(at) = rows.iter().position(|r| &r.tag == tag) {
            let label = label(state, tag).await.unwrap_or_else(|_| tag.clone());
            views.push(view(rows.swap_remove(at), label));
        }
    }
    Ok(views)
}

/// The forum's signposting texts, by tag.
#[utoipa::path(get, path = "/api/v1/signposts", tag = "stories",
    responses((status = 200, description = "Every signpost", body = [SignpostView])))]
pub async fn list(State(state): State<AppState>) -> Result<ApiJson<Vec<SignpostView>>, Problem> {
    let rows = signpost::Entity::find()
        .order_by_asc(signpost::Column::Tag)
        .all(&state.db)
        .await
        .map_err(Problem::internal)?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let label = label(&state, &row.tag).await?;
        views.push(view(row, label));
    }
    Ok(ApiJson(views))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignpostRequest {
    /// Markdown, up to 1,000 characters; empty removes the signpost.
    pub text: String,
}

/// Sets (or, with an empty text, removes) the signposting text for a tag. Admins only.
#[utoipa::path(put, path = "/api/v1/admin/signposts/{tag}", tag = "admin",
    params(("tag" = String, Path, description = "A tag id")),
    request_body = SignpostRequest,
    security(("session" = ["admin"])),
    responses(
        (status = 200, description = "Saved", body = SignpostView),
        (status = 204, description = "Removed"),
    ))]
pub async fn put(
    State(state): State<AppState>,
    member: SignedIn,
    Path(tag): Path<String>,
    ApiJson(request): ApiJson<SignpostRequest>,
) -> Result<Response, Problem> {
    let admin = member.require(Role::Admin)?;
    check_field_chars(&request.text, MAX_TEXT_CHARS, "text")?;
    let known = tags::lookup(&state, &state.db, &tag)
        .await?
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such tag."))?;
    let text = request.text.trim();
    if let Some(why) = render::shape_problem(text) {
        return Err(Problem::new(ProblemCode::Validation).detail(format!("text: {why}")));
    }
    let html = render::to_html(text);
    let removed = text.is_empty();
    let txn = sea_orm::TransactionTrait::begin(&state.db)
        .await
        .map_err(Problem::internal)?;
    if removed {
        signpost::Entity::delete_by_id(tag.clone())
            .exec(&txn)
            .await
            .map_err(Problem::internal)?;
    } else {
        signpost::Entity::insert(signpost::ActiveModel {
            tag: Set(tag.clone()),
            text: Set(text.to_owned()),
            html: Set(html.clone()),
            updated_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(signpost::Column::Tag)
                .update_columns([
                    signpost::Column::Text,
                    signpost::Column::Html,
                    signpost::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&txn)
        .await
        .map_err(Problem::internal)?;
    }
    let detail = if removed {
        format!("signpost for {tag} removed")
    } else {
        format!("signpost for {tag} changed")
    };
    moderation::store::record(
        &txn,
        moderation::store::NewEntry {
            action: Action::SignpostChanged,
            actor_id: admin.id,
            subject_account_id: None,
            story_id: None,
            detail: &detail,
            reason: None,
        },
    )
    .await
    .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    if removed {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    Ok(ApiJson(SignpostView {
        tag,
        label: known.label,
        text: text.to_owned(),
        html,
    })
    .into_response())
}
