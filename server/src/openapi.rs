//! The OpenAPI document, generated from the handlers. Every route is registered through
//! `routes!` here, which puts it in the router and the document at once; a test in this
//! file fails if any code adds a route another way.

use std::sync::Arc;

use axum::{
    Extension,
    http::{HeaderValue, header},
    response::IntoResponse,
};
use utoipa::{
    OpenApi,
    openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder, path::ParameterIn},
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::{
    AppState,
    accounts::{routes as accounts, tokens::ACCESS_COOKIE},
    areas, compare, federation, health, instance, moderation, patterns,
    problem::{PROBLEM_JSON, ProblemBody},
    screening, stats, stories,
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
    complete(api_router().split_for_parts().1)
}

/// The answers an operation gives because of what it takes, written here once rather than
/// in every handler (where one would be forgotten): 401 and 403 from its `security`
/// (`session`, with the least role as the requirement's role name, OpenAPI 3.1), 403 from
/// the CSRF rule on state-changing `/api` requests, 413, 415 and 422 from a JSON body, 422
/// from any parameter (a control character, or a value of the wrong kind), 404 from
/// a path parameter (it names something that may not exist), 410 from anything under a
/// story (its author may have withdrawn it), 503 wherever the database is read, and 408
/// everywhere (the request timeout). An answer the
/// handler documents itself is kept.
pub(crate) fn complete(mut doc: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
    doc.components
        .get_or_insert_with(Default::default)
        .add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                ACCESS_COOKIE,
                "The access cookie set by signing in. Where a role is named, the member \
                 must have at least that role (member < moderator < admin).",
            ))),
        );
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [
            (false, &mut item.get),
            (false, &mut item.head),
            (false, &mut item.options),
            (true, &mut item.put),
            (true, &mut item.post),
            (true, &mut item.delete),
            (true, &mut item.patch),
        ];
        for (changes_state, operation) in operations {
            let Some(operation) = operation else { continue };
            let mut add = |status: &str, codes: &str| {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem_response(codes));
            };
            let roles: Option<Vec<String>> = operation.security.as_ref().and_then(|all| {
                all.iter().find_map(|requirement| {
                    serde_json::to_value(requirement)
                        .ok()
                        .and_then(|v| v.get("session").cloned())
                        .and_then(|roles| serde_json::from_value(roles).ok())
                })
            });
            if let Some(roles) = &roles {
                add(
                    "401",
                    "`unauthorized`: not signed in, or the session has ended",
                );
                if !roles.is_empty() {
                    add("403", "`forbidden`: your role may not do this");
                }
            }
            if changes_state && path.starts_with("/api/") {
                add(
                    "403",
                    "`csrf`: without `X-Requested-With: commonthread`, or from another site",
                );
            }
            if operation.request_body.is_some() {
                add("413", "`payload_too_large`");
                add("415", "`unsupported_media_type`: send `application/json`");
                add(
                    "422",
                    "`validation`: the body is not what this operation takes",
                );
            }
            let parameters = operation.parameters.as_deref().unwrap_or_default();
            if !parameters.is_empty() {
                add(
                    "422",
                    "`validation`: a parameter is not what this operation takes",
                );
            }
            let names_something = parameters.iter().any(
                |parameter| matches!(parameter, RefOr::T(p) if p.parameter_in == ParameterIn::Path),
            );
            if names_something {
                add("404", "`not_found`: nothing of that name here");
            }
            add(
                "408",
                "`timeout`: no answer within `server.request_timeout_secs`",
            );
            if !matches!(path.as_str(), "/healthz" | "/api/v1/openapi.json") {
                add(
                    "503",
                    "`unavailable`: the database is not reachable just now; see Retry-After",
                );
            }
            if path.starts_with("/api/v1/stories/{id}") {
                add("410", "`withdrawn`: the author withdrew the story");
            }
        }
    }
    doc
}

