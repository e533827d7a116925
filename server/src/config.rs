//! Configuration: built-in defaults, then the TOML file (`commonthread.toml` or
//! `--config PATH`), then `CT_*` environment variables on top (`CT_DATABASE_URL` sets
//! `database.url`: the first `_` after the prefix separates section and key).
//!
//! Every value is parsed into a domain type here, at the edge; a wrong value stops
//! start-up with one line that names the setting and where it came from.

use std::{
    fmt,
    net::SocketAddr,
    path::{Path, PathBuf},
};

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::areas::{Areas, GssCode};

/// The file read when `--config` is not given, if it exists.
pub const DEFAULT_CONFIG_FILE: &str = "commonthread.toml";
/// The sections of the file; only `CT_<SECTION>_<KEY>` variables are read.
const SECTIONS: [&str; 7] = [
    "server",
    "database",
    "forum",
    "federation",
    "accounts",
    "limits",
    "stats",
];

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub server: ServerConfig,
    #[serde(default)]
    pub database: DatabaseConfig,
    #[serde(default)]
    pub forum: ForumConfig,
    #[serde(default)]
    pub federation: FederationConfig,
    #[serde(default)]
    pub accounts: AccountsConfig,
    #[serde(default)]
    pub limits: LimitsConfig,
    #[serde(default)]
    pub stats: StatsConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address and port to listen on.
    pub listen: SocketAddr,
    /// The forum's origin as people and other forums reach it; also its ActivityPub domain.
    pub public_url: PublicUrl,
    /// Largest request body accepted, in bytes.
    pub request_body_limit_bytes: usize,
    /// A request that takes longer is answered with 408.
    pub request_timeout_secs: u64,
    /// How long a feed page may be served from memory; 0 turns the cache off.
    pub feed_cache_millis: u64,
    /// A connection that has not sent a whole request head within this many seconds is
    /// closed (a slow client cannot hold a connection open with half-sent headers).
    pub header_read_timeout_secs: u64,
    /// At most this many connections open at once; more are closed as they arrive.
    pub max_connections: usize,
    /// Reverse proxies in front of the forum: only from these is `X-Forwarded-For` read
    /// to tell clients apart for rate limits.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: PublicUrl::parse("http://localhost:8080")
                .unwrap_or_else(|_| unreachable!("the default public URL is valid")),
            request_body_limit_bytes: 1024 * 1024,
            request_timeout_secs: 30,
            feed_cache_millis: 1_000,
            header_read_timeout_secs: 10,
            max_connections: 1_024,
            trusted_proxies: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://path?mode=rwc` or `postgres://…`.
    pub url: DatabaseUrl,
    pub max_connections: u32,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: DatabaseUrl("sqlite://data/commonthread.db?mode=rwc".to_owned()),
            max_connections: 10,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ForumConfig {
    pub name: ForumName,
    pub description: Description,
    /// The forum's local authority; `None` until the admin sets it.
    pub area: Option<GssCode>,
    pub membership: Membership,
    /// Where Quick exit sends people: a neutral page on another site.
    pub quick_exit_url: WebUrl,
    /// Where the source code this forum runs can be had (AGPL-3.0-or-later, section 13).
    pub source_url: WebUrl,
    /// Whether replies wait for a moderator (`pre`) or appear at once and are taken down
    /// when reported (`post`).
    pub reply_moderation: ReplyModeration,
    /// On an empty forum, add sample stories (clearly marked) so that newcomers see a
    /// living forum. For demonstrations; off in production.
    pub sample_stories: bool,
}

/// When a moderator sees a reply: before it appears, or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReplyModeration {
    #[default]
    Pre,
    Post,
}

