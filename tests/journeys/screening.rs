//! A parent checks a story for identifying details and takes them out.

use reqwest::{Method, StatusCode, header};
use rstest::rstest;
use serde_json::{Value, json};

use crate::harness::{Engine, TestApp, json, problem};

async fn post(app: &TestApp, path: &str, body: &Value) -> reqwest::Response {
    app.request(Method::POST, path)
        .json(body)
        .send()
        .await
        .unwrap()
}

/// The characters `start..end` of `text`, counting Unicode scalar values.
fn chars(text: &str, start: u64, end: u64) -> String {
    let (start, end) = (
        usize::try_from(start).unwrap(),
        usize::try_from(end).unwrap(),
    );
    text.chars().skip(start).take(end - start).collect()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_parent_finds_a_phone_number_and_a_name_and_takes_them_out(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // An emoji first: offsets count characters, not bytes or UTF-16 units.
    let story = "😤 Maisie's school rang me on 07700 900461 again. Email jo.bright@example.org if you can help.";

    let body = json(
        post(&app, "/api/v1/screening", &json!({"text": story})).await,
        StatusCode::OK,
    )
    .await;
    let findings = body["findings"].as_array().unwrap();
    let kinds: Vec<&str> = findings
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["name", "phone", "email"], "{body}");
    for f in findings {
        let (start, end) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
        assert_eq!(chars(story, start, end), f["text"].as_str().unwrap(), "{f}");
        let confidence = f["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence), "{f}");
    }
    assert_eq!(findings[0]["text"], "Maisie");
    assert_eq!(
        (findings[0]["start"].as_u64(), findings[0]["end"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(findings[1]["replacement"], "[phone number]");

    // Accept the name and the phone number, keep the e-mail address.
    let accepted = json!([findings[0], findings[1]]);
    let body = json(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": story, "findings": accepted}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        body["text"],
        "😤 [name]'s school rang me on [phone number] again. Email jo.bright@example.org if you can help."
    );

    // A replacement of the author's own.
    let mine = json!([{"kind": "name", "start": 2, "end": 8, "text": "Maisie", "replacement": "my daughter"}]);
    let body = json(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": story, "findings": mine}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .starts_with("😤 my daughter's school"),
        "{body}"
    );

    // Checking the clean text again finds only what was kept.
    let clean = "😤 [name]'s school rang me on [phone number] again.";
    let body = json(
        post(&app, "/api/v1/screening", &json!({"text": clean})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["findings"], json!([]));
}

#[tokio::test]
async fn findings_from_another_version_of_the_text_are_refused() {
    let app = TestApp::spawn(Engine::Sqlite).await;
    let story = "Ring Maisie on 07700 900461.";
    for findings in [
        // Offsets that read something else now.
        json!([{"kind": "name", "start": 0, "end": 6, "text": "Maisie"}]),
        // Past the end.
        json!([{"kind": "phone", "start": 15, "end": 99, "text": "07700 900461."}]),
        // Overlapping.
        json!([{"kind": "name", "start": 5, "end": 11, "text": "Maisie"},
               {"kind": "name", "start": 5, "end": 11, "text": "Maisie"}]),
        // Backwards.
        json!([{"kind": "name", "start": 11, "end": 5, "text": ""}]),
    ] {
        let response = post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": story, "findings": findings}),
        )
        .await;
        let body = problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "finding_mismatch",
        )
        .await;
        assert!(
            !body["detail"].as_str().unwrap().contains("Maisie"),
            "{body}"
        );
    }
    let unknown_kind = json!([{"kind": "shoe_size", "start": 5, "end": 11, "text": "Maisie"}]);
    problem(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": story, "findings": unknown_kind}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    let long = "x".repeat(101);
    let too_long =
        json!([{"kind": "name", "start": 5, "end": 11, "text": "Maisie", "replacement": long}]);
    problem(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": story, "findings": too_long}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn a_missing_or_too_long_text_is_a_clear_problem() {
    let app = TestApp::spawn(Engine::Sqlite).await;

    let missing = problem(
        post(&app, "/api/v1/screening", &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(
        missing["detail"].as_str().unwrap().contains("text"),
        "{missing}"
    );
    problem(
        post(&app, "/api/v1/screening", &json!({"text": 5})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    problem(
        post(&app, "/api/v1/screening/redact", &json!({"findings": []})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    // 50,000 characters is the limit, counted as characters: "é" is two bytes.
    let at_limit = "é".repeat(50_000);
    let body = json(
        post(&app, "/api/v1/screening", &json!({"text": at_limit})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["findings"], json!([]));
    let over = "é".repeat(50_001);
    let body = problem(
        post(&app, "/api/v1/screening", &json!({"text": over})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    assert!(body["detail"].as_str().unwrap().contains("50000"), "{body}");
    problem(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": "a".repeat(50_001), "findings": []}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;

    // Empty text is fine: there is nothing in it.
    let body = json(
        post(&app, "/api/v1/screening", &json!({"text": ""})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(body["findings"], json!([]));
}

#[tokio::test]
async fn screening_is_rate_limited_for_the_whole_forum() {
    let app = TestApp::spawn_with(Engine::Sqlite, |config| {
        config.limits.screenings_per_minute = 3
    })
    .await;
    for _ in 0..3 {
        json(
            post(&app, "/api/v1/screening", &json!({"text": "hello"})).await,
            StatusCode::OK,
        )
        .await;
    }
    let response = post(
        &app,
        "/api/v1/screening/redact",
        &json!({"text": "hello", "findings": []}),
    )
    .await;
    let retry_after: u64 = response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_town_and_a_hospital_are_found_and_the_moderator_sees_them(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let text = "We moved to a village near Ludlow and his clinic is at Alder Hey now.";
    let body = json(
        post(&app, "/api/v1/screening", &json!({"text": text})).await,
        StatusCode::OK,
    )
    .await;
    let found: Vec<(&str, &str, &str)> = body["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap(),
                f["text"].as_str().unwrap(),
                f["replacement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("place", "Ludlow", "[place]"),
            ("org", "Alder Hey", "[organisation]")
        ],
        "{body}"
    );
    let place = body["findings"][0].clone();
    let body = json(
        post(
            &app,
            "/api/v1/screening/redact",
            &json!({"text": text, "findings": [place]}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        body["text"],
        "We moved to a village near [place] and his clinic is at Alder Hey now."
    );

    // A story with the town in it reaches the moderation queue with the town found.
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let story = json!({
        "title": "A new start", "body": text, "area": crate::harness::FORUM_AREA,
        "period": "2025-03", "services": ["health"], "stage": "other",
        "tags": ["bedroom-inspected"], "visibility": "members",
    });
    let id = crate::harness::stories::draft(&author, &story).await;
    crate::harness::stories::submit(&author, &id).await;
    let queue = json(
        moderator.get("/api/v1/moderation/queue").await,
        StatusCode::OK,
    )
    .await;
    let kinds: Vec<&str> = queue["stories"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["place", "org"], "{queue}");
}
