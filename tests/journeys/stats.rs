//! Anonymised statistics end to end on both engines: figures count families, not stories
//! (one busy writer is one family); which stories count (counted-only ones do, but are
//! never shown; those without the count consent never do); refreshing with the real
//! `commonthread stats refresh` and auditing with `commonthread stats audit`; the quarter
//! to date published nowhere; the release rule (a family that leaves hides the figures it
//! was in until k families have changed, newcomers wait for k); figures below k reading
//! "hidden"; noise kept between refreshes; and the API's checks.

use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

use chrono::Utc;
use commonthread::stats::Quarter;
use sea_orm::ConnectionTrait;

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

/// The latest quarter published today (14 days after quarter end, the default), and a
/// month in it as a story's period.
fn published_quarter() -> (Quarter, String) {
    let quarter = Quarter::latest_published(Utc::now().date_naive(), 14);
    (quarter, quarter.first_day().format("%Y-%m").to_string())
}

/// `n` members, each with a handle of their own.
async fn members(app: &TestApp, prefix: &str, n: usize) -> Vec<Person> {
    let mut out = Vec::new();
    for i in 0..n {
        out.push(app.member(&format!("{prefix}_{i}")).await);
    }
    out
}

/// `commonthread stats audit` against the forum's database: its exit and what it printed.
async fn audit(app: &TestApp) -> (bool, String) {
    let url = app.database.url().to_owned();
    let k = K.to_string();
    let output = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        let env = [
            ("CT_DATABASE_URL", url.as_str()),
            ("CT_STATS_K", k.as_str()),
        ];
        binary::run(dir.path(), &["stats", "audit"], &env)
    })
    .await
    .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// Withdraws a story, as its author would.
