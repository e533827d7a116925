//! The web app's files: served at `/`, `index.html` for client routes, long caching
//! for hashed assets, and 404s (not the app) for files that do not exist.
//! Needs `frontend/dist` (make test builds it first).

use reqwest::{StatusCode, header};
use rstest::rstest;

use crate::harness::{Engine, TestApp, problem};

async fn index_html(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/html; charset=utf-8",
        "{path}"
    );
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "no-cache",
        "{path}"
    );
    let body = response.text().await.unwrap();
    assert!(
        body.contains(r#"<div id="app">"#),
        "{path}: not the app's index.html (run `npm run build -w frontend`): {body}"
    );
    body
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_app_is_served_at_the_root_and_for_client_routes(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let home = index_html(&app, "/").await;
    for path in ["/stories", "/stories/abc-123", "/account/settings"] {
        assert_eq!(index_html(&app, path).await, home);
    }
    // No inline script: every script is a file of ours.
    assert!(!home.contains("<script>") && home.contains(r#"<script type="module""#));
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_revalidate_by_etag(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let home = index_html(&app, "/").await;
    let script = home
        .split(r#"src=""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(
        script.starts_with("/assets/") && script.ends_with(".js"),
        "{script}"
    );

    let response = app.get(script).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    let etag = response.headers()[header::ETAG].clone();

    let again = app
        .client
        .get(app.url(script))
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn missing_files_are_404s_not_the_app(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for path in [
        "/assets/missing.js",
        "/robots-nope.txt",
        "/assets/",
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
    ] {
        problem(app.get(path).await, StatusCode::NOT_FOUND, "not_found").await;
    }
}
