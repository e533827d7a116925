//! Federation between three real forums on 127.0.0.1, each with its own database (one on
//! PostgreSQL): following and approval, a story reaching both partners and following
//! its edit and withdrawal, a reply going back to the story's forum, pattern reports
//! arriving equal to what the sender published, a stopped partner catching up and a
//! restarted sender delivering what was pending; and the inbox refusing a bad
//! signature, a mismatched domain, a blocked domain and an oversize body, changing
//! nothing.

use std::time::Duration;

use commonthread::{
    config::Config,
    entities::{fed_delivery, fed_object, fed_report, stat_figure},
    federation::signing::Posted,
};
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::harness::{
    Engine, TestApp, json,
    members::Person,
    problem,
    stories::{approve_reply, draft, moderate, published, submit},
};

const BIRMINGHAM: &str = "E08000025";
const LEEDS: &str = "E08000035";
const CORNWALL: &str = "E06000052";
const TAG: &str = "bedroom-inspected";

/// What every forum here is set to: local federation, quick retries, k = 5.
pub(super) fn federating(name: &'static str, area: &'static str) -> impl FnOnce(&mut Config) {
    move |config: &mut Config| {
        TestApp::localhost(config);
        config.forum.name = name.to_owned().try_into().unwrap();
        config.forum.area = Some(area.to_owned().try_into().unwrap());
        config.federation.allow_http = true;
        config.federation.allow_private_addresses = true;
        config.federation.retry_base_secs = 1;
        config.federation.retry_max_secs = 2;
        config.stats.k = 5;
    }
}

/// Polls `check` until it gives a value, for up to 30 seconds (delivery is asynchronous).
pub(super) async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    for _ in 0..300 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting: {what}");
}

async fn overview(admin: &Person) -> Value {
    json(admin.get("/api/v1/admin/partners").await, StatusCode::OK).await
}

