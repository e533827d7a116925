//! Anonymised statistics end to end on both engines: which stories count (counted-only
//! ones do, but are never shown; those without the count consent never do), refreshing
//! with the real `commonthread stats refresh`, a withdrawn story leaving the figures at
//! the next refresh, figures below k reading "hidden", noise kept between refreshes, and
//! the API's checks.

use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

use crate::harness::{
    Engine, FORUM_AREA, TestApp, binary, json,
    members::Person,
    problem,
    stories::{draft, feed_ids, published, submit},
};

const TAG: &str = "bedroom-inspected";
const K: u32 = 5;

fn story(title: &str, visibility: &str, period: &str, consent_count: bool) -> Value {
    json!({
        "title": title, "body": format!("{title}. What happened, in a few words."),
        "area": FORUM_AREA, "period": period, "services": ["social-care"],
        "tags": [TAG], "visibility": visibility, "consent_count": consent_count,
    })
}

/// `commonthread stats refresh` against the forum's database, as an admin would run it.
async fn refresh(app: &TestApp, extra: &[(&str, &str)]) -> String {
    let url = app.database.url().to_owned();
    let k = K.to_string();
    let extra: Vec<(String, String)> = extra
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let output = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let mut env = vec![
            ("CT_DATABASE_URL", url.as_str()),
            ("CT_STATS_K", k.as_str()),
        ];
        env.extend(extra.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        binary::run(dir.path(), &["stats", "refresh"], &env)
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "stats refresh failed: {}{stdout}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

async fn stats(reader: &Person, query: &str) -> Value {
    json(
        reader.get(&format!("/api/v1/stats{query}")).await,
        StatusCode::OK,
    )
    .await
}

/// The one quarter asked for: its total, the tag's category and the tag.
fn figures(body: &Value) -> (Value, Value, Value) {
    let quarter = &body["quarters"][0];
    let tag = quarter["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == TAG)
        .unwrap()
        .clone();
    let category = quarter["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == tag["category"])
        .unwrap()
        .clone();
    (quarter["total"].clone(), category, tag)
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn counted_only_stories_count_unseen_and_withdrawn_ones_stop_counting(
    #[case] engine: Engine,
) {
    let app = TestApp::spawn_with(engine, |c| c.stats.k = K).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let authors = [app.member("parent_a").await, app.member("parent_b").await];
    let reader = app.member("reader").await;
    let visitor = Person::anonymous(&app);

    // Four public stories and three counted-only ones, in 2025Q1, all with the tag.
    let mut public = Vec::new();
    let mut counted_only = Vec::new();
    for n in 0..4 {
        let body = story(&format!("Public {n}"), "public", "2025-02", true);
        public.push(published(&authors[n % 2], &moderator, &body).await);
    }
    for n in 0..3 {
        let body = story(&format!("Counted {n}"), "counted-only", "2025-03", true);
        counted_only.push(published(&authors[n % 2], &moderator, &body).await);
    }
    // These never count: no consent; not yet approved; a year with no month; no area.
    let no_consent = published(
        &authors[0],
        &moderator,
        &story("No consent", "public", "2025-01", false),
    )
    .await;
    let pending = draft(&authors[1], &story("Pending", "public", "2025-01", true)).await;
    submit(&authors[1], &pending).await;
    published(
        &authors[1],
        &moderator,
        &story("A year", "public", "2025", true),
    )
    .await;
    let mut unplaced = story("Somewhere", "public", "2025-01", true);
    unplaced["area"] = json!("not-said");
    published(&authors[0], &moderator, &unplaced).await;

    // Before any refresh with these stories, nothing is shown.
    let query = "?from=2025Q1&to=2025Q1";
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["suppressed"], true);

    let line = refresh(&app, &[]).await;
    assert!(line.starts_with("Published 3 of "), "{line}");
    assert!(line.contains(" from 7 counted stories "), "{line}");
    let body = stats(&visitor, query).await;
    assert_eq!(body["k"], K);
    assert!(
        body["suppression"]
            .as_str()
            .unwrap()
            .starts_with("A figure is hidden when it counts fewer than 5 stories")
    );
    assert_eq!(body["area"]["code"], FORUM_AREA);
    assert!(body["refreshed_on"].is_string());
    let (total, category, tag) = figures(&body);
    for figure in [&total, &category, &tag] {
        assert_eq!(figure["count"], 7, "{figure}");
        assert_eq!(figure["suppressed"], false);
        assert_eq!(figure["display"], "7");
        assert_eq!(figure["k"], K);
        assert_eq!(figure["period"], "2025Q1");
        assert_eq!(figure["vocabulary_version"], body["vocabulary_version"]);
    }
    assert_eq!(tag["rate"], 1.0);
    assert!(tag["rate_low"].as_f64().unwrap() < 1.0 && tag["rate_high"] == 1.0);
    assert_eq!(total["rate"], Value::Null);
    // Every other figure of the quarter is hidden, and reads as no number.
    let quarter = &body["quarters"][0];
    for other in quarter["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["tag"] != TAG)
    {
        assert_eq!(other["count"], Value::Null);
        assert_eq!(other["display"], "hidden");
    }

    // The counted-only stories count, but nobody but their authors sees them.
    for reader in [&visitor, &reader, &authors[1]] {
        let shown = feed_ids(reader, "?limit=50").await;
        assert!(public.iter().all(|id| shown.contains(id)));
        assert!(shown.contains(&no_consent));
        assert!(counted_only.iter().all(|id| !shown.contains(id)));
    }
    for id in &counted_only {
        let response = reader.get(&format!("/api/v1/stories/{id}")).await;
        problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }

    // A withdrawn story still counts until the next refresh (the API reads only the
    // published figures), then stops.
    let withdraw = |author: &Person, id: &str| {
        let path = format!("/api/v1/stories/{id}");
        let request = author.request(Method::DELETE, &path);
        async move {
            assert_eq!(
                request.send().await.unwrap().status(),
                StatusCode::NO_CONTENT
            )
        }
    };
    withdraw(&authors[0], &counted_only[0]).await;
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], 7);
    refresh(&app, &[]).await;
    let (total, category, tag) = figures(&stats(&visitor, query).await);
    assert_eq!(
        [&total["count"], &category["count"], &tag["count"]],
        [6, 6, 6]
    );

    // Withdrawing the count consent on a published story applies at once, and it stops
    // counting at the next refresh too.
    let path = format!("/api/v1/stories/{}", public[1]);
    let mut edit = story("Public 1", "public", "2025-02", false);
    edit["title"] = json!("Public 1");
    json(
        authors[1].send(Method::PUT, &path, &edit).await,
        StatusCode::OK,
    )
    .await;
    refresh(&app, &[]).await;
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], 5);

    // One more goes: 4 is below k, so every figure of the quarter is hidden.
    withdraw(&authors[0], &public[0]).await;
    refresh(&app, &[]).await;
    let body = stats(&visitor, query).await;
    let (total, category, tag) = figures(&body);
    for figure in [&total, &category, &tag] {
        assert_eq!(figure["count"], Value::Null, "{figure}");
        assert_eq!(figure["suppressed"], true);
        assert_eq!(figure["display"], "hidden");
        assert_eq!(figure["rate"], Value::Null);
    }
    assert!(
        !body.to_string().contains(":4,"),
        "no count of 4 anywhere: {body}"
    );
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn noise_is_shown_on_every_figure_and_kept_while_counts_stay_the_same(
    #[case] engine: Engine,
) {
    let app = TestApp::spawn_with(engine, |c| {
        c.stats.k = K;
        c.stats.epsilon = Some(1.0);
    })
    .await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    for n in 0..12 {
        let body = story(&format!("Story {n}"), "counted-only", "2025-05", true);
        published(&author, &moderator, &body).await;
    }
    let noisy = [("CT_STATS_EPSILON", "1.0")];
    let line = refresh(&app, &noisy).await;
    assert!(line.contains("epsilon = 1"), "{line}");
    let visitor = Person::anonymous(&app);
    let first = stats(&visitor, "?from=2025Q2&to=2025Q2").await;
    assert_eq!(first["epsilon"], 1.0);
    let quarter = &first["quarters"][0];
    let every = std::iter::once(&quarter["total"])
        .chain(quarter["categories"].as_array().unwrap())
        .chain(quarter["tags"].as_array().unwrap());
    for figure in every {
        assert_eq!(figure["epsilon"], 1.0);
        if let Some(count) = figure["count"].as_u64() {
            assert!(count >= u64::from(K), "{figure}");
        }
    }
    // Same stories, same figures: the noise is kept, not drawn again to be averaged out.
    refresh(&app, &noisy).await;
    let second = stats(&visitor, "?from=2025Q2&to=2025Q2").await;
    assert_eq!(first["quarters"], second["quarters"]);
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_stats_api_refuses_what_it_cannot_answer(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let visitor = Person::anonymous(&app);
    let bad = [
        "?area=E99999999",
        "?area=birmingham",
        "?from=2025Q5",
        "?from=2025-Q1",
        "?to=25Q1",
        "?from=2025Q3&to=2025Q1",
        "?from=2010Q1&to=2025Q1",
        "?to=2999Q1",
        "?tag=no-such-tag",
        "?category=no-such-category",
        "?colour=blue",
    ];
    for query in bad {
        let response = visitor.get(&format!("/api/v1/stats{query}")).await;
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert!(body["detail"].is_string(), "{query}: {body}");
    }
    // The defaults: the forum's area, the last eight quarters, every figure hidden on a
    // forum with no stories.
    let body = stats(&visitor, "").await;
    assert_eq!(body["area"]["code"], FORUM_AREA);
    assert_eq!(body["quarters"].as_array().unwrap().len(), 8);
    assert_eq!(body["k"], 10);
    let last = body["quarters"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["complete"], false);
    assert_eq!(last["quarter"], body["quarter_to_date"]);
    let filtered = stats(&visitor, "?category=blame&from=2025Q1&to=2025Q1").await;
    let quarter = &filtered["quarters"][0];
    assert_eq!(quarter["categories"].as_array().unwrap().len(), 1);
    assert!(
        quarter["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["category"] == "blame")
    );
    let one = stats(&visitor, &format!("?tag={TAG}&from=2025Q1&to=2025Q1")).await;
    assert_eq!(one["quarters"][0]["tags"].as_array().unwrap().len(), 1);
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn an_erased_account_stops_counting_at_the_next_refresh(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.stats.k = K).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let staying = app.member("parent_a").await;
    let leaving = app.member("parent_b").await;
    for n in 0..5 {
        let body = story(&format!("Staying {n}"), "counted-only", "2025-08", true);
        published(&staying, &moderator, &body).await;
    }
    for n in 0..2 {
        let body = story(&format!("Leaving {n}"), "public", "2025-09", true);
        published(&leaving, &moderator, &body).await;
    }
    let visitor = Person::anonymous(&app);
    let query = "?from=2025Q3&to=2025Q3";
    refresh(&app, &[]).await;
    let (total, _, tag) = figures(&stats(&visitor, query).await);
    assert_eq!([&total["count"], &tag["count"]], [7, 7]);

    let erased = leaving
        .request(Method::DELETE, "/api/v1/me")
        .json(&json!({"passphrase": leaving.passphrase}))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), StatusCode::NO_CONTENT);
    refresh(&app, &[]).await;
    let (total, _, tag) = figures(&stats(&visitor, query).await);
    assert_eq!([&total["count"], &tag["count"]], [5, 5]);
    app.stop().await;
}
