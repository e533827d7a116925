//! Common Thread: the server of one parent carer forum. `App::build` assembles it from a
//! [`Config`]; `main.rs` and the tests both start it this way.

pub mod accounts;
pub mod areas;
pub mod cli;
pub mod compare;
pub mod config;
pub mod db;
pub mod entities;
pub mod federation;
pub mod health;
pub mod input;
pub mod instance;
pub mod limits;
pub mod moderation;
mod openapi;
pub mod patterns;
pub mod problem;
pub mod screening;
pub mod stats;
pub mod stories;
pub mod web;

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context as _;
use axum::{Extension, Router, http::StatusCode, middleware};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{limit::RequestBodyLimitLayer, timeout::TimeoutLayer};

use crate::{
    accounts::{service::Accounts, tokens::TokenKeys},
    areas::Areas,
    config::Config,
    instance::routes::InstanceView,
    web::middleware::{OwnOrigin, SecurityHeaders},
};

pub use openapi::openapi;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub areas: Areas,
    pub db: DatabaseConnection,
    /// Built once at start-up: the forum's description does not change while it runs.
    pub instance: Arc<InstanceView>,
    pub accounts: Arc<Accounts>,
    pub screening: Arc<limits::ForumLimit>,
    pub suggestions: Arc<limits::ForumLimit>,
    /// Evidence exports (they screen quotes).
    pub evidence: Arc<limits::ForumLimit>,
    /// New stories, replies and reports per member.
    pub posts: Arc<limits::MemberLimit>,
    /// Edits of stories per member: each one renders and cleans the whole story again.
    pub edits: Arc<limits::MemberLimit>,
    /// Feed pages, kept for a moment (cleared by any change).
    pub feed_cache: Arc<stories::cache::FeedCache>,
    /// The shared vocabulary and the suggester, checked at start-up.
    pub patterns: Arc<patterns::Patterns>,
    pub federation: Arc<federation::Federation>,
}

/// How connections are bounded: how long a request head may take to arrive, and how many
/// may be open at once.
#[derive(Debug, Clone, Copy)]
struct Connections {
    header_read_timeout: Duration,
    max: usize,
}

/// Serves `router` on `listener` with hyper's own connection handling (axum's `serve` has
/// no header-read timeout), each request carrying its peer's address (`ConnectInfo`), until
/// `shutdown`; then stops accepting and lets the connections under way finish (at most 30
/// s). Over `limits.max` open connections, a new one is closed at once.
async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Connections,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::{
        rt::{TokioExecutor, TokioIo, TokioTimer},
        server::{conn::auto, graceful::GracefulShutdown},
    };
    use tower::ServiceExt as _;

    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(limits.max));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment, as axum does.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let router = router.clone();
        let builder = builder.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            // hyper times a request head from its first byte: a connection that sends
            // nothing at all is given the same time to start, or it is closed.
            let mut first = [0_u8; 1];
            if !matches!(
                tokio::time::timeout(limits.header_read_timeout, stream.peek(&mut first)).await,
                Ok(Ok(1))
            ) {
                drop(permit);
                return;
            }
            let service = hyper::service::service_fn(
                move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(peer));
                    router.clone().oneshot(request)
                },
            );
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            // A connection that ends badly (a reset, a timed-out head) is the client's.
            watcher.watch(connection.into_owned()).await.ok();
            drop(permit);
        });
    }
    drop(listener);
    tokio::time::timeout(Duration::from_secs(30), graceful.shutdown())
        .await
        .ok();
    Ok(())
}

/// A forum, built and bound to its port, ready to serve.
pub struct App {
    listener: TcpListener,
    router: Router,
    state: AppState,
    federation: activitypub_federation::config::FederationConfig<AppState>,
}

