//! Signing and posting deliveries: HTTP signatures exactly as `activitypub_federation`
//! makes them (its signature library, `http-signature-normalization-reqwest`, with the
//! crate's configuration and headers), with the RSA arithmetic done by `ring`.
//!
//! Why not the crate's `sign_and_send`, which hands each signature to the `rsa` crate:
//! - Speed: RSA PKCS#1 v1.5 signatures are deterministic, so both give the same bytes (a
//!   test below checks it), but `rsa` takes about 3 ms a signature on this project's
//!   2-core machines and `ring` about 1 ms. Signing is nearly all of a delivery's cost,
//!   so it decides whether 50 partners get 1,000 stories within a minute.
//! - Safety: `rsa` has an open advisory for a timing side channel (RUSTSEC-2023-0071,
//!   "Marvin"), and the crate signs with it unblinded; `ring` blinds and is constant-time.
//!   The forum's key is the one thing a partner trusts.
//! - Memory: the crate's signer puts every signature and digest on Tokio's blocking
//!   pool, which at 128 deliveries in flight grows to hundreds of threads. Here at most
//!   one signature per core runs at a time.
//!
//! Checking an inbox before posting (scheme, port, private addresses, blocked domains)
//! stays the crate's (`SendActivityTask::prepare`, in `queue`); verifying what partners
//! send stays the crate's too.

use std::{
    fmt::Display,
    future::Future,
    pin::Pin,
    sync::{Arc, LazyLock},
    time::Duration,
};

use activitypub_federation::FEDERATION_CONTENT_TYPE;
use anyhow::Context as _;
use base64::Engine as _;
use http_signature_normalization_reqwest::{
    Canceled, Config, Spawn, digest::ring::Sha256, prelude::SignExt as _,
};
use ring::{
    rand::SystemRandom,
    signature::{RSA_PKCS1_SHA256, RsaKeyPair},
};
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};
use tokio::sync::Semaphore;
use url::Url;

use super::Identity;

/// How long a signature is valid: the crate's choice (an hour, for slow queues and
/// skewed clocks).
const EXPIRES_AFTER: Duration = Duration::from_secs(60 * 60);

/// Runs signing and digests on the blocking pool, one per core at a time.
#[derive(Clone)]
pub struct SigningPool(Arc<Semaphore>);

/// What signing, or the request it signs, can fail with.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("signing: {0}")]
    Signature(#[from] http_signature_normalization_reqwest::SignError),
    #[error("request: {0}")]
    Request(#[from] reqwest::Error),
    #[error("the RSA signature could not be made")]
    Rsa,
    #[error("the inbox has no host")]
    NoHost,
    #[error("the inbox answered {0}")]
    Status(reqwest::StatusCode),
}

static POOL: LazyLock<SigningPool> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    SigningPool(Arc::new(Semaphore::new(cores)))
});

/// Runs `work` on the blocking pool, at most one such piece per core at a time: for RSA
/// work other than signing (making an author's key pair).
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Canceled> {
    POOL.spawn_blocking(work).await
}

impl Spawn for SigningPool {
    type Future<T>
        = Pin<Box<dyn Future<Output = Result<T, Canceled>> + Send>>
    where
        T: Send;

    fn spawn_blocking<Func, Out>(&self, func: Func) -> Self::Future<Out>
    where
        Func: FnOnce() -> Out + Send + 'static,
        Out: Send + 'static,
    {
        let permits = self.0.clone();
        Box::pin(async move {
            let _permit = permits.acquire_owned().await.map_err(|_| Canceled)?;
            tokio::task::spawn_blocking(func)
                .await
                .map_err(|_| Canceled)
        })
    }
}

/// The forum's key, ready to sign deliveries.
#[derive(Clone)]
pub struct Signer {
    client: reqwest::Client,
    key_id: Arc<str>,
    key: Arc<RsaKeyPair>,
    rng: SystemRandom,
    config: Config<SigningPool>,
}

/// What became of a posted delivery that reached the inbox's server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// 2xx: taken.
    Taken,
    /// 4xx other than 408 and 429: refused for good; retrying would not help (as the
    /// crate and Mastodon decide).
    Refused(reqwest::StatusCode),
}

impl Signer {
    /// The forum's signer: its key (PKCS#8 PEM, as the crate makes it) and key id, and
    /// the client it posts with.
    pub fn new(identity: &Identity) -> anyhow::Result<Self> {
        Self::from_pem(
            &format!("{}#main-key", identity.actor),
            &identity.private_key_pem,
        )
    }

