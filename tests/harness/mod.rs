//! The harness: starts a real forum (`App::build_on`) on a free port against a fresh
//! database, and speaks HTTP to it like a browser or another forum would.

pub mod binary;
pub mod members;
pub mod postgres;
pub mod relay;
pub mod stories;

use commonthread::{App, AppState, areas::Areas, config::Config};
use reqwest::{Response, StatusCode, header};
use serde_json::Value;
use tokio::{sync::oneshot, task::JoinHandle};

pub use self::{
    members::{Person, strong_passphrase},
    postgres::TestDatabase,
};

/// The name every test forum has, so that tests can recognise it.
pub const FORUM_NAME: &str = "Testshire Parent Carer Forum";
/// Birmingham: a real GSS code from the bundled list.
pub const FORUM_AREA: &str = "E08000025";

/// Which database engine a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A running forum. Stops when dropped.
pub struct TestApp {
    pub base_url: String,
    pub client: reqwest::Client,
    pub state: AppState,
    pub database: TestDatabase,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    /// A forum with the test defaults.
    pub async fn spawn(engine: Engine) -> Self {
        Self::spawn_with(engine, |_| {}).await
    }

    /// A forum whose configuration `adjust` changes first.
    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> Self {
        let database = TestDatabase::create(engine).await;
        Self::start(database, adjust).await
    }

    /// Starts a forum on an existing database (e.g. to restart one).
    pub async fn start(database: TestDatabase, adjust: impl FnOnce(&mut Config)) -> Self {
        Self::start_at(database, "127.0.0.1:0", adjust).await
    }

    /// As [`TestApp::start`], on a given address: a forum restarted where its partners
    /// know it.
    pub async fn start_at(
        database: TestDatabase,
        address: &str,
        adjust: impl FnOnce(&mut Config),
    ) -> Self {
        // The forums' logs, when a run needs them: RUST_LOG=commonthread=debug.
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init()
            .ok();
        let listener = tokio::net::TcpListener::bind(address).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let base_url = format!("http://{addr}");
        let mut config = Config::default();
        config.server.listen = addr;
        config.server.public_url = base_url.clone().try_into().unwrap();
        config.database.url = database.url().to_owned().try_into().unwrap();
        config.database.max_connections = 5;
        config.forum.name = FORUM_NAME.to_owned().try_into().unwrap();
        config.forum.area = Some(FORUM_AREA.to_owned().try_into().unwrap());
        adjust(&mut config);
        // A test may name the forum otherwise (e.g. `localhost`, as federation needs).
        let base_url = config.server.public_url.origin().to_string();
        let app = App::build_on(config, Areas::bundled().unwrap(), listener)
            .await
            .unwrap_or_else(|e| panic!("the forum did not start: {e:#}"));
        let state = app.state().clone();
        let (tx, rx) = oneshot::channel();
        let server = tokio::spawn(app.run_until(async {
            rx.await.ok();
        }));
        Self {
            base_url,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            state,
            database,
            shutdown: Some(tx),
            server: Some(server),
        }
    }

    /// Stops the server gracefully and hands back its database.
    pub async fn stop(mut self) -> TestDatabase {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
        if let Some(server) = self.server.take() {
            server.await.unwrap().unwrap();
        }
        std::mem::replace(&mut self.database, TestDatabase::Detached)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `host:port`, as the forum's domain and address read.
    pub fn domain(&self) -> &str {
        self.base_url.trim_start_matches("http://")
    }

    /// This forum's public URL as `localhost` (other forums refuse IP addresses, which
    /// have no domain), on the port it listens on.
    pub fn localhost(config: &mut Config) {
        config.server.public_url = format!("http://localhost:{}", config.server.listen.port())
            .try_into()
            .unwrap();
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A state-changing request as our own web app sends it.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("X-Requested-With", "commonthread")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            tx.send(()).ok();
        }
    }
}

/// Reads a JSON body, failing with the problem if the status is not the one expected.
pub async fn json(response: Response, expected: StatusCode) -> Value {
    let status = response.status();
    let body = response.text().await.unwrap();
    assert_eq!(status, expected, "unexpected status; body: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Asserts that the response is a problem+json with this status and code.
pub async fn problem(response: Response, status: StatusCode, code: &str) -> Value {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = json(response, status).await;
    assert_eq!(
        content_type.as_deref(),
        Some("application/problem+json"),
        "{body}"
    );
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status.as_u16(), "{body}");
    assert_eq!(
        body["type"],
        format!("urn:commonthread:problem:{code}"),
        "{body}"
    );
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    body
}
