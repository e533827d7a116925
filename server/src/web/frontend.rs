//! The web app: the files `npm run build -w frontend` writes to `frontend/dist`, served at
//! `/`, with `index.html` for any other path that is not a file (client-side routes).
//!
//! In a release build the files are embedded in the binary, so one file runs a forum;
//! in a debug build they are read from `frontend/dist` on each request.

use axum::{
    http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use rust_embed::{EmbeddedFile, RustEmbed};

use crate::problem::{Problem, ProblemCode};

#[derive(RustEmbed)]
#[folder = "../frontend/dist"]
#[allow_missing = true]
struct Dist;

/// Answers every request that no route matched.
pub async fn fallback(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return Problem::new(ProblemCode::NotFound)
            .detail("There is no such API route.")
            .into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        return Problem::new(ProblemCode::MethodNotAllowed).into_response();
    }
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|segment| segment == "..") || relative.contains('\\') {
        return Problem::new(ProblemCode::NotFound).into_response();
    }
    if !relative.is_empty()
        && let Some(file) = Dist::get(relative)
    {
        let immutable = relative.starts_with("assets/");
        return serve(file, relative, immutable, &headers);
    }
    // A missing file (a name with an extension, or anything under assets/) is a 404;
    // anything else is a client-side route and gets the app.
    let last = relative.rsplit('/').next().unwrap_or_default();
    if relative.starts_with("assets/") || last.contains('.') {
        return Problem::new(ProblemCode::NotFound).into_response();
    }
    match Dist::get("index.html") {
        Some(index) => serve(index, "index.html", false, &headers),
        None => Problem::new(ProblemCode::Unavailable)
            .detail("The web app has not been built: run `npm run build -w frontend`.")
            .into_response(),
    }
}

fn serve(file: EmbeddedFile, name: &str, immutable: bool, request: &HeaderMap) -> Response {
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..16]));
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    let headers = [
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        (
            header::ETAG,
            HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        ),
    ];
    if fresh {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    // Our text files are UTF-8; saying so spares the browser a guess.
    let charset = if mime.type_() == mime_guess::mime::TEXT
        || mime.subtype() == mime_guess::mime::JAVASCRIPT
        || mime.suffix() == Some(mime_guess::mime::XML)
    {
        "; charset=utf-8"
    } else {
        ""
    };
    let content_type = HeaderValue::from_str(&format!("{mime}{charset}"))
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (
        headers,
        [(header::CONTENT_TYPE, content_type)],
        file.data.into_owned(),
    )
        .into_response()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
