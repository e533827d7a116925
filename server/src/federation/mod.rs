//! Federation over ActivityPub (issue 9), built on the `activitypub_federation` crate
//! (pinned: `=0.7.0-beta.14`). So far: the forum's one actor, a `Group` named `forum`, with
//! its key pair made at first start (`actor`); WebFinger and NodeInfo 2.1 (`discovery`).

pub mod actor;
pub mod discovery;

use std::sync::Arc;

use activitypub_federation::http_signatures::generate_actor_keypair;
use anyhow::Context as _;
use sea_orm::{DatabaseConnection, DbErr};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::{config::Config, instance::store};

/// Who this forum is on the fediverse: its domain, its actor's id and its key pair.
#[derive(Clone)]
pub struct Identity {
    /// `host[:port]`.
    pub domain: String,
    /// `{public_url}/actor`.
    pub actor: Url,
    pub public_key_pem: String,
    /// Signs outgoing requests (used once deliveries are built).
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