async fn withdraw(author: &Person, id: &str) {
    let path = format!("/api/v1/stories/{id}");
    let response = author.request(Method::DELETE, &path).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
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
async fn one_busy_writer_is_one_family_and_the_audit_checks_what_is_published(
    #[case] engine: Engine,
) {
    // k is the default, 10.
    let app = TestApp::spawn(engine).await;
    let (done, said) = audit(&app).await;
    assert!(done, "{said}");
    assert!(said.contains("Nothing to audit"), "{said}");

    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let busy = app.member("busy").await;
    let (quarter, period) = published_quarter();
    let query = format!("?from={quarter}&to={quarter}");
    for n in 0..12 {
        let body = story(&format!("Again {n}"), "counted-only", &period, true);
        published(&busy, &moderator, &body).await;
    }
    let url = app.database.url().to_owned();
    let k10 = [("CT_STATS_K", "10")];
    let line = refresh(&app, &k10).await;
    assert!(
        line.contains(" from 1 families (12 counted stories"),
        "{line}"
    );
    let visitor = Person::anonymous(&app);
    let (total, category, tag) = figures(&stats(&visitor, &query).await);
    for figure in [&total, &category, &tag] {
        assert_eq!(
            figure["count"],
            Value::Null,
            "one family's 12 stories: {figure}"
        );
        assert_eq!(figure["display"], "hidden");
    }

    // Eleven more families, one story each: twelve families, shown as 12.
    for parent in members(&app, "parent", 11).await {
        published(&parent, &moderator, &story("Once", "public", &period, true)).await;
    }
    let line = refresh(&app, &k10).await;
    assert!(
        line.contains(" from 12 families (23 counted stories"),
        "{line}"
    );
    let body = stats(&visitor, &query).await;
    assert_eq!(body["unit"], "family");
    assert!(
        body["suppression"]
            .as_str()
            .unwrap()
            .starts_with("A figure is hidden when it counts fewer than 10 families")
    );
    let (total, category, tag) = figures(&body);
    for figure in [&total, &category, &tag] {
        assert_eq!(figure["count"], 12, "{figure}");
    }
    assert_eq!(tag["rate"], 1.0);

    // The audit passes what the refresh published, and fails a release tampered with: a
    // hidden tag given a count of 3.
    let (done, said) = audit(&app).await;
    assert!(done, "{said}");
    assert!(said.contains("No problems found."), "{said}");
    let db = sea_orm::Database::connect(&url).await.unwrap();
    db.execute_unprepared(&format!(
        "INSERT INTO stat_figure (area, quarter, kind, key, count) \
         VALUES ('{FORUM_AREA}', '{quarter}', 'tag', 'outnumbered', 3)"
    ))
    .await
    .unwrap();
    let (done, said) = audit(&app).await;
    assert!(!done, "{said}");
    assert!(
        said.contains(&format!(
            "current release, {FORUM_AREA} {quarter}, tag:outnumbered: published 3, below k = 10"
        )),
        "{said}"
    );
    // Nothing that names a story or a member.
    assert!(!said.contains("busy") && !said.contains("Again"), "{said}");
    db.close().await.unwrap();
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn counted_only_stories_count_unseen_and_a_family_that_leaves_hides_its_quarter(
    #[case] engine: Engine,
) {
    let app = TestApp::spawn_with(engine, |c| c.stats.k = K).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let authors = members(&app, "parent", 7).await;
    let reader = app.member("reader").await;
    let visitor = Person::anonymous(&app);

    // Four public stories and three counted-only ones, in 2025Q1, all with the tag, by
    // seven families.
    let mut public = Vec::new();
    let mut counted_only = Vec::new();
    for (n, author) in authors[..4].iter().enumerate() {
        let body = story(&format!("Public {n}"), "public", "2025-02", true);
        public.push(published(author, &moderator, &body).await);
    }
    for n in 0..3 {
        let body = story(&format!("Counted {n}"), "counted-only", "2025-03", true);
        counted_only.push(published(&authors[4 + n], &moderator, &body).await);
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
    assert!(
        line.contains(" from 7 families (7 counted stories"),
        "{line}"
    );
    let body = stats(&visitor, query).await;
    assert_eq!(body["k"], K);
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
    // published figures). Then its family is in no figure, and since 6 against 7 would
    // give its tags away, the quarter's figures are hidden, not made smaller.
    withdraw(&authors[4], &counted_only[0]).await;
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], 7);
    let line = refresh(&app, &[]).await;
    assert!(line.contains("1 hidden until k have changed"), "{line}");
    let body = stats(&visitor, query).await;
    let (total, category, tag) = figures(&body);
    for figure in [&total, &category, &tag] {
        assert_eq!(figure["count"], Value::Null, "{figure}");
        assert_eq!(figure["display"], "hidden");
    }
    assert!(
        !body.to_string().contains(":6,"),
        "no count of 6 anywhere: {body}"
    );
    let (done, said) = audit(&app).await;
    assert!(done, "{said}");

    // Newcomers to a published quarter wait until k families have changed: four are not
    // enough (7 then, 10 now). One of them has the tags of the family that left, so the
    // figures of the last release (7) describe today's families without the other three,
    // and are shown again; six newcomers are enough (12 now).
    let newcomers = members(&app, "late", 6).await;
    for parent in &newcomers[..4] {
        published(
            parent,
            &moderator,
            &story("Late", "counted-only", "2025-03", true),
        )
        .await;
    }
    let line = refresh(&app, &[]).await;
    assert!(
        line.contains("1 held until k families have joined"),
        "{line}"
    );
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], 7);
    for parent in &newcomers[4..] {
        published(
            parent,
            &moderator,
            &story("Late", "counted-only", "2025-03", true),
        )
        .await;
    }
    refresh(&app, &[]).await;
    let (total, category, tag) = figures(&stats(&visitor, query).await);
    assert_eq!(
        [&total["count"], &category["count"], &tag["count"]],
        [12, 12, 12]
    );
    let (done, said) = audit(&app).await;
    assert!(done, "{said}");

    // One late newcomer more waits: the figures stay as they were.
    let one_more = app.member("later_still").await;
    let mut two_tags = story("Late", "public", "2025-01", true);
    two_tags["tags"] = json!([TAG, "parent-labelled"]);
    published(&one_more, &moderator, &two_tags).await;
    let line = refresh(&app, &[]).await;
    assert!(
        line.contains("1 held until k families have joined"),
        "{line}"
    );
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], 12);

    // Taking back the count consent is a leaving too (the newcomer waiting has other tags,
    // so nobody has simply taken the leaver's place).
    let path = format!("/api/v1/stories/{}", public[1]);
    let edit = story("Public 1", "public", "2025-02", false);
    json(
        authors[1].send(Method::PUT, &path, &edit).await,
        StatusCode::OK,
    )
    .await;
    refresh(&app, &[]).await;
    let (total, _, _) = figures(&stats(&visitor, query).await);
    assert_eq!(total["count"], Value::Null);
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_quarter_to_date_is_published_nowhere(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |c| c.stats.k = K).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let (closed, closed_period) = published_quarter();
    let today = Utc::now().date_naive();
    let now = Quarter::of(today);
    let this_month = today.format("%Y-%m").to_string();
    for parent in members(&app, "parent", 6).await {
        published(
            &parent,
            &moderator,
            &story("Then", "public", &closed_period, true),
        )
        .await;
        published(
            &parent,
            &moderator,
            &story("Now", "public", &this_month, true),
        )
        .await;
    }
    refresh(&app, &[]).await;
    let visitor = Person::anonymous(&app);

    // The API: the latest published quarter by default, the next one announced, and the
    // quarter to date refused.
    let body = stats(&visitor, "").await;
    assert_eq!(body["published_through"], closed.to_string());
    assert_eq!(body["to"], closed.to_string());
    assert_eq!(body["next_quarter"], closed.next().to_string());
    assert_eq!(
        body["next_publication"],
        closed.next().published_from(14).to_string()
    );
    assert_eq!(body["publish_after_days"], 14);
    let quarters: Vec<&str> = body["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["quarter"].as_str().unwrap())
        .collect();
    assert_eq!(quarters.last(), Some(&closed.to_string().as_str()));
    assert!(!quarters.contains(&now.to_string().as_str()));
    let (total, _, _) = figures(&stats(&visitor, &format!("?from={closed}&to={closed}")).await);
    assert_eq!(total["count"], 6);
    let response = visitor.get(&format!("/api/v1/stats?to={now}")).await;
    let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("published up to {closed}")),
        "{refused}"
    );

    // What the refresh stored to publish (and send to partners as pattern reports, see
    // the comparison journeys): nothing of the quarter to date.
    let db = sea_orm::Database::connect(app.database.url())
        .await
        .unwrap();
    for table in ["stat_figure", "stat_baseline", "stat_noise"] {
        let rows = db
            .query_all_raw(sea_orm::Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT quarter FROM {table} WHERE quarter >= '{}'",
                    closed.next()
                ),
            ))
            .await
            .unwrap();
        assert!(rows.is_empty(), "{table} holds a quarter after {closed}");
    }
    db.close().await.unwrap();

    // The comparison and the export: no quarter to date.
    let compare = json(visitor.get("/api/v1/compare").await, StatusCode::OK).await;
    assert!(
        compare["periods"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p != &json!(now.to_string())),
        "{compare}"
    );
    assert_eq!(compare["period"], closed.to_string());
    let evidence = json(
        visitor
            .get(&format!("/api/v1/evidence.json?from={closed}&to={now}"))
            .await,
        StatusCode::OK,
    )
    .await;
    let periods: Vec<&Value> = evidence["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["period"])
        .collect();
    assert!(!periods.is_empty());
    assert!(
        periods.iter().all(|p| **p == json!(closed.to_string())),
        "{periods:?}"
    );
    assert!(
        evidence["figures"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["unit"] == "family")
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
    for (n, author) in members(&app, "parent", 6).await.iter().enumerate() {
        for m in 0..2 {
            let body = story(&format!("Story {n}.{m}"), "counted-only", "2025-05", true);
            published(author, &moderator, &body).await;
        }
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
        "?to=2100Q1",
        "?tag=no-such-tag",
        "?category=no-such-category",
        "?colour=blue",
    ];
    for query in bad {
        let response = visitor.get(&format!("/api/v1/stats{query}")).await;
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert!(body["detail"].is_string(), "{query}: {body}");
    }
    // The defaults: the forum's area, the eight quarters up to the latest published,
    // every figure hidden on a forum with no stories.
    let body = stats(&visitor, "").await;
    assert_eq!(body["area"]["code"], FORUM_AREA);
    assert_eq!(body["quarters"].as_array().unwrap().len(), 8);
    assert_eq!(body["k"], 10);
    let last = body["quarters"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["quarter"], published_quarter().0.to_string());
    assert_eq!(last["total"]["display"], "hidden");
    assert!(last.get("complete").is_none() && body.get("quarter_to_date").is_none());
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
    let staying = members(&app, "staying", 10).await;
    let leaving = app.member("leaving").await;
    for (n, parent) in staying.iter().enumerate() {
        let body = story(&format!("Staying {n}"), "counted-only", "2025-08", true);
        published(parent, &moderator, &body).await;
    }
    for n in 0..2 {
        let body = story(&format!("Leaving {n}"), "public", "2025-09", true);
        published(&leaving, &moderator, &body).await;
    }
    let visitor = Person::anonymous(&app);
    let query = "?from=2025Q3&to=2025Q3";
    refresh(&app, &[]).await;
    let (total, _, tag) = figures(&stats(&visitor, query).await);
    assert_eq!([&total["count"], &tag["count"]], [11, 11]);

    let erased = leaving
        .request(Method::DELETE, "/api/v1/me")
        .json(&json!({"passphrase": leaving.passphrase}))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), StatusCode::NO_CONTENT);
    // Erased: the family is in no figure. 10 against 11 would give its tags away, so the
    // quarter's figures are hidden until k families have changed.
    refresh(&app, &[]).await;
    let (total, _, tag) = figures(&stats(&visitor, query).await);
    assert_eq!(
        [&total["count"], &tag["count"]],
        [&Value::Null, &Value::Null]
    );
    let (done, said) = audit(&app).await;
    assert!(done, "{said}");
    app.stop().await;
}
