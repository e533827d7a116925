//! Several replicas of one forum on one PostgreSQL database, as real processes: started
//! together they migrate once and refresh the figures once; a session made on one works
//! on the other; a story approved on one reaches a partner exactly once while both run;
//! and a replica killed (SIGKILL) in the middle of a delivery loses nothing, since the
//! other sends it once the dead one's lease runs out. (SQLite is one process's file:
//! replicas are a PostgreSQL matter.)

use std::{
    process::Child,
    time::{Duration, Instant},
};

use commonthread::entities::{fed_delivery, stat_release};
use reqwest::{Method, StatusCode, cookie::CookieStore};
use sea_orm::{Database, DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use super::partners::{eventually, federating};
use crate::harness::{
    Engine, Person, TestApp, TestDatabase, binary, json, relay::Relay, stories::published,
};

const LEEDS: &str = "E08000035";

/// One replica: `commonthread serve` on `port`, all of them known to the world by
/// `public_url` (as behind a load balancer), logging to a file in `dir`.
struct Replica {
    child: Child,
    base: String,
}

fn start_replica(dir: &std::path::Path, name: &str, port: u16, env: &[(&str, &str)]) -> Replica {
    let listen = format!("127.0.0.1:{port}");
    let mut all = vec![("CT_SERVER_LISTEN", listen.as_str())];
    all.extend_from_slice(env);
    let child = binary::spawn_logged(dir, &all, &dir.join(format!("{name}.log")));
    Replica {
        child,
        base: format!("http://{listen}"),
    }
}

async fn releases(db: &DatabaseConnection) -> u64 {
    stat_release::Entity::find().count(db).await.unwrap()
}

/// Whether `reader`'s forum shows a partner story titled `title`.
async fn has_partner_story(reader: &Person, title: &str) -> Option<()> {
    let page = json(
        reader.get("/api/v1/stories?source=partners").await,
        StatusCode::OK,
    )
    .await;
    page["items"]
        .as_array()?
        .iter()
        .any(|item| item["title"] == title)
        .then_some(())
}

fn story(title: &str) -> Value {
    json!({
        "title": title, "body": format!("{title}. What happened, in a few words."),
        "area": LEEDS, "period": "2025-03", "services": ["school"],
        "tags": ["bedroom-inspected"], "visibility": "federated", "consent_count": true,
    })
}

/// Waits for the inbox requests to settle, then gives how many were passed on.
async fn settled(relay: &Relay) -> usize {
    let mut last = relay.posted();
    let mut quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let now = relay.posted();
        if now != last {
            last = now;
            quiet_since = Instant::now();
        }
    }
    last
}