fn problem_response(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ProblemBody")))
                .build(),
        )
        .build()
        .into()
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
    use std::{collections::BTreeMap, fs, path::Path};

    /// Every Rust source file of the server, with its text.
    fn sources() -> Vec<(String, String)> {
        fn visit(dir: &Path, out: &mut Vec<(String, String)>) {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    visit(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push((
                        path.display().to_string(),
                        fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
        }
        let mut out = Vec::new();
        visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    #[test]
    fn every_reference_resolves_and_parameters_stand_where_they_are_taken() {
        let doc = serde_json::to_value(super::openapi()).unwrap();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for piece in text.split("\"#/components/schemas/").skip(1) {
            let name = &piece[..piece.find('"').unwrap()];
            assert!(schemas.contains_key(name), "no schema {name}");
        }
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                for parameter in operation["parameters"].as_array().into_iter().flatten() {
                    let name = parameter["name"].as_str().unwrap();
                    let in_path = path.contains(&format!("{{{name}}}"));
                    let declared = parameter["in"].as_str().unwrap();
                    assert_eq!(
                        declared,
                        if in_path { "path" } else { "query" },
                        "{method} {path}: {name}"
                    );
                }
            }
        }
    }

    /// utoipa keeps one schema per name: a second type of the same name would silently
    /// document the first one's fields.
    #[test]
    fn no_two_schema_types_share_a_name() {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut clashes = Vec::new();
        for (file, source) in sources() {
            for (at, _) in source.match_indices("ToSchema") {
                let after = &source[at..];
                let Some(decl) = after
                    .find("pub struct ")
                    .map(|i| (i, "pub struct "))
                    .into_iter()
                    .chain(after.find("pub enum ").map(|i| (i, "pub enum ")))
                    .min()
                else {
                    continue;
                };
                // Only a derive directly above its type (no other item between).
                if after[..decl.0].contains("\n}\n") || after[..decl.0].contains(';') {
                    continue;
                }
                let rest = &after[decl.0 + decl.1.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if let Some(other) = seen.insert(name.clone(), file.clone())
                    && other != file
                {
                    clashes.push(format!("{name}: {other} and {file}"));
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    /// A handler that takes `SignedIn` says so in its document (`security`), with the role
    /// it requires: that is where 401 and 403 are documented from.
    #[test]
    fn security_is_declared_where_a_handler_needs_a_session() {
        let mut wrong = Vec::new();
        for (file, source) in sources() {
            let starts: Vec<usize> = source
                .match_indices("#[utoipa::path(")
                .map(|(at, _)| at)
                .collect();
            for (i, &start) in starts.iter().enumerate() {
                let end = starts.get(i + 1).copied().unwrap_or(source.len());
                let chunk = &source[start..end];
                let Some(attribute_end) = chunk.find(")]\n") else {
                    continue; // this test's own text
                };
                let (attribute, handler) = chunk.split_at(attribute_end);
                let handler = &handler[..handler.find("\n}\n").unwrap_or(handler.len())];
                let signature = &handler[..handler.find('{').unwrap_or(handler.len())];
                let role = ["Moderator", "Admin"]
                    .into_iter()
                    .find(|role| handler.contains(&format!("require(Role::{role})")));
                let expected = match (signature.contains("SignedIn"), role) {
                    (false, _) => None,
                    (true, None) => Some("security((\"session\" = []))".to_owned()),
                    (true, Some(role)) => Some(format!(
                        "security((\"session\" = [\"{}\"]))",
                        role.to_lowercase()
                    )),
                };
                let ok = match &expected {
                    None => !attribute.contains("security("),
                    Some(expected) => attribute.contains(expected.as_str()),
                };
                if !ok {
                    let first = attribute.lines().next().unwrap_or_default();
                    wrong.push(format!("{file}: {first} wants {expected:?}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    /// Routes added with `.route(…)`, or in a router merged in, would be served but
    /// missing from the document.
    #[test]
    fn no_route_bypasses_the_openapi_router() {
        let mut offenders = Vec::new();
        for (file, source) in sources() {
            if file.ends_with("openapi.rs") {
                continue;
            }
            for needle in [
                ".route(",
                ".route_service(",
                ".nest(",
                ".nest_service(",
                "Router::new(",
            ] {
                if source.contains(needle) {
                    offenders.push(format!("{file} uses {needle}"));
                }
            }
        }
        assert!(offenders.is_empty(), "{offenders:#?}");
    }
}
