//! Federation's first pieces, end to end on both engines: the forum's `Group` actor and its
//! key pair (made at first start, kept across restarts), WebFinger and NodeInfo 2.1.

use reqwest::{StatusCode, header};
use rstest::rstest;
use serde_json::Value;

use crate::harness::{Engine, FORUM_NAME, TestApp, problem};

async fn get_json(app: &TestApp, path: &str, content_type: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let got = response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(got.starts_with(content_type), "{path}: {got}");
    response.json().await.unwrap()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_forum_is_one_group_actor_with_a_key_that_lasts(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let base = app.base_url.clone();
    let actor = get_json(&app, "/actor", "application/activity+json").await;
    assert_eq!(actor["type"], "Group");
    assert_eq!(actor["id"], format!("{base}/actor"));
    assert_eq!(actor["preferredUsername"], "forum");
    assert_eq!(actor["name"], FORUM_NAME);
    assert!(actor["summary"].as_str().unwrap().starts_with("<p>"));
    assert_eq!(actor["url"], format!("{base}/"));
    for (field, path) in [
        ("inbox", "/inbox"),
        ("outbox", "/outbox"),
        ("followers", "/followers"),
    ] {
        assert_eq!(actor[field], format!("{base}{path}"), "{field}");
    }
    assert_eq!(actor["endpoints"]["sharedInbox"], format!("{base}/inbox"));
    assert_eq!(actor["manuallyApprovesFollowers"], true);
    let context = actor["@context"].as_array().unwrap();
    assert_eq!(context[0], "https://www.w3.org/ns/activitystreams");
    assert!(context.contains(&Value::from(format!("{base}/ns"))));
    let key = &actor["publicKey"];
    assert_eq!(key["id"], format!("{base}/actor#main-key"));
    assert_eq!(key["owner"], format!("{base}/actor"));
    let pem = key["publicKeyPem"].as_str().unwrap().to_owned();
    assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----"), "{pem}");
    assert!(
        !actor.to_string().contains("PRIVATE"),
        "never the private key"
    );

    // The key pair is made once: a restart on the same database keeps it.
    let database = app.stop().await;
    let again = TestApp::start(database, |_| {}).await;
    let actor = get_json(&again, "/actor", "application/activity+json").await;
    assert_eq!(actor["publicKey"]["publicKeyPem"], pem.as_str());
    again.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn webfinger_finds_the_forum_and_nothing_else(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let base = app.base_url.clone();
    let host = base.trim_start_matches("http://").to_owned();
    let subject = format!("acct:forum@{host}");
    for resource in [subject.clone(), format!("{base}/actor")] {
        let jrd = get_json(
            &app,
            &format!("/.well-known/webfinger?resource={resource}"),
            "application/jrd+json",
        )
        .await;
        assert_eq!(jrd["subject"], subject.as_str());
        let links = jrd["links"].as_array().unwrap();
        let own = links.iter().find(|l| l["rel"] == "self").unwrap();
        assert_eq!(own["type"], "application/activity+json");
        assert_eq!(own["href"], format!("{base}/actor"));
        assert_eq!(
            own["properties"]["https://www.w3.org/ns/activitystreams#type"],
            "Group"
        );
    }
    for unknown in [
        format!("acct:someone@{host}"),
        "acct:forum@elsewhere.example".to_owned(),
        "https://elsewhere.example/actor".to_owned(),
    ] {
        let response = app
            .get(&format!("/.well-known/webfinger?resource={unknown}"))
            .await;
        problem(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    for bad in ["?resource=forum", "?resource=", ""] {
        let response = app.get(&format!("/.well-known/webfinger{bad}")).await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    }
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn nodeinfo_says_what_software_this_is_and_counts_nobody(#[case] engine: Engine) {
    use commonthread::config::Membership;
    let app = TestApp::spawn_with(engine, |c| c.forum.membership = Membership::Invite).await;
    let links = get_json(&app, "/.well-known/nodeinfo", "application/json").await;
    let link = &links["links"][0];
    assert_eq!(
        link["rel"],
        "http://nodeinfo.diaspora.software/ns/schema/2.1"
    );
    assert_eq!(link["href"], app.url("/nodeinfo/2.1"));
    let info = get_json(
        &app,
        "/nodeinfo/2.1",
        "application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"",
    )
    .await;
    assert_eq!(info["version"], "2.1");
    assert_eq!(info["software"]["name"], "commonthread");
    assert_eq!(info["software"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(info["protocols"], serde_json::json!(["activitypub"]));
    assert_eq!(info["openRegistrations"], false);
    assert_eq!(info["usage"]["users"], serde_json::json!({}));
    assert_eq!(info["metadata"]["nodeName"], FORUM_NAME);
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn an_activity_without_a_signature_is_refused_before_anything_is_fetched(
    #[case] engine: Engine,
) {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    // An "actor" that counts whoever comes to fetch it.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    tokio::spawn(async move {
        while let Ok((_stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    let app = TestApp::spawn_with(engine, TestApp::localhost).await;
    let actor = format!("http://localhost:{port}/actor?marker=SECRET-QUERY");
    let activity = serde_json::json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("http://localhost:{port}/follow/1"),
        "type": "Follow", "actor": actor, "object": app.url("/actor"),
    });
    for signature in [None, Some("nonsense")] {
        let mut request = app
            .request(reqwest::Method::POST, "/inbox")
            .header(header::CONTENT_TYPE, "application/activity+json")
            .json(&activity);
        if let Some(signature) = signature {
            request = request.header("signature", signature);
        }
        let response = request.send().await.unwrap();
        problem(response, StatusCode::UNAUTHORIZED, "signature_invalid").await;
    }
    assert_eq!(fetched.load(Ordering::SeqCst), 0, "nothing was fetched");
    app.stop().await;
}

/// What a sender puts in the URLs it makes us fetch (its actor, its key) never reaches
/// our log: a fetch that fails is logged by host alone. Run as a process, to read its log.
#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_failed_fetch_is_logged_by_host_alone(#[case] engine: Engine) {
    use base64::Engine as _;
    use sha2::Digest as _;

    use crate::harness::{TestDatabase, binary};

    // An "actor" whose server hangs up on every fetch.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sender = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            drop(stream);
        }
    });
    let database = TestDatabase::create(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let port = binary::free_port();
    let (listen, public) = (
        format!("127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    );
    let log = dir.path().join("server.log");
    let mut child = binary::spawn_logged(
        dir.path(),
        &[
            ("CT_DATABASE_URL", database.url()),
            ("CT_SERVER_LISTEN", listen.as_str()),
            ("CT_SERVER_PUBLIC_URL", public.as_str()),
            ("CT_FEDERATION_ALLOW_HTTP", "true"),
            ("CT_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true"),
        ],
        &log,
    );
    binary::wait_until_up(&format!("http://{listen}/healthz")).await;

    let actor = format!("http://localhost:{sender}/people/PATH-MARKER?token=QUERY-MARKER");
    let body = serde_json::json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": format!("http://localhost:{sender}/follows/ID-MARKER?x=ID-QUERY-MARKER"),
        "type": "Follow", "actor": actor, "object": format!("{public}/actor"),
    })
    .to_string();
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&body));
    let signature = format!(
        "keyId=\"{actor}#main-key\",algorithm=\"rsa-sha256\",\
         headers=\"(request-target) host date digest\",signature=\"c2lnbmF0dXJl\""
    );
    let response = reqwest::Client::new()
        .post(format!("http://{listen}/inbox"))
        .header(header::CONTENT_TYPE, "application/activity+json")
        .header(header::HOST, format!("localhost:{port}"))
        .header(
            header::DATE,
            httpdate::fmt_http_date(std::time::SystemTime::now()),
        )
        .header("digest", format!("SHA-256={digest}"))
        .header("signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());

    binary::terminate(&child);
    child.wait().unwrap();
    let written = std::fs::read_to_string(&log).unwrap();
    assert!(
        written.contains(&format!("localhost:{sender}")),
        "the failed fetch is logged, by host:\n{written}"
    );
    for marker in [
        "PATH-MARKER",
        "QUERY-MARKER",
        "ID-MARKER",
        "ID-QUERY-MARKER",
    ] {
        assert!(!written.contains(marker), "{marker} in the log:\n{written}");
    }
}