    fn from_pem(key_id: &str, private_key_pem: &str) -> anyhow::Result<Self> {
        // The PEM is read by the crate that wrote it; ring takes its DER.
        let der = rsa::RsaPrivateKey::from_pkcs8_pem(private_key_pem)
            .context("the forum's private key is not PKCS#8 PEM")?
            .to_pkcs8_der()
            .context("the forum's private key could not be encoded")?;
        let key = RsaKeyPair::from_pkcs8(der.as_bytes())
            .map_err(|e| anyhow::anyhow!("the forum's private key: {e}"))?;
        Ok(Self {
            client: super::http_client().context("the delivery client")?,
            key_id: key_id.into(),
            key: Arc::new(key),
            rng: SystemRandom::new(),
            config: Config::new_with_spawner(POOL.clone()).set_expiration(EXPIRES_AFTER),
        })
    }

    /// The base64 RSA-SHA256 signature of `signing_string`.
    fn sign(&self, signing_string: &str) -> Result<String, SignError> {
        let mut signature = vec![0; self.key.public().modulus_len()];
        self.key
            .sign(
                &RSA_PKCS1_SHA256,
                &self.rng,
                signing_string.as_bytes(),
                &mut signature,
            )
            .map_err(|_| SignError::Rsa)?;
        Ok(base64::engine::general_purpose::STANDARD.encode(signature))
    }

    /// Posts `body` to `inbox` with the crate's headers (content type, host, date), a
    /// `Digest` of the body and a `Signature` over all of them and the request line, with
    /// `(created)` and `(expires)`, as the crate signs.
    pub async fn post(&self, inbox: &Url, body: String) -> Result<Posted, SignError> {
        let host = match (inbox.host_str(), inbox.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => return Err(SignError::NoHost),
        };
        let signer = self.clone();
        let request = self
            .client
            .post(inbox.as_str())
            .header("Content-Type", FEDERATION_CONTENT_TYPE)
            .header("Host", host)
            .header(
                "Date",
                httpdate::fmt_http_date(std::time::SystemTime::now()),
            )
            .signature_with_digest(
                self.config.clone(),
                KeyId(self.key_id.clone()),
                Sha256::new(),
                body,
                move |signing_string| signer.sign(signing_string),
            )
            .await?;
        let response = self.client.execute(request).await?;
        let status = response.status();
        if status.is_success() {
            Ok(Posted::Taken)
        } else if status.is_client_error()
            && status != reqwest::StatusCode::REQUEST_TIMEOUT
            && status != reqwest::StatusCode::TOO_MANY_REQUESTS
        {
            Ok(Posted::Refused(status))
        } else {
            Err(SignError::Status(status))
        }
    }
}

/// The key id as the signature library wants it (`Display + 'static`).
struct KeyId(Arc<str>);

impl Display for KeyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use rsa::{Pkcs1v15Sign, RsaPrivateKey};

    use super::*;

    /// `ring` gives the very bytes the crate's `rsa` signing gives (PKCS#1 v1.5 is
    /// deterministic), so partners see no difference.
    /// What `App::build` does first: the TLS provider the signer's client needs.
    fn tls() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }

    #[test]
    fn ring_signs_exactly_as_the_crate_does() {
        tls();
        let pair = activitypub_federation::http_signatures::generate_actor_keypair().unwrap();
        let signer =
            Signer::from_pem("https://forum.example/actor#main-key", &pair.private_key).unwrap();
        let crate_key = RsaPrivateKey::from_pkcs8_pem(&pair.private_key).unwrap();
        for signing_string in [
            "(request-target): post /inbox\nhost: forum.example\ndate: Sun, 06 Dec 2026 21:00:00 GMT\ndigest: SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "",
            "ünïcödé",
        ] {
            use sha2_010::Digest as _;
            let theirs = crate_key
                .sign(
                    Pkcs1v15Sign::new::<sha2_010::Sha256>(),
                    &sha2_010::Sha256::digest(signing_string.as_bytes()),
                )
                .unwrap();
            let ours = signer.sign(signing_string).unwrap();
            assert_eq!(
                ours,
                base64::engine::general_purpose::STANDARD.encode(theirs)
            );
        }
    }

    #[test]
    fn a_key_that_is_not_pkcs8_is_refused_at_start() {
        tls();
        assert!(
            Signer::from_pem(
                "x",
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
            )
            .is_err()
        );
    }
}
