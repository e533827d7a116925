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
        rule(Method::GET, "/api/v1/stats", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/compare", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/evidence.json", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/evidence.csv", [200, 200, 200, 200]),
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
        rule(Method::GET, "/actor", [200, 200, 200, 200]),
        rule(Method::GET, "/.well-known/webfinger", [200, 200, 200, 200]),
        rule(Method::GET, "/.well-known/nodeinfo", [200, 200, 200, 200]),
        rule(Method::GET, "/nodeinfo/2.1", [200, 200, 200, 200]),
        rule(Method::GET, "/outbox", [200, 200, 200, 200]),
        rule(Method::GET, "/followers", [200, 200, 200, 200]),
        // Not a signed activity: refused whoever asks, before anything is read or fetched.
        rule(Method::POST, "/inbox", [401, 401, 401, 401]),
        rule(Method::GET, "/ap/stories/{id}", [404, 404, 404, 404]),
        rule(Method::GET, "/ap/people/{token}", [404, 404, 404, 404]),
        rule(Method::GET, "/ap/replies/{id}", [404, 404, 404, 404]),
        rule(
            Method::GET,
            "/ap/reports/{area}/{quarter}",
            [404, 404, 404, 404],
        ),
        rule(Method::GET, "/api/v1/admin/partners", [401, 403, 403, 200]),
        rule(Method::POST, "/api/v1/admin/partners", [401, 403, 403, 422]),
        rule(
            Method::PUT,
            "/api/v1/admin/federation",
            [401, 403, 403, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/admin/partners/{domain}/approve",
            [401, 403, 403, 404],
        ),
        rule(
            Method::POST,
            "/api/v1/admin/partners/{domain}/decline",
            [401, 403, 403, 404],
        ),
        rule(
            Method::DELETE,
            "/api/v1/admin/partners/{domain}",
            [401, 403, 403, 404],
        ),
        rule(
            Method::POST,
            "/api/v1/admin/partners/{domain}/block",
            [401, 403, 403, 201],
        ),
        rule(
            Method::DELETE,
            "/api/v1/admin/partners/{domain}/block",
            [401, 403, 403, 204],
        ),
        rule(Method::POST, "/api/v1/stories", [401, 201, 201, 201]),
        rule(Method::GET, "/api/v1/stories", [200, 200, 200, 200]),
        rule(Method::GET, "/api/v1/stories/{id}", [200, 200, 200, 200]),
        rule(Method::PUT, "/api/v1/stories/{id}", [401, 200, 200, 200]),
        rule(Method::DELETE, "/api/v1/stories/{id}", [401, 204, 204, 204]),
        rule(
            Method::POST,
            "/api/v1/stories/{id}/submit",
            [401, 200, 200, 200],
        ),
        rule(
            Method::GET,
            "/api/v1/stories/{id}/replies",
            [200, 200, 200, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/stories/{id}/replies",
            [401, 201, 201, 201],
        ),
        rule(
            Method::POST,
            "/api/v1/stories/{id}/reactions",
            [401, 201, 201, 201],
        ),
        rule(
            Method::DELETE,
            "/api/v1/stories/{id}/reactions",
            [401, 200, 200, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/stories/{id}/reports",
            [401, 201, 201, 201],
        ),
        rule(Method::GET, "/api/v1/me/stories", [401, 200, 200, 200]),
        rule(Method::PUT, "/api/v1/me/forum-name", [401, 200, 200, 200]),
        rule(Method::GET, "/api/v1/signposts", [200, 200, 200, 200]),
        rule(
            Method::PUT,
            "/api/v1/admin/signposts/{tag}",
            [401, 403, 403, 200],
        ),
        rule(Method::GET, "/api/v1/notifications", [401, 200, 200, 200]),
        rule(
            Method::POST,
            "/api/v1/notifications/read",
            [401, 204, 204, 204],
        ),
        rule(
            Method::GET,
            "/api/v1/moderation/queue",
            [401, 403, 200, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/moderation/stories/{id}",
            [401, 403, 200, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/moderation/replies/{id}",
            [401, 403, 200, 200],
        ),
        rule(
            Method::POST,
            "/api/v1/moderation/reports/{id}",
            [401, 403, 204, 204],
        ),
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
        config.limits.posts_per_hour = 10_000;
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
        ("POST", "/api/v1/stories") => (rule.path.to_owned(), a_story()),
        ("PUT", "/api/v1/admin/federation") => (rule.path.to_owned(), json!({"mode": "allowlist"})),
        ("POST", "/api/v1/admin/partners") => {
            (rule.path.to_owned(), json!({"address": "not an address"}))
        }
        ("POST", "/inbox") => (rule.path.to_owned(), json!({"type": "Follow"})),
        (_, path) if path.starts_with("/ap/") => (
            path.replace("{id}", "1")
                .replace("{token}", "abcdefghijkl")
                .replace("{area}", "E08000025")
                .replace("{quarter}", "2025Q1"),
            Value::Null,
        ),
        (_, path) if path.contains("{domain}") => (
            path.replace("{domain}", &format!("blocked{n}.example")),
            Value::Null,
        ),
        ("GET", "/.well-known/webfinger") => {
            let host = app.base_url.trim_start_matches("http://");
            (
                format!("{}?resource=acct:forum@{host}", rule.path),
                Value::Null,
            )
        }
        ("GET", "/api/v1/stories/{id}")
        | (
            _,
            "/api/v1/stories/{id}/replies"
            | "/api/v1/stories/{id}/reactions"
            | "/api/v1/stories/{id}/reports",
        ) => {
            let id = published_story(root).await;
            if rule.method == Method::DELETE
                && rule.path.ends_with("/reactions")
                && !person.handle.is_empty()
            {
                root_as(
                    person,
                    Method::POST,
                    &format!("/api/v1/stories/{id}/reactions"),
                )
                .await;
            }
            let body = match rule.path {
                "/api/v1/stories/{id}/replies" => json!({"body": "Same here."}),
                "/api/v1/stories/{id}/reports" => json!({"reason": "other"}),
                _ => Value::Null,
            };
            (rule.path.replace("{id}", &id), body)
        }
        ("PUT" | "DELETE", "/api/v1/stories/{id}") | ("POST", "/api/v1/stories/{id}/submit") => {
            // The person's own draft (anonymous visitors get someone else's).
            let author = if person.handle.is_empty() {
                root
            } else {
                person
            };
            let draft = json_body(
                author
                    .send(Method::POST, "/api/v1/stories", &a_story())
                    .await,
                StatusCode::CREATED,
            )
            .await;
            let body = if rule.method == Method::PUT {
                a_story()
            } else {
                Value::Null
            };
            (
                rule.path.replace("{id}", draft["id"].as_str().unwrap()),
                body,
            )
        }
        ("PUT", "/api/v1/me/forum-name") => {
            let letters: String = n
                .to_string()
                .chars()
                .map(|d| char::from(b'a' + d.to_digit(10).unwrap() as u8))
                .collect();
            (
                rule.path.to_owned(),
                json!({"forum_name": format!("Reader {letters}")}),
            )
        }
        ("PUT", "/api/v1/admin/signposts/{tag}") => (
            "/api/v1/admin/signposts/bedroom-inspected".to_owned(),
            json!({"text": "Independent advice: your local SENDIASS."}),
        ),
        ("POST", "/api/v1/notifications/read") => (rule.path.to_owned(), json!({"up_to": 0})),
        ("POST", "/api/v1/moderation/stories/{id}") => {
            let draft = json_body(
                root.send(Method::POST, "/api/v1/stories", &a_story()).await,
                StatusCode::CREATED,
            )
            .await;
            let id = draft["id"].as_str().unwrap();
            root_as(root, Method::POST, &format!("/api/v1/stories/{id}/submit")).await;
            (rule.path.replace("{id}", id), json!({"action": "approve"}))
        }
        ("POST", "/api/v1/moderation/replies/{id}") => {
            let id = published_story(root).await;
            let reply = json_body(
                root.send(
                    Method::POST,
                    &format!("/api/v1/stories/{id}/replies"),
                    &json!({"body": "Hello"}),
                )
                .await,
                StatusCode::CREATED,
            )
            .await;
            (
                rule.path.replace("{id}", &reply["id"].to_string()),
                json!({"action": "approve"}),
            )
        }
        ("POST", "/api/v1/moderation/reports/{id}") => {
            let id = published_story(root).await;
            let report = json_body(
                root.send(
                    Method::POST,
                    &format!("/api/v1/stories/{id}/reports"),
                    &json!({"reason": "spam"}),
                )
                .await,
                StatusCode::CREATED,
            )
            .await;
            (
                rule.path.replace("{id}", &report["id"].to_string()),
                json!({"action": "dismiss"}),
            )
        }
        _ => (rule.path.to_owned(), Value::Null),
    }
}

fn a_story() -> Value {
    json!({"title": "A story", "body": "What happened.", "area": "E08000025",
        "period": "2025-03", "visibility": "public"})
}

/// Sends a request with no body that must succeed.
async fn root_as(person: &Person, method: Method, path: &str) {
    let response = person.send(method, path, &Value::Null).await;
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
}

/// A public story by `root` (an admin), written, submitted and approved; its id.
async fn published_story(root: &Person) -> String {
    let draft = json_body(
        root.send(Method::POST, "/api/v1/stories", &a_story()).await,
        StatusCode::CREATED,
    )
    .await;
    let id = draft["id"].as_str().unwrap().to_owned();
    root_as(root, Method::POST, &format!("/api/v1/stories/{id}/submit")).await;
    let response = root
        .send(
            Method::POST,
            &format!("/api/v1/moderation/stories/{id}"),
            &json!({"action": "approve"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    id
}
