//! Joining, signing in and out, sessions, recovery, roles, invites and data rights.

use std::time::{Duration, Instant};

use commonthread::{accounts::types::Role, config::Membership};
use reqwest::{Method, StatusCode, header};
use rstest::rstest;
use sea_orm::{ConnectionTrait, FromQueryResult, JsonValue, Statement};
use serde_json::json;

use crate::harness::{Engine, Person, TestApp, json, problem, strong_passphrase};

async fn join(person: &Person, handle: &str, passphrase: &str) -> reqwest::Response {
    person
        .send(
            Method::POST,
            "/api/v1/accounts",
            &json!({"handle": handle, "passphrase": passphrase}),
        )
        .await
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn joining_needs_only_a_handle_and_a_strong_passphrase(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let visitor = Person::anonymous(&app);

    let weak = join(&visitor, "rowan", "password123").await;
    let body = problem(weak, StatusCode::UNPROCESSABLE_ENTITY, "weak_passphrase").await;
    assert_eq!(
        body["detail"],
        "This is a very common password. Add another word or two. Uncommon words are better."
    );
    let short = join(&visitor, "rowan", "bluebird").await;
    let body = problem(short, StatusCode::UNPROCESSABLE_ENTITY, "weak_passphrase").await;
    assert_eq!(
        body["detail"],
        "Use at least 10 characters. A few unrelated words work well."
    );
    let own_handle = join(&visitor, "rowanberry_2", "rowanberry_2").await;
    problem(
        own_handle,
        StatusCode::UNPROCESSABLE_ENTITY,
        "weak_passphrase",
    )
    .await;

    for bad in ["ro", "rowan smith", "rowán", &"r".repeat(31)] {
        let response = join(&visitor, bad, &strong_passphrase("x")).await;
        problem(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_handle").await;
    }
    for reserved in ["admin", "Moderator", "forum_news", "support"] {
        let response = join(&visitor, reserved, &strong_passphrase("x")).await;
        problem(
            response,
            StatusCode::UNPROCESSABLE_ENTITY,
            "reserved_handle",
        )
        .await;
    }
    let unknown_field = visitor
        .send(
            Method::POST,
            "/api/v1/accounts",
            &json!({"handle": "rowan", "passphrase": strong_passphrase("rowan"), "email": "r@example.org"}),
        )
        .await;
    problem(
        unknown_field,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;

    let joined = join(&visitor, "Rowan_22", &strong_passphrase("rowan")).await;
    let body = json(joined, StatusCode::CREATED).await;
    assert_eq!(body["handle"], "rowan_22");
    assert_eq!(body["role"], "member");
    let codes = body["recovery_codes"].as_array().unwrap();
    assert_eq!(codes.len(), 8);
    assert!(codes.iter().all(|c| c.as_str().unwrap().len() == 19));
    // Signed in at once.
    let me = json(visitor.me().await, StatusCode::OK).await;
    assert_eq!(me["handle"], "rowan_22");
    assert_eq!(me["recovery_codes_left"], 8);

    // Unique ignoring case.
    for taken in ["rowan_22", "ROWAN_22", " Rowan_22 "] {
        let again = join(&Person::anonymous(&app), taken, &strong_passphrase("other")).await;
        problem(again, StatusCode::CONFLICT, "handle_taken").await;
    }

    // Only a hash of the passphrase is stored.
    let row = app
        .state
        .db
        .query_one_raw(Statement::from_string(
            app.state.db.get_database_backend(),
            "SELECT passphrase_hash FROM account WHERE handle = 'rowan_22'",
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "passphrase_hash").unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn sign_in_does_not_tell_unknown_handles_from_wrong_passphrases(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    let stranger = Person::anonymous(&app);

    let mut wrong_times = Vec::new();
    let mut unknown_times = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let wrong = stranger
            .send(
                Method::POST,
                "/api/v1/session",
                &json!({"handle": "rowan", "passphrase": "not the passphrase at all"}),
            )
            .await;
        wrong_times.push(started.elapsed());
        let wrong = problem(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

        let started = Instant::now();
        let unknown = stranger
            .send(
                Method::POST,
                "/api/v1/session",
                &json!({"handle": "nobody_here", "passphrase": "not the passphrase at all"}),
            )
            .await;
        unknown_times.push(started.elapsed());
        let unknown = problem(unknown, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
        assert_eq!(wrong, unknown);
    }
    // The unknown handle pays for a dummy hash: without it, it would be ~100 times faster.
    wrong_times.sort();
    unknown_times.sort();
    assert!(
        unknown_times[1] * 3 > wrong_times[1],
        "unknown {unknown_times:?} vs wrong {wrong_times:?}"
    );
    assert_eq!(stranger.me().await.status(), StatusCode::UNAUTHORIZED);
    json(rowan.sign_in().await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn failed_sign_ins_are_limited_per_handle_and_the_limit_recovers(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.limits.sign_in_attempts_per_handle = 3;
        config.limits.sign_in_refill_secs = 1;
    })
    .await;
    let rowan = app.member("rowan").await;
    let sam = app.member("sam_k").await;
    let attacker = Person::anonymous(&app);
    let guess = json!({"handle": "rowan", "passphrase": "a guess at the passphrase"});
    for _ in 0..3 {
        let response = attacker.send(Method::POST, "/api/v1/session", &guess).await;
        problem(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    let limited = attacker.send(Method::POST, "/api/v1/session", &guess).await;
    assert_eq!(limited.headers()[header::RETRY_AFTER], "1");
    problem(limited, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Even the right passphrase waits: the limit is on the handle.
    problem(
        rowan.sign_in().await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    )
    .await;
    // Other handles are not affected; unknown handles are limited just the same.
    json(sam.sign_in().await, StatusCode::OK).await;

    // It recovers: one attempt comes back every second.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let response = rowan.sign_in().await;
        if response.status() == StatusCode::OK {
            break;
        }
        problem(response, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
        assert!(Instant::now() < deadline, "the limit never recovered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn joining_is_limited_for_the_whole_forum(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| config.limits.registrations_per_hour = 2).await;
    app.member("first_one").await;
    app.member("second_one").await;
    let third = join(
        &Person::anonymous(&app),
        "third_one",
        &strong_passphrase("third"),
    )
    .await;
    let retry: u64 = third.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1000..=1800).contains(&retry), "{retry}");
    problem(third, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn cookies_are_http_only_strict_and_scoped(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let visitor = Person::anonymous(&app);
    let response = join(&visitor, "rowan", &strong_passphrase("rowan")).await;
    let cookies: Vec<&str> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect();
    let access = cookies
        .iter()
        .find(|c| c.starts_with("ct_access="))
        .unwrap();
    let refresh = cookies
        .iter()
        .find(|c| c.starts_with("ct_refresh="))
        .unwrap();
    for (cookie, path, max_age) in [
        (access, "/api", 900),
        (refresh, "/api/v1/session", 2_592_000),
    ] {
        assert!(cookie.contains("; HttpOnly"), "{cookie}");
        assert!(cookie.contains("; SameSite=Strict"), "{cookie}");
        assert!(
            cookie.contains(&format!("; Path={path};"))
                || cookie.ends_with(&format!("; Path={path}")),
            "{cookie}"
        );
        assert!(cookie.contains(&format!("; Max-Age={max_age}")), "{cookie}");
        // Plain http here; over https the cookies are Secure.
        assert!(!cookie.contains("Secure"), "{cookie}");
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn access_tokens_expire_and_refresh_rotates(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| config.accounts.access_token_secs = 1).await;
    let rowan = app.member("rowan").await;
    json(rowan.me().await, StatusCode::OK).await;
    let first_refresh = rowan.cookie("ct_refresh", "/api/v1/session").unwrap();

    // The access token (and its cookie) lapse after a second.
    let deadline = Instant::now() + Duration::from_secs(10);
    while rowan.me().await.status() == StatusCode::OK {
        assert!(Instant::now() < deadline, "the access token never expired");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    problem(rowan.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let refreshed = rowan
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    assert_eq!(
        json(refreshed, StatusCode::OK).await,
        json!({"handle": "rowan", "role": "member"})
    );
    let second_refresh = rowan.cookie("ct_refresh", "/api/v1/session").unwrap();
    assert_ne!(first_refresh, second_refresh);
    json(rowan.me().await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn replaying_a_spent_refresh_token_ends_the_whole_session(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    let stolen = rowan.cookie("ct_refresh", "/api/v1/session").unwrap();
    let refreshed = rowan
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    json(refreshed, StatusCode::OK).await;
    let current = rowan.cookie("ct_refresh", "/api/v1/session").unwrap();

    // Straight after the spend, a second use is taken for two tabs racing: refused, but
    // the session goes on.
    let racing_tab = Person::anonymous(&app);
    racing_tab.set_cookie("ct_refresh", &stolen, "/api/v1/session");
    let race = racing_tab
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    problem(race, StatusCode::UNAUTHORIZED, "session_expired").await;
    json(rowan.me().await, StatusCode::OK).await;

    // A minute later, a thief replays the spent token.
    app.state
        .db
        .execute_raw(Statement::from_string(
            app.state.db.get_database_backend(),
            format!(
                "UPDATE refresh_token SET used_at = {} WHERE used_at IS NOT NULL",
                if app.database.url().starts_with("sqlite") {
                    "'2020-01-01 00:00:00+00:00'"
                } else {
                    "TIMESTAMPTZ '2020-01-01 00:00:00+00'"
                }
            ),
        ))
        .await
        .unwrap();
    let thief = Person::anonymous(&app);
    thief.set_cookie("ct_refresh", &stolen, "/api/v1/session");
    let replay = thief
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    problem(replay, StatusCode::UNAUTHORIZED, "session_expired").await;

    // The whole family is revoked: Rowan's current token no longer works either.
    let owner = Person::anonymous(&app);
    owner.set_cookie("ct_refresh", &current, "/api/v1/session");
    let after = owner
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    problem(after, StatusCode::UNAUTHORIZED, "session_expired").await;
    // Signing in again starts a new session.
    json(rowan.sign_in().await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn signing_out_here_and_everywhere(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let phone = app.member("rowan").await;
    let laptop = Person::another_browser_of(&app, &phone.handle, &phone.passphrase);
    json(laptop.sign_in().await, StatusCode::OK).await;

    // Signing out of the laptop leaves the phone signed in.
    let laptop_access = laptop.cookie("ct_access", "/api/v1/me").unwrap();
    let out = laptop
        .request(Method::DELETE, "/api/v1/session")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    problem(laptop.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    // A copy of the laptop's access token is dead too, not just its cookie.
    let copy = Person::anonymous(&app);
    copy.set_cookie("ct_access", &laptop_access, "/api");
    problem(copy.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    json(phone.me().await, StatusCode::OK).await;

    // Everywhere: both browsers, access and refresh tokens alike.
    json(laptop.sign_in().await, StatusCode::OK).await;
    let everywhere = phone
        .request(Method::DELETE, "/api/v1/sessions")
        .send()
        .await
        .unwrap();
    assert_eq!(everywhere.status(), StatusCode::NO_CONTENT);
    problem(laptop.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(phone.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    let refresh = laptop
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    problem(refresh, StatusCode::UNAUTHORIZED, "session_expired").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn session_requests_without_the_csrf_header_are_refused(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    let forged = rowan
        .client
        .post(app.url("/api/v1/session"))
        .json(&json!({"handle": "rowan", "passphrase": rowan.passphrase}))
        .send()
        .await
        .unwrap();
    problem(forged, StatusCode::FORBIDDEN, "csrf").await;
    let cross_site = rowan
        .client
        .delete(app.url("/api/v1/me"))
        .header("X-Requested-With", "commonthread")
        .header(header::ORIGIN, "https://evil.example")
        .json(&json!({"passphrase": rowan.passphrase}))
        .send()
        .await
        .unwrap();
    problem(cross_site, StatusCode::FORBIDDEN, "csrf").await;
    json(rowan.me().await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_recovery_code_resets_the_passphrase_once(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    let other_device = app.member("sam_k").await;
    let new_passphrase = strong_passphrase("remembered");
    let stranger = Person::anonymous(&app);
    let recover = |code: &str, handle: &str| json!({"handle": handle, "recovery_code": code, "new_passphrase": new_passphrase});

    // Another member's code does not work for Rowan.
    let wrong = stranger
        .send(
            Method::POST,
            "/api/v1/recover",
            &recover(&other_device.recovery_codes[0], "rowan"),
        )
        .await;
    problem(wrong, StatusCode::UNAUTHORIZED, "invalid_recovery_code").await;

    // Typed in capitals with spaces: still the code.
    let typed = rowan.recovery_codes[0].to_uppercase().replace('-', " ");
    let recovered = stranger
        .send(Method::POST, "/api/v1/recover", &recover(&typed, "rowan"))
        .await;
    assert_eq!(
        json(recovered, StatusCode::OK).await,
        json!({"handle": "rowan", "role": "member", "recovery_codes_left": 7})
    );
    json(stranger.me().await, StatusCode::OK).await;
    // Whoever was signed in before is signed out.
    problem(rowan.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;

    let spent = Person::anonymous(&app)
        .send(
            Method::POST,
            "/api/v1/recover",
            &recover(&rowan.recovery_codes[0], "rowan"),
        )
        .await;
    problem(spent, StatusCode::UNAUTHORIZED, "invalid_recovery_code").await;

    problem(
        rowan.sign_in().await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let with_new = Person::another_browser_of(&app, "rowan", &new_passphrase);
    json(with_new.sign_in().await, StatusCode::OK).await;

    // New codes replace the old ones.
    let fresh = with_new
        .send(
            Method::POST,
            "/api/v1/me/recovery-codes",
            &json!({"passphrase": new_passphrase}),
        )
        .await;
    let fresh = json(fresh, StatusCode::CREATED).await;
    assert_eq!(fresh["recovery_codes"].as_array().unwrap().len(), 8);
    let old = Person::anonymous(&app)
        .send(
            Method::POST,
            "/api/v1/recover",
            &recover(&rowan.recovery_codes[1], "rowan"),
        )
        .await;
    problem(old, StatusCode::UNAUTHORIZED, "invalid_recovery_code").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn changing_the_passphrase_signs_out_other_browsers(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    let other = Person::another_browser_of(&app, "rowan", &rowan.passphrase);
    json(other.sign_in().await, StatusCode::OK).await;
    let new = strong_passphrase("new rowan");
    let wrong_current = rowan
        .send(
            Method::PUT,
            "/api/v1/me/passphrase",
            &json!({"current_passphrase": "not it at all", "new_passphrase": new}),
        )
        .await;
    problem(
        wrong_current,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let weak = rowan
        .send(
            Method::PUT,
            "/api/v1/me/passphrase",
            &json!({"current_passphrase": rowan.passphrase, "new_passphrase": "password1"}),
        )
        .await;
    problem(weak, StatusCode::UNPROCESSABLE_ENTITY, "weak_passphrase").await;
    let changed = rowan
        .send(
            Method::PUT,
            "/api/v1/me/passphrase",
            &json!({"current_passphrase": rowan.passphrase, "new_passphrase": new}),
        )
        .await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    json(rowan.me().await, StatusCode::OK).await;
    problem(other.me().await, StatusCode::UNAUTHORIZED, "unauthorized").await;
    problem(
        rowan.sign_in().await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn roles_change_through_admins_and_are_logged(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let head = app.admin("first_head").await;
    let rowan = app.member("rowan").await;
    let promoted = head
        .send(
            Method::PUT,
            "/api/v1/admin/members/rowan/role",
            &json!({"role": "moderator", "reason": "Helps with the queue"}),
        )
        .await;
    let promoted = json(promoted, StatusCode::OK).await;
    assert_eq!(promoted["role"], "moderator");
    // It takes effect at once, without signing in again.
    assert_eq!(
        json(rowan.me().await, StatusCode::OK).await["role"],
        "moderator"
    );

    let log = json(rowan.get("/api/v1/moderation/log").await, StatusCode::OK).await;
    let entry = &log.as_array().unwrap()[0];
    assert_eq!(entry["action"], "role_changed");
    assert_eq!(entry["actor"], "first_head");
    assert_eq!(entry["subject"], "rowan");
    assert_eq!(entry["detail"], "member → moderator");
    assert_eq!(entry["reason"], "Helps with the queue");

    let missing = head
        .send(
            Method::PUT,
            "/api/v1/admin/members/nobody_here/role",
            &json!({"role": "admin"}),
        )
        .await;
    problem(missing, StatusCode::NOT_FOUND, "not_found").await;
    let bad_role = head
        .send(
            Method::PUT,
            "/api/v1/admin/members/rowan/role",
            &json!({"role": "owner"}),
        )
        .await;
    problem(bad_role, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // The last admin cannot step down or leave.
    let demote_self = head
        .send(
            Method::PUT,
            "/api/v1/admin/members/first_head/role",
            &json!({"role": "member"}),
        )
        .await;
    problem(demote_self, StatusCode::CONFLICT, "last_admin").await;
    let leave = head
        .send(
            Method::DELETE,
            "/api/v1/me",
            &json!({"passphrase": head.passphrase}),
        )
        .await;
    problem(leave, StatusCode::CONFLICT, "last_admin").await;
    // With a second admin, they can.
    head.set_role("rowan", Role::Admin).await;
    let demoted = head
        .send(
            Method::PUT,
            "/api/v1/admin/members/first_head/role",
            &json!({"role": "member"}),
        )
        .await;
    assert_eq!(json(demoted, StatusCode::OK).await["role"], "member");
    problem(
        head.get("/api/v1/admin/members").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn invite_only_forums_need_a_live_invite(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.forum.membership = Membership::Invite
    })
    .await;
    let head = app.admin("first_head").await;
    let visitor = Person::anonymous(&app);
    let body = |code: Option<&str>| json!({"handle": "newcomer", "passphrase": strong_passphrase("newcomer"), "invite_code": code});
    let none = visitor
        .send(Method::POST, "/api/v1/accounts", &body(None))
        .await;
    problem(none, StatusCode::FORBIDDEN, "invite_required").await;
    let made_up = visitor
        .send(
            Method::POST,
            "/api/v1/accounts",
            &body(Some("aaaa-bbbb-cccc-dddd")),
        )
        .await;
    problem(made_up, StatusCode::FORBIDDEN, "invalid_invite").await;

    for (days, uses) in [(0, 1), (91, 1), (7, 0), (7, 101)] {
        let bad = head
            .send(
                Method::POST,
                "/api/v1/admin/invites",
                &json!({"expires_in_days": days, "max_uses": uses}),
            )
            .await;
        problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    }
    let invite = head
        .send(
            Method::POST,
            "/api/v1/admin/invites",
            &json!({"expires_in_days": 7, "max_uses": 1}),
        )
        .await;
    let invite = json(invite, StatusCode::CREATED).await;
    let code = invite["code"].as_str().unwrap();
    let joined = visitor
        .send(Method::POST, "/api/v1/accounts", &body(Some(code)))
        .await;
    json(joined, StatusCode::CREATED).await;

    let listed = json(head.get("/api/v1/admin/invites").await, StatusCode::OK).await;
    assert_eq!(listed[0]["uses"], 1);
    assert_eq!(listed[0]["created_by"], "first_head");
    assert!(listed[0].get("code").is_none(), "codes are shown once only");

    // Used up.
    let again = json!({"handle": "second_comer", "passphrase": strong_passphrase("second"), "invite_code": code});
    let used_up = Person::anonymous(&app)
        .send(Method::POST, "/api/v1/accounts", &again)
        .await;
    problem(used_up, StatusCode::FORBIDDEN, "invalid_invite").await;

    // Withdrawn invites stop working too.
    let spare = head
        .send(
            Method::POST,
            "/api/v1/admin/invites",
            &json!({"expires_in_days": 1, "max_uses": 5}),
        )
        .await;
    let spare = json(spare, StatusCode::CREATED).await;
    let withdrawn = head
        .request(
            Method::DELETE,
            &format!("/api/v1/admin/invites/{}", spare["id"]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(withdrawn.status(), StatusCode::NO_CONTENT);
    let with_withdrawn = json!({"handle": "third_comer", "passphrase": strong_passphrase("third"), "invite_code": spare["code"]});
    let refused = Person::anonymous(&app)
        .send(Method::POST, "/api/v1/accounts", &with_withdrawn)
        .await;
    problem(refused, StatusCode::FORBIDDEN, "invalid_invite").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn closed_forums_take_nobody(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.forum.membership = Membership::Closed
    })
    .await;
    let response = join(
        &Person::anonymous(&app),
        "rowan",
        &strong_passphrase("rowan"),
    )
    .await;
    problem(response, StatusCode::FORBIDDEN, "membership_closed").await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_export_holds_the_members_data_and_nobody_elses(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let head = app.admin("first_head").await;
    let rowan = app.moderator("rowan", &head).await;
    let sam = app.member("sam_k").await;
    let invite = rowan
        .send(
            Method::POST,
            "/api/v1/admin/invites",
            &json!({"expires_in_days": 3, "max_uses": 2}),
        )
        .await;
    json(invite, StatusCode::CREATED).await;
    sam.send(
        Method::POST,
        "/api/v1/admin/invites",
        &json!({"expires_in_days": 3, "max_uses": 2}),
    )
    .await;

    let response = rowan.get("/api/v1/me/export").await;
    assert_eq!(
        response.headers()[header::CONTENT_DISPOSITION],
        "attachment; filename=\"commonthread-rowan.json\""
    );
    let export = json(response, StatusCode::OK).await;
    assert_eq!(export["account"]["handle"], "rowan");
    assert_eq!(export["account"]["role"], "moderator");
    assert_eq!(export["recovery_codes_left"], 8);
    assert_eq!(export["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(export["invites_created"].as_array().unwrap().len(), 1);
    assert_eq!(export["moderation_log"][0]["subject"], "rowan");
    let text = export.to_string();
    assert!(!text.contains("sam_k"), "{text}");
    assert!(
        !text.contains(&rowan.passphrase) && !text.contains("argon2"),
        "{text}"
    );
    for code in &rowan.recovery_codes {
        assert!(!text.contains(code.as_str()), "{text}");
    }
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn erasure_leaves_no_row_that_names_the_account(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let head = app.admin("first_head").await;
    let rowan = app.moderator("zephyrine_q", &head).await;
    let rowan_id: i64 = {
        let row = app
            .state
            .db
            .query_one_raw(Statement::from_string(
                app.state.db.get_database_backend(),
                "SELECT id FROM account WHERE handle = 'zephyrine_q'",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "id").unwrap()
    };
    rowan
        .send(
            Method::POST,
            "/api/v1/admin/invites",
            &json!({"expires_in_days": 3, "max_uses": 2}),
        )
        .await;
    head.set_role("zephyrine_q", Role::Member).await;
    let other_browser = Person::another_browser_of(&app, &rowan.handle, &rowan.passphrase);
    json(other_browser.sign_in().await, StatusCode::OK).await;

    let wrong = rowan
        .send(
            Method::DELETE,
            "/api/v1/me",
            &json!({"passphrase": "not my passphrase"}),
        )
        .await;
    problem(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let erased = rowan
        .send(
            Method::DELETE,
            "/api/v1/me",
            &json!({"passphrase": rowan.passphrase}),
        )
        .await;
    assert_eq!(erased.status(), StatusCode::NO_CONTENT);
    problem(
        other_browser.me().await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    )
    .await;
    problem(
        rowan.sign_in().await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;

    // Every row of every table: nothing holds the handle, and no reference holds the id.
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let tables_sql = match app.database.url().starts_with("sqlite") {
        true => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        false => {
            "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'"
        }
    };
    let tables = JsonValue::find_by_statement(Statement::from_string(backend, tables_sql))
        .all(db)
        .await
        .unwrap();
    assert!(tables.len() >= 6, "{tables:?}");
    for table in tables {
        let table = table["t"].as_str().unwrap().to_owned();
        let rows = JsonValue::find_by_statement(Statement::from_string(
            backend,
            format!("SELECT * FROM {table}"),
        ))
        .all(db)
        .await
        .unwrap();
        for row in rows {
            let text = row.to_string();
            assert!(!text.contains("zephyrine_q"), "{table}: {text}");
            for (column, value) in row.as_object().unwrap() {
                let refers_to_account = column.ends_with("account_id")
                    || column == "actor_id"
                    || column == "created_by";
                if refers_to_account || (table == "account" && column == "id") {
                    assert_ne!(value.as_i64(), Some(rowan_id), "{table}.{column}: {text}");
                }
            }
        }
    }
    // The log keeps what was done, naming nobody.
    let log = json(head.get("/api/v1/moderation/log").await, StatusCode::OK).await;
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|e| e["subject"].is_null()),
        "{log}"
    );
    let invites = json(head.get("/api/v1/admin/invites").await, StatusCode::OK).await;
    assert!(invites[0]["created_by"].is_null(), "{invites}");
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn spent_and_expired_refresh_tokens_are_forgotten(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let rowan = app.member("rowan").await;
    for _ in 0..3 {
        let refreshed = rowan
            .request(Method::POST, "/api/v1/session/refresh")
            .send()
            .await
            .unwrap();
        json(refreshed, StatusCode::OK).await;
    }
    let count = || async {
        let row = app
            .state
            .db
            .query_one_raw(Statement::from_string(
                app.state.db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM refresh_token",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    // Three spent (kept to recognise a replay) and the current one.
    assert_eq!(count().await, 4);
    // As if two had been spent long ago.
    let long_ago = if app.database.url().starts_with("sqlite") {
        "'2020-01-01 00:00:00+00:00'"
    } else {
        "TIMESTAMPTZ '2020-01-01 00:00:00+00'"
    };
    app.state
        .db
        .execute_raw(Statement::from_string(
            app.state.db.get_database_backend(),
            format!(
                "UPDATE refresh_token SET used_at = {long_ago} WHERE id IN \
                 (SELECT id FROM refresh_token WHERE used_at IS NOT NULL ORDER BY id LIMIT 2)"
            ),
        ))
        .await
        .unwrap();
    let refreshed = rowan
        .request(Method::POST, "/api/v1/session/refresh")
        .send()
        .await
        .unwrap();
    json(refreshed, StatusCode::OK).await;
    // The two old ones are gone; the recent spent one, the one just spent and the new one stay.
    assert_eq!(count().await, 3);
}

/// A flood of wrong sign-ins from one client meets that client's own limit, and a member
/// elsewhere still signs in: the forum-wide limit is not spent by one client. Behind a
/// trusted proxy clients are told apart by `X-Forwarded-For`; from anyone else that
/// header is ignored, so it cannot be used to slip past the limit.
#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_flood_of_wrong_sign_ins_from_one_client_locks_out_only_that_client(
    #[case] engine: Engine,
) {
    for behind_proxy in [true, false] {
        let app = TestApp::spawn_with(engine, |c| {
            if behind_proxy {
                c.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
            }
            c.limits.sign_in_attempts_per_client = 5;
            c.limits.sign_in_attempts_per_minute = 20;
        })
        .await;
        let member = app.member("rowan").await;
        let attempt = |from: &'static str, handle: String, passphrase: String| {
            app.request(Method::POST, "/api/v1/session")
                .header("X-Requested-With", "commonthread")
                .header("X-Forwarded-For", from)
                .json(&json!({"handle": handle, "passphrase": passphrase}))
                .send()
        };
        let mut limited = 0;
        for n in 0..30 {
            let response = attempt(
                "198.51.100.7",
                format!("guess_{n}"),
                "wrong wrong wrong".to_owned(),
            )
            .await
            .unwrap();
            match response.status() {
                StatusCode::TOO_MANY_REQUESTS => limited += 1,
                StatusCode::UNAUTHORIZED => {}
                other => panic!("{other}"),
            }
        }
        assert_eq!(limited, 25, "the flooding client gets its 5, then 429");
        let response = attempt(
            "203.0.113.9",
            member.handle.clone(),
            member.passphrase.clone(),
        )
        .await
        .unwrap();
        let expected = if behind_proxy {
            StatusCode::OK
        } else {
            // Not behind a trusted proxy: both are 127.0.0.1, whatever the header says.
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(
            response.status(),
            expected,
            "behind a proxy: {behind_proxy}"
        );
        app.stop().await;
    }
}