impl App {
    /// Connects to the database, migrates it, and listens on `server.listen`.
    pub async fn build(config: Config, areas: Areas) -> anyhow::Result<Self> {
        let listen = config.server.listen;
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("server.listen: could not listen on {listen}"))?;
        Self::build_on(config, areas, listener).await
    }

    /// As [`App::build`], on a listener the caller bound (tests bind port 0 first).
    pub async fn build_on(
        config: Config,
        areas: Areas,
        listener: TcpListener,
    ) -> anyhow::Result<Self> {
        install_tls_provider();
        let db = db::open(&config.database).await?;
        let running_since = instance::store::running_since(&db)
            .await
            .context("could not read the instance settings")?;
        let accounts = accounts_service(&db, &config).await?;
        let state = AppState {
            instance: Arc::new(InstanceView::new(&config, &areas, running_since)),
            accounts: Arc::new(accounts),
            screening: Arc::new(limits::ForumLimit::per_minute(
                config.limits.screenings_per_minute,
            )),
            suggestions: Arc::new(limits::ForumLimit::per_minute(
                config.limits.suggestions_per_minute,
            )),
            evidence: Arc::new(limits::ForumLimit::per_minute(
                config.limits.evidence_exports_per_minute,
            )),
            posts: Arc::new(limits::MemberLimit::per_hour(config.limits.posts_per_hour)),
            edits: Arc::new(limits::MemberLimit::per_minute(
                config.limits.edits_per_minute,
            )),
            feed_cache: Arc::new(stories::cache::FeedCache::new(Duration::from_millis(
                config.server.feed_cache_millis,
            ))),
            patterns: Arc::new(patterns::Patterns::bundled()?),
            federation: Arc::new(federation::Federation::load(&db, &config).await?),
            config: Arc::new(config),
            areas,
            db,
        };
        stories::pseudonym::check()?;
        if state.config.forum.sample_stories {
            let added = stories::samples::seed_if_empty(&state, &state.db)
                .await
                .context("could not add the sample stories")?;
            if added > 0 {
                tracing::info!(added, "added sample stories (forum.sample_stories is on)");
            }
        }
        let federation = federation::config(&state).await?;
        let router = router(state.clone()).layer(Extension(federation.clone()));
        Ok(Self {
            listener,
            router,
            state,
            federation,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes the requests under way.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let statistics = tokio::spawn(stats::refresh::daily(self.state.clone()));
        let sweep = tokio::spawn(federation::outbox::run(self.state.clone()));
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let deliveries = tokio::spawn(federation::queue::run(self.federation, stopping));
        let limits = Connections {
            header_read_timeout: Duration::from_secs(
                self.state.config.server.header_read_timeout_secs,
            ),
            max: self.state.config.server.max_connections,
        };
        let served = serve(self.listener, self.router, limits, shutdown).await;
        statistics.abort();
        sweep.abort();
        stop.send(true).ok();
        tokio::time::timeout(Duration::from_secs(5), deliveries)
            .await
            .ok();
        served?;
        self.state.db.close_by_ref().await.ok();
        Ok(())
    }
}

/// The accounts service, with the forum's token key (made and stored at first start).
pub async fn accounts_service(
    db: &DatabaseConnection,
    config: &Config,
) -> anyhow::Result<Accounts> {
    let key = instance::store::access_token_key(db, TokenKeys::generate_key()?)
        .await
        .context("could not read the access token key")?;
    // Made now, not on the first sign-in with an unknown handle, which would be slower.
    tokio::task::spawn_blocking(accounts::passwords::warm_up).await?;
    Ok(Accounts::new(TokenKeys::new(&key, config)?, config))
}

/// The whole HTTP surface: the API (every route is in the OpenAPI document), the web
/// app as the fallback, and the middleware around all of it.
pub fn router(state: AppState) -> Router {
    let (api, spec) = openapi::api_router().split_for_parts();
    let spec = openapi::OpenApiJson::new(&openapi::complete(spec));
    let server = &state.config.server;
    let security = SecurityHeaders::new(server.public_url.is_https());
    let origin = OwnOrigin(server.public_url.origin().into());
    // Outermost first: the log sees the final status; headers go on every answer,
    // problems included; bare errors from the timeout, the body limit and routing
    // become problem+json; an address with a control character is refused before any
    // route reads it; CSRF is refused before any body is read.
    let layers = ServiceBuilder::new()
        .layer(middleware::from_fn(web::middleware::request_log))
        .layer(middleware::from_fn_with_state(
            security,
            web::middleware::security_headers,
        ))
        .layer(middleware::from_fn(
            web::middleware::problem_for_bare_errors,
        ))
        .layer(middleware::from_fn(
            web::middleware::refuse_control_characters,
        ))
        .layer(middleware::from_fn_with_state(
            origin,
            web::middleware::csrf,
        ))
        .layer(middleware::from_fn_with_state(
            state.feed_cache.clone(),
            web::middleware::clear_feed_cache,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(server.request_timeout_secs),
        ))
        .layer(RequestBodyLimitLayer::new(server.request_body_limit_bytes));
    api.fallback(web::frontend::fallback)
        .layer(Extension(spec))
        .layer(layers)
        .with_state(state)
}

/// TLS for fetching from and delivering to other forums (the ring provider, which the
/// database driver's TLS uses too). Done first by every start; installing twice is
/// harmless. Public for clients made before any forum starts (the test harness's).
pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}
