//! The forum introduces itself, says whether it is alive and ready, and lists areas.

use reqwest::StatusCode;
use rstest::rstest;
use sea_orm::{ConnectionTrait, Statement};

use crate::harness::{Engine, FORUM_AREA, FORUM_NAME, TestApp, json, problem};

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_forum_introduces_itself(#[case] engine: Engine) {
    let app = TestApp::spawn_with(engine, |config| {
        config.forum.description = "For parent carers in Birmingham."
            .to_owned()
            .try_into()
            .unwrap();
        config.forum.quick_exit_url = "https://example.org/weather".to_owned().try_into().unwrap();
    })
    .await;

    let body = json(app.get("/api/v1/instance").await, StatusCode::OK).await;

    let today = chrono_today();
    assert_eq!(
        body,
        serde_json::json!({
            "name": FORUM_NAME,
            "description": "For parent carers in Birmingham.",
            "area": FORUM_AREA,
            "area_name": "Birmingham",
            "membership": "open",
            "version": env!("CARGO_PKG_VERSION"),
            "source_url": "https://github.com/commonthread/commonthread",
            "quick_exit_url": "https://example.org/weather",
            "running_since": today,
            "reply_moderation": "pre",
            "samples": false,
        })
    );
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn the_first_start_date_survives_a_restart(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    // As if the forum had first started long ago.
    app.state
        .db
        .execute_raw(Statement::from_string(
            app.state.db.get_database_backend(),
            "UPDATE instance_setting SET value = '2025-01-31' WHERE key = 'running_since'",
        ))
        .await
        .unwrap();
    let database = app.stop().await;

    let restarted = TestApp::start(database, |_| {}).await;
    let body = json(restarted.get("/api/v1/instance").await, StatusCode::OK).await;
    assert_eq!(body["running_since"], "2025-01-31");
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn health_and_readiness(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    assert_eq!(
        json(app.get("/healthz").await, StatusCode::OK).await,
        serde_json::json!({"status": "ok"})
    );
    assert_eq!(
        json(app.get("/readyz").await, StatusCode::OK).await,
        serde_json::json!({"status": "ready"})
    );
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn readiness_fails_when_the_database_is_gone_but_liveness_holds(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    match engine {
        // The real outage: the database disappears under the running server.
        Engine::Postgres => {
            let admin = sea_orm::Database::connect(crate::harness::postgres::admin_url())
                .await
                .unwrap();
            let name = app.database.url().rsplit('/').next().unwrap().to_owned();
            admin
                .execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)"))
                .await
                .unwrap();
        }
        // A SQLite file cannot vanish from under open handles; a closed pool is the
        // nearest equivalent.
        Engine::Sqlite => app.state.db.close_by_ref().await.unwrap(),
    }
    let body = problem(
        app.get("/readyz").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "unavailable",
    )
    .await;
    assert_eq!(body["detail"], "The database is not reachable.");
    json(app.get("/healthz").await, StatusCode::OK).await;
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn areas_lists_every_english_local_authority(#[case] engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let body = json(app.get("/api/v1/areas").await, StatusCode::OK).await;
    let areas = body.as_array().unwrap();
    assert_eq!(areas.len(), 153);
    let kent = areas.iter().find(|a| a["code"] == "E10000016").unwrap();
    assert_eq!(
        kent,
        &serde_json::json!({"code": "E10000016", "name": "Kent", "region": "South East",
            "hex": {"q": 13, "r": 8}})
    );
}

/// Today's date in UTC, as the API writes it.
fn chrono_today() -> String {
    chrono::Utc::now().date_naive().to_string()
}
