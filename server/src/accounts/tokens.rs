//! Session tokens. A short-lived access token (a JWT: HS256 pinned, issuer, audience and
//! expiry checked) and an opaque refresh token, each in an `HttpOnly`, `SameSite=Strict`
//! cookie. Access tokens carry the account's token version, so bumping it revokes them all.

use axum_extra::extract::cookie::{Cookie, SameSite};
use base64::Engine as _;
use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Config;

pub const ACCESS_COOKIE: &str = "ct_access";
pub const REFRESH_COOKIE: &str = "ct_refresh";
/// The access token goes only to the API; the refresh token only to the session routes.
const ACCESS_PATH: &str = "/api";
const REFRESH_PATH: &str = "/api/v1/session";
const AUDIENCE: &str = "commonthread";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The account id.
    pub sub: String,
    /// The account's token version when this was issued.
    pub ver: i32,
    /// The session (refresh-token family) it belongs to: signing out ends it.
    pub sid: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
}

/// Signs and checks access tokens, and writes the cookies.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    access_secs: i64,
    refresh_secs: i64,
    secure: bool,
}

impl TokenKeys {
    /// `key` is the base64 secret from the instance settings.
    pub fn new(key: &str, config: &Config) -> anyhow::Result<Self> {
        let secret = base64::engine::general_purpose::STANDARD.decode(key)?;
        anyhow::ensure!(secret.len() >= 32, "the access token key is too short");
        let issuer = config.server.public_url.origin();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&issuer]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 0;
        Ok(Self {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            validation,
            issuer,
            access_secs: i64::try_from(config.accounts.access_token_secs).unwrap_or(900),
            refresh_secs: i64::try_from(config.accounts.refresh_token_days * 86_400)
                .unwrap_or(30 * 86_400),
            secure: config.server.public_url.is_https(),
        })
    }

    /// A fresh random key, base64, for the first start.
    pub fn generate_key() -> anyhow::Result<String> {
        let bytes = super::secrets::random_bytes::<32>()?;
        Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn refresh_lifetime(&self) -> chrono::Duration {
        chrono::Duration::seconds(self.refresh_secs)
    }

    pub fn issue_access(
        &self,
        account_id: i64,
        token_version: i32,
        session: &str,
    ) -> anyhow::Result<String> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: account_id.to_string(),
            ver: token_version,
            sid: session.to_owned(),
            iss: self.issuer.clone(),
            aud: AUDIENCE.to_owned(),
            iat: now,
            exp: now + self.access_secs,
        };
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// The claims of a valid, unexpired token of ours; `None` for anything else.
    pub fn verify_access(&self, token: &str) -> Option<Claims> {
        jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|data| data.claims)
    }

    pub fn access_cookie(&self, token: String) -> Cookie<'static> {
        self.cookie(ACCESS_COOKIE, token, ACCESS_PATH, self.access_secs)
    }

    pub fn refresh_cookie(&self, token: String) -> Cookie<'static> {
        self.cookie(REFRESH_COOKIE, token, REFRESH_PATH, self.refresh_secs)
    }

    /// Cookies that make the browser forget both tokens.
    pub fn cleared_cookies(&self) -> [Cookie<'static>; 2] {
        [
            self.cookie(ACCESS_COOKIE, String::new(), ACCESS_PATH, 0),
            self.cookie(REFRESH_COOKIE, String::new(), REFRESH_PATH, 0),
        ]
    }

    fn cookie(
        &self,
        name: &'static str,
        value: String,
        path: &'static str,
        max_age_secs: i64,
    ) -> Cookie<'static> {
        Cookie::build((name, value))
            .path(path)
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.secure)
            .max_age(cookie::time::Duration::seconds(max_age_secs))
            .build()
    }
}
