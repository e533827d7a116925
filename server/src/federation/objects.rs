//! What crosses between forums, as JSON: built from our rows for sending and serving,
//! and read from partners' JSON leniently (unknown fields ignored, required ones checked).
//!
//! Shapes follow what Mastodon and Lemmy accept: `@context` first, absolute `id`s,
//! `to`/`cc` with the Public collection for public items, `attributedTo`, and
//! `published`/`updated` as RFC 3339 dates. A story is an `Article` by a pseudonymous
//! `Person` who exists for that story alone, with `audience` the forum's `Group`
//! (FEP-1b12); a reply is a `Note` by the forum's `Group` (no member's name crosses).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Value, json};
use url::Url;

use super::{Identity, actor::context};
use crate::{
    AppState,
    entities::{reply, story},
    patterns::{local::local_uri, vocabulary::NAMESPACE},
    stories::{ContentWarning, split, split_tags},
};

pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// The longest HTML accepted in a partner's story or reply.
pub const MAX_HTML_CHARS: usize = 100_000;

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// When a person wrote or changed something, as a partner may see it: the day only
/// (midnight UTC), since public timestamps are dates, not times. An exact time could be
/// set beside a diary of who was where.
pub fn public_date(at: DateTime<Utc>) -> String {
    format!("{}T00:00:00Z", at.date_naive())
}

/// A fresh id for an activity: 128 random bits.
pub fn activity_id(identity: &Identity) -> Url {
    let mut bytes = [0u8; 16];
    // getrandom fails only on a broken system; a time-based id is then still unique here.
    if getrandom::fill(&mut bytes).is_err() {
        bytes = Utc::now()
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .to_le_bytes()
            .repeat(2)
            .try_into()
            .unwrap_or_default();
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    identity.url(&format!("/ap/activities/{hex}"))
}

pub fn story_id(identity: &Identity, public_id: &str) -> Url {
    identity.url(&format!("/ap/stories/{public_id}"))
}

pub fn person_id(identity: &Identity, token: &str) -> Url {
    identity.url(&format!("/ap/people/{token}"))
}

pub fn reply_id(identity: &Identity, id: i64) -> Url {
    identity.url(&format!("/ap/replies/{id}"))
}

pub fn report_id(identity: &Identity, area: &str, quarter: &str) -> Url {
    identity.url(&format!("/ap/reports/{area}/{quarter}"))
}

/// The URI of a tag: the shared vocabulary's, or this forum's own.
fn tag_uri(state: &AppState, tag: &str) -> String {
    match state.patterns.vocabulary.tag(tag) {
        Some(shared) => shared.uri(),
        None => local_uri(&state.config.server.public_url.origin(), tag),
    }
}

fn hashtag_name(tag: &str) -> String {
    let mut name = String::from("#");
    for word in tag.split('-') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.extend(first.to_uppercase());
            name.push_str(chars.as_str());
        }
    }
    name
}

fn warning_text(warnings: &[ContentWarning]) -> Option<String> {
    (!warnings.is_empty()).then(|| {
        let names: Vec<_> = warnings
            .iter()
            .map(|w| w.as_str().replace('-', " "))
            .collect();
        format!("Content warning: {}", names.join(", "))
    })
}

/// A published story as an `Article`.
pub fn article(
    state: &AppState,
    row: &story::Model,
    person: &Url,
    published: DateTime<Utc>,
) -> Value {
    let identity = &state.federation.identity;
    let public_url = state.config.server.public_url.origin();
    let tags = split_tags(&row.tags);
    let warnings = split(&row.content_warnings, ContentWarning::parse);
    let mut tag_objects: Vec<Value> = tags
        .iter()
        .map(|tag| {
            json!({
                "type": "Hashtag",
                "href": format!("{public_url}/stories?tag={tag}"),
                "name": hashtag_name(tag),
            })
        })
        .collect();
    tag_objects.extend(
        tags.iter()
            .map(|tag| json!({"type": "PatternTag", "id": tag_uri(state, tag), "name": tag})),
    );
    let mut article = json!({
        "@context": context(&public_url),
        "type": "Article",
        "id": story_id(identity, &row.public_id),
        "attributedTo": person,
        "audience": identity.actor,
        "to": [PUBLIC],
        "cc": [identity.url("/followers")],
        "name": row.title,
        "content": row.html,
        "mediaType": "text/html",
        "sensitive": !warnings.is_empty(),
        "tag": tag_objects,
        "pattern": tags.iter().map(|tag| tag_uri(state, tag)).collect::<Vec<_>>(),
        "contentWarnings": warnings.iter().map(|w| w.as_str()).collect::<Vec<_>>(),
        "area": row.area,
        "period": row.period,
        "vocabularyVersion": state.patterns.vocabulary.version,
        "url": identity.url(&format!("/stories/{}", row.public_id)),
        "published": public_date(published),
        "updated": public_date(row.updated_at),
    });
    if let Some(summary) = warning_text(&warnings) {
        article["summary"] = json!(summary);
    }
    article
}