#[tokio::test]
async fn two_replicas_share_one_postgresql_and_lose_no_delivery_when_one_is_killed() {
    // The partner, Cornwall's forum, behind a relay that counts and can hold its inbox.
    let c_port = binary::free_port();
    let relay = Relay::start(format!("127.0.0.1:{c_port}")).await;
    let relay_port = relay.address.rsplit(':').next().unwrap().to_owned();
    let c = TestApp::start_at(
        TestDatabase::create(Engine::Sqlite).await,
        &format!("127.0.0.1:{c_port}"),
        |config| {
            federating("Cornwall Forum", "E06000052")(config);
            config.server.public_url = format!("http://localhost:{relay_port}").try_into().unwrap();
        },
    )
    .await;
    let c_admin = c.admin("c_admin").await;

    // Leeds's forum: two replicas on one database, started at the same moment.
    let database = TestDatabase::create(Engine::Postgres).await;
    let dir = tempfile::tempdir().unwrap();
    let (a_port, b_port) = (binary::free_port(), binary::free_port());
    let public_url = format!("http://localhost:{a_port}");
    let env = [
        ("CT_DATABASE_URL", database.url()),
        ("CT_SERVER_PUBLIC_URL", public_url.as_str()),
        ("CT_FORUM_NAME", "Leeds Forum"),
        ("CT_FORUM_AREA", LEEDS),
        ("CT_FEDERATION_ALLOW_HTTP", "true"),
        ("CT_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true"),
        ("CT_FEDERATION_RETRY_BASE_SECS", "1"),
        ("CT_FEDERATION_RETRY_MAX_SECS", "2"),
        ("CT_FEDERATION_DELIVERY_LEASE_SECS", "3"),
    ];
    let mut a = start_replica(dir.path(), "a", a_port, &env);
    let mut b = start_replica(dir.path(), "b", b_port, &env);
    binary::wait_until_up(&format!("{}/readyz", a.base)).await;
    binary::wait_until_up(&format!("{}/readyz", b.base)).await;

    // Both looked for figures at start; one refresh ran, the other found it done.
    let db = Database::connect(database.url()).await.unwrap();
    eventually("a release of figures", || async {
        (releases(&db).await > 0).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(releases(&db).await, 1, "one refresh, not one per replica");

    // The first admin, made with the CLI; signed in on A, the same session works on B.
    let passphrase = binary::create_admin(dir.path(), &env, "leeds_admin");
    let on_a = Person::at(&a.base, "leeds_admin", &passphrase);
    json(on_a.sign_in().await, StatusCode::OK).await;
    let on_b = Person::at(&b.base, "leeds_admin", &passphrase);
    let api = |base: &str| format!("{base}/api/v1/me").parse().unwrap();
    let session = on_a.jar.cookies(&api(&a.base)).unwrap();
    for cookie in session.to_str().unwrap().split("; ") {
        on_b.jar
            .add_cookie_str(&format!("{cookie}; Path=/api"), &api(&b.base));
    }
    let me = json(on_b.me().await, StatusCode::OK).await;
    assert_eq!(me["handle"], "leeds_admin");

    // Cornwall and Leeds become partners (asked on A, seen on B).
    let asked = on_a
        .send(
            Method::POST,
            "/api/v1/admin/partners",
            &json!({"address": format!("forum@localhost:{relay_port}")}),
        )
        .await;
    assert_eq!(asked.status(), StatusCode::CREATED);
    let leeds = format!("localhost:{a_port}");
    eventually("the follow request at Cornwall", || async {
        let view = json(c_admin.get("/api/v1/admin/partners").await, StatusCode::OK).await;
        view["partners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["domain"] == leeds.as_str() && p["state"] == "requested")
            .then_some(())
    })
    .await;
    json(
        c_admin
            .send(
                Method::POST,
                &format!("/api/v1/admin/partners/{leeds}/approve"),
                &json!(null),
            )
            .await,
        StatusCode::OK,
    )
    .await;
    eventually("the partnership, seen on B", || async {
        let view = json(on_b.get("/api/v1/admin/partners").await, StatusCode::OK).await;
        view["partners"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["state"] == "partner")
            .then_some(())
    })
    .await;

    // Written on A, approved on B, while both run: Cornwall gets it exactly once.
    let before = settled(&relay).await;
    published(&on_a, &on_b, &story("Approved on the second replica")).await;
    eventually("the story at Cornwall", || {
        has_partner_story(&c_admin, "Approved on the second replica")
    })
    .await;
    assert_eq!(
        settled(&relay).await - before,
        1,
        "one delivery, however many replicas work the queue"
    );

    // B alone runs while a delivery is under way; Cornwall is slow to answer, and B is
    // killed in the middle of it. A, back, sends it once B's lease has run out.
    binary::terminate(&a.child);
    a.child.wait().unwrap();
    let before = settled(&relay).await;
    relay.hold(true);
    published(&on_b, &on_b, &story("Sent while a replica died")).await;
    eventually("B to be in the middle of the delivery", || async {
        (relay.held() == 1).then_some(())
    })
    .await;
    a = start_replica(dir.path(), "a-again", a_port, &env);
    binary::wait_until_up(&format!("{}/readyz", a.base)).await;
    b.child.kill().unwrap(); // SIGKILL: no chance to put anything back
    b.child.wait().unwrap();
    eventually("B's half-sent delivery to be dropped", || async {
        (relay.dropped() == 1).then_some(())
    })
    .await;
    relay.hold(false);
    eventually("the story at Cornwall, sent by A", || {
        has_partner_story(&c_admin, "Sent while a replica died")
    })
    .await;
    assert_eq!(settled(&relay).await - before, 1, "sent once, by A");
    eventually("the queue to be empty", || async {
        (fed_delivery::Entity::find().count(&db).await.unwrap() == 0).then_some(())
    })
    .await;

    binary::terminate(&a.child);
    a.child.wait().unwrap();
    db.close().await.ok();
    c.stop().await;
}
