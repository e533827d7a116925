//! `GET /api/v1/moderation/log`: what moderators and admins did, for every member to read.

use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{
    AppState,
    accounts::session::SignedIn,
    problem::{ApiJson, ApiQuery, Problem},
};

use super::store;

/// One thing a moderator or admin did.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogEntryView {
    pub id: i64,
    /// e.g. `role_changed`.
    pub action: String,
    /// Who did it; `null` once their account is erased.
    pub actor: Option<String>,
    /// Whose account it concerned, if any; `null` once erased.
    pub subject: Option<String>,
    /// The story it concerns, if any (its id only: never its text).
    pub story_id: Option<String>,
    pub detail: String,
    pub reason: Option<String>,
    /// The day it happened (public timestamps are dates).
    pub date: NaiveDate,
}

impl From<store::Entry> for LogEntryView {
    fn from(entry: store::Entry) -> Self {
        Self {
            id: entry.row.id,
            action: entry.row.action,
            actor: entry.actor,
            subject: entry.subject,
            story_id: entry.row.story_id,
            detail: entry.row.detail,
            reason: entry.row.reason,
            date: entry.row.created_at.date_naive(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LogQuery {
    /// Only entries older than this id (the last id of the previous page).
    pub before: Option<i64>,
}

const PAGE: u64 = 50;

/// The moderation log, newest first, 50 at a time. Members only.
#[utoipa::path(get, path = "/api/v1/moderation/log", tag = "moderation", params(LogQuery),
    security(("session" = [])),
    responses((status = 200, description = "Newest entries first", body = [LogEntryView])))]
pub async fn moderation_log(
    State(state): State<AppState>,
    _member: SignedIn,
    ApiQuery(query): ApiQuery<LogQuery>,
) -> Result<ApiJson<Vec<LogEntryView>>, Problem> {
    let entries = store::newest(&state.db, query.before, PAGE)
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(entries.into_iter().map(Into::into).collect()))
}