/// A story's pseudonymous author: named by the story's pseudonym, for this story alone.
pub fn person(state: &AppState, token: &str, name: &str, public_key_pem: &str) -> Value {
    let identity = &state.federation.identity;
    let id = person_id(identity, token);
    json!({
        "@context": context(&state.config.server.public_url.origin()),
        "type": "Person",
        "id": id,
        "preferredUsername": token,
        "name": name,
        "inbox": identity.url("/inbox"),
        "endpoints": {"sharedInbox": identity.url("/inbox")},
        "publicKey": {
            "id": format!("{id}#main-key"),
            "owner": id,
            "publicKeyPem": public_key_pem,
        },
        "manuallyApprovesFollowers": true,
        "discoverable": false,
        "indexable": false,
    })
}

/// A reply by a member of this forum, as a `Note` by the forum.
pub fn note(state: &AppState, row: &reply::Model, in_reply_to: &str, origin_actor: &str) -> Value {
    let identity = &state.federation.identity;
    json!({
        "@context": context(&state.config.server.public_url.origin()),
        "type": "Note",
        "id": reply_id(identity, row.id),
        "attributedTo": identity.actor,
        "inReplyTo": in_reply_to,
        "audience": origin_actor,
        "to": [PUBLIC],
        "cc": [origin_actor],
        "content": row.html,
        "mediaType": "text/html",
        "published": public_date(row.created_at),
    })
}

pub fn tombstone(id: &Url, former_type: &str) -> Value {
    json!({"type": "Tombstone", "id": id, "formerType": former_type})
}

/// An activity by `actor` with `object`, addressed to the public and the followers.
pub fn activity(state: &AppState, kind: &str, actor: &Url, object: Value) -> Value {
    let identity = &state.federation.identity;
    json!({
        "@context": context(&state.config.server.public_url.origin()),
        "type": kind,
        "id": activity_id(identity),
        "actor": actor,
        "to": [PUBLIC],
        "cc": [identity.url("/followers")],
        "object": object,
    })
}

/// `object` (an activity) announced by the forum to its followers (FEP-1b12).
pub fn announce(state: &AppState, mut inner: Value) -> Value {
    if let Some(map) = inner.as_object_mut() {
        map.remove("@context");
    }
    let actor = state.federation.identity.actor.clone();
    activity(state, "Announce", &actor, inner)
}

// ---- Reading partners' JSON ----

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleIn {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub attributed_to: Url,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub pattern: Vec<String>,
    #[serde(default)]
    pub content_warnings: Vec<String>,
    pub area: Option<String>,
    #[serde(default)]
    pub period: String,
    pub url: Option<Url>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteIn {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub attributed_to: Url,
    pub in_reply_to: Url,
    #[serde(default)]
    pub content: String,
    pub published: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonIn {
    pub id: Url,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportIn {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Url,
    pub attributed_to: Url,
    pub area: String,
    pub period: String,
    pub k: i32,
    pub vocabulary_version: i32,
    pub total: Option<i32>,
    #[serde(default)]
    pub figures: Vec<FigureIn>,
    pub updated: DateTime<Utc>,
    /// Whether the quarter was over when reported.
    #[serde(default)]
    pub complete: Option<bool>,
    /// What the figures count: `family`; a forum from before families says nothing, and
    /// counted stories.
    #[serde(default)]
    pub unit: Option<String>,
    /// The epsilon of any noise added to the counts.
    #[serde(default)]
    pub epsilon: Option<f64>,
}

#[derive(Debug, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct FigureIn {
    pub kind: String,
    pub key: String,
    /// `null` when the sender hid it.
    pub count: Option<i32>,
}

/// A tag id from a vocabulary URI, when it is one of the shared vocabulary's.
pub fn shared_tag(state: &AppState, uri: &str) -> Option<String> {
    let id = uri.strip_prefix(NAMESPACE)?;
    state.patterns.vocabulary.tag(id).map(|tag| tag.id.clone())
}

/// The id part of a URL: an object's id as given, without a fragment.
pub fn id_of(value: &Value) -> Option<Url> {
    match value {
        Value::String(text) => Url::parse(text).ok(),
        Value::Object(map) => map
            .get("id")
            .and_then(Value::as_str)
            .and_then(|t| Url::parse(t).ok()),
        _ => None,
    }
}
