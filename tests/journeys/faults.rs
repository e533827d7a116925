//! Faults a forum's volunteers will meet: the server killed in the middle of writes (a
//! power cut, the OOM killer, `kill -9`), and PostgreSQL restarted under load. Real
//! processes, real signals, a real PostgreSQL stopped and started.

use std::{
    process::Child,
    sync::{Arc, Mutex},
    time::Duration,
};

use reqwest::{Method, StatusCode};
use rstest::rstest;
use sea_orm::{ConnectionTrait, Database, DatabaseBackend, Statement};
use serde_json::{Value, json};

use super::partners::eventually;
use crate::harness::{
    Engine, FORUM_AREA, Person, TestDatabase, binary, json, postgres::OwnCluster,
};

/// `commonthread serve` on a free port, up, logging to `NAME.log` in `dir`.
async fn serve(dir: &std::path::Path, name: &str, env: &[(&str, &str)]) -> (Child, String) {
    binary::serve_logged(dir, env, &dir.join(format!("{name}.log"))).await
}

/// The first admin, made with the CLI, signed in at `base`.
async fn admin(dir: &std::path::Path, env: &[(&str, &str)], base: &str) -> Person {
    let passphrase = binary::create_admin(dir, env, "night_admin");
    signed_in(base, &passphrase).await
}

async fn signed_in(base: &str, passphrase: &str) -> Person {
    let person = Person::at(base, "night_admin", passphrase);
    json(person.sign_in().await, StatusCode::OK).await;
    person
}

fn draft(n: usize) -> Value {
    json!({"title": format!("Written at night {n}"), "body": "The letter came at last.",
           "area": FORUM_AREA, "period": "2025-03", "visibility": "members"})
}

/// Writers that start drafts as fast as they can until told to stop (or the server
/// goes): every id answered 201, and every status seen.
struct Load {
    committed: Arc<Mutex<Vec<String>>>,
    statuses: Arc<Mutex<Vec<u16>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    writers: Vec<tokio::task::JoinHandle<()>>,
}

impl Load {
    fn start(person: &Arc<Person>, writers: usize) -> Self {
        let committed = Arc::new(Mutex::new(Vec::new()));
        let statuses = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writers = (0..writers)
            .map(|w| {
                let (person, committed, statuses, stop) = (
                    person.clone(),
                    committed.clone(),
                    statuses.clone(),
                    stop.clone(),
                );
                tokio::spawn(async move {
                    let mut n = w * 100_000;
                    while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                        n += 1;
                        let sent = person
                            .request(Method::POST, "/api/v1/stories")
                            .json(&draft(n))
                            .send()
                            .await;
                        let Ok(response) = sent else {
                            // The server is gone (killed): nothing more to write.
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            continue;
                        };
                        let status = response.status().as_u16();
                        statuses.lock().unwrap().push(status);
                        if status == 201
                            && let Ok(body) = response.json::<Value>().await
                        {
                            committed
                                .lock()
                                .unwrap()
                                .push(body["id"].as_str().unwrap().to_owned());
                        }
                    }
                })
            })
            .collect();
        Self {
            committed,
            statuses,
            stop,
            writers,
        }
    }

    fn committed(&self) -> usize {
        self.committed.lock().unwrap().len()
    }

    async fn finish(self) -> (Vec<String>, Vec<u16>) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        for writer in self.writers {
            writer.await.unwrap();
        }
        let committed = self.committed.lock().unwrap().clone();
        let statuses = self.statuses.lock().unwrap().clone();
        (committed, statuses)
    }
}

/// The ids of `person`'s stories, as the forum lists them.
async fn my_story_ids(person: &Person) -> Vec<String> {
    json(person.get("/api/v1/me/stories").await, StatusCode::OK)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}

#[rstest]
#[case::sqlite(Engine::Sqlite)]
#[case::postgres(Engine::Postgres)]
#[tokio::test]
async fn a_server_killed_during_a_burst_of_writes_loses_no_committed_story(#[case] engine: Engine) {
    let database = TestDatabase::create(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("CT_DATABASE_URL", database.url()),
        ("CT_LIMITS_POSTS_PER_HOUR", "1000000"),
    ];
    let (mut child, base) = serve(dir.path(), "first", &env).await;
    let person = Arc::new(admin(dir.path(), &env, &base).await);
    let load = Load::start(&person, 8);
    eventually("a burst of committed drafts", || async {
        (load.committed() >= 60).then_some(())
    })
    .await;
    child.kill().unwrap(); // SIGKILL, in the middle of writes
    child.wait().unwrap();
    let (committed, _) = load.finish().await;

    if engine == Engine::Sqlite {
        let db = Database::connect(database.url()).await.unwrap();
        let row = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await
            .unwrap()
            .unwrap();
        let verdict: String = row.try_get("", "integrity_check").unwrap();
        assert_eq!(verdict, "ok");
        db.close().await.unwrap();
    }

    let (mut again, base) = serve(dir.path(), "again", &env).await;
    let person = signed_in(&base, &person.passphrase).await;
    let kept = my_story_ids(&person).await;
    let lost: Vec<&String> = committed.iter().filter(|id| !kept.contains(id)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} committed drafts lost: {lost:?}",
        lost.len(),
        committed.len()
    );
    binary::terminate(&again);
    again.wait().unwrap();
}

#[tokio::test]
async fn postgresql_restarted_under_load_is_503_while_down_and_recovers_by_itself() {
    let cluster = OwnCluster::start();
    let url = cluster.url();
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("CT_DATABASE_URL", url.as_str()),
        ("CT_LIMITS_POSTS_PER_HOUR", "1000000"),
    ];
    let (mut child, base) = serve(dir.path(), "server", &env).await;
    let person = Arc::new(admin(dir.path(), &env, &base).await);
    let probe = reqwest::Client::builder()
        .timeout(Duration::from_secs(40))
        .build()
        .unwrap();
    let status = |path: &'static str| {
        let (probe, base) = (probe.clone(), base.clone());
        async move {
            probe
                .get(format!("{base}{path}"))
                .send()
                .await
                .unwrap()
                .status()
        }
    };

    let load = Load::start(&person, 4);
    eventually("writes under way", || async {
        (load.committed() >= 20).then_some(())
    })
    .await;
    cluster.down();
    eventually("/readyz to say 503", || async {
        (status("/readyz").await == StatusCode::SERVICE_UNAVAILABLE).then_some(())
    })
    .await;
    assert_eq!(
        status("/healthz").await,
        StatusCode::OK,
        "alive, if not ready"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;

    cluster.up();
    eventually("/readyz to say 200 again", || async {
        (status("/readyz").await == StatusCode::OK).then_some(())
    })
    .await;
    let before = load.committed();
    eventually("writes to go through again", || async {
        (load.committed() > before + 10).then_some(())
    })
    .await;
    let (committed, statuses) = load.finish().await;

    // While the database was away, writes were refused as unavailable (503 with
    // Retry-After), never as a server error.
    assert!(
        statuses.contains(&503),
        "no write met the outage: {statuses:?}"
    );
    let unexpected: Vec<&u16> = statuses
        .iter()
        .filter(|s| !matches!(**s, 201 | 503))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    let kept = my_story_ids(&person).await;
    assert!(committed.iter().all(|id| kept.contains(id)));
    binary::terminate(&child);
    child.wait().unwrap();
}
