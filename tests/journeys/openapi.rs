//! The OpenAPI document against the server it describes, by a fuzzer we did not write:
//! schemathesis sends a few thousand requests generated from the document (valid and
//! invalid: wrong types, missing fields, odd strings, control characters), as a visitor
//! and as an admin, and the run fails on any 5xx, any answer the document does not list,
//! and any body, content type or header that does not match it. A fixed seed and example
//! count keep it repeatable and under a minute an engine.
//!
//! schemathesis is installed by `make schemathesis` (a venv under `target/tools`, pinned
//! in `tests/schemathesis/requirements.txt`); `CT_SCHEMATHESIS` names another binary.

use std::{path::PathBuf, process::Stdio};

use reqwest::cookie::CookieStore;
use rstest::rstest;
use serde_json::json;

use crate::harness::{Engine, FORUM_AREA, TestApp, stories};

/// What every answer is checked for.
const CHECKS: &str = "not_a_server_error,status_code_conformance,content_type_conformance,\
                      response_schema_conformance,response_headers_conformance";

/// Operations that end the admin's own session (or account) are fuzzed as a visitor only:
/// as the admin they would sign the rest of the run out.
const ENDS_THE_SESSION: &str = r"^(DELETE /api/v1/(me|session|sessions)|PUT /api/v1/me/passphrase|POST /api/v1/session/refresh)$";

fn schemathesis() -> PathBuf {
    std::env::var_os("CT_SCHEMATHESIS").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/tools/schemathesis/bin/schemathesis")
        },
        PathBuf::from,
    )
}

/// One run; its report when it fails.
async fn run(app: &TestApp, who: &str, extra: &[&str]) {
    let binary = schemathesis();
    assert!(
        binary.exists(),
        "schemathesis is not installed at {}: run `make schemathesis` (or set CT_SCHEMATHESIS)",
        binary.display()
    );
    let output = tokio::process::Command::new(&binary)
        .arg("run")
        .arg(app.url("/api/v1/openapi.json"))
        .args(["--checks", CHECKS])
        .args(["--max-examples", "12", "--seed", "20261207", "--no-shrink"])
        .args(["--phases", "examples,coverage,fuzzing", "--workers", "1"])
        .args(["--request-timeout", "30"])
        .args(["-H", "X-Requested-With: commonthread"])
        // The inbox takes only signed activities; its refusals are tested in federation.rs.
        .args(["--exclude-path", "/inbox"])
        .args(extra)
        .env("SCHEMATHESIS_HOOKS", "")
        .env("NO_COLOR", "1")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::null())
        .output()
        .await
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    let summary = report
        .find("SUMMARY")
        .map_or(report.as_ref(), |at| &report[at..]);
    assert!(
        output.status.success(),
        "schemathesis as {who} found what the document does not say:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        summary.contains("Tested:"),
        "schemathesis as {who} tested nothing:\n{report}"
    );
    // The figures, for the README's reliability section.
    for line in summary.lines().filter(|l| l.contains(" generated, ")) {
        eprintln!("schemathesis as {who}: {}", line.trim());
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn schemathesis_finds_no_5xx_and_no_answer_the_document_does_not_list(
    #[case] engine: Engine,
) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("fuzz_admin").await;
    // Something to find: a published story, so that reads of the feed have rows to shape.
    stories::published(
        &admin,
        &admin,
        &json!({"title": "The review", "body": "They held the meeting without us.",
                "area": FORUM_AREA, "period": "2025-03", "services": ["school"],
                "stage": "annual-review", "tags": ["bedroom-inspected"],
                "visibility": "public"}),
    )
    .await;

    run(&app, "a visitor", &[]).await;

    let url = app.url("/api/v1/me").parse().unwrap();
    let cookie = admin.jar.cookies(&url).unwrap();
    let cookie = format!("Cookie: {}", cookie.to_str().unwrap());
    run(
        &app,
        "an admin",
        &["-H", &cookie, "--exclude-name-regex", ENDS_THE_SESSION],
    )
    .await;
    // Still signed in: the run really was made as the admin.
    assert_eq!(admin.me().await.status(), reqwest::StatusCode::OK);
}