impl Default for ForumConfig {
    fn default() -> Self {
        let web = |s: &str| {
            WebUrl::parse(s).unwrap_or_else(|_| unreachable!("the default URLs are valid"))
        };
        Self {
            name: BoundedText("Common Thread".to_owned()),
            description: BoundedText(
                "A safe place for parent carers to share what happened, find others who have \
                 lived it too, and have it counted."
                    .to_owned(),
            ),
            area: None,
            membership: Membership::Open,
            quick_exit_url: web("https://www.bbc.co.uk/weather"),
            source_url: web("https://github.com/commonthread/commonthread"),
            reply_moderation: ReplyModeration::Pre,
            sample_stories: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    /// Accept and fetch `http://` actors: only for local testing on 127.0.0.1.
    pub allow_http: bool,
    /// Fetch from private and loopback addresses: only for local testing.
    pub allow_private_addresses: bool,
    /// The first retry of a failed delivery waits this long; each further one twice as long.
    pub retry_base_secs: u64,
    /// The longest wait between two tries of one delivery.
    pub retry_max_secs: u64,
    /// A delivery still failing after this long is given up.
    pub give_up_after_hours: u64,
    /// Deliveries in flight at once, and to one inbox at once.
    pub concurrency: usize,
    pub concurrency_per_inbox: usize,
    /// How long a replica holds a delivery it has taken: if it dies (SIGKILL, a lost
    /// machine), another replica sends the delivery after this long. Keep it well above the
    /// 10-second delivery timeout, or a slow delivery may be taken twice.
    pub delivery_lease_secs: u64,
}

impl Default for FederationConfig {
    fn default() -> Self {
        Self {
            allow_http: false,
            allow_private_addresses: false,
            retry_base_secs: 60,
            retry_max_secs: 24 * 60 * 60,
            give_up_after_hours: 7 * 24,
            concurrency: 128,
            concurrency_per_inbox: 8,
            delivery_lease_secs: 300,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AccountsConfig {
    /// Lifetime of the signed access token in its cookie.
    pub access_token_secs: u64,
    /// Lifetime of a refresh token: how long a browser stays signed in unused.
    pub refresh_token_days: u64,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        Self {
            access_token_secs: 15 * 60,
            refresh_token_days: 30,
        }
    }
}

/// Abuse limits. Their state is kept in memory only, and never keyed by IP address.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Sign-in (and recovery) attempts one handle may have in a burst…
    pub sign_in_attempts_per_handle: u32,
    /// …after which one more is allowed every this many seconds.
    pub sign_in_refill_secs: u64,
    /// Story edits (the composer's saves included) one member may make per minute.
    pub edits_per_minute: u32,
    /// Sign-in (and recovery) attempts one client (one address) may make per minute.
    pub sign_in_attempts_per_client: u32,
    /// Sign-in attempts for the whole forum per minute, whatever the handle: a last resort,
    /// far above normal traffic (a flood from one client meets its own limit first).
    pub sign_in_attempts_per_minute: u32,
    /// New accounts for the whole forum per hour.
    pub registrations_per_hour: u32,
    /// Screening requests (check and redact) for the whole forum per minute.
    pub screenings_per_minute: u32,
    /// Tag suggestion requests for the whole forum per minute.
    pub suggestions_per_minute: u32,
    /// New stories, replies and reports one member may post in an hour.
    pub posts_per_hour: u32,
    /// Evidence exports (CSV and JSON) for the whole forum per minute.
    pub evidence_exports_per_minute: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            sign_in_attempts_per_handle: 10,
            sign_in_refill_secs: 90,
            sign_in_attempts_per_client: 30,
            edits_per_minute: 30,
            sign_in_attempts_per_minute: 3_000,
            registrations_per_hour: 30,
            screenings_per_minute: 600,
            suggestions_per_minute: 600,
            posts_per_hour: 30,
            evidence_exports_per_minute: 60,
        }
    }
}

/// Anonymised statistics: disclosure control and optional noise.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StatsConfig {
    /// Counts below this are suppressed: 10 by default (ONS practice for research
    /// outputs); a forum may lower it, never below 5.
    pub k: u32,
    /// Differential-privacy noise: the epsilon of each figure (smaller is noisier).
    /// No noise when not set.
    pub epsilon: Option<f64>,
    /// How many days after a quarter ends its figures are first published (0 to 90): time
    /// for stories about it to be written and moderated. The quarter to date never is.
    pub publish_after_days: u32,
}

