//! The `commonthread` process: bad configuration stops it with one line naming the
//! setting, SIGTERM stops it cleanly, and its request log never names anyone.

use std::io::Read as _;

use crate::harness::binary;

fn stderr_line(output: &std::process::Output) -> String {
    assert!(!output.status.success(), "it started anyway");
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "not one line: {stderr}");
    stderr.trim().to_owned()
}

#[test]
fn a_wrong_setting_stops_start_up_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[(&str, &str)], &str); 8] = [
        (
            &[("CT_FORUM_AREA", "E99999999")],
            "commonthread: configuration error: forum.area: E99999999 is not the GSS code of an English local authority (from CT_FORUM_AREA)",
        ),
        (
            &[("CT_FORUM_AREA", "Leeds")],
            "commonthread: configuration error: forum.area: \"Leeds\" is not an ONS GSS code (E followed by 8 digits, e.g. E08000025) (from CT_FORUM_AREA)",
        ),
        (
            &[("CT_SERVER_PUBLIC_URL", "ftp://forum.example")],
            "commonthread: configuration error: server.public_url: \"ftp://forum.example\" must be an http:// or https:// address (from CT_SERVER_PUBLIC_URL)",
        ),
        (
            &[("CT_SERVER_LISTEN", "everywhere")],
            "commonthread: configuration error: server.listen: invalid socket address syntax (from CT_SERVER_LISTEN)",
        ),
        (
            &[("CT_DATABASE_URL", "mysql://root:hunter2@db/forum")],
            "commonthread: configuration error: database.url: must start with sqlite: or postgres:// (the value is not shown: it may hold a password) (from CT_DATABASE_URL)",
        ),
        (
            &[("CT_FORUM_MEMBERSHIP", "sometimes")],
            "commonthread: configuration error: forum.membership: unknown variant: found `sometimes`, expected `one of `open`, `invite`, `closed`` (from CT_FORUM_MEMBERSHIP)",
        ),
        (
            &[("CT_STATS_K", "4")],
            "commonthread: configuration error: stats.k: must be between 5 and 1000 (from CT_STATS_K)",
        ),
        (
            &[("CT_STATS_PUBLISH_AFTER_DAYS", "91")],
            "commonthread: configuration error: stats.publish_after_days: must be between 0 and 90 (from CT_STATS_PUBLISH_AFTER_DAYS)",
        ),
    ];
    for (env, expected) in cases {
        let output = binary::run(dir.path(), &["migrate"], env);
        assert_eq!(stderr_line(&output), expected);
    }
}

#[test]
fn a_wrong_key_in_the_file_is_named_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("forum.toml"),
        "[forum]\nnmae = \"Leeds PCF\"\n",
    )
    .unwrap();
    let output = binary::run(dir.path(), &["--config", "forum.toml", "migrate"], &[]);
    let line = stderr_line(&output);
    assert!(
        line.starts_with("commonthread: configuration error: forum.nmae: unknown field")
            && line.ends_with("(in forum.toml)"),
        "{line}"
    );

    let missing = binary::run(dir.path(), &["--config", "nowhere.toml", "migrate"], &[]);
    assert_eq!(
        stderr_line(&missing),
        "commonthread: configuration error: --config: the file nowhere.toml does not exist"
    );
}

#[test]
fn the_default_config_file_is_read_and_the_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("commonthread.toml"),
        "[forum]\narea = \"E99999998\"\n",
    )
    .unwrap();
    let from_file = binary::run(dir.path(), &["migrate"], &[]);
    assert!(stderr_line(&from_file).contains("(in commonthread.toml)"));

    let overridden = binary::run(dir.path(), &["migrate"], &[("CT_FORUM_AREA", "E08000025")]);
    assert!(
        overridden.status.success(),
        "{}",
        String::from_utf8_lossy(&overridden.stderr)
    );
    // migrate made the SQLite file at the default place.
    assert!(dir.path().join("data/commonthread.db").is_file());
}

