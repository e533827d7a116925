//! The HTTP edge: errors are problem+json, limits hold, CSRF is refused, and every
//! response carries the security headers.

use reqwest::{Method, StatusCode, header};
use rstest::rstest;

use crate::harness::{Engine, TestApp, json, problem};

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn unknown_api_routes_are_problem_404s(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for path in [
        "/api/v1/nope",
        "/api/v2/instance",
        "/api",
        "/api/v1/instance/extra",
    ] {
        let body = problem(app.get(path).await, StatusCode::NOT_FOUND, "not_found").await;
        assert_eq!(body["detail"], "There is no such API route.", "{path}");
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_wrong_method_is_a_problem_405_with_allow(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let response = app
        .request(Method::DELETE, "/api/v1/instance")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::ALLOW], "GET,HEAD");
    problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_body_over_the_limit_is_a_problem_413(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.server.request_body_limit_bytes = 4096;
    })
    .await;
    let too_big = post_blank_json(&app, 4097).await;
    problem(too_big, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

    // At the limit the body gets through to routing (which has no POST here).
    let at_limit = post_blank_json(&app, 4096).await;
    problem(
        at_limit,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_default_body_limit_is_one_mebibyte(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let response = post_blank_json(&app, 1024 * 1024 + 1).await;
    problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

/// A POST of `bytes` spaces (valid JSON whitespace) with our CSRF header.
async fn post_blank_json(app: &TestApp, bytes: usize) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/instance")
        .header(header::CONTENT_TYPE, "application/json")
        .body(vec![b' '; bytes])
        .send()
        .await
        .unwrap()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn state_changing_api_requests_need_the_header_and_our_origin(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let path = "/api/v1/instance";
    for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
        // No header: what a cross-site form would send.
        let bare = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        let body = problem(bare, StatusCode::FORBIDDEN, "csrf").await;
        assert_eq!(
            body["detail"],
            "State-changing requests must carry X-Requested-With: commonthread."
        );

        // The wrong value.
        let wrong = app
            .client
            .request(method.clone(), app.url(path))
            .header("X-Requested-With", "XMLHttpRequest")
            .send()
            .await
            .unwrap();
        problem(wrong, StatusCode::FORBIDDEN, "csrf").await;

        // The header, but from another site.
        let foreign = app
            .request(method.clone(), path)
            .header(header::ORIGIN, "https://evil.example")
            .send()
            .await
            .unwrap();
        let body = problem(foreign, StatusCode::FORBIDDEN, "csrf").await;
        assert_eq!(body["detail"], "The request came from another site.");

        // A look-alike origin on another port is another site too.
        let other_port = app
            .request(method.clone(), path)
            .header(header::ORIGIN, "http://127.0.0.1:1")
            .send()
            .await
            .unwrap();
        problem(other_port, StatusCode::FORBIDDEN, "csrf").await;

        // Our own origin passes the CSRF rule (and meets the router's 405).
        let own = app
            .request(method.clone(), path)
            .header(header::ORIGIN, app.base_url.as_str())
            .send()
            .await
            .unwrap();
        problem(own, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    }
    // Reading needs no header.
    json(app.get(path).await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn every_response_carries_the_security_headers(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let too_big = app
        .request(Method::POST, "/api/v1/instance")
        .body(vec![b' '; 2 << 20]);
    let cross_site = app.client.post(app.url("/api/v1/instance"));
    let responses = [
        ("home page", app.get("/").await),
        ("client route", app.get("/stories/some-story").await),
        ("favicon", app.get("/favicon.svg").await),
        ("instance", app.get("/api/v1/instance").await),
        ("openapi", app.get("/api/v1/openapi.json").await),
        ("healthz", app.get("/healthz").await),
        ("readyz", app.get("/readyz").await),
        ("unknown api route", app.get("/api/v1/nope").await),
        ("missing asset", app.get("/assets/missing.js").await),
        ("too large", too_big.send().await.unwrap()),
        ("csrf", cross_site.send().await.unwrap()),
    ];
    for (what, response) in responses {
        let headers = response.headers();
        let get = |name: &str| {
            headers
                .get(name)
                .unwrap_or_else(|| panic!("{what}: no {name}"))
                .to_str()
                .unwrap()
                .to_owned()
        };
        let csp = get("content-security-policy");
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.split("; ").any(|d| d == directive), "{what}: {csp}");
        }
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{what}"
        );
        assert_eq!(get("x-content-type-options"), "nosniff", "{what}");
        assert_eq!(get("referrer-policy"), "no-referrer", "{what}");
        assert_eq!(get("x-frame-options"), "DENY", "{what}");
        let permissions = get("permissions-policy");
        for feature in [
            "camera=()",
            "microphone=()",
            "geolocation=()",
            "interest-cohort=()",
        ] {
            assert!(permissions.contains(feature), "{what}: {permissions}");
        }
        assert_eq!(get("cross-origin-opener-policy"), "same-origin", "{what}");
        // Plain http here: HSTS only makes sense (and is only sent) over https.
        assert!(headers.get("strict-transport-security").is_none(), "{what}");
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn api_answers_are_never_cached(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for path in ["/api/v1/instance", "/api/v1/nope", "/readyz"] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn every_route_is_in_the_openapi_document(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let spec = json(app.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    assert_eq!(spec["info"]["license"]["identifier"], "AGPL-3.0-or-later");
    let paths = spec["paths"].as_object().unwrap();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort_unstable();
    // What the server serves today, from DESIGN.md's table of the public API.
    let expected = [
        "/.well-known/nodeinfo",
        "/.well-known/webfinger",
        "/actor",
        "/ap/people/{token}",
        "/ap/replies/{id}",
        "/ap/reports/{area}/{quarter}",
        "/ap/stories/{id}",
        "/api/v1/accounts",
        "/api/v1/admin/federation",
        "/api/v1/admin/invites",
        "/api/v1/admin/invites/{id}",
        "/api/v1/admin/members",
        "/api/v1/admin/members/{handle}/role",
        "/api/v1/admin/partners",
        "/api/v1/admin/partners/{domain}",
        "/api/v1/admin/partners/{domain}/approve",
        "/api/v1/admin/partners/{domain}/block",
        "/api/v1/admin/partners/{domain}/decline",
        "/api/v1/admin/patterns",
        "/api/v1/admin/patterns/{id}",
        "/api/v1/admin/signposts/{tag}",
        "/api/v1/areas",
        "/api/v1/compare",
        "/api/v1/evidence.csv",
        "/api/v1/evidence.json",
        "/api/v1/instance",
        "/api/v1/me",
        "/api/v1/me/export",
        "/api/v1/me/forum-name",
        "/api/v1/me/passphrase",
        "/api/v1/me/recovery-codes",
        "/api/v1/me/stories",
        "/api/v1/moderation/log",
        "/api/v1/moderation/queue",
        "/api/v1/moderation/replies/{id}",
        "/api/v1/moderation/reports/{id}",
        "/api/v1/moderation/stories/{id}",
        "/api/v1/notifications",
        "/api/v1/notifications/read",
        "/api/v1/openapi.json",
        "/api/v1/patterns",
        "/api/v1/patterns/suggest",
        "/api/v1/recover",
        "/api/v1/screening",
        "/api/v1/screening/redact",
        "/api/v1/session",
        "/api/v1/session/refresh",
        "/api/v1/sessions",
        "/api/v1/signposts",
        "/api/v1/stats",
        "/api/v1/stories",
        "/api/v1/stories/{id}",
        "/api/v1/stories/{id}/reactions",
        "/api/v1/stories/{id}/replies",
        "/api/v1/stories/{id}/reports",
        "/api/v1/stories/{id}/submit",
        "/followers",
        "/healthz",
        "/inbox",
        "/nodeinfo/2.1",
        "/ns",
        "/outbox",
        "/readyz",
    ];
    assert_eq!(documented, expected);
    // And everything documented is served: none of it falls through to a 404 or 405.
    for (path, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let path = path
                .replace("{handle}", "someone")
                .replace("{id}", "1")
                .replace("{tag}", "bedroom-inspected");
            let response = app.request(method.clone(), &path).send().await.unwrap();
            let status = response.status();
            assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            // A handler may answer that the thing is not found; routing may not.
            if status == StatusCode::NOT_FOUND {
                let body: serde_json::Value = response.json().await.unwrap();
                assert_ne!(
                    body["detail"], "There is no such API route.",
                    "{method} {path}"
                );
            }
        }
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn nul_and_other_control_characters_are_refused_naming_the_field(#[case] engine: Engine) {
    use crate::harness::stories::{feed_ids, published};
    use serde_json::json;

    let app = TestApp::spawn(engine).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let story = |title: &str, body: &str| {
        json!({"title": title, "body": body, "area": "E08000025", "period": "2025-03",
               "services": ["school"], "tags": [], "visibility": "public"})
    };
    let id = published(
        &author,
        &moderator,
        &story("A fine title", "Line one.\n\tLine two."),
    )
    .await;
    let refused = |response: reqwest::Response, field: &'static str| async move {
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        let detail = body["detail"].as_str().unwrap().to_owned();
        assert!(
            detail.starts_with(&format!("{field}: ")),
            "{field}: {detail}"
        );
    };
    // Text in bodies: a story, an edit, a reply, a report's note, a moderator's reason, a
    // sign-in: each refused with the field named, on both engines, before any query.
    refused(
        author
            .send(Method::POST, "/api/v1/stories", &story("A\u{0}B", "Fine."))
            .await,
        "title",
    )
    .await;
    refused(
        author
            .send(Method::POST, "/api/v1/stories", &story("Fine", "Bell\u{7}"))
            .await,
        "body",
    )
    .await;
    let path = format!("/api/v1/stories/{id}");
    refused(
        author
            .send(Method::PUT, &path, &story("Fine", "Edited\u{0}"))
            .await,
        "body",
    )
    .await;
    let replies = format!("/api/v1/stories/{id}/replies");
    refused(
        author
            .send(Method::POST, &replies, &json!({"body": "x\u{0}"}))
            .await,
        "body",
    )
    .await;
    let reports = format!("/api/v1/stories/{id}/reports");
    let report = json!({"reason": "identifying", "note": "\u{1b}[31m"});
    refused(
        moderator.send(Method::POST, &reports, &report).await,
        "note",
    )
    .await;
    let action = json!({"action": "reject", "reason": "no\u{0}"});
    refused(
        moderator
            .send(
                Method::POST,
                &format!("/api/v1/moderation/stories/{id}"),
                &action,
            )
            .await,
        "reason",
    )
    .await;
    let sign_in = json!({"handle": "parent\u{0}", "passphrase": "whatever it is"});
    refused(
        app.request(Method::POST, "/api/v1/session")
            .header("X-Requested-With", "commonthread")
            .json(&sign_in)
            .send()
            .await
            .unwrap(),
        "handle",
    )
    .await;

    // Addresses, with or without signing in.
    for path in [
        "/ap/reports/E%00/2024Q1",
        "/api/v1/stories/%00",
        "/api/v1/stats?tag=%00",
        "/api/v1/stories?tag=a%0Ab",
    ] {
        let body = problem(
            app.get(path).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(
            body["detail"], "The address holds a control character.",
            "{path}"
        );
    }
    let approve = admin
        .send(
            Method::POST,
            "/api/v1/admin/partners/%00/approve",
            &json!({}),
        )
        .await;
    problem(approve, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // Nothing was stored: the one story, unchanged.
    assert_eq!(
        feed_ids(&author, "?limit=50").await,
        std::slice::from_ref(&id)
    );
    let shown = json(author.get(&path).await, StatusCode::OK).await;
    assert_eq!(shown["body"], "Line one.\n\tLine two.");
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_half_sent_request_is_closed_and_connections_are_capped(#[case] engine: Engine) {
    use std::time::{Duration, Instant};
    use tokio::{
        io::{AsyncReadExt as _, AsyncWriteExt as _},
        net::TcpStream,
    };

    let app = TestApp::spawn_with(engine, |c| {
        c.server.header_read_timeout_secs = 1;
        c.server.max_connections = 2;
    })
    .await;
    let addr = app.base_url.trim_start_matches("http://").to_owned();
    // Closed by the server: the read ends (EOF or reset) within `within`.
    async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
        let mut buffer = [0_u8; 256];
        matches!(
            tokio::time::timeout(within, stream.read(&mut buffer)).await,
            Ok(Ok(0) | Err(_))
        )
    }

    // Headers that never end: the connection is closed after about a second.
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        .await
        .unwrap();
    let started = Instant::now();
    assert!(
        closed_within(&mut slow, Duration::from_secs(5)).await,
        "still open"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );

    // Two idle connections fill the cap: a third is closed at once, without an answer.
    let _first = TcpStream::connect(&addr).await.unwrap();
    let _second = TcpStream::connect(&addr).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(&addr).await.unwrap();
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .ok();
    assert!(
        closed_within(&mut third, Duration::from_millis(500)).await,
        "over the cap but served"
    );

    // Once the idle ones time out, the forum answers again.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut fourth = TcpStream::connect(&addr).await.unwrap();
    fourth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    let read = fourth.read_to_string(&mut answer).await;
    assert!(read.is_ok(), "{read:?}");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    app.stop().await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn deeply_nested_markdown_is_refused_and_edits_are_rate_limited(#[case] engine: Engine) {
    use crate::harness::stories::draft;
    use serde_json::json;

    let app = TestApp::spawn_with(engine, |c| c.limits.edits_per_minute = 5).await;
    let author = app.member("parent").await;
    let story = |body: String| {
        json!({"title": "Nested", "body": body, "area": "E08000025", "period": "2025-03",
               "services": ["school"], "tags": [], "visibility": "public"})
    };
    // 20,000 characters of nested list markers, and stairs of indented lists: refused
    // before anything renders them.
    for body in [
        "- ".repeat(10_000),
        (0..40)
            .map(|i| format!("{}- step\n", "  ".repeat(i)))
            .collect(),
        "> ".repeat(1_000),
    ] {
        let response = author
            .send(Method::POST, "/api/v1/stories", &story(body))
            .await;
        let refused = problem(response, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert!(
            refused["detail"]
                .as_str()
                .unwrap()
                .starts_with("body: lists or quotes are nested"),
            "{refused}"
        );
    }
    // A header thousands of columns wide over short rows would pad every row to its
    // width (8 million cells from 20,000 characters): refused before it renders. So is a
    // reply of the same shape.
    let wide = format!(
        "{}|\n{}|\n{}",
        "|a".repeat(2_000),
        "|-".repeat(2_000),
        "a\n".repeat(1_000)
    );
    let refused = problem(
        author
            .send(Method::POST, "/api/v1/stories", &story(wide.clone()))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .starts_with("body: the tables would have more than 5000 cells"),
        "{refused}"
    );
    // Ordinary nesting, and an ordinary table, are fine.
    let id = draft(
        &author,
        &story(
            "- a\n  - b\n    - c\n\n> quoted\n\n| when | what |\n|---|---|\n| May | review |"
                .to_owned(),
        ),
    )
    .await;

    // Edits: five in a burst, then 429 with Retry-After.
    let path = format!("/api/v1/stories/{id}");
    for n in 0..5 {
        let response = author
            .send(Method::PUT, &path, &story(format!("Edit {n}")))
            .await;
        assert_eq!(response.status(), StatusCode::OK, "edit {n}");
    }
    let response = author
        .send(Method::PUT, &path, &story("One too many".to_owned()))
        .await;
    assert!(response.headers().contains_key(header::RETRY_AFTER));
    problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    app.stop().await;
}
