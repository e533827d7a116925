//! `POST /inbox`: the forum's inbox and shared inbox.
//!
//! Checks, in order, before anything changes: the body is at most 256 KiB; it claims an
//! HTTP signature (else 401 before anything is fetched); it is an
//! activity with an id and an actor; the actor's domain is not blocked; unless it is
//! about following, the actor is a partner; the crate then checks that the activity id
//! and the actor share a domain, the digest and the HTTP signature (fetching the actor
//! only if it is new). An activity already seen is then ignored by id; one whose
//! handling fails is forgotten again, so a retry is handled. Every object must
//! come from the sender's own domain, and all HTML is cleaned again. A refusal answers
//! 4xx with a problem and counts its reason; nothing here answers 500 but the database.

use activitypub_federation::{
    axum::inbox::{ActivityData, receive_activity},
    config::FederationConfig,
    fetch::fetch_object_http,
    traits::{Activity, Object},
};
use axum::{
    Extension,
    body::{Body, to_bytes},
    extract::{FromRequest, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    sea_query::OnConflict,
};
use serde::Deserialize;
use serde_json::Value;
use url::Url;

use super::{
    FedData, domain_of,
    error::FedError,
    objects::{self, ArticleIn, NoteIn, PersonIn, ReportIn},
    partners::{self, Partner},
};
use crate::{
    AppState,
    areas::GssCode,
    config::ReplyModeration,
    entities::{
        fed_like,
        fed_partner::{FollowedBy, Following},
        fed_report, fed_seen, reply,
        reply::ReplyState,
        story,
    },
    problem::{Problem, ProblemCode},
    stats::{quarter::Quarter, routes::Unit},
    stories::{ContentWarning, State as StoryState, Visibility, input, render, store},
};

/// The largest activity taken.
pub const MAX_ACTIVITY_BYTES: usize = 256 * 1024;

/// What every activity has; the rest is read by type.
#[derive(Debug, Deserialize)]
pub struct Incoming {
    id: Url,
    actor: Url,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    object: Value,
}

/// The forum's inbox.
#[utoipa::path(post, path = "/inbox", tag = "federation",
    responses(
        (status = 202, description = "Accepted"),
        (status = 400, description = "`activity_invalid`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`signature_invalid`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`federation_refused`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 413, description = "`payload_too_large`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn inbox(
    State(state): State<AppState>,
    Extension(config): Extension<FederationConfig<AppState>>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ACTIVITY_BYTES).await else {
        state.federation.refuse("oversize");
        return Problem::new(ProblemCode::PayloadTooLarge)
            .detail("An activity may be at most 256 KiB.")
            .into_response();
    };
    // Nothing is fetched for an activity that does not even claim a signature.
    if !claims_a_signature(&parts.headers) {
        state.federation.refuse("signature");
        return Problem::new(ProblemCode::SignatureInvalid)
            .detail("An activity must carry an HTTP signature (a Signature header with keyId and signature).")
            .into_response();
    }
    match gate(&state, &bytes).await {
        Ok(()) => {}
        Err(error) => {
            state.federation.refuse(error.reason());
            return error.into_response();
        }
    }
    let request = Request::from_parts(parts, Body::from(bytes));
    let data = config.to_request_data();
    let received = match ActivityData::from_request(request, &()).await {
        // On a task of its own: a sender that gives up waiting (its timeout, say, while we
        // fetch a story's author) must not stop the handling half-way, with the activity
        // marked seen and its retry ignored.
        Ok(activity) => tokio::spawn(async move {
            receive_activity::<Incoming, Partner, AppState>(activity, &data).await
        })
        .await
        .unwrap_or_else(|error| {
            Err(FedError::Db(sea_orm::DbErr::Custom(format!(
                "the handling of an activity stopped: {error}"
            ))))
        }),
        Err(_) => Err(FedError::invalid("the activity could not be read")),
    };
    match received {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(error) => {
            state.federation.refuse(error.reason());
            error.into_response()
        }
    }
}

/// Whether the request carries a `Signature` header with a key id and a signature: the
/// least an activity must have before we fetch its actor's key to check it.
fn claims_a_signature(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get("signature")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("keyId=") && v.contains("signature="))
}

/// The checks that need no signature: parsable, not blocked, a partner's (or a follow).
async fn gate(state: &AppState, body: &[u8]) -> Result<(), FedError> {
    let value: serde_json::Value = serde_json::from_slice(body)?;
    if crate::input::control_character_in(&value).is_some() {
        return Err(FedError::invalid("text may not hold control characters"));
    }
    let activity: Incoming = serde_json::from_value(value)?;
    let domain =
        domain_of(&activity.actor).ok_or_else(|| FedError::invalid("the actor has no host"))?;
    if state.federation.is_blocked(&domain) {
        return Err(FedError::Refused("blocked"));
    }
    if domain_of(&activity.id).as_deref() != Some(domain.as_str()) {
        return Err(FedError::Refused("domain_mismatch"));
    }
    if matches!(
        activity.kind.as_str(),
        "Follow" | "Accept" | "Reject" | "Undo"
    ) {
        return Ok(());
    }
    let partner = crate::entities::fed_partner::Entity::find()
        .filter(crate::entities::fed_partner::Column::Domain.eq(domain.as_str()))
        .one(&state.db)
        .await?;
    match partner {
        Some(row)
            if row.following == Following::Accepted || row.followed_by == FollowedBy::Accepted =>
        {
            Ok(())
        }
        _ => Err(FedError::Refused("not_partner")),
    }
}

#[async_trait::async_trait]
impl Activity for Incoming {
    type DataType = AppState;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn actor(&self) -> &Url {
        &self.actor
    }

    async fn verify(&self, _: &FedData) -> Result<(), FedError> {
        Ok(())
    }

    async fn receive(self, data: &FedData) -> Result<(), FedError> {
        let state = data.app_data();
        let seen = fed_seen::Entity::insert(fed_seen::ActiveModel {
            activity_id: Set(self.id.to_string()),
            received_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(fed_seen::Column::ActivityId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
        if seen == 0 {
            return Ok(());
        }
        let id = self.id.to_string();
        let handled = self.handle(data).await;
        if handled.is_err() {
            // Not taken, so not seen: the sender's retry is handled afresh.
            let forgotten = fed_seen::Entity::delete_many()
                .filter(fed_seen::Column::ActivityId.eq(id))
                .exec(&state.db)
                .await;
            if let Err(error) = forgotten {
                tracing::error!(%error, "could not forget an activity that was not taken");
            }
        }
        handled
    }
}

impl Incoming {
    /// What a new activity does, once it is known to be new.
    async fn handle(self, data: &FedData) -> Result<(), FedError> {
        let state = data.app_data();
        let partner = Partner::read_from_id(self.actor.clone(), data)
            .await?
            .ok_or(FedError::Refused("unknown_actor"))?;
        let me = &state.federation.identity.actor;
        match self.kind.as_str() {
            "Follow" => {
                if objects::id_of(&self.object).as_ref() != Some(me) {
                    return Err(FedError::invalid("a Follow must name this forum's actor"));
                }
                partners::followed(state, partner, &self.id).await
            }
            "Accept" => {
                if partner.row.following == Following::Pending {
                    partners::set_following(&state.db, &partner, Following::Accepted).await?;
                    state.feed_cache.invalidate();
                }
                Ok(())
            }
            "Reject" => Ok(partners::set_following(&state.db, &partner, Following::None).await?),
            "Undo" if self.object["type"] == "Follow" => {
                partners::set_followed_by(&state.db, &partner, FollowedBy::None).await?;
                Ok(())
            }
            _ if !partner.is_partner() => Err(FedError::Refused("not_partner")),
            "Announce" => {
                let inner: Incoming = serde_json::from_value(self.object.clone())
                    .map_err(|_| FedError::invalid("an Announce must embed the activity"))?;
                same_domain(&partner, &inner.id)?;
                same_domain(&partner, &inner.actor)?;
                apply(data, &partner, inner).await
            }
            _ => apply(data, &partner, self).await,
        }
    }
}

fn same_domain(partner: &Partner, url: &Url) -> Result<(), FedError> {
    if domain_of(url).as_deref() == Some(partner.row.domain.as_str()) {
        Ok(())
    } else {
        Err(FedError::Refused("domain_mismatch"))
    }
}

/// A Create, Update or Delete from a partner (directly, or announced by it).
async fn apply(data: &FedData, partner: &Partner, activity: Incoming) -> Result<(), FedError> {
    let state = data.app_data();
    match activity.kind.as_str() {
        "Create" | "Update" => match activity.object["type"].as_str() {
            Some("Article") => {
                let article: ArticleIn = serde_json::from_value(activity.object)?;
                same_domain(partner, &article.id)?;
                same_domain(partner, &article.attributed_to)?;
                receive_story(data, partner, article).await
            }
            Some("Note") => {
                let note: NoteIn = serde_json::from_value(activity.object)?;
                same_domain(partner, &note.id)?;
                same_domain(partner, &note.attributed_to)?;
                receive_reply(state, partner, note).await
            }
            Some("PatternReport") => {
                let report: ReportIn = serde_json::from_value(activity.object)?;
                same_domain(partner, &report.id)?;
                if report.attributed_to.as_str() != partner.row.actor {
                    return Err(FedError::Refused("domain_mismatch"));
                }
                receive_report(state, partner, report).await
            }
            _ => Ok(()),
        },
        "Like" => like(state, partner, &activity.id, &activity.object).await,
        "Undo" if activity.object["type"] == "Like" => {
            let id = objects::id_of(&activity.object)
                .ok_or_else(|| FedError::invalid("an Undo must name its Like"))?;
            same_domain(partner, &id)?;
            unlike(state, partner, &id).await
        }
        "Delete" => {
            let id = objects::id_of(&activity.object)
                .ok_or_else(|| FedError::invalid("a Delete must name its object"))?;
            same_domain(partner, &id)?;
            delete(state, partner, &id).await
        }
        _ => Ok(()),
    }
}

fn html_within_limit(html: &str) -> Result<String, FedError> {
    if html.chars().count() > objects::MAX_HTML_CHARS {
        return Err(FedError::invalid("the text is too long"));
    }
    Ok(render::clean_html(html))
}

fn short_text(html: &str, max: usize) -> String {
    let text = render::html_text(html);
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(max)
        .collect()
}

async fn receive_story(
    data: &FedData,
    partner: &Partner,
    article: ArticleIn,
) -> Result<(), FedError> {
    let state = data.app_data();
    let html = html_within_limit(&article.content)?;
    let title = short_text(&article.name, 140);
    if title.is_empty() || html.trim().is_empty() {
        return Err(FedError::invalid("a story needs a title and text"));
    }
    let today = Utc::now().date_naive();
    if input::check_period(&article.period, today).is_err() {
        return Err(FedError::invalid(
            "period must be YYYY or YYYY-MM, not in the future",
        ));
    }
    let area = article
        .area
        .as_deref()
        .and_then(|a| a.parse::<GssCode>().ok())
        .filter(|code| state.areas.get(code).is_some())
        .map(|code| code.as_str().to_owned());
    let mut tags: Vec<String> = article
        .pattern
        .iter()
        .filter_map(|uri| objects::shared_tag(state, uri))
        .collect();
    tags.sort();
    tags.dedup();
    let warnings: Vec<ContentWarning> = article
        .content_warnings
        .iter()
        .filter_map(|w| ContentWarning::parse(w))
        .collect();
    let origin_url = article
        .url
        .filter(|url| domain_of(url).as_deref() == Some(partner.row.domain.as_str()));
    let content = input::Content {
        title,
        body: render::html_text(&html).trim().to_owned(),
        html,
        area,
        period: article.period.clone(),
        services: Vec::new(),
        stage: None,
        age_band: None,
        primary_need: None,
        tags,
        visibility: Visibility::Federated,
        consent_count: false,
        consent_quote: false,
        content_warnings: warnings,
    };
    let existing = story::Entity::find()
        .filter(story::Column::ApId.eq(article.id.as_str()))
        .one(&state.db)
        .await?;
    let pseudonym = match &existing {
        Some(row) => row.pseudonym.clone(),
        None => author_name(data, partner, &article.attributed_to).await,
    };
    let now = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let row = match existing {
        Some(row) if row.origin_partner_id != Some(partner.row.id) => {
            return Err(FedError::Refused("domain_mismatch"));
        }
        Some(row) if row.state == StoryState::Withdrawn => return Ok(()),
        Some(row) => {
            let mut active = row.into_active_model();
            store::set_content(&mut active, &content);
            active.updated_at = Set(now);
            active.update(&txn).await?
        }
        None => {
            let public_id = crate::stories::pseudonym::public_id()
                .map_err(|e| FedError::Db(sea_orm::DbErr::Custom(e.to_string())))?;
            let row = store::insert(
                &txn,
                store::NewStory {
                    public_id,
                    author_id: None,
                    pseudonym,
                    content: &content,
                    sample: false,
                },
                now,
            )
            .await?;
            let published = article.published.unwrap_or(now).min(now);
            let mut active = row.into_active_model();
            active.state = Set(StoryState::Published);
            active.live = Set(true);
            active.feed_key = Set(Some(now.timestamp_micros()));
            active.published_on = Set(Some(published.date_naive()));
            active.origin_partner_id = Set(Some(partner.row.id));
            active.ap_id = Set(Some(article.id.to_string()));
            active.origin_url = Set(origin_url.map(String::from));
            active.update(&txn).await?
        }
    };
    store::sync_tags(&txn, &row).await?;
    txn.commit().await?;
    state.feed_cache.invalidate();
    Ok(())
}

/// The story's pseudonym, from its author actor (one fetch); a neutral name if it fails.
async fn author_name(data: &FedData, partner: &Partner, person: &Url) -> String {
    match fetch_object_http::<AppState, PersonIn>(person, data).await {
        Ok(fetched) => {
            let person = fetched.object;
            let name = person
                .name
                .or(person.preferred_username)
                .unwrap_or_default();
            let name = short_text(&name, 60);
            if !name.is_empty() {
                return name;
            }
        }
        Err(error) => tracing::info!(%error, "could not fetch a story's author actor"),
    }
    format!(
        "A parent at {}",
        partner.row.name.as_deref().unwrap_or(&partner.row.domain)
    )
    .chars()
    .take(60)
    .collect()
}

async fn receive_reply(state: &AppState, partner: &Partner, note: NoteIn) -> Result<(), FedError> {
    let html = html_within_limit(&note.content)?;
    if html.trim().is_empty() {
        return Err(FedError::invalid("a reply needs text"));
    }
    // Only a reply to one of this forum's own federated stories is taken.
    let story = own_story(state, &note.in_reply_to).await?;
    if reply::Entity::find()
        .filter(reply::Column::ApId.eq(note.id.as_str()))
        .one(&state.db)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let published = state.config.forum.reply_moderation == ReplyModeration::Post;
    let txn = crate::db::begin_write(&state.db).await?;
    reply::ActiveModel {
        story_id: Set(story.id),
        author_id: Set(None),
        body: Set(render::html_text(&html).trim().to_owned()),
        html: Set(html),
        pseudonym: Set(format!(
            "A parent at {}",
            partner.row.name.as_deref().unwrap_or(&partner.row.domain)
        )
        .chars()
        .take(80)
        .collect()),
        by_author: Set(false),
        state: Set(if published {
            ReplyState::Published
        } else {
            ReplyState::Pending
        }),
        created_at: Set(Utc::now()),
        origin_partner_id: Set(Some(partner.row.id)),
        ap_id: Set(Some(note.id.to_string())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if published {
        store::bump(&txn, story.id, story::Column::ReplyCount, 1).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn receive_report(
    state: &AppState,
    partner: &Partner,
    report: ReportIn,
) -> Result<(), FedError> {
    let area: GssCode = report
        .area
        .parse()
        .map_err(|_| FedError::invalid("area is not a GSS code"))?;
    if state.areas.get(&area).is_none() {
        return Err(FedError::invalid("area is not an English local authority"));
    }
    let quarter: Quarter = report
        .period
        .parse()
        .map_err(|_| FedError::invalid("period must be YYYYQn"))?;
    if report.k < i32::try_from(crate::config::MIN_K).unwrap_or(5) {
        return Err(FedError::invalid("k is below the smallest allowed"));
    }
    let below_k = |count: Option<i32>| count.is_some_and(|c| c < report.k);
    if below_k(report.total)
        || report.figures.iter().any(|f| below_k(f.count))
        || report.figures.len() > 10_000
    {
        return Err(FedError::invalid(
            "a report may not hold a figure below its k",
        ));
    }
    if quarter >= Quarter::of(Utc::now().date_naive()) || report.complete == Some(false) {
        return Err(FedError::invalid(
            "figures are taken only for quarters that have ended",
        ));
    }
    let unit = match report.unit.as_deref() {
        Some("family") => Unit::Family,
        None | Some("story") => Unit::Story,
        Some(_) => return Err(FedError::invalid("unit must be family or story")),
    };
    if let Some(total) = report.total
        && report
            .figures
            .iter()
            .any(|f| f.count.is_some_and(|c| c > total))
    {
        return Err(FedError::invalid("a figure counts more than the total"));
    }
    if derivable(&report, &state.patterns.vocabulary) {
        return Err(FedError::invalid(
            "a hidden figure could be worked out by subtraction",
        ));
    }
    if bounded_too_well(&report, &state.patterns.vocabulary) {
        return Err(FedError::invalid(
            "a hidden figure could be bounded to fewer than k/2 values",
        ));
    }
    if report.epsilon.is_some_and(|e| !(e.is_finite() && e > 0.0)) {
        return Err(FedError::invalid("epsilon must be a positive number"));
    }
    let figures = serde_json::to_string(&report.figures)?;
    let existing = fed_report::Entity::find()
        .filter(fed_report::Column::ApId.eq(report.id.as_str()))
        .one(&state.db)
        .await?;
    let now = Utc::now();
    match existing {
        Some(row) if row.partner_id != partner.row.id => Err(FedError::Refused("domain_mismatch")),
        Some(row) if row.updated_at > report.updated => Ok(()),
        Some(row) => {
            let mut active = row.into_active_model();
            active.k = Set(report.k);
            active.vocabulary_version = Set(report.vocabulary_version);
            active.total = Set(report.total);
            active.figures = Set(figures);
            active.updated_at = Set(report.updated);
            active.received_at = Set(now);
            active.complete = Set(report.complete);
            active.epsilon = Set(report.epsilon);
            active.unit = Set(unit.as_str().to_owned());
            active.update(&state.db).await?;
            Ok(())
        }
        None => {
            fed_report::ActiveModel {
                ap_id: Set(report.id.to_string()),
                partner_id: Set(partner.row.id),
                area: Set(area.as_str().to_owned()),
                quarter: Set(quarter.to_string()),
                k: Set(report.k),
                vocabulary_version: Set(report.vocabulary_version),
                total: Set(report.total),
                figures: Set(figures),
                updated_at: Set(report.updated),
                received_at: Set(now),
                complete: Set(report.complete),
                epsilon: Set(report.epsilon),
                unit: Set(unit.as_str().to_owned()),
                ..Default::default()
            }
            .insert(&state.db)
            .await?;
            Ok(())
        }
    }
}

/// Whether subtraction would give a figure the sender hid: a group (the total over its
/// categories, a category over its tags; see `stats::disclosure`) with exactly one
/// hidden figure. A forum that publishes by our disclosure control never sends one, so
/// this stops a faulty partner's hidden figure being worked out from what we show and
/// export. A tag this vocabulary cannot place in a category (a partner's own tag), or a
/// report of another vocabulary version, leaves the category groups unchecked, since a
/// tag may sit elsewhere there.
fn derivable(report: &ReportIn, vocabulary: &crate::patterns::vocabulary::Vocabulary) -> bool {
    let hidden = |f: &&objects::FigureIn| f.count.is_none();
    let categories = || report.figures.iter().filter(|f| f.kind == "category");
    let total_group = usize::from(report.total.is_none()) + categories().filter(hidden).count();
    if total_group == 1 {
        return true;
    }
    if u32::try_from(report.vocabulary_version).ok() != Some(vocabulary.version) {
        return false;
    }
    let mut by_category: std::collections::HashMap<&str, usize> = categories()
        .map(|f| (f.key.as_str(), usize::from(f.count.is_none())))
        .collect();
    for tag in report.figures.iter().filter(|f| f.kind == "tag") {
        let Some(shared) = vocabulary.tag(&tag.key) else {
            return false;
        };
        *by_category.entry(shared.category.as_str()).or_default() +=
            usize::from(tag.count.is_none());
    }
    by_category.values().any(|&hidden| hidden == 1)
}

/// Whether the release audit (`stats::audit`) finds a hidden figure of the report bounded
/// to an interval narrower than k/2. Checked where the report's figures can be placed in
/// this vocabulary (the same version, every tag a shared one); elsewhere `derivable` is
/// all that can be checked.
fn bounded_too_well(
    report: &ReportIn,
    vocabulary: &crate::patterns::vocabulary::Vocabulary,
) -> bool {
    use crate::stats::{Layout, audit};
    if u32::try_from(report.vocabulary_version).ok() != Some(vocabulary.version) {
        return false;
    }
    let categories: Vec<String> = vocabulary.categories.iter().map(|c| c.id.clone()).collect();
    let mut tags = Vec::new();
    for figure in report.figures.iter().filter(|f| f.kind == "tag") {
        let Some(category) = vocabulary
            .tag(&figure.key)
            .and_then(|t| categories.iter().position(|c| *c == t.category))
        else {
            return false;
        };
        tags.push((figure.key.clone(), category));
    }
    let layout = Layout { categories, tags };
    let count = |c: Option<i32>| c.and_then(|c| u32::try_from(c).ok());
    let mut shown = vec![None; layout.width()];
    shown[0] = count(report.total);
    for figure in &report.figures {
        let index = match figure.kind.as_str() {
            "category" => layout
                .categories
                .iter()
                .position(|c| *c == figure.key)
                .map(|c| layout.category(c)),
            "tag" => layout
                .tags
                .iter()
                .position(|(t, _)| *t == figure.key)
                .map(|t| layout.tag(t)),
            _ => None,
        };
        if let Some(i) = index {
            shown[i] = count(figure.count);
        }
    }
    let k = u32::try_from(report.k).unwrap_or(u32::MAX);
    !audit::narrow(&layout.groups(), &shown, k).is_empty()
}

/// A partner's member said one of our stories happened to them too: counted once per Like.
async fn like(
    state: &AppState,
    partner: &Partner,
    id: &Url,
    object: &Value,
) -> Result<(), FedError> {
    let target =
        objects::id_of(object).ok_or_else(|| FedError::invalid("a Like must name a story"))?;
    let story = own_story(state, &target).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    let inserted = fed_like::Entity::insert(fed_like::ActiveModel {
        ap_id: Set(id.to_string()),
        story_id: Set(story.id),
        partner_id: Set(partner.row.id),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(fed_like::Column::ApId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted > 0 {
        store::bump(&txn, story.id, story::Column::ReactionCount, 1).await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn unlike(state: &AppState, partner: &Partner, id: &Url) -> Result<(), FedError> {
    let txn = crate::db::begin_write(&state.db).await?;
    if let Some(row) = fed_like::Entity::find_by_id(id.to_string())
        .filter(fed_like::Column::PartnerId.eq(partner.row.id))
        .one(&txn)
        .await?
    {
        fed_like::Entity::delete_by_id(row.ap_id).exec(&txn).await?;
        let live = store::find_by_id(&txn, row.story_id)
            .await?
            .is_some_and(|s| s.live && s.reaction_count > 0);
        if live {
            store::bump(&txn, row.story_id, story::Column::ReactionCount, -1).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// One of this forum's own stories that it shares, by its ActivityPub id.
async fn own_story(state: &AppState, id: &Url) -> Result<story::Model, FedError> {
    let public_id = id
        .path()
        .strip_prefix("/ap/stories/")
        .filter(|_| domain_of(id).as_deref() == Some(state.federation.domain.as_str()))
        .ok_or_else(|| FedError::invalid("that is not a story of this forum"))?;
    store::find(&state.db, public_id)
        .await?
        .filter(|s| {
            s.live && s.origin_partner_id.is_none() && s.visibility == Visibility::Federated
        })
        .ok_or_else(|| FedError::invalid("that is not a story this forum shares"))
}

async fn delete(state: &AppState, partner: &Partner, id: &Url) -> Result<(), FedError> {
    let db = &state.db;
    let txn = crate::db::begin_write(db).await?;
    if let Some(row) = story::Entity::find()
        .filter(story::Column::ApId.eq(id.as_str()))
        .filter(story::Column::OriginPartnerId.eq(partner.row.id))
        .filter(story::Column::State.ne(StoryState::Withdrawn))
        .one(&txn)
        .await?
    {
        store::withdraw(&txn, row, Utc::now()).await?;
    }
    if let Some(row) = reply::Entity::find()
        .filter(reply::Column::ApId.eq(id.as_str()))
        .filter(reply::Column::OriginPartnerId.eq(partner.row.id))
        .one(&txn)
        .await?
    {
        if row.state == ReplyState::Published {
            store::bump(&txn, row.story_id, story::Column::ReplyCount, -1).await?;
        }
        reply::Entity::delete_by_id(row.id).exec(&txn).await?;
    }
    fed_report::Entity::delete_many()
        .filter(fed_report::Column::ApId.eq(id.as_str()))
        .filter(fed_report::Column::PartnerId.eq(partner.row.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    state.feed_cache.invalidate();
    Ok(())
}
