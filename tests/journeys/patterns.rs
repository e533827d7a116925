//! The pattern vocabulary: every tag served with its URI and defined at `/ns`; an admin
//! adds the forum's own tags; a parent asks which tags a story shows.

use reqwest::{Method, StatusCode, header};
use rstest::rstest;
use serde_json::{Value, json};

use crate::harness::{Engine, TestApp, json, problem};

const NAMESPACE: &str = "https://w3id.org/commonthread/ns#";

async fn suggest(app: &TestApp, text: &str) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/patterns/suggest")
        .json(&json!({"text": text}))
        .send()
        .await
        .unwrap()
}

/// The `@graph` node of `/ns` with the given `@id`.
fn node<'a>(ns: &'a Value, id: &str) -> Option<&'a Value> {
    ns["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["@id"] == id)
}

async fn namespace(app: &TestApp) -> Value {
    let response = app.get("/ns").await;
    assert_eq!(response.status(), StatusCode::OK);
    let media = response.headers()[header::CONTENT_TYPE].to_str().unwrap();
    assert!(media.starts_with("application/ld+json"), "{media}");
    response.json().await.unwrap()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn every_tag_is_served_with_a_uri_that_ns_defines(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let vocabulary = json(app.get("/api/v1/patterns").await, StatusCode::OK).await;
    assert_eq!(vocabulary["version"], 1);
    let categories: Vec<&str> = vocabulary["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        categories,
        ["meetings", "blame", "decisions", "impact", "good-practice"]
    );
    let tags = vocabulary["tags"].as_array().unwrap();
    assert_eq!(tags.len(), 49);

    let ns = namespace(&app).await;
    assert_eq!(ns["@context"]["ct"], NAMESPACE);
    assert_eq!(ns["@context"]["PatternReport"], "ct:PatternReport");
    for tag in tags {
        let id = tag["id"].as_str().unwrap();
        let uri = tag["uri"].as_str().unwrap();
        assert_eq!(uri, format!("{NAMESPACE}{id}"));
        assert!(categories.contains(&tag["category"].as_str().unwrap()));
        assert!(!tag["definition"].as_str().unwrap().is_empty());
        assert_eq!(
            (&tag["local"], &tag["retired"]),
            (&json!(false), &json!(false))
        );
        let defined = node(&ns, uri).unwrap_or_else(|| panic!("{uri} is not defined at /ns"));
        assert_eq!(defined["skos:prefLabel"]["@value"], tag["label"]);
        assert_eq!(defined["skos:definition"]["@value"], tag["definition"]);
        assert_eq!(defined["skos:notation"], id);
    }
    let bedroom = tags
        .iter()
        .find(|t| t["id"] == "bedroom-inspected")
        .unwrap();
    assert_eq!(bedroom["category"], "blame");
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn an_admin_adds_a_tag_of_the_forums_own(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let admin = app.admin("organiser").await;
    let member = app.member("parent").await;
    let new_tag = json!({"label": "  Transport  cancelled ", "definition": "School transport was withdrawn or cut.",
        "category": "decisions", "same_as": "support-wrongly-refused"});

    problem(
        member
            .send(Method::POST, "/api/v1/admin/patterns", &new_tag)
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let tag = json(
        admin
            .send(Method::POST, "/api/v1/admin/patterns", &new_tag)
            .await,
        StatusCode::CREATED,
    )
    .await;
    let uri = app.url("/ns#transport-cancelled");
    assert_eq!(
        tag,
        json!({"id": "local:transport-cancelled", "category": "decisions", "label": "Transport cancelled",
            "definition": "School transport was withdrawn or cut.", "uri": uri, "local": true,
            "same_as": "support-wrongly-refused", "retired": false})
    );

    // It is in the vocabulary, after the shared tags, and this forum's /ns defines it.
    let vocabulary = json(app.get("/api/v1/patterns").await, StatusCode::OK).await;
    assert_eq!(vocabulary["tags"].as_array().unwrap().last(), Some(&tag));
    let ns = namespace(&app).await;
    let defined = node(&ns, &uri).unwrap();
    assert_eq!(
        defined["skos:exactMatch"]["@id"],
        format!("{NAMESPACE}support-wrongly-refused")
    );

    // The same label again, in another case, is the same id.
    let again = json!({"label": "TRANSPORT CANCELLED", "definition": "Another definition entirely.", "category": "impact"});
    problem(
        admin
            .send(Method::POST, "/api/v1/admin/patterns", &again)
            .await,
        StatusCode::CONFLICT,
        "tag_exists",
    )
    .await;
    for (bad, why) in [
        (
            json!({"label": "ab", "definition": "Long enough to count.", "category": "impact"}),
            "label",
        ),
        (
            json!({"label": "Transport", "definition": "Too short", "category": "impact"}),
            "definition",
        ),
        (
            json!({"label": "Transport", "definition": "Long enough to count.", "category": "transport"}),
            "category",
        ),
        (
            json!({"label": "Transport", "definition": "Long enough to count.", "category": "impact", "same_as": "local:transport-cancelled"}),
            "Same as",
        ),
        (
            json!({"label": "Transport", "definition": "Long enough to count."}),
            "category",
        ),
    ] {
        let body = problem(
            admin
                .send(Method::POST, "/api/v1/admin/patterns", &bad)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert!(body["detail"].as_str().unwrap().contains(why), "{body}");
    }

    // Retired: still served (stories keep it), marked so; the id never changes.
    let changed = json(
        admin
            .send(
                Method::PUT,
                "/api/v1/admin/patterns/local:transport-cancelled",
                &json!({"label": "Home-to-school transport cut", "definition": "School transport was withdrawn or cut.",
                    "category": "decisions", "same_as": null, "retired": true}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["id"], "local:transport-cancelled");
    assert_eq!(changed["label"], "Home-to-school transport cut");
    assert_eq!(
        (&changed["retired"], &changed["same_as"]),
        (&json!(true), &Value::Null)
    );
    for missing in ["local:nothing-here", "bedroom-inspected"] {
        problem(
            admin
                .send(
                    Method::PUT,
                    &format!("/api/v1/admin/patterns/{missing}"),
                    &new_tag,
                )
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }

    // Members can see that it happened, in the moderation log.
    let log = json(member.get("/api/v1/moderation/log").await, StatusCode::OK).await;
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .filter(|action| action.starts_with("tag_"))
        .collect();
    assert_eq!(actions, ["tag_changed", "tag_added"], "{log}");
}

/// The characters `start..end` of `text`, counting Unicode scalar values.
fn chars(text: &str, start: &Value, end: &Value) -> String {
    let start = usize::try_from(start.as_u64().unwrap()).unwrap();
    let end = usize::try_from(end.as_u64().unwrap()).unwrap();
    text.chars().skip(start).take(end - start).collect()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_parent_is_offered_tags_with_the_phrase_that_showed_each(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // An emoji first: offsets count characters.
    let story = "😔 Two weeks after I complained about the school, a social worker came round \
                 and wanted to see her bedroom. Then she told me I was far too emotional.";
    let body = json(suggest(&app, story).await, StatusCode::OK).await;
    let suggestions = body["suggestions"].as_array().unwrap();
    let tags: Vec<&str> = suggestions
        .iter()
        .map(|s| s["tag"].as_str().unwrap())
        .collect();
    for expected in [
        "bedroom-inspected",
        "safeguarding-after-challenge",
        "parent-labelled",
    ] {
        assert!(tags.contains(&expected), "{expected} in {tags:?}");
    }
    let mut previous = 1.0;
    for s in suggestions {
        let score = s["score"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&score) && score <= previous, "{s}");
        previous = score;
        assert_eq!(
            chars(story, &s["start"], &s["end"]),
            s["evidence"].as_str().unwrap()
        );
    }
    let bedroom = suggestions
        .iter()
        .find(|s| s["tag"] == "bedroom-inspected")
        .unwrap();
    assert!(
        bedroom["evidence"]
            .as_str()
            .unwrap()
            .contains("see her bedroom"),
        "{bedroom}"
    );

    // A negated event is not one.
    let body = json(
        suggest(
            &app,
            "The social worker was kind. She did not ask to see his room.",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        body["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["tag"] != "bedroom-inspected"),
        "{body}"
    );
    let body = json(suggest(&app, "").await, StatusCode::OK).await;
    assert_eq!(body, json!({"suggestions": []}));

    // Bad input gets a clear error.
    let response = app
        .request(Method::POST, "/api/v1/patterns/suggest")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    problem(
        suggest(&app, &"é".repeat(50_001)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "text_too_long",
    )
    .await;
    json(suggest(&app, &"é".repeat(50_000)).await, StatusCode::OK).await;
}

#[tokio::test]
async fn suggestions_are_rate_limited_for_the_whole_forum() {
    let app = TestApp::spawn_with(Engine::Sqlite, |config| {
        config.limits.suggestions_per_minute = 2;
    })
    .await;
    for _ in 0..2 {
        json(suggest(&app, "They never replied.").await, StatusCode::OK).await;
    }
    let response = suggest(&app, "They never replied.").await;
    let retry_after: u64 = response.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after));
    problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}