/// The lowest threshold a forum may choose.
pub const MIN_K: u32 = 5;
/// The longest wait after a quarter ends before its figures are published.
pub const MAX_PUBLISH_AFTER_DAYS: u32 = 90;
/// The shortest delivery lease: a test's, well under the 10-second delivery timeout (a
/// forum should keep the default).
pub const MIN_DELIVERY_LEASE_SECS: u64 = 2;

impl Default for StatsConfig {
    fn default() -> Self {
        Self {
            k: 10,
            epsilon: None,
            publish_after_days: 14,
        }
    }
}

/// Who may join the forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Membership {
    #[default]
    Open,
    Invite,
    Closed,
}

/// The forum's public origin: `http(s)://host[:port]`, with no path, query or credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PublicUrl(Url);

impl PublicUrl {
    pub fn parse(value: &str) -> Result<Self, String> {
        let url = parse_web_url(value)?;
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(format!(
                "{value:?} must be an origin only, like https://forum.example.org"
            ));
        }
        Ok(Self(url))
    }

    /// `scheme://host[:port]`, as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    /// `host[:port]`: the forum's ActivityPub domain, as WebFinger's `acct:` names it.
    pub fn domain(&self) -> String {
        match (self.0.host_str(), self.0.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => String::new(),
        }
    }
}

impl TryFrom<String> for PublicUrl {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PublicUrl> for String {
    fn from(url: PublicUrl) -> Self {
        url.origin()
    }
}

/// An absolute `http` or `https` URL, e.g. for links that leave the forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebUrl(Url);

impl WebUrl {
    pub fn parse(value: &str) -> Result<Self, String> {
        parse_web_url(value).map(Self)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl TryFrom<String> for WebUrl {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebUrl> for String {
    fn from(url: WebUrl) -> Self {
        url.0.into()
    }
}

fn parse_web_url(value: &str) -> Result<Url, String> {
    let url = Url::parse(value.trim()).map_err(|e| format!("{value:?} is not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(format!("{value:?} must be an http:// or https:// address"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the address must not contain a user name or password".to_owned());
    }
    Ok(url)
}

/// Which database engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A database URL for one of the engines we support.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn engine(&self) -> Engine {
        if self.0.starts_with("sqlite:") {
            Engine::Sqlite
        } else {
            Engine::Postgres
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For a SQLite URL with a file path, the folder the file goes in.
    pub fn sqlite_parent_dir(&self) -> Option<PathBuf> {
        let rest = self.0.strip_prefix("sqlite:")?;
        let path = rest.trim_start_matches("//");
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() || path == ":memory:" {
            return None;
        }
        Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }
}

/// Never prints credentials that may be inside a PostgreSQL URL.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.engine() {
            Engine::Sqlite => write!(f, "DatabaseUrl({:?})", self.0),
            Engine::Postgres => f.write_str("DatabaseUrl(postgres://[redacted])"),
        }
    }
}

impl TryFrom<String> for DatabaseUrl {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let value = value.trim().to_owned();
        let known = ["sqlite:", "postgres://", "postgresql://"];
        if known.iter().any(|prefix| value.starts_with(prefix)) {
            Ok(Self(value))
        } else {
            Err("must start with sqlite: or postgres:// (the value is not shown: it may hold a password)".to_owned())
        }
    }
}

impl From<DatabaseUrl> for String {
    fn from(url: DatabaseUrl) -> Self {
        url.0
    }
}

/// The forum's name: 1–80 characters, no control characters.
pub type ForumName = BoundedText<1, 80>;
/// The forum's one-paragraph description: up to 500 characters.
pub type Description = BoundedText<0, 500>;

/// Text of `MIN` to `MAX` characters (Unicode scalar values) after trimming, with no
/// control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BoundedText<const MIN: usize, const MAX: usize>(String);

impl<const MIN: usize, const MAX: usize> TryFrom<String> for BoundedText<MIN, MAX> {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        let trimmed = value.trim();
        let chars = trimmed.chars().count();
        if !(MIN..=MAX).contains(&chars) {
            return Err(format!("must be {MIN} to {MAX} characters (it is {chars})"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err("must not contain control characters".to_owned());
        }
        Ok(Self(trimmed.to_owned()))
    }
}

impl<const MIN: usize, const MAX: usize> From<BoundedText<MIN, MAX>> for String {
    fn from(text: BoundedText<MIN, MAX>) -> Self {
        text.0
    }
}

impl<const MIN: usize, const MAX: usize> BoundedText<MIN, MAX> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A configuration that cannot be used, in one line naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("configuration error: {0}")]
pub struct ConfigError(String);

impl Config {
    /// Reads defaults, then the file, then the environment, and checks the result.
    /// `path` is the `--config` argument; without it, `commonthread.toml` is read if present.
    pub fn load(path: Option<&Path>, areas: &Areas) -> Result<Self, ConfigError> {
        let file = match path {
            Some(path) if !path.is_file() => {
                return Err(ConfigError(format!(
                    "--config: the file {} does not exist",
                    path.display()
                )));
            }
            Some(path) => Some(path.to_path_buf()),
            None => Some(PathBuf::from(DEFAULT_CONFIG_FILE)).filter(|p| p.is_file()),
        };
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            figment = figment.merge(Toml::file_exact(file));
        }
        figment = figment.merge(Env::prefixed("CT_").filter_map(|key| {
            let key = key.as_str().to_ascii_lowercase();
            SECTIONS.iter().find_map(|section| {
                key.strip_prefix(section)
                    .and_then(|rest| rest.strip_prefix('_'))
                    .map(|rest| format!("{section}.{rest}").into())
            })
        }));
        let config: Config = figment.extract().map_err(|e| describe(&figment, e))?;
        config.check(areas).map_err(|(key, why)| {
            let source = figment
                .find_metadata(key)
                .map(|m| origin_of(m, key))
                .unwrap_or_default();
            ConfigError(format!("{key}: {why}{source}"))
        })?;
        Ok(config)
    }

