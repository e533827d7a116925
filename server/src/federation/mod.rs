//! Federation over ActivityPub (issue 9), built on the `activitypub_federation` crate
//! (pinned: `=0.7.0-beta.14`) for HTTP signatures, fetching and WebFinger.
//!
//! - `actor`, `discovery`: the forum's one `Group` actor, WebFinger, NodeInfo.
//! - `objects`: the JSON of what crosses (Article, Note, Person, PatternReport).
//! - `partners`: other forums, following and approval, blocks, the admin API.
//! - `inbox`: receiving, with every check before anything changes.
//! - `outbox`: turns changes to this forum's stories, replies and figures into activities.
//! - `queue`: the persistent delivery queue and its worker; `signing`: its signatures.
//! - `serve`: this forum's objects, resolvable by their ids.

pub mod actor;
pub mod discovery;
pub mod error;
pub mod inbox;
pub mod objects;
pub mod outbox;
pub mod partners;
pub mod queue;
pub mod serve;
pub mod signing;

use std::{
    collections::{BTreeMap, HashSet},
    sync::{Arc, Mutex, RwLock},
};

use activitypub_federation::{
    config::{Data, FederationConfig, UrlVerifier},
    error::Error as CrateError,
    http_signatures::generate_actor_keypair,
};
use anyhow::Context as _;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{AppState, config::Config, entities::fed_block, instance::store};

/// Who this forum is on the fediverse: its domain, its actor's id and its key pair.
#[derive(Clone)]
pub struct Identity {
    /// `host[:port]`.
    pub domain: String,
    /// `{public_url}/actor`.
    pub actor: Url,
    pub public_key_pem: String,
    /// Read by `signing::Signer` at start, which signs every delivery with it.
    pub private_key_pem: Arc<str>,
}

#[derive(Serialize, Deserialize)]
struct StoredKeypair {
    private: String,
    public: String,
}

/// The local part of the forum's WebFinger address: `forum@DOMAIN`.
pub const ACTOR_NAME: &str = "forum";

impl Identity {
    /// Reads the forum's key pair, making it on the first start.
    pub async fn load(db: &DatabaseConnection, config: &Config) -> anyhow::Result<Self> {
        let stored = store::federation_keypair(db, || async {
            let pair = tokio::task::spawn_blocking(generate_actor_keypair)
                .await
                .map_err(|e| DbErr::Custom(format!("key generation: {e}")))?
                .map_err(|e| DbErr::Custom(format!("key generation: {e}")))?;
            serde_json::to_string(&StoredKeypair {
                private: pair.private_key,
                public: pair.public_key,
            })
            .map_err(|e| DbErr::Custom(e.to_string()))
        })
        .await
        .context("could not read or make the forum's federation key pair")?;
        let stored: StoredKeypair =
            serde_json::from_str(&stored).context("the stored federation key pair is not valid")?;
        let public_url = config.server.public_url.origin();
        Ok(Self {
            domain: config.server.public_url.domain(),
            actor: Url::parse(&format!("{public_url}/actor"))?,
            public_key_pem: stored.public,
            private_key_pem: stored.private.into(),
        })
    }

    /// A URL on this forum.
    pub fn url(&self, path: &str) -> Url {
        let mut url = self.actor.clone();
        url.set_path(path);
        url
    }
}

/// What a handler needs to fetch or sign: the crate's request data over our state.
pub type FedData = Data<AppState>;

/// The forum's federation state, shared by handlers and the delivery worker.
pub struct Federation {
    pub identity: Identity,
    /// Signs deliveries with the forum's key.
    pub signer: signing::Signer,
    /// Woken when something may need sending, so the worker need not wait for its tick.
    pub wake: tokio::sync::Notify,
    /// Activities refused, by reason: what an admin sees, never what was in them.
    refused: Mutex<BTreeMap<&'static str, u64>>,
    /// Blocked domains, read on every URL check; reloaded when an admin changes them and
    /// on the worker's tick (another replica may have changed them).
    blocked: RwLock<HashSet<String>>,
    /// How far the outbox sweep has read `story.updated_at` (see `outbox`).
    cursor: Mutex<Option<chrono::DateTime<chrono::Utc>>>,
}

impl std::ops::Deref for Federation {
    type Target = Identity;
    fn deref(&self) -> &Identity {
        &self.identity
    }
}

impl Federation {
    pub async fn load(db: &DatabaseConnection, config: &Config) -> anyhow::Result<Self> {
        let identity = Identity::load(db, config).await?;
        let federation = Self {
            signer: signing::Signer::new(&identity)?,
            identity,
            wake: tokio::sync::Notify::new(),
            refused: Mutex::default(),
            blocked: RwLock::default(),
            cursor: Mutex::default(),
        };
        federation.reload_blocks(db).await?;
        Ok(federation)
    }

    pub async fn reload_blocks(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let domains = fed_block::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|row| row.domain)
            .collect();
        if let Ok(mut blocked) = self.blocked.write() {
            *blocked = domains;
        }
        Ok(())
    }

    pub fn is_blocked(&self, domain: &str) -> bool {
        self.blocked
            .read()
            .map(|blocked| blocked.contains(&domain.to_ascii_lowercase()))
            .unwrap_or(true)
    }

    pub fn cursor(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.cursor.lock().ok().and_then(|c| *c)
    }

    pub fn advance_cursor(&self, to: chrono::DateTime<chrono::Utc>) {
        if let Ok(mut cursor) = self.cursor.lock() {
            *cursor = (*cursor).max(Some(to));
        }
    }

    /// Counts one refused activity.
    pub fn refuse(&self, reason: &'static str) {
        if let Ok(mut refused) = self.refused.lock() {
            *refused.entry(reason).or_default() += 1;
        }
        tracing::info!(reason, "refused an activity");
    }

    pub fn refusals(&self) -> BTreeMap<&'static str, u64> {
        self.refused.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

/// `host[:port]` of a URL, as partners and blocks are keyed.
pub fn domain_of(url: &Url) -> Option<String> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// Refuses URLs on blocked domains, wherever the crate checks one: received activity
/// ids, fetches, and inboxes before a delivery.
#[derive(Clone)]
struct BlockList(Arc<Federation>);

#[async_trait::async_trait]
impl UrlVerifier for BlockList {
    async fn verify(&self, url: &Url) -> Result<(), CrateError> {
        match domain_of(url) {
            Some(domain) if !self.0.is_blocked(&domain) => Ok(()),
            _ => Err(CrateError::UrlVerificationError("the domain is blocked")),
        }
    }
}

/// The crate's configuration over our state. `allow_private_addresses` is the crate's
/// debug mode, which alone lets URLs have ports and reach loopback and private
/// addresses; `allow_http` lets them be plain http. Both are for local testing only.
pub async fn config(state: &AppState) -> anyhow::Result<FederationConfig<AppState>> {
    let settings = &state.config.federation;
    Ok(FederationConfig::builder()
        .domain(state.federation.domain.clone())
        .app_data(state.clone())
        .client(http_client()?.into())
        .debug(settings.allow_private_addresses)
        .allow_http_urls(settings.allow_http)
        .http_fetch_limit(20)
        .url_verifier(Box::new(BlockList(state.federation.clone())))
        .build()
        .await?)
}

/// The client for every request to another forum: no redirects (a fetch must stay on
/// the domain it was checked for), 10-second timeouts.
pub(crate) fn http_client() -> reqwest::Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .connect_timeout(std::time::Duration::from_secs(10))
        .user_agent(concat!("CommonThread/", env!("CARGO_PKG_VERSION")))
        .build()
}
