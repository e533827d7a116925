//! Middleware on every route and the fallback: the request log, security headers,
//! problem+json for errors produced below the handlers, and the CSRF rule.

use std::{sync::Arc, time::Instant};

use axum::{
    extract::{MatchedPath, Request, State},
    http::{HeaderMap, HeaderName, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::problem::{PROBLEM_JSON, Problem, ProblemCode};

/// The header every state-changing API request must carry (DESIGN.md, the public API).
pub const CSRF_HEADER: &str = "x-requested-with";
pub const CSRF_HEADER_VALUE: &str = "commonthread";

/// The Content-Security-Policy of every response: our own origin only, no inline script
/// or style, never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Camera, microphone, location and the rest are never needed; interest-cohort is refused.
pub const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), \
     display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), \
     midi=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()";

/// One line per request: method, matched route, status and latency. Never the raw path,
/// query string, body, IP address, user agent or handle: a path or query can name a story
/// or a person, and an IP address can name a family.
pub async fn request_log(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "commonthread::http",
        %method,
        route = route.as_deref().unwrap_or("<fallback>"),
        status = response.status().as_u16(),
        latency_ms = format_args!("{latency_ms:.1}"),
        "request"
    );
    response
}

/// The headers set on every response, computed once at start-up.
#[derive(Clone)]
pub struct SecurityHeaders(Arc<Vec<(HeaderName, HeaderValue)>>);

impl SecurityHeaders {
    pub fn new(https: bool) -> Self {
        let mut headers = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(PERMISSIONS_POLICY),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
            (
                HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        if https {
            headers.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=63072000; includeSubDomains"),
            ));
        }
        Self(Arc::new(headers))
    }
}

/// Adds the security headers, and `Cache-Control: no-store` unless the handler chose
/// otherwise (the web app's files do): API answers can be private.
pub async fn security_headers(
    State(headers): State<SecurityHeaders>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let out = response.headers_mut();
    for (name, value) in headers.0.iter() {
        out.insert(name.clone(), value.clone());
    }
    if !out.contains_key(header::CACHE_CONTROL) {
        out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Errors that layers or the router produce with a bare status (413 from the body
/// limit, 408 from the timeout, 405 from method routing) become problem+json too.
pub async fn problem_for_bare_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_problem(response.headers()) {
        return response;
    }
    let mut problem = Problem::new(ProblemCode::for_status(status)).into_response();
    // Keep what the client needs to act on, such as `Allow` on a 405.
    if let Some(allow) = response.headers().get(header::ALLOW) {
        problem.headers_mut().insert(header::ALLOW, allow.clone());
    }
    problem
}

/// A body of ours already: a problem, or an ActivityPub `Tombstone` (410 by design).
fn is_problem(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).is_some_and(|v| {
        let v = v.as_bytes();
        v.starts_with(PROBLEM_JSON.as_bytes())
            || v.starts_with(activitypub_federation::FEDERATION_CONTENT_TYPE.as_bytes())
    })
}

/// An address (path or query, once percent-decoded) holding NUL or another control
/// character is refused before any route reads it: no text may hold one, and PostgreSQL
/// cannot even compare one (`/ap/reports/E%00/2024Q1` used to answer 500 there).
pub async fn refuse_control_characters(request: Request, next: Next) -> Response {
    let uri = request.uri();
    if crate::input::address_has_control_character(uri.path(), uri.query()) {
        return Problem::new(ProblemCode::Validation)
            .detail("The address holds a control character.")
            .into_response();
    }
    next.run(request).await
}

/// The forum's own origin, for the CSRF rule.
#[derive(Clone)]
pub struct OwnOrigin(pub Arc<str>);

/// A state-changing request under `/api` must carry `X-Requested-With: commonthread`
/// (which a cross-site form cannot send) and, when the browser sends `Origin`, come from
/// the forum's own origin. Together with `SameSite=Strict` cookies this stops CSRF.
pub async fn csrf(State(origin): State<OwnOrigin>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let path = request.uri().path();
    if changes_state && (path == "/api" || path.starts_with("/api/")) {
        let headers = request.headers();
        let marked = headers
            .get(CSRF_HEADER)
            .is_some_and(|v| v.as_bytes() == CSRF_HEADER_VALUE.as_bytes());
        if !marked {
            return Problem::new(ProblemCode::Csrf)
                .detail("State-changing requests must carry X-Requested-With: commonthread.")
                .into_response();
        }
        let same_origin = headers
            .get(header::ORIGIN)
            .is_none_or(|v| v.as_bytes() == origin.0.as_bytes());
        if !same_origin {
            return Problem::new(ProblemCode::Csrf)
                .detail("The request came from another site.")
                .into_response();
        }
    }
    next.run(request).await
}

/// Any request that may change state clears the feed cache, before and after it runs
/// (before: so that a page made while it runs is not kept as fresh).
pub async fn clear_feed_cache(
    State(cache): State<std::sync::Arc<crate::stories::cache::FeedCache>>,
    request: Request,
    next: Next,
) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state {
        cache.invalidate();
    }
    let response = next.run(request).await;
    if changes_state {
        cache.invalidate();
    }
    response
}