/// The state of the partner at `domain` as `admin`'s forum sees it.
async fn partner_state(admin: &Person, domain: &str) -> Option<String> {
    overview(admin).await["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["domain"] == domain)
        .map(|p| p["state"].as_str().unwrap().to_owned())
}

/// `follower` follows `followed`, whose admin approves; both end as partners.
pub(super) async fn partner(follower: (&TestApp, &Person), followed: (&TestApp, &Person)) {
    let (from, from_admin) = follower;
    let (to, to_admin) = followed;
    let asked = json(
        from_admin
            .send(
                Method::POST,
                "/api/v1/admin/partners",
                &json!({"address": format!("forum@{}", to.domain())}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(asked["state"], "pending");
    assert_eq!(asked["address"], format!("forum@{}", to.domain()));
    eventually("the follow request to arrive", || async {
        (partner_state(to_admin, from.domain()).await.as_deref() == Some("requested")).then_some(())
    })
    .await;
    let approved = json(
        to_admin
            .send(
                Method::POST,
                &format!("/api/v1/admin/partners/{}/approve", from.domain()),
                &json!(null),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(approved["state"], "partner");
    eventually("the follower to see the approval", || async {
        (partner_state(from_admin, to.domain()).await.as_deref() == Some("partner")).then_some(())
    })
    .await;
}

/// Birmingham's forum on SQLite and Leeds's on PostgreSQL, partners both ways, each with
/// its admin: (Birmingham, its admin, Leeds, its admin).
pub(super) async fn birmingham_and_leeds() -> (TestApp, Person, TestApp, Person) {
    let a = TestApp::spawn_with(Engine::Sqlite, federating("Birmingham Forum", BIRMINGHAM)).await;
    let b = TestApp::spawn_with(Engine::Postgres, federating("Leeds Forum", LEEDS)).await;
    let a_admin = a.admin("a_admin").await;
    let b_admin = b.admin("b_admin").await;
    partner((&a, &a_admin), (&b, &b_admin)).await;
    (a, a_admin, b, b_admin)
}

fn story(title: &str, area: &str, period: &str) -> Value {
    json!({
        "title": title, "body": format!("{title}. What happened, in a few words."),
        "area": area, "period": period, "services": ["social-care"],
        "tags": [TAG], "visibility": "federated", "consent_count": true,
    })
}

/// The partner feed's stories on `app`, as `reader` sees them: (title, forum domain, id).
async fn partner_feed(reader: &Person) -> Vec<(String, String, String)> {
    let page = json(
        reader.get("/api/v1/stories?source=partners&limit=50").await,
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_owned(),
                s["forum"]["domain"].as_str().unwrap().to_owned(),
                s["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// A story's "this happened to us too" count as `reader` sees it.
async fn reactions(reader: &Person, id: &str) -> Option<i64> {
    json(
        reader.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await["reactions"]["count"]
        .as_i64()
}

async fn has_title(reader: &Person, title: &str) -> Option<String> {
    partner_feed(reader)
        .await
        .into_iter()
        .find(|(t, _, _)| t == title)
        .map(|(_, _, id)| id)
}

#[tokio::test]
async fn three_forums_federate_stories_replies_and_reports() {
    let a = TestApp::spawn_with(Engine::Sqlite, federating("Birmingham Forum", BIRMINGHAM)).await;
    let b = TestApp::spawn_with(Engine::Postgres, federating("Leeds Forum", LEEDS)).await;
    let c = TestApp::spawn_with(Engine::Sqlite, federating("Cornwall Forum", CORNWALL)).await;
    let a_admin = a.admin("a_admin").await;
    let b_admin = b.admin("b_admin").await;
    let c_admin = c.admin("c_admin").await;

    // Before any partnership, content from a stranger is refused.
    assert_eq!(overview(&a_admin).await["mode"], "allowlist");
    assert_eq!(
        overview(&a_admin).await["address"],
        format!("forum@{}", a.domain())
    );

    // A follows B, B's admin approves; C follows A, A's admin approves.
    partner((&a, &a_admin), (&b, &b_admin)).await;
    partner((&c, &c_admin), (&a, &a_admin)).await;
    assert_eq!(
        partner_state(&b_admin, a.domain()).await.as_deref(),
        Some("partner")
    );
    assert_eq!(
        partner_state(&a_admin, c.domain()).await.as_deref(),
        Some("partner")
    );

    // A federated story reaches both partners, with the forum it came from.
    let author = a.member("a_author").await;
    let title = "They inspected her bedroom";
    let id = published(&author, &a_admin, &story(title, BIRMINGHAM, "2025-03")).await;
    let b_reader = b.member("b_reader").await;
    let c_reader = c.member("c_reader").await;
    let on_b = eventually("the story on B", || has_title(&b_reader, title)).await;
    let on_c = eventually("the story on C", || has_title(&c_reader, title)).await;
    let view = json(
        b_reader.get(&format!("/api/v1/stories/{on_b}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view["forum"]["domain"], a.domain());
    assert_eq!(view["forum"]["name"], "Birmingham Forum");
    assert_eq!(view["forum"]["url"], a.url(&format!("/stories/{id}")));
    assert_eq!(view["tags"], json!([TAG]));
    assert_eq!(view["area"], BIRMINGHAM);
    let original = json(
        author.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        view["pseudonym"], original["pseudonym"],
        "the author actor is named by the story's pseudonym"
    );
    assert!(view["html"].as_str().unwrap().contains("What happened"));
    // Its own forum's feed is unchanged; the partner's own feed does not mix it in.
    let b_local: Vec<String> = crate::harness::stories::feed_ids(&b_reader, "").await;
    assert!(!b_local.contains(&on_b));

    // An approved edit updates it everywhere.
    let edited = "They searched her bedroom";
    let response = author
        .send(
            Method::PUT,
            &format!("/api/v1/stories/{id}"),
            &story(edited, BIRMINGHAM, "2025-03"),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "{}",
        response.text().await.unwrap()
    );
    moderate(&a_admin, &id, json!({"action": "approve"})).await;
    eventually("the edit on B", || has_title(&b_reader, edited)).await;
    eventually("the edit on C", || has_title(&c_reader, edited)).await;
    assert!(has_title(&b_reader, title).await.is_none());

    // A reply on B goes to A, where A's moderators check it first (pre-moderation).
    let replied = json(
        b_reader
            .send(
                Method::POST,
                &format!("/api/v1/stories/{on_b}/replies"),
                &json!({"body": "The same happened to us in Leeds."}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    let reply_id = replied["id"].clone();
    approve_reply(&b_admin, &reply_id).await;
    let queued = eventually("the reply in A's moderation queue", || async {
        let queue = json(
            a_admin.get("/api/v1/moderation/queue").await,
            StatusCode::OK,
        )
        .await;
        queue["replies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["reply"]["html"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("happened to us in Leeds")
            })
            .map(|r| r["reply"]["id"].clone())
    })
    .await;
    approve_reply(&a_admin, &queued).await;
    let replies = json(
        author.get(&format!("/api/v1/stories/{id}/replies")).await,
        StatusCode::OK,
    )
    .await;
    let shown = replies.as_array().unwrap();
    assert_eq!(shown.len(), 1, "{replies}");
    assert!(
        shown[0]["html"]
            .as_str()
            .unwrap()
            .contains("happened to us in Leeds")
    );
    assert_eq!(shown[0]["pseudonym"], "A parent at Leeds Forum");

    // "This happened to us too" on B reaches A as a Like, and taking it back as an Undo.
    json(
        b_reader
            .send(
                Method::POST,
                &format!("/api/v1/stories/{on_b}/reactions"),
                &json!(null),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    eventually("the Like counted on A", || async {
        (reactions(&author, &id).await == Some(1)).then_some(())
    })
    .await;
    json(
        b_reader
            .request(Method::DELETE, &format!("/api/v1/stories/{on_b}/reactions"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    eventually("the Undo counted on A", || async {
        (reactions(&author, &id).await == Some(0)).then_some(())
    })
    .await;

    // A member who leaves takes their replies back from the partner's forum too.
    let leaving = b.member("b_leaving").await;
    let second = json(
        leaving
            .send(
                Method::POST,
                &format!("/api/v1/stories/{on_b}/replies"),
                &json!({"body": "Ours was the same, in Headingley."}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    approve_reply(&b_admin, &second["id"]).await;
    let pending = eventually("the second reply in A's queue", || async {
        let queue = json(
            a_admin.get("/api/v1/moderation/queue").await,
            StatusCode::OK,
        )
        .await;
        queue["replies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| {
                r["reply"]["html"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("Headingley")
            })
            .map(|r| r["reply"]["id"].clone())
    })
    .await;
    approve_reply(&a_admin, &pending).await;
    let replies_on_a = || async {
        json(
            author.get(&format!("/api/v1/stories/{id}/replies")).await,
            StatusCode::OK,
        )
        .await
        .as_array()
        .unwrap()
        .len()
    };
    assert_eq!(replies_on_a().await, 2);
    let erased = leaving
        .request(Method::DELETE, "/api/v1/me")
        .json(&json!({"passphrase": leaving.passphrase}))
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), StatusCode::NO_CONTENT);
    eventually("the erased member's reply gone from A", || async {
        (replies_on_a().await == 1).then_some(())
    })
    .await;

    // Pattern reports: five families' counted stories, then a refresh; B stores exactly
    // what A published, figure for figure, with every hidden figure listed alike.
    for n in 0..5 {
        let writer = a.member(&format!("a_counted_{n}")).await;
        published(
            &writer,
            &a_admin,
            &story(&format!("Counted story {n}"), BIRMINGHAM, "2025-05"),
        )
        .await;
    }
    commonthread::stats::refresh::refresh(
        &a.state.db,
        &a.state.patterns,
        &a.state.config.stats,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let sent: Vec<stat_figure::Model> = stat_figure::Entity::find()
        .order_by_asc(stat_figure::Column::Quarter)
        .all(&a.state.db)
        .await
        .unwrap();
    let quarters: std::collections::BTreeSet<&str> =
        sent.iter().map(|f| f.quarter.as_str()).collect();
    assert_eq!(quarters.len(), 2, "two quarters have stories: {sent:?}");
    let received = eventually("the reports on B", || async {
        let rows = fed_report::Entity::find().all(&b.state.db).await.unwrap();
        (rows.len() == quarters.len()).then_some(rows)
    })
    .await;
    for report in &received {
        assert_eq!(report.area, BIRMINGHAM);
        assert_eq!(report.k, 5);
        let figures: Vec<Value> = serde_json::from_str(&report.figures).unwrap();
        let mut got: Vec<(String, String, Option<i64>)> = figures
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_owned(),
                    f["key"].as_str().unwrap().to_owned(),
                    f["count"].as_i64(),
                )
            })
            .collect();
        got.push((
            "total".to_owned(),
            String::new(),
            report.total.map(i64::from),
        ));
        got.sort();
        assert_eq!(report.unit, "family");
        assert_eq!(report.complete, Some(true));
        let vocabulary = &a.state.patterns.vocabulary;
        assert_eq!(
            got.len(),
            1 + vocabulary.categories.len() + vocabulary.tags.len(),
            "every figure listed, shown or hidden"
        );
        let mut want: Vec<(String, String, Option<i64>)> = sent
            .iter()
            .filter(|f| f.quarter == report.quarter)
            .map(|f| (f.kind.clone(), f.key.clone(), f.count.map(i64::from)))
            .collect();
        want.sort();
        let shown: Vec<_> = got
            .iter()
            .filter(|(kind, _, c)| c.is_some() || kind == "total")
            .cloned()
            .collect();
        assert_eq!(shown, want, "{}", report.quarter);
        assert!(
            got.iter().all(|(_, _, count)| count.is_none_or(|c| c >= 5)),
            "no figure below k leaves"
        );
    }
    let may = received.iter().find(|r| r.quarter == "2025Q2").unwrap();
    assert_eq!(may.total, Some(5));

    // C stops; A publishes two more stories and the deliveries to C wait in A's queue.
    let c_address = c.domain().to_owned();
    let c_database = c.stop().await;
    let late = ["A late story one", "A late story two"];
    for title in late {
        published(&author, &a_admin, &story(title, BIRMINGHAM, "2025-06")).await;
    }
    eventually("deliveries to C to be pending and failing", || async {
        let pending = fed_delivery::Entity::find()
            .filter(fed_delivery::Column::Domain.eq(c_address.as_str()))
            .filter(fed_delivery::Column::Attempts.gte(1))
            .count(&a.state.db)
            .await
            .unwrap();
        (pending > 0).then_some(())
    })
    .await;
    let unreachable = overview(&a_admin).await["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["domain"] == c_address)
        .unwrap()["unreachable_since"]
        .clone();
    assert!(
        unreachable.is_string(),
        "C is marked unreachable: {unreachable}"
    );

    // As if C had been down for a day (the back-off is shortened here; the age is what
    // decides giving up): the waiting deliveries are 23 hours old and much retried.
    fed_delivery::Entity::update_many()
        .col_expr(
            fed_delivery::Column::CreatedAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::TimeDelta::hours(23)),
        )
        .col_expr(
            fed_delivery::Column::Attempts,
            sea_orm::sea_query::Expr::value(40),
        )
        .filter(fed_delivery::Column::Domain.eq(c_address.as_str()))
        .exec(&a.state.db)
        .await
        .unwrap();

    // A restarts with those deliveries pending; C comes back; C receives every story.
    let a_address = a.domain().to_owned();
    let a_database = a.stop().await;
    let c = TestApp::start_at(
        c_database,
        &c_address.replace("localhost", "127.0.0.1"),
        federating("Cornwall Forum", CORNWALL),
    )
    .await;
    let a = TestApp::start_at(
        a_database,
        &a_address.replace("localhost", "127.0.0.1"),
        federating("Birmingham Forum", BIRMINGHAM),
    )
    .await;
    let c_reader = Person::another_browser_of(
        &c,
        "c_reader",
        &crate::harness::strong_passphrase("c_reader"),
    );
    json(c_reader.sign_in().await, StatusCode::OK).await;
    for title in late {
        eventually("a late story on C after restarts", || {
            has_title(&c_reader, title)
        })
        .await;
    }
    let a_admin =
        Person::another_browser_of(&a, "a_admin", &crate::harness::strong_passphrase("a_admin"));
    json(a_admin.sign_in().await, StatusCode::OK).await;
    eventually("C to be reachable again", || async {
        let view = overview(&a_admin).await;
        let c_row = view["partners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["domain"] == c_address)
            .cloned()
            .unwrap();
        c_row["unreachable_since"].is_null().then_some(())
    })
    .await;

    // Withdrawal removes the story everywhere.
    let author = Person::another_browser_of(
        &a,
        "a_author",
        &crate::harness::strong_passphrase("a_author"),
    );
    json(author.sign_in().await, StatusCode::OK).await;
    let withdrawn = author
        .request(Method::DELETE, &format!("/api/v1/stories/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(withdrawn.status(), StatusCode::NO_CONTENT);
    eventually("the story gone from B", || async {
        has_title(&b_reader, edited).await.is_none().then_some(())
    })
    .await;
    eventually("the story gone from C", || async {
        has_title(&c_reader, edited).await.is_none().then_some(())
    })
    .await;
    problem(
        b_reader.get(&format!("/api/v1/stories/{on_b}")).await,
        StatusCode::GONE,
        "withdrawn",
    )
    .await;
    problem(
        c_reader.get(&format!("/api/v1/stories/{on_c}")).await,
        StatusCode::GONE,
        "withdrawn",
    )
    .await;
    let tombstone = a
        .client
        .get(a.url(&format!("/ap/stories/{id}")))
        .send()
        .await
        .unwrap();
    let status = tombstone.status();
    let tombstone: Value = tombstone.json().await.unwrap();
    assert_eq!(status, StatusCode::GONE, "{tombstone}");
    assert_eq!(tombstone["type"], "Tombstone");

    a.stop().await;
    b.stop().await;
    c.stop().await;
}

/// Shapes Mastodon and Lemmy accept: `@context` first, absolute ids, `to` with the Public
/// collection, `attributedTo` a resolvable actor, RFC 3339 `published`.
#[tokio::test]
async fn articles_and_their_authors_have_the_shapes_the_fediverse_accepts() {
    let a = TestApp::spawn_with(Engine::Postgres, federating("Birmingham Forum", BIRMINGHAM)).await;
    let b = TestApp::spawn_with(Engine::Sqlite, federating("Leeds Forum", LEEDS)).await;
    let admin = a.admin("a_admin").await;
    let b_admin = b.admin("b_admin").await;
    partner((&b, &b_admin), (&a, &admin)).await;
    let author = a.member("a_author").await;
    let mut body = story("They inspected her bedroom", BIRMINGHAM, "2025-03");
    body["content_warnings"] = json!(["self-harm"]);
    let id = published(&author, &admin, &body).await;
    let fetch = |path: String| {
        let client = a.client.clone();
        let url = a.url(&path);
        async move {
            let response = client
                .get(url)
                .header("Accept", "application/activity+json")
                .send()
                .await
                .unwrap();
            let status = response.status();
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            (
                status,
                content_type,
                response.json::<Value>().await.unwrap(),
            )
        }
    };
    let (status, content_type, article) = eventually("the story to be federated", || {
        let fetched = fetch(format!("/ap/stories/{id}"));
        async move {
            let got = fetched.await;
            (got.0 == StatusCode::OK).then_some(got)
        }
    })
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/activity+json");
    assert_eq!(
        article["@context"][0],
        "https://www.w3.org/ns/activitystreams"
    );
    assert_eq!(article["type"], "Article");
    assert_eq!(article["id"], a.url(&format!("/ap/stories/{id}")));
    assert_eq!(
        article["to"],
        json!(["https://www.w3.org/ns/activitystreams#Public"])
    );
    assert_eq!(article["cc"], json!([a.url("/followers")]));
    assert_eq!(article["audience"], a.url("/actor"));
    assert_eq!(article["url"], a.url(&format!("/stories/{id}")));
    assert_eq!(article["mediaType"], "text/html");
    assert_eq!(article["sensitive"], true);
    assert_eq!(article["summary"], "Content warning: self harm");
    for when in ["published", "updated"] {
        let date = article[when].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");
        assert!(date.ends_with("T00:00:00Z"), "a date, never a time: {date}");
    }
    assert!(article["content"].as_str().unwrap().starts_with("<p>"));
    let tags = article["tag"].as_array().unwrap();
    assert!(
        tags.iter()
            .any(|t| t["type"] == "Hashtag" && t["name"] == "#BedroomInspected"),
        "{tags:?}"
    );
    assert!(
        article["pattern"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p.as_str().unwrap().ends_with("#bedroom-inspected"))
    );
    assert_eq!(article["area"], BIRMINGHAM);
    assert_eq!(article["period"], "2025-03");
    let text = article.to_string();
    assert!(!text.contains("a_author"), "never the handle");

    // The author actor: a Person named by the story's pseudonym, with its own key.
    let person_path = article["attributedTo"]
        .as_str()
        .unwrap()
        .trim_start_matches(&a.base_url)
        .to_owned();
    let (status, content_type, person) = fetch(person_path.clone()).await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::OK, "application/activity+json")
    );
    assert_eq!(person["type"], "Person");
    assert_eq!(person["id"], article["attributedTo"]);
    let view = json(
        author.get(&format!("/api/v1/stories/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(person["name"], view["pseudonym"]);
    let key = &person["publicKey"];
    assert_eq!(key["owner"], person["id"]);
    assert!(
        key["publicKeyPem"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN PUBLIC KEY-----")
    );
    assert_ne!(
        key["publicKeyPem"],
        json(a.get("/actor").await, StatusCode::OK).await["publicKey"]["publicKeyPem"],
        "its own key, not the forum's"
    );
    let (_, _, again) = fetch(person_path).await;
    assert_eq!(again["publicKey"], person["publicKey"], "the key is kept");
    assert!(!person.to_string().contains("PRIVATE"));
    let kept = fed_object::Entity::find()
        .filter(fed_object::Column::PersonKeys.is_not_null())
        .all(&a.state.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert!(
        !kept[0].person_keys.as_deref().unwrap().contains("PRIVATE"),
        "nothing signs as the author, so no private key is kept"
    );
    assert!(
        person.get("outbox").is_none() && person.get("url").is_none(),
        "no link to anything else"
    );

    // A reply from a partner forum: a Note by that forum, in reply to the Article.
    let b_reader = b.member("b_reader").await;
    let on_b = eventually("the story on B", || {
        has_title(&b_reader, "They inspected her bedroom")
    })
    .await;
    let reply = json(
        b_reader
            .send(
                Method::POST,
                &format!("/api/v1/stories/{on_b}/replies"),
                &json!({"body": "The same happened to *us*."}),
            )
            .await,
        StatusCode::CREATED,
    )
    .await;
    approve_reply(&b_admin, &reply["id"]).await;
    // The Note is served once the sweep has sent it.
    let response = eventually("the reply to be sent as a Note", || async {
        let response = b
            .client
            .get(b.url(&format!("/ap/replies/{}", reply["id"])))
            .header("Accept", "application/activity+json")
            .send()
            .await
            .unwrap();
        (response.status() == StatusCode::OK).then_some(response)
    })
    .await;
    assert_eq!(
        response.headers()["content-type"],
        "application/activity+json"
    );
    let note: Value = response.json().await.unwrap();
    assert_eq!(note["@context"][0], "https://www.w3.org/ns/activitystreams");
    assert_eq!(note["type"], "Note");
    assert_eq!(note["id"], b.url(&format!("/ap/replies/{}", reply["id"])));
    assert_eq!(note["inReplyTo"], article["id"]);
    assert_eq!(
        note["to"],
        json!(["https://www.w3.org/ns/activitystreams#Public"])
    );
    assert_eq!(note["cc"], json!([a.url("/actor")]));
    assert_eq!(note["audience"], a.url("/actor"));
    assert_eq!(
        note["content"],
        "<p>The same happened to <em>us</em>.</p>\n"
    );
    assert_eq!(note["mediaType"], "text/html");
    let date = note["published"].as_str().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(date).is_ok(), "{date}");
    assert!(date.ends_with("T00:00:00Z"), "a date, never a time: {date}");
    // attributedTo resolves to B's forum actor, with its key: no member crosses.
    assert_eq!(note["attributedTo"], b.url("/actor"));
    let forum = json(b.get("/actor").await, StatusCode::OK).await;
    assert_eq!(forum["id"], note["attributedTo"]);
    assert_eq!(forum["type"], "Group");
    assert!(forum["publicKey"]["publicKeyPem"].is_string());
    assert!(!note.to_string().contains("b_reader"), "never the handle");
    // Taken down by a moderator: a Tombstone where the Note was. An id never sent: 404.
    json(
        b_admin
            .send(
                Method::POST,
                &format!("/api/v1/moderation/replies/{}", reply["id"]),
                &json!({"action": "reject", "reason": "Names a school."}),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    let gone = b
        .client
        .get(b.url(&format!("/ap/replies/{}", reply["id"])))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::GONE);
    let tombstone: Value = gone.json().await.unwrap();
    assert_eq!(tombstone["type"], "Tombstone");
    assert_eq!(tombstone["formerType"], "Note");
    let never = b
        .client
        .get(b.url("/ap/replies/99999"))
        .send()
        .await
        .unwrap();
    assert_eq!(never.status(), StatusCode::NOT_FOUND);
    a.stop().await;
    b.stop().await;
}

/// An activity whose handling fails is not marked seen: the partner's retry of the same
/// activity is handled afresh, not ignored as a repeat (which would lose it for good).
/// Here a reply arrives before the story it answers is published, then again after.
#[tokio::test]
async fn an_activity_that_failed_is_handled_afresh_when_sent_again() {
    let (a, a_admin, b, _) = birmingham_and_leeds().await;
    let author = a.member("a_author").await;
    let id = draft(&author, &story("Not out yet", BIRMINGHAM, "2025-03")).await;
    let reply = json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Create", "id": b.url("/ap/activities/sent-twice"), "actor": b.url("/actor"),
        "to": [a.url("/actor")], "cc": ["https://www.w3.org/ns/activitystreams#Public"],
        "object": {
            "type": "Note", "id": b.url("/ap/replies/424242"), "attributedTo": b.url("/actor"),
            "inReplyTo": a.url(&format!("/ap/stories/{id}")), "content": "<p>Sent twice.</p>",
        },
    })
    .to_string();
    let inbox = url::Url::parse(&a.url("/inbox")).unwrap();
    let signer = &b.state.federation.signer;
    let queued = || async {
        json(
            a_admin.get("/api/v1/moderation/queue").await,
            StatusCode::OK,
        )
        .await["replies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["reply"]["html"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("Sent twice")
            })
            .count()
    };
    // Before the story is published: not taken.
    let first = signer.post(&inbox, reply.clone()).await.unwrap();
    assert!(
        matches!(first, Posted::Refused(status) if status.is_client_error()),
        "{first:?}"
    );
    assert_eq!(queued().await, 0);
    // Once it is, the same activity again: taken, and waiting for A's moderators.
    submit(&author, &id).await;
    moderate(&a_admin, &id, json!({"action": "approve"})).await;
    let second = signer.post(&inbox, reply.clone()).await.unwrap();
    assert_eq!(second, Posted::Taken);
    assert_eq!(queued().await, 1);
    // A third time it is a repeat, and changes nothing.
    let third = signer.post(&inbox, reply).await.unwrap();
    assert_eq!(third, Posted::Taken);
    assert_eq!(queued().await, 1);
    a.stop().await;
    b.stop().await;
}
