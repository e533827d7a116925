//! `GET /api/v1/instance`: the forum introduces itself.

use axum::{extract::State, response::IntoResponse};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    areas::Areas,
    config::{Config, Membership, ReplyModeration},
    problem::ApiJson,
};

/// What the forum says about itself.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstanceView {
    pub name: String,
    pub description: String,
    /// ONS GSS code of the forum's local authority, if set.
    pub area: Option<String>,
    /// The authority's name, e.g. "Birmingham".
    pub area_name: Option<String>,
    pub membership: Membership,
    /// The Common Thread version this forum runs.
    pub version: String,
    /// Where to get the source code the forum runs (AGPL-3.0-or-later).
    pub source_url: String,
    /// Where Quick exit sends people.
    pub quick_exit_url: String,
    /// The day the forum first started (a date: public timestamps are never times).
    pub running_since: NaiveDate,
    /// Whether replies wait for a moderator (`pre`) or appear at once (`post`).
    pub reply_moderation: ReplyModeration,
    /// The forum shows sample stories (a demonstration).
    pub samples: bool,
}

impl InstanceView {
    pub fn new(config: &Config, areas: &Areas, running_since: NaiveDate) -> Self {
        let forum = &config.forum;
        Self {
            name: forum.name.as_str().to_owned(),
            description: forum.description.as_str().to_owned(),
            reply_moderation: forum.reply_moderation,
            samples: forum.sample_stories,
            area: forum.area.as_ref().map(ToString::to_string),
            area_name: forum
                .area
                .as_ref()
                .and_then(|code| areas.get(code))
                .map(|a| a.name.clone()),
            membership: forum.membership,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            source_url: forum.source_url.as_str().to_owned(),
            quick_exit_url: forum.quick_exit_url.as_str().to_owned(),
            running_since,
        }
    }
}

/// The forum's name, description, area and software version.
#[utoipa::path(get, path = "/api/v1/instance", tag = "instance",
    responses((status = 200, description = "This forum", body = InstanceView)))]
pub async fn get_instance(State(state): State<AppState>) -> impl IntoResponse {
    ApiJson(state.instance.as_ref().clone())
}
