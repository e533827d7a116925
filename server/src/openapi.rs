//! The OpenAPI document, generated from the handlers. Every route is registered through
//! `routes!` here, which puts it in the router and the document at once; a test in this
//! file fails if any code adds a route another way.

use std::sync::Arc;

use axum::{
    Extension,
    http::{HeaderValue, header},
    response::IntoResponse,
};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    AppState, accounts::routes as accounts, areas, compare, federation, health, instance,
    moderation, patterns, problem::ProblemBody, screening, stats, stories,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Common Thread",
        description = "The API of a Common Thread forum: pseudonymised, moderated stories \
                       of parent carers of children with SEND, and anonymised pattern counts.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    components(schemas(ProblemBody)),
    tags(
        (name = "instance", description = "This forum"),
        (name = "areas", description = "English local authorities"),
        (name = "health", description = "Liveness and readiness"),
        (name = "meta", description = "This document"),
        (name = "accounts", description = "Joining, sessions, recovery and your own data"),
        (name = "admin", description = "Members, roles and invites"),
        (name = "moderation", description = "The moderation queue, actions and log"),
        (name = "stories", description = "Stories, replies, reactions, reports and notifications"),
        (name = "patterns", description = "The pattern vocabulary and tag suggestion"),
        (name = "stats", description = "Anonymised figures, after disclosure control"),
        (name = "federation", description = "ActivityPub and JSON-LD"),
    )
)]
struct ApiDoc;

/// Every route of the API, with its documentation.
pub(crate) fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(instance::routes::get_instance))
        .routes(routes!(areas::routes::list_areas))
        .routes(routes!(openapi_json))
        .routes(routes!(accounts::join))
        .routes(routes!(accounts::sign_in, accounts::sign_out))
        .routes(routes!(accounts::refresh))
        .routes(routes!(accounts::sign_out_everywhere))
        .routes(routes!(accounts::recover))
        .routes(routes!(accounts::me, accounts::erase))
        .routes(routes!(accounts::export))
        .routes(routes!(accounts::change_passphrase))
        .routes(routes!(accounts::new_recovery_codes))
        .routes(routes!(accounts::members))
        .routes(routes!(accounts::change_role))
        .routes(routes!(accounts::invites, accounts::create_invite))
        .routes(routes!(accounts::withdraw_invite))
        .routes(routes!(moderation::routes::moderation_log))
        .routes(routes!(screening::routes::screen))
        .routes(routes!(screening::routes::redact))
        .routes(routes!(patterns::routes::vocabulary))
        .routes(routes!(patterns::routes::suggest))
        .routes(routes!(patterns::routes::create_local))
        .routes(routes!(patterns::routes::update_local))
        .routes(routes!(patterns::routes::ns))
        .routes(routes!(stories::routes::create, stories::routes::list))
        .routes(routes!(
            stories::routes::get,
            stories::routes::update,
            stories::routes::withdraw
        ))
        .routes(routes!(stories::routes::submit))
        .routes(routes!(stories::routes::mine))
        .routes(routes!(stories::routes::set_forum_name))
        .routes(routes!(
            stories::peer::list_replies,
            stories::peer::post_reply
        ))
        .routes(routes!(stories::peer::react, stories::peer::unreact))
        .routes(routes!(stories::peer::report))
        .routes(routes!(stories::signposts::list))
        .routes(routes!(stories::signposts::put))
        .routes(routes!(stories::notifications::list))
        .routes(routes!(stories::notifications::mark_read))
        .routes(routes!(moderation::queue::queue))
        .routes(routes!(moderation::actions::moderate_story))
        .routes(routes!(moderation::actions::moderate_reply))
        .routes(routes!(moderation::actions::close_report))
        .routes(routes!(stats::routes::stats))
        .routes(routes!(compare::routes::compare))
        .routes(routes!(compare::evidence::evidence_json))
        .routes(routes!(compare::evidence::evidence_csv))
        .routes(routes!(federation::actor::actor))
        .routes(routes!(federation::discovery::webfinger))
        .routes(routes!(federation::discovery::nodeinfo_links))
        .routes(routes!(federation::discovery::nodeinfo))
        .routes(routes!(federation::inbox::inbox))
        .routes(routes!(federation::serve::article))
        .routes(routes!(federation::serve::person))
        .routes(routes!(federation::serve::note))
        .routes(routes!(federation::serve::report))
        .routes(routes!(federation::serve::outbox))
        .routes(routes!(federation::serve::followers))
        .routes(routes!(federation::partners::get_federation))
        .routes(routes!(federation::partners::set_mode))
        .routes(routes!(federation::partners::add_partner))
        .routes(routes!(federation::partners::approve))
        .routes(routes!(federation::partners::decline))
        .routes(routes!(federation::partners::remove))
        .routes(routes!(federation::partners::block))
        .routes(routes!(federation::partners::unblock))
}

/// The OpenAPI document of this server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api_router().split_for_parts().1
}

/// The document, serialised once.
#[derive(Clone)]
pub(crate) struct OpenApiJson(Arc<str>);

impl OpenApiJson {
    pub(crate) fn new(spec: &utoipa::openapi::OpenApi) -> Self {
        // Serialising a value we built cannot fail; an empty object would be the fallback.
        Self(spec.to_json().unwrap_or_else(|_| "{}".to_owned()).into())
    }
}

/// This API, as an OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
async fn openapi_json(Extension(spec): Extension<OpenApiJson>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        spec.0.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use std::{fs, path::Path};

    /// Routes added with `.route(…)`, or in a router merged in, would be served but
    /// missing from the document.
    #[test]
    fn no_route_bypasses_the_openapi_router() {
        fn visit(dir: &Path, offenders: &mut Vec<String>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, offenders);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = fs::read_to_string(&path).unwrap();
                    for needle in [
                        ".route(",
                        ".route_service(",
                        ".nest(",
                        ".nest_service(",
                        "Router::new(",
                    ] {
                        if source.contains(needle) && !path.ends_with("openapi.rs") {
                            offenders.push(format!("{} uses {needle}", path.display()));
                        }
                    }
                }
            }
        }
        let mut offenders = Vec::new();
        visit(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut offenders,
        );
        assert!(offenders.is_empty(), "{offenders:#?}");
    }
}