#[tokio::test]
async fn sigterm_stops_the_server_cleanly_and_the_log_names_nobody() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = binary::serve(
        dir.path(),
        &[("CT_FORUM_AREA", "E08000025"), ("RUST_LOG", "info")],
    )
    .await;
    let listen = base.trim_start_matches("http://").to_owned();

    let client = reqwest::Client::new();
    let response = client
        .get(format!("{base}/api/v1/instance?handle=alice_sentinel"))
        .header("User-Agent", "UA-SENTINEL/1.0")
        .header("Cookie", "session=COOKIE-SENTINEL")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    client
        .get(format!("{base}/stories/path-sentinel"))
        .send()
        .await
        .unwrap();
    // Screening a story leaves no trace of it in the log.
    let screened = client
        .post(format!("{base}/api/v1/screening"))
        .header("X-Requested-With", "commonthread")
        .json(&serde_json::json!({"text": "Oliwia Story-Sentinel rang 07700 900461"}))
        .send()
        .await
        .unwrap();
    assert_eq!(screened.status(), 200);

    // The container health check asks the same server.
    let env = [
        ("CT_SERVER_LISTEN", listen.as_str()),
        ("CT_FORUM_AREA", "E08000025"),
    ];
    let health = binary::run(dir.path(), &["health"], &env);
    assert!(
        health.status.success(),
        "{}",
        String::from_utf8_lossy(&health.stderr)
    );

    binary::terminate(&child);
    let status = child.wait().unwrap();
    let after = binary::run(dir.path(), &["health"], &env);
    assert!(!after.status.success(), "healthy after it stopped");
    assert!(status.success(), "exit status after SIGTERM: {status}");
    let mut log = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();

    let requests: Vec<&str> = log.lines().filter(|l| l.contains(" request ")).collect();
    assert!(
        requests.iter().any(|l| l.contains("method=GET")
            && l.contains(r#"route="/api/v1/instance""#)
            && l.contains("status=200")
            && l.contains("latency_ms=")),
        "{log}"
    );
    assert!(
        requests.iter().any(|l| l.contains(r#"route="<fallback>""#)),
        "{log}"
    );
    for secret in [
        "sentinel",
        "SENTINEL",
        "127.0.0.1",
        "handle=",
        "Mozilla",
        "reqwest",
    ] {
        assert!(
            !requests.iter().any(|l| l.contains(secret)),
            "the request log shows {secret:?}:\n{log}"
        );
    }
    assert!(
        requests
            .iter()
            .any(|l| l.contains(r#"route="/api/v1/screening""#)),
        "{log}"
    );
    for story in ["Oliwia", "Story-Sentinel", "07700"] {
        assert!(
            !log.contains(story),
            "the log shows the story's {story:?}:\n{log}"
        );
    }
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("stopped"), "{log}");
}

#[tokio::test]
async fn admin_create_makes_the_first_admin_who_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let generated = binary::run(
        dir.path(),
        &["admin", "create", "--handle", "First_Head"],
        &[],
    );
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let out = String::from_utf8(generated.stdout).unwrap();
    assert!(
        out.starts_with("Created the admin account \"first_head\".\n"),
        "{out}"
    );
    let passphrase = out
        .lines()
        .find_map(|l| l.strip_prefix("Passphrase (shown once; keep it safe): "))
        .unwrap()
        .to_owned();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  ")).count(),
        8,
        "{out}"
    );

    let taken = binary::run(
        dir.path(),
        &["admin", "create", "--handle", "first_head"],
        &[],
    );
    assert_eq!(
        stderr_line(&taken),
        "commonthread: --handle: \"first_head\" is taken"
    );
    // Staff may take the handles kept from members; the shape rules still hold.
    let staff = binary::run(
        dir.path(),
        &["admin", "create", "--handle", "forum_lead"],
        &[],
    );
    assert!(
        staff.status.success(),
        "{}",
        String::from_utf8_lossy(&staff.stderr)
    );
    let bad = binary::run(
        dir.path(),
        &["admin", "create", "--handle", "forum lead"],
        &[],
    );
    assert_eq!(
        stderr_line(&bad),
        "commonthread: --handle: A handle has 3 to 30 characters: letters a to z, numbers and _."
    );

    // A passphrase of one's own, from standard input.
    let mut child = std::process::Command::new(binary::path())
        .current_dir(dir.path())
        .args([
            "admin",
            "create",
            "--handle",
            "second_head",
            "--passphrase-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"password123\n")
        .unwrap();
    let weak = child.wait_with_output().unwrap();
    assert!(stderr_line(&weak).starts_with("commonthread: the passphrase is too weak:"));

    // The server on the same database lets the admin in, as an admin.
    let (mut server, base) = binary::serve(dir.path(), &[]).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = client
        .post(format!("{base}/api/v1/session"))
        .header("X-Requested-With", "commonthread")
        .json(&serde_json::json!({"handle": "first_head", "passphrase": passphrase}))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let members = client
        .get(format!("{base}/api/v1/admin/members"))
        .send()
        .await
        .unwrap();
    assert_eq!(members.status(), 200);
    // A staff handle that members could not choose still signs in.
    let staff_passphrase = String::from_utf8(staff.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Passphrase (shown once; keep it safe): "))
        .unwrap()
        .to_owned();
    let staff_signed_in = reqwest::Client::new()
        .post(format!("{base}/api/v1/session"))
        .header("X-Requested-With", "commonthread")
        .json(&serde_json::json!({"handle": "Forum_Lead", "passphrase": staff_passphrase}))
        .send()
        .await
        .unwrap();
    assert_eq!(staff_signed_in.status(), 200);
    binary::terminate(&server);
    server.wait().unwrap();
}

/// `commonthread backup PATH` copies a running SQLite forum; a forum started on the copy
/// has its members (who sign in), its stories and its actor key (so partners go on
/// trusting it). On PostgreSQL the command says to use pg_dump.
#[tokio::test]
async fn a_running_forum_is_backed_up_and_restored_with_members_stories_and_key() {
    use crate::harness::{
        Engine, TestApp, json,
        members::Person,
        postgres::TestDatabase,
        stories::{feed_ids, published},
    };
    use reqwest::StatusCode;

    let app = TestApp::spawn(Engine::Sqlite).await;
    let admin = app.admin("admin").await;
    let moderator = app.moderator("ruth", &admin).await;
    let author = app.member("parent").await;
    let story = serde_json::json!({"title": "Kept safe", "body": "It happened.",
        "area": "E08000025", "period": "2025-03", "services": ["school"], "tags": [],
        "visibility": "public"});
    let id = published(&author, &moderator, &story).await;
    let key = |actor: serde_json::Value| actor["publicKey"]["publicKeyPem"].clone();
    let before = key(json(app.get("/actor").await, StatusCode::OK).await);

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    let url = app.database.url().to_owned();
    let target = copy.to_str().unwrap().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        binary::run(
            tempfile::tempdir().unwrap().path(),
            &["backup", &target],
            &[("CT_DATABASE_URL", &url)],
        )
    })
    .await
    .unwrap();
    let said = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.starts_with("Backed up to "), "{said}");
    // Never over an existing file.
    let again = binary::run(
        dir.path(),
        &["backup", copy.to_str().unwrap()],
        &[("CT_DATABASE_URL", app.database.url())],
    );
    assert!(!again.status.success());
    app.stop().await;

    let restored = TestApp::start(
        TestDatabase::Sqlite {
            url: format!("sqlite://{}?mode=rwc", copy.display()),
            _dir: dir,
        },
        |_| {},
    )
    .await;
    let visitor = Person::anonymous(&restored);
    assert_eq!(
        feed_ids(&visitor, "?limit=50").await,
        std::slice::from_ref(&id)
    );
    let back = Person::another_browser_of(&restored, &author.handle, &author.passphrase);
    assert_eq!(back.sign_in().await.status(), StatusCode::OK);
    let after = key(json(restored.get("/actor").await, StatusCode::OK).await);
    assert_eq!(after, before, "the forum's key survives");
    restored.stop().await;

    let postgres = TestDatabase::create(Engine::Postgres).await;
    let output = binary::run(
        tempfile::tempdir().unwrap().path(),
        &["backup", "/tmp/never-written.db"],
        &[("CT_DATABASE_URL", postgres.url())],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && stderr.contains("pg_dump"),
        "{stderr}"
    );
}
