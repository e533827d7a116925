//! `GET /actor`: the forum's one ActivityPub actor, a `Group` (as Lemmy's communities are)
//! that will announce its stories to partner forums. Nothing on it names a member.

use activitypub_federation::{
    axum::json::FederationJson,
    kinds::actor::GroupType,
    protocol::{context::WithContext, public_key::PublicKey},
};
use axum::extract::State;
use serde::Serialize;
use serde_json::json;
use url::Url;

use super::ACTOR_NAME;
use crate::{AppState, stories::render};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    #[serde(rename = "type")]
    pub kind: GroupType,
    pub id: Url,
    pub preferred_username: &'static str,
    pub name: String,
    /// The forum's description, as HTML (rendered and cleaned as stories are).
    pub summary: String,
    /// The forum's home page.
    pub url: Url,
    pub inbox: Url,
    pub outbox: Url,
    pub followers: Url,
    pub endpoints: Endpoints,
    pub public_key: PublicKey,
    /// Follow requests wait for an admin: by default a forum federates only with partners
    /// its admin approved.
    pub manually_approves_followers: bool,
    /// Not offered to fediverse directories.
    pub discoverable: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoints {
    pub shared_inbox: Url,
}

/// The JSON-LD contexts of everything we send: ActivityStreams, the security vocabulary
/// (for `publicKey`) and our own extension terms at `/ns`.
pub fn context(public_url: &str) -> serde_json::Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        format!("{public_url}/ns"),
    ])
}

/// The forum's actor.
#[utoipa::path(get, path = "/actor", tag = "federation",
    responses((status = 200, description = "The forum's Group actor", content_type = "application/activity+json")))]
pub async fn actor(State(state): State<AppState>) -> FederationJson<WithContext<Group>> {
    let identity = &state.federation;
    let forum = &state.config.forum;
    let public_url = state.config.server.public_url.origin();
    let group = Group {
        kind: GroupType::Group,
        id: identity.actor.clone(),
        preferred_username: ACTOR_NAME,
        name: forum.name.as_str().to_owned(),
        summary: render::to_html(forum.description.as_str())
            .trim_end()
            .to_owned(),
        url: identity.url("/"),
        inbox: identity.url("/inbox"),
        outbox: identity.url("/outbox"),
        followers: identity.url("/followers"),
        endpoints: Endpoints {
            shared_inbox: identity.url("/inbox"),
        },
        public_key: PublicKey {
            id: format!("{}#main-key", identity.actor),
            owner: identity.actor.clone(),
            public_key_pem: identity.public_key_pem.clone(),
        },
        manually_approves_followers: true,
        discoverable: false,
    };
    FederationJson(WithContext::new(group, context(&public_url)))
}