    /// Checks that need more than one value's own shape.
    fn check(&self, areas: &Areas) -> Result<(), (&'static str, String)> {
        if let Some(area) = &self.forum.area
            && areas.get(area).is_none()
        {
            return Err((
                "forum.area",
                format!("{area} is not the GSS code of an English local authority"),
            ));
        }
        if self.server.request_body_limit_bytes < 1024 {
            return Err((
                "server.request_body_limit_bytes",
                "must be at least 1024".to_owned(),
            ));
        }
        if !(1..=120).contains(&self.server.header_read_timeout_secs) {
            return Err((
                "server.header_read_timeout_secs",
                "must be between 1 and 120".to_owned(),
            ));
        }
        if !(1..=100_000).contains(&self.server.max_connections) {
            return Err((
                "server.max_connections",
                "must be between 1 and 100000".to_owned(),
            ));
        }
        if !(1..=600).contains(&self.server.request_timeout_secs) {
            return Err((
                "server.request_timeout_secs",
                "must be between 1 and 600".to_owned(),
            ));
        }
        let federation = &self.federation;
        if !(1..=86_400).contains(&federation.retry_base_secs)
            || federation.retry_max_secs < federation.retry_base_secs
        {
            return Err((
                "federation.retry_base_secs",
                "must be between 1 and 86400, and no more than federation.retry_max_secs"
                    .to_owned(),
            ));
        }
        if !(1..=24 * 365).contains(&federation.give_up_after_hours) {
            return Err((
                "federation.give_up_after_hours",
                "must be between 1 and 8760".to_owned(),
            ));
        }
        if !(1..=1024).contains(&federation.concurrency)
            || !(1..=federation.concurrency).contains(&federation.concurrency_per_inbox)
        {
            return Err((
                "federation.concurrency",
                "must be between 1 and 1024, with concurrency_per_inbox between 1 and it"
                    .to_owned(),
            ));
        }
        if self.database.max_connections == 0 {
            return Err(("database.max_connections", "must be at least 1".to_owned()));
        }
        if !(1..=86_400).contains(&self.accounts.access_token_secs) {
            return Err((
                "accounts.access_token_secs",
                "must be between 1 and 86400".to_owned(),
            ));
        }
        if !(1..=365).contains(&self.accounts.refresh_token_days) {
            return Err((
                "accounts.refresh_token_days",
                "must be between 1 and 365".to_owned(),
            ));
        }
        let limits = &self.limits;
        for (key, value) in [
            (
                "limits.sign_in_attempts_per_handle",
                limits.sign_in_attempts_per_handle,
            ),
            (
                "limits.sign_in_attempts_per_minute",
                limits.sign_in_attempts_per_minute,
            ),
            (
                "limits.sign_in_attempts_per_client",
                limits.sign_in_attempts_per_client,
            ),
            ("limits.edits_per_minute", limits.edits_per_minute),
            (
                "limits.registrations_per_hour",
                limits.registrations_per_hour,
            ),
            ("limits.screenings_per_minute", limits.screenings_per_minute),
            (
                "limits.suggestions_per_minute",
                limits.suggestions_per_minute,
            ),
            (
                "limits.evidence_exports_per_minute",
                limits.evidence_exports_per_minute,
            ),
        ] {
            if value == 0 {
                return Err((key, "must be at least 1".to_owned()));
            }
        }
        if !(MIN_K..=1000).contains(&self.stats.k) {
            return Err(("stats.k", format!("must be between {MIN_K} and 1000")));
        }
        if self.stats.publish_after_days > MAX_PUBLISH_AFTER_DAYS {
            return Err((
                "stats.publish_after_days",
                format!("must be between 0 and {MAX_PUBLISH_AFTER_DAYS}"),
            ));
        }
        if let Some(epsilon) = self.stats.epsilon
            && !(epsilon > 0.0 && epsilon <= 10.0)
        {
            return Err((
                "stats.epsilon",
                "must be above 0 and at most 10 (or not set, for no noise)".to_owned(),
            ));
        }
        if !(MIN_DELIVERY_LEASE_SECS..=86_400).contains(&self.federation.delivery_lease_secs) {
            return Err((
                "federation.delivery_lease_secs",
                format!("must be between {MIN_DELIVERY_LEASE_SECS} and 86400"),
            ));
        }
        if limits.sign_in_refill_secs == 0 {
            return Err((
                "limits.sign_in_refill_secs",
                "must be at least 1".to_owned(),
            ));
        }
        Ok(())
    }
}

/// Turns figment's error into one line: `key: what is wrong (from where)`.
fn describe(figment: &Figment, error: figment::Error) -> ConfigError {
    let key = error.path.join(".");
    let metadata = error
        .metadata
        .as_ref()
        .or_else(|| figment.find_metadata(&key));
    let source = metadata.map(|m| origin_of(m, &key)).unwrap_or_default();
    let what = error.kind.to_string().replace('\n', " ");
    if key.is_empty() {
        ConfigError(format!("{what}{source}"))
    } else {
        ConfigError(format!("{key}: {what}{source}"))
    }
}

/// Where a value came from, in the words someone would search their set-up for.
fn origin_of(metadata: &figment::Metadata, key: &str) -> String {
    match &metadata.source {
        Some(figment::Source::File(path)) => format!(" (in {})", path.display()),
        _ if metadata.name.contains("environment") => {
            format!(
                " (from CT_{})",
                key.replacen('.', "_", 1).to_ascii_uppercase()
            )
        }
        _ => String::new(),
    }
}
