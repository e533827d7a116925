//! Every API route, asked by an anonymous visitor, a member, a moderator and an admin,
//! gets the expected status. A route added without an entry here fails the test.

use std::collections::BTreeSet;

use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

use crate::harness::{Engine, Person, TestApp, json as json_body, strong_passphrase};

#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    Member,
    Moderator,
    Admin,
}

const EVERYONE: [Who; 4] = [Who::Anonymous, Who::Member, Who::Moderator, Who::Admin];

/// One route: what each of anonymous, member, moderator, admin gets.
struct Rule {
    method: Method,
    path: &'static str,
    expect: [u16; 4],
}

fn rules() -> Vec<Rule> {
    let rule = |method: Method, path, expect| Rule {
        method,
        path,
        expect,
    };
    vec![
        rule(Method::GET, "/healthz", [200, 200, 200, 200]),
        rule(Method::GET, "/readyz", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/instance", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/areas", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/openapi.json", [200, 200, 200, 200]),
        rule(Method::POST, "/api/v1/accounts", [201, 201, 201, 201]),
        rule(Method::POST, "/api/v1/session", [200, 200, 200, 200]),
        rule(Method::DELETE, "/api/v1/session", [204, 204, 204, 204]),
        rule(
            Method::POST,
            "/api/v1/session/refresh",
            [401, 200, 200, 200],
        ),
        rule(Method::DELETE, "/api/v1/sessions", [401, 204, 204, 204]),
        rule(Method::POST, "/api/v1/recover", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/me", [401, 200, 200, 200]),
        rule(Method::DELETE, "/api/v1/me", [401, 204, 204, 204]),
        rule(Method::GET, "/api/v1/me/export", [401, 200, 200, 200]),
        rule(Method::PUT, "/api/v1/me/passphrase", [401, 204, 204, 204]),
        rule(
            Method::POST,
            "/api/v1/me/recovery-codes",
            [401, 201, 201, 201],
        ),
        rule(Method::GET, "/api/v1/admin/members", [401, 403, 403, 200]),
        rule(
            Method::PUT,
            "/api/v1/admin/members/{handle}/role",
            [401, 403, 403, 200],
        ),
        rule(Method::GET, "/api/v1/admin/invites", [401, 403, 200, 200]),
        rule(Method::POST, "/api/v1/admin/invites", [401, 403, 201, 201]),
        rule(
            Method::DELETE,
            "/api/v1/admin/invites/{id}",
            [401, 403, 204, 204],
        ),
        rule(Method::GET, "/api/v1/moderation/log", [401, 200, 200, 200]),
        rule(Method::GET, "/api/v1/patterns", [200, 200, 200, 200]),
        rule(
            Method::POST,
            "/api/v1/patterns/suggest",
            [200, 200, 200, 200],
        ),
        rule(Method::POST, "/api/v1/admin/patterns", [401, 403, 403, 201]),
        rule(
            Method::PUT,
            "/api/v1/admin/patterns/{id}",
            [401, 403, 403, 200],
        ),
        rule(Method::GET, "/ns", [200, 200, 200, 200]),
        rule(Method::POST, "/api/v1/screening", [200, 200, 200, 200]),
        rule(
            Method::POST,
            "/api/v1/screening/redact",
            [200, 200, 200, 200],
        ),
    ]
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn every_route_answers_each_role_as_expected(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.limits.registrations_per_hour = 1000;
        config.limits.sign_in_attempts_per_minute = 1000;
    })
    .await;

    // The table covers exactly the routes the server documents.
    let spec = json_body(app.get("/api/v1/openapi.json").await, StatusCode::OK).await;
    let documented: BTreeSet<String> = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let covered: BTreeSet<String> = rules()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(covered, documented, "add an entry for every new route");

    let root = app.admin("first_head").await;
    let mut n = 0;
    let mut failures = Vec::new();
    for rule in rules() {
        for (who, expected) in EVERYONE.into_iter().zip(rule.expect) {
            n += 1;
            // Fresh people for every check: some routes sign out or erase whoever asks.
            let person = match who {
                Who::Anonymous => Person::anonymous(&app),
                Who::Member => app.member(&format!("member_{n}")).await,
                Who::Moderator => app.moderator(&format!("keeper_{n}"), &root).await,
                Who::Admin => {
                    let admin = app.member(&format!("boss_{n}")).await;
                    root.set_role(&admin.handle, commonthread::accounts::types::Role::Admin)
                        .await;
                    admin
                }
            };
            let (path, body) = request_for(&app, &root, &rule, &person, n).await;
            let response = person.send(rule.method.clone(), &path, &body).await;
            let status = response.status().as_u16();
            if status != expected {
                let body: String = response.text().await.unwrap().chars().take(200).collect();
                failures.push(format!(
                    "{who:?} {} {path}: {status}, expected {expected}: {body}",
                    rule.method
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The concrete path and a valid body for one check, made ready on the forum.
async fn request_for(
    app: &TestApp,
    root: &Person,
    rule: &Rule,
    person: &Person,
    n: usize,
) -> (String, Value) {
    match (rule.method.as_str(), rule.path) {
        ("POST", "/api/v1/accounts") => {
            let handle = format!("joiner_{n}");
            (
                rule.path.to_owned(),
                json!({"handle": handle, "passphrase": strong_passphrase(&handle)}),
            )
        }
        ("POST", "/api/v1/session") => {
            let other = app.member(&format!("signer_{n}")).await;
            (
                rule.path.to_owned(),
                json!({"handle": other.handle, "passphrase": other.passphrase}),
            )
        }
        ("POST", "/api/v1/recover") => {
            let other = app.member(&format!("recoverer_{n}")).await;
            let body = json!({"handle": other.handle, "recovery_code": other.recovery_codes[0],
                "new_passphrase": strong_passphrase(&format!("renewed_{n}"))});
            (rule.path.to_owned(), body)
        }
        ("DELETE", "/api/v1/me") | ("POST", "/api/v1/me/recovery-codes") => (
            rule.path.to_owned(),
            json!({"passphrase": person.passphrase}),
        ),
        ("PUT", "/api/v1/me/passphrase") => (
            rule.path.to_owned(),
            json!({"current_passphrase": person.passphrase,
                "new_passphrase": strong_passphrase(&format!("changed_{n}"))}),
        ),
        ("PUT", "/api/v1/admin/members/{handle}/role") => {
            let target = app.member(&format!("target_{n}")).await;
            (
                format!("/api/v1/admin/members/{}/role", target.handle),
                json!({"role": "moderator"}),
            )
        }
        ("POST", "/api/v1/admin/invites") => (
            rule.path.to_owned(),
            json!({"expires_in_days": 7, "max_uses": 1}),
        ),
        ("DELETE", "/api/v1/admin/invites/{id}") => {
            let response = root
                .send(
                    Method::POST,
                    "/api/v1/admin/invites",
                    &json!({"expires_in_days": 7, "max_uses": 1}),
                )
                .await;
            let invite = json_body(response, StatusCode::CREATED).await;
            (
                format!("/api/v1/admin/invites/{}", invite["id"]),
                Value::Null,
            )
        }
        ("POST", "/api/v1/patterns/suggest") => (
            rule.path.to_owned(),
            json!({"text": "Nobody replied to my emails."}),
        ),
        ("POST", "/api/v1/admin/patterns") => (
            rule.path.to_owned(),
            json!({"label": format!("Local tag {n}"), "definition": "A tag of this forum's own.",
                "category": "impact"}),
        ),
        ("PUT", "/api/v1/admin/patterns/{id}") => {
            let label = format!("Changed tag {n}");
            let body = json!({"label": label, "definition": "A tag of this forum's own.",
                "category": "impact"});
            let response = root
                .send(Method::POST, "/api/v1/admin/patterns", &body)
                .await;
            let tag = json_body(response, StatusCode::CREATED).await;
            let id = tag["id"].as_str().unwrap();
            (format!("/api/v1/admin/patterns/{id}"), body)
        }
        ("POST", "/api/v1/screening") => (
            rule.path.to_owned(),
            json!({"text": "Ring me on 07700 900461."}),
        ),
        ("POST", "/api/v1/screening/redact") => (
            rule.path.to_owned(),
            json!({"text": "Ring 07700 900461.", "findings": [
                {"kind": "phone", "start": 5, "end": 17, "text": "07700 900461"}]}),
        ),
        _ => (rule.path.to_owned(), Value::Null),
    }
}
