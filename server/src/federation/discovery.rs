//! Discovery: WebFinger (`acct:forum@DOMAIN` → the actor, RFC 7033) and NodeInfo 2.1 (what
//! software this is). NodeInfo gives no user or post counts: nobody needs them to federate.

use activitypub_federation::{
    FEDERATION_CONTENT_TYPE,
    fetch::webfinger::{Webfinger, WebfingerLink},
};
use axum::{
    extract::State,
    http::header,
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;

use super::ACTOR_NAME;
use crate::{
    AppState,
    config::Membership,
    problem::{ApiQuery, Problem, ProblemCode},
};

/// NodeInfo's schema 2.1, as its `rel` and as the profile of its media type.
const NODEINFO_21: &str = "http://nodeinfo.diaspora.software/ns/schema/2.1";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WebfingerQuery {
    /// `acct:forum@DOMAIN`, or the actor's URL.
    pub resource: String,
}

/// WebFinger: this forum has one account, its actor `forum`.
#[utoipa::path(get, path = "/.well-known/webfinger", tag = "federation", params(WebfingerQuery),
    responses(
        (status = 200, description = "JRD", content_type = "application/jrd+json"),
        (status = 404, description = "`not_found`: not an account of this forum", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation`: not an `acct:` URI or a URL", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn webfinger(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<WebfingerQuery>,
) -> Result<Response, Problem> {
    let identity = &state.federation;
    let subject = format!("acct:{ACTOR_NAME}@{}", identity.domain);
    let resource = query.resource.trim();
    let known = resource.eq_ignore_ascii_case(&subject) || resource == identity.actor.as_str();
    if !known {
        let shaped = resource.starts_with("acct:") && resource.contains('@')
            || url::Url::parse(resource).is_ok();
        return Err(if shaped {
            Problem::new(ProblemCode::NotFound)
                .detail(format!("This forum's only account is {subject}."))
        } else {
            Problem::new(ProblemCode::Validation)
                .detail("resource must be an acct: URI, like acct:forum@example.org, or a URL.")
        });
    }
    let type_property = [(
        "https://www.w3.org/ns/activitystreams#type"
            .parse()
            .map_err(Problem::internal)?,
        "Group".to_owned(),
    )];
    let jrd = Webfinger {
        subject,
        links: vec![
            WebfingerLink {
                rel: Some("http://webfinger.net/rel/profile-page".to_owned()),
                kind: Some("text/html".to_owned()),
                href: Some(identity.url("/")),
                ..Default::default()
            },
            WebfingerLink {
                rel: Some("self".to_owned()),
                kind: Some(FEDERATION_CONTENT_TYPE.to_owned()),
                href: Some(identity.actor.clone()),
                properties: type_property.into_iter().collect(),
                ..Default::default()
            },
        ],
        aliases: vec![identity.actor.clone()],
        properties: Default::default(),
    };
    let body = serde_json::to_string(&jrd).map_err(Problem::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/jrd+json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response())
}

/// Where this forum's NodeInfo is.
#[utoipa::path(get, path = "/.well-known/nodeinfo", tag = "federation",
    responses((status = 200, description = "NodeInfo links", content_type = "application/json")))]
pub async fn nodeinfo_links(State(state): State<AppState>) -> Response {
    let href = state.federation.url("/nodeinfo/2.1");
    (
        [(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")],
        axum::Json(json!({ "links": [{ "rel": NODEINFO_21, "href": href }] })),
    )
        .into_response()
}

/// NodeInfo 2.1: the software, the protocol and whether anyone may join.
#[utoipa::path(get, path = "/nodeinfo/2.1", tag = "federation",
    responses((status = 200, description = "NodeInfo 2.1", content_type = "application/json")))]
pub async fn nodeinfo(State(state): State<AppState>) -> Response {
    let forum = &state.config.forum;
    let body = json!({
        "version": "2.1",
        "software": {
            "name": "commonthread",
            "version": env!("CARGO_PKG_VERSION"),
            "repository": forum.source_url.as_str(),
        },
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": forum.membership == Membership::Open,
        // Deliberately empty: member and story counts are nobody else's business.
        "usage": { "users": {} },
        "metadata": {
            "nodeName": forum.name.as_str(),
            "nodeDescription": forum.description.as_str(),
        },
    });
    (
        [
            (
                header::CONTENT_TYPE,
                format!("application/json; profile=\"{NODEINFO_21}#\""),
            ),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_owned()),
        ],
        body.to_string(),
    )
        .into_response()
}
