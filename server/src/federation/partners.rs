//! Partner forums: who this forum federates with, and the admin API over them.
//!
//! Forums federate by following each other's `Group`. A follow request waits for an
//! admin's approval (the default, `allowlist` mode) or is accepted at once (`open`
//! mode); approving also follows back, so a partnership runs both ways. Following a
//! forum is itself the admin's approval of it, so its follow back is accepted at once.
//! Content is taken only from partners (a forum with an accepted follow either way);
//! a blocked domain loses its relation and its stories, and all its traffic is refused.

use activitypub_federation::{
    config::{Data, FederationConfig},
    fetch::{object_id::ObjectId, webfinger::webfinger_resolve_actor},
    protocol::verification::verify_domains_match,
    traits::{Actor, Object},
};
use axum::{
    Extension,
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use url::Url;
use utoipa::ToSchema;

use super::{
    ACTOR_NAME, FedData, domain_of,
    error::FedError,
    objects, outbox,
    queue::{self, Target},
};
use crate::{
    AppState,
    accounts::{session::SignedIn, types::Role},
    entities::{
        fed_block, fed_delivery, fed_partner,
        fed_partner::{FollowedBy, Following},
        story,
    },
    instance::store,
    problem::{ApiJson, Problem, ProblemCode},
};

/// This forum's `Group`, as the crate signs with it.
#[derive(Debug, Clone)]
pub struct LocalForum {
    id: Url,
    inbox: Url,
    public_key_pem: String,
    private_key_pem: String,
}

impl LocalForum {
    pub fn of(state: &AppState) -> Self {
        let identity = &state.federation.identity;
        Self {
            id: identity.actor.clone(),
            inbox: identity.url("/inbox"),
            public_key_pem: identity.public_key_pem.clone(),
            private_key_pem: identity.private_key_pem.to_string(),
        }
    }
}

#[async_trait::async_trait]
impl Object for LocalForum {
    type DataType = AppState;
    type Kind = Value;
    type Error = FedError;
    fn id(&self) -> &Url {
        &self.id
    }
    async fn read_from_id(id: Url, data: &FedData) -> Result<Option<Self>, FedError> {
        let me = Self::of(data.app_data());
        Ok((me.id == id).then_some(me))
    }
    async fn into_json(self, _: &FedData) -> Result<Value, FedError> {
        Err(FedError::invalid("the forum's actor is served by /actor"))
    }
    async fn verify(_: &Value, _: &Url, _: &FedData) -> Result<(), FedError> {
        Err(FedError::Refused("local"))
    }
    async fn from_json(_: Value, _: &FedData) -> Result<Self, FedError> {
        Err(FedError::Refused("local"))
    }
}

impl Actor for LocalForum {
    fn public_key_pem(&self) -> &str {
        &self.public_key_pem
    }
    fn private_key_pem(&self) -> Option<String> {
        Some(self.private_key_pem.clone())
    }
    fn inbox(&self) -> Url {
        self.inbox.clone()
    }
}

/// Another forum's `Group`, as we keep it.
#[derive(Debug, Clone)]
pub struct Partner {
    pub row: fed_partner::Model,
    id: Url,
}

impl Partner {
    fn new(row: fed_partner::Model) -> Result<Self, FedError> {
        Ok(Self {
            id: Url::parse(&row.actor)?,
            row,
        })
    }

    /// Where deliveries to this forum go: its shared inbox, or its own.
    pub fn target(&self) -> Option<Target> {
        Target::new(self.row.shared_inbox.as_deref().unwrap_or(&self.row.inbox))
    }

    /// A partnership runs at least one way: content from it is taken.
    pub fn is_partner(&self) -> bool {
        self.row.following == Following::Accepted || self.row.followed_by == FollowedBy::Accepted
    }
}

/// A `Group` as partners send it (only what we keep).
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupIn {
    #[serde(rename = "type")]
    kind: String,
    id: Url,
    name: Option<String>,
    preferred_username: Option<String>,
    inbox: Url,
    endpoints: Option<EndpointsIn>,
    public_key: PublicKeyIn,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct EndpointsIn {
    shared_inbox: Option<Url>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicKeyIn {
    owner: Url,
    public_key_pem: String,
}

#[async_trait::async_trait]
impl Object for Partner {
    type DataType = AppState;
    type Kind = GroupIn;
    type Error = FedError;

    fn id(&self) -> &Url {
        &self.id
    }

    fn last_refreshed_at(&self) -> Option<DateTime<Utc>> {
        Some(self.row.fetched_at)
    }

    async fn read_from_id(id: Url, data: &FedData) -> Result<Option<Self>, FedError> {
        fed_partner::Entity::find()
            .filter(fed_partner::Column::Actor.eq(id.as_str()))
            .one(&data.db)
            .await?
            .map(Self::new)
            .transpose()
    }

    async fn into_json(self, _: &FedData) -> Result<GroupIn, FedError> {
        Err(FedError::invalid(
            "a partner's actor is served by its own forum",
        ))
    }

    async fn verify(json: &GroupIn, expected: &Url, _: &FedData) -> Result<(), FedError> {
        verify_domains_match(&json.id, expected)?;
        verify_domains_match(&json.id, &json.inbox)?;
        verify_domains_match(&json.id, &json.public_key.owner)?;
        if json.kind != "Group" {
            return Err(FedError::invalid(
                "only forums (Group actors) can be partners",
            ));
        }
        Ok(())
    }

    async fn from_json(json: GroupIn, data: &FedData) -> Result<Self, FedError> {
        let domain =
            domain_of(&json.id).ok_or_else(|| FedError::invalid("the actor has no host"))?;
        if data.federation.is_blocked(&domain) {
            return Err(FedError::Refused("blocked"));
        }
        let name = json.name.or(json.preferred_username).map(|n| {
            crate::stories::render::html_text(&n)
                .trim()
                .chars()
                .take(200)
                .collect::<String>()
        });
        let shared_inbox = json
            .endpoints
            .and_then(|e| e.shared_inbox)
            .filter(|inbox| domain_of(inbox).as_deref() == Some(domain.as_str()))
            .map(String::from);
        let now = Utc::now();
        let existing = fed_partner::Entity::find()
            .filter(
                Condition::any()
                    .add(fed_partner::Column::Actor.eq(json.id.as_str()))
                    .add(fed_partner::Column::Domain.eq(domain.as_str())),
            )
            .one(&data.db)
            .await?;
        let row = match existing {
            Some(row) => {
                let mut active = row.into_active_model();
                active.actor = Set(json.id.to_string());
                active.inbox = Set(json.inbox.to_string());
                active.shared_inbox = Set(shared_inbox);
                active.public_key_pem = Set(json.public_key.public_key_pem);
                active.name = Set(name);
                active.fetched_at = Set(now);
                active.update(&data.db).await?
            }
            None => {
                fed_partner::ActiveModel {
                    domain: Set(domain),
                    actor: Set(json.id.to_string()),
                    inbox: Set(json.inbox.to_string()),
                    shared_inbox: Set(shared_inbox),
                    public_key_pem: Set(json.public_key.public_key_pem),
                    name: Set(name),
                    following: Set(Following::None),
                    followed_by: Set(FollowedBy::None),
                    their_follow: Set(None),
                    unreachable_since: Set(None),
                    fetched_at: Set(now),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(&data.db)
                .await?
            }
        };
        Self::new(row)
    }
}

impl Actor for Partner {
    fn public_key_pem(&self) -> &str {
        &self.row.public_key_pem
    }
    fn private_key_pem(&self) -> Option<String> {
        None
    }
    fn inbox(&self) -> Url {
        Url::parse(&self.row.inbox).unwrap_or_else(|_| self.id.clone())
    }
}

/// Every partner that follows us: where a new story goes (each shared inbox once).
pub async fn follower_targets(db: &impl ConnectionTrait) -> Result<Vec<Target>, DbErr> {
    Ok(fed_partner::Entity::find()
        .filter(fed_partner::Column::FollowedBy.eq(FollowedBy::Accepted))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| Target::new(row.shared_inbox.as_deref().unwrap_or(&row.inbox)))
        .collect())
}

/// The forum at `domain`, which must have asked to follow this one.
async fn request_from(state: &AppState, domain: &str) -> Result<Partner, Problem> {
    let partner = by_domain(&state.db, domain).await?;
    if partner.row.followed_by != FollowedBy::Requested {
        return Err(Problem::new(ProblemCode::InvalidState)
            .detail("That forum has not asked to follow this one."));
    }
    Ok(partner)
}

/// A partner by its domain.
async fn by_domain(db: &impl ConnectionTrait, domain: &str) -> Result<Partner, Problem> {
    fed_partner::Entity::find()
        .filter(fed_partner::Column::Domain.eq(domain.to_ascii_lowercase()))
        .one(db)
        .await
        .map_err(Problem::internal)?
        .map(Partner::new)
        .transpose()
        .map_err(|e| e.problem())?
        .ok_or_else(|| Problem::new(ProblemCode::NotFound).detail("There is no such partner."))
}

fn follow(state: &AppState, partner: &Partner) -> Value {
    let identity = &state.federation.identity;
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": "Follow",
        "id": objects::activity_id(identity),
        "actor": identity.actor,
        "object": partner.row.actor,
        "to": [partner.row.actor],
    })
}

fn answer(state: &AppState, kind: &str, partner: &Partner, follow_id: &str) -> Value {
    let identity = &state.federation.identity;
    json!({
        "@context": "https://www.w3.org/ns/activitystreams",
        "type": kind,
        "id": objects::activity_id(identity),
        "actor": identity.actor,
        "to": [partner.row.actor],
        "object": {
            "type": "Follow",
            "id": follow_id,
            "actor": partner.row.actor,
            "object": identity.actor,
        },
    })
}

async fn send_to(
    db: &impl ConnectionTrait,
    partner: &Partner,
    activity: &Value,
) -> Result<(), DbErr> {
    if let Some(target) = Target::new(&partner.row.inbox) {
        queue::enqueue(db, activity, &[target]).await?;
    }
    Ok(())
}

/// Accepts a partner's follow: our stories and reports start going to it, from what is
/// published now.
pub async fn accept_follow(state: &AppState, partner: Partner) -> Result<Partner, DbErr> {
    let txn = crate::db::begin_write(&state.db).await?;
    let follow_id = partner.row.their_follow.clone().unwrap_or_default();
    send_to(
        &txn,
        &partner,
        &answer(state, "Accept", &partner, &follow_id),
    )
    .await?;
    let mut active = partner.row.clone().into_active_model();
    active.followed_by = Set(FollowedBy::Accepted);
    if partner.row.following == Following::None {
        send_to(&txn, &partner, &follow(state, &partner)).await?;
        active.following = Set(Following::Pending);
    }
    let row = active.update(&txn).await?;
    let partner = Partner {
        row,
        id: partner.id,
    };
    if let Some(target) = partner.target() {
        outbox::backfill(state, &txn, &target).await?;
    }
    txn.commit().await?;
    state.federation.wake.notify_one();
    Ok(partner)
}

/// A follow received from `partner`.
pub async fn followed(state: &AppState, partner: Partner, follow_id: &Url) -> Result<(), FedError> {
    if partner.row.followed_by == FollowedBy::Accepted {
        // A repeat: say yes again (our Accept may have been lost).
        send_to(
            &state.db,
            &partner,
            &answer(state, "Accept", &partner, follow_id.as_str()),
        )
        .await?;
        state.federation.wake.notify_one();
        return Ok(());
    }
    let mut active = partner.row.clone().into_active_model();
    active.their_follow = Set(Some(follow_id.to_string()));
    active.followed_by = Set(FollowedBy::Requested);
    let row = active.update(&state.db).await?;
    let partner = Partner {
        row,
        id: partner.id,
    };
    let open = store::federation_mode(&state.db).await? == "open";
    // Following them was our admin's approval; in open mode every forum is welcome.
    if open || partner.row.following != Following::None {
        accept_follow(state, partner).await?;
    }
    Ok(())
}

/// Our follow was accepted or rejected, or theirs withdrawn.
pub async fn set_following(
    db: &impl ConnectionTrait,
    partner: &Partner,
    following: Following,
) -> Result<(), DbErr> {
    fed_partner::Entity::update_many()
        .col_expr(fed_partner::Column::Following, Expr::value(following))
        .filter(fed_partner::Column::Id.eq(partner.row.id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_followed_by(
    db: &impl ConnectionTrait,
    partner: &Partner,
    followed_by: FollowedBy,
) -> Result<(), DbErr> {
    fed_partner::Entity::update_many()
        .col_expr(fed_partner::Column::FollowedBy, Expr::value(followed_by))
        .filter(fed_partner::Column::Id.eq(partner.row.id))
        .exec(db)
        .await?;
    Ok(())
}

// ---- The admin API ----

/// A partner as an admin sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartnerView {
    pub id: i64,
    pub domain: String,
    /// `forum@domain`.
    pub address: String,
    pub name: Option<String>,
    pub actor: String,
    /// `requested` (waiting for our approval), `pending` (waiting for theirs), `partner`.
    pub state: &'static str,
    pub unreachable_since: Option<DateTime<Utc>>,
    pub pending_deliveries: u64,
    pub since: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryQueueView {
    pub pending: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FederationView {
    /// `allowlist` or `open`.
    pub mode: String,
    /// This forum's address: `forum@domain`.
    pub address: String,
    pub actor: String,
    pub partners: Vec<PartnerView>,
    pub blocked: Vec<String>,
    pub queue: DeliveryQueueView,
    /// Activities refused since the server started, by reason.
    pub refused: std::collections::BTreeMap<String, u64>,
}

fn state_of(row: &fed_partner::Model) -> Option<&'static str> {
    if row.followed_by == FollowedBy::Requested && row.following != Following::Accepted {
        Some("requested")
    } else if row.following == Following::Accepted || row.followed_by == FollowedBy::Accepted {
        Some("partner")
    } else if row.following == Following::Pending {
        Some("pending")
    } else {
        None
    }
}

async fn partner_view(
    db: &impl ConnectionTrait,
    row: fed_partner::Model,
) -> Result<Option<PartnerView>, DbErr> {
    let Some(state) = state_of(&row) else {
        return Ok(None);
    };
    let pending_deliveries = fed_delivery::Entity::find()
        .filter(fed_delivery::Column::Domain.eq(row.domain.as_str()))
        .count(db)
        .await?;
    Ok(Some(PartnerView {
        id: row.id,
        address: format!("{ACTOR_NAME}@{}", row.domain),
        domain: row.domain,
        name: row.name,
        actor: row.actor,
        state,
        unreachable_since: row.unreachable_since,
        pending_deliveries,
        since: row.created_at,
    }))
}

async fn overview(state: &AppState) -> Result<FederationView, DbErr> {
    let db = &state.db;
    let rows = fed_partner::Entity::find()
        .order_by_asc(fed_partner::Column::Domain)
        .all(db)
        .await?;
    let mut partners = Vec::new();
    for row in rows {
        if let Some(view) = partner_view(db, row).await? {
            partners.push(view);
        }
    }
    partners.sort_by_key(|p| p.state != "requested");
    let blocked = fed_block::Entity::find()
        .order_by_asc(fed_block::Column::Domain)
        .all(db)
        .await?
        .into_iter()
        .map(|b| b.domain)
        .collect();
    Ok(FederationView {
        mode: store::federation_mode(db).await?,
        address: format!("{ACTOR_NAME}@{}", state.federation.domain),
        actor: state.federation.actor.to_string(),
        partners,
        blocked,
        queue: DeliveryQueueView {
            pending: fed_delivery::Entity::find().count(db).await?,
        },
        refused: state
            .federation
            .refusals()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    })
}

/// Federation at a glance: mode, partners, blocks, the queue.
#[utoipa::path(get, path = "/api/v1/admin/partners", tag = "federation",
    security(("session" = ["admin"])),
    responses((status = 200, body = FederationView),
        (status = 403, description = "`forbidden`", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn get_federation(
    State(state): State<AppState>,
    member: SignedIn,
) -> Result<ApiJson<FederationView>, Problem> {
    member.require(Role::Admin)?;
    Ok(ApiJson(overview(&state).await.map_err(Problem::internal)?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModeRequest {
    /// `allowlist` or `open`.
    pub mode: String,
}

/// Sets who may federate: only approved partners, or any forum that follows.
#[utoipa::path(put, path = "/api/v1/admin/federation", tag = "federation", request_body = ModeRequest,
    security(("session" = ["admin"])),
    responses((status = 200, body = FederationView),
        (status = 422, description = "`validation`", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn set_mode(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(request): ApiJson<ModeRequest>,
) -> Result<ApiJson<FederationView>, Problem> {
    member.require(Role::Admin)?;
    if !matches!(request.mode.as_str(), "allowlist" | "open") {
        return Err(Problem::new(ProblemCode::Validation).detail("mode must be allowlist or open."));
    }
    store::set_federation_mode(&state.db, &request.mode)
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(overview(&state).await.map_err(Problem::internal)?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowRequest {
    /// `forum@domain`, or the forum's actor URL.
    pub address: String,
}

/// The longest address taken.
const MAX_ADDRESS_CHARS: usize = 300;

/// Follows a forum: it becomes a partner once its admin approves.
#[utoipa::path(post, path = "/api/v1/admin/partners", tag = "federation", request_body = FollowRequest,
    security(("session" = ["admin"])),
    responses((status = 201, body = PartnerView),
        (status = 409, description = "`blocked`, `already_partner`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`validation`, `partner_not_found`", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn add_partner(
    State(state): State<AppState>,
    Extension(config): Extension<FederationConfig<AppState>>,
    member: SignedIn,
    ApiJson(request): ApiJson<FollowRequest>,
) -> Result<Response, Problem> {
    member.require(Role::Admin)?;
    let address = request.address.trim().trim_start_matches('@');
    let invalid = || {
        Problem::new(ProblemCode::Validation)
            .detail("Give the forum's address, like forum@example.org, or its actor's URL.")
    };
    if address.is_empty()
        || address.chars().count() > MAX_ADDRESS_CHARS
        || address.contains(char::is_whitespace)
    {
        return Err(invalid());
    }
    let domain = if address.starts_with("http://") || address.starts_with("https://") {
        Url::parse(address).ok().as_ref().and_then(domain_of)
    } else {
        address
            .split_once('@')
            .map(|(name, domain)| (name, domain.to_ascii_lowercase()))
            .filter(|(name, domain)| {
                !name.is_empty() && !domain.is_empty() && !domain.contains('/')
            })
            .map(|(_, d)| d)
    }
    .ok_or_else(invalid)?;
    if domain == state.federation.domain {
        return Err(
            Problem::new(ProblemCode::Validation).detail("That is this forum's own address.")
        );
    }
    if state.federation.is_blocked(&domain) {
        return Err(Problem::new(ProblemCode::Blocked).detail("Unblock the domain first."));
    }
    let data: Data<AppState> = config.to_request_data();
    let found: Result<Partner, FedError> = if address.starts_with("http") {
        match Url::parse(address) {
            Ok(url) => {
                ObjectId::<Partner>::from(url)
                    .dereference_forced(&data)
                    .await
            }
            Err(error) => Err(error.into()),
        }
    } else {
        webfinger_resolve_actor::<AppState, Partner>(address, &data).await
    };
    let partner = found.map_err(|error| {
        tracing::info!(%error, "could not find a forum to follow");
        Problem::new(ProblemCode::PartnerNotFound)
            .detail("No forum answered at that address. Check it, and that the forum is running.")
    })?;
    if partner.row.following != Following::None {
        return Err(Problem::new(ProblemCode::AlreadyPartner)
            .detail("This forum follows that one already, or has asked to."));
    }
    let txn = crate::db::begin_write(&state.db)
        .await
        .map_err(Problem::internal)?;
    send_to(&txn, &partner, &follow(&state, &partner))
        .await
        .map_err(Problem::internal)?;
    set_following(&txn, &partner, Following::Pending)
        .await
        .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    state.federation.wake.notify_one();
    let row = by_domain(&state.db, &partner.row.domain).await?.row;
    let view = partner_view(&state.db, row)
        .await
        .map_err(Problem::internal)?
        .ok_or_else(|| Problem::internal("a followed partner has no state"))?;
    Ok((StatusCode::CREATED, ApiJson(view)).into_response())
}

/// Approves a forum's request: it becomes a partner, and this forum follows it back.
#[utoipa::path(post, path = "/api/v1/admin/partners/{domain}/approve", tag = "federation",
    params(("domain" = String, Path, description = "The forum's domain: host or host:port")),
    security(("session" = ["admin"])),
    responses((status = 200, body = PartnerView),
        (status = 409, description = "`invalid_state`: there is no request to approve", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn approve(
    State(state): State<AppState>,
    member: SignedIn,
    Path(domain): Path<String>,
) -> Result<ApiJson<PartnerView>, Problem> {
    member.require(Role::Admin)?;
    let partner = request_from(&state, &domain).await?;
    let partner = accept_follow(&state, partner)
        .await
        .map_err(Problem::internal)?;
    partner_view(&state.db, partner.row)
        .await
        .map_err(Problem::internal)?
        .map(ApiJson)
        .ok_or_else(|| Problem::internal("an approved partner has no state"))
}

/// Declines a forum's request.
#[utoipa::path(post, path = "/api/v1/admin/partners/{domain}/decline", tag = "federation",
    params(("domain" = String, Path, description = "The forum's domain: host or host:port")),
    security(("session" = ["admin"])),
    responses((status = 204, description = "Declined"),
        (status = 409, description = "`invalid_state`: there is no request to decline", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn decline(
    State(state): State<AppState>,
    member: SignedIn,
    Path(domain): Path<String>,
) -> Result<StatusCode, Problem> {
    member.require(Role::Admin)?;
    let partner = request_from(&state, &domain).await?;
    end(&state, &partner).await.map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends a partnership both ways, telling the other forum. Its stories stay.
#[utoipa::path(delete, path = "/api/v1/admin/partners/{domain}", tag = "federation",
    params(("domain" = String, Path, description = "The forum's domain: host or host:port")),
    security(("session" = ["admin"])),
    responses((status = 204, description = "Ended")))]
pub async fn remove(
    State(state): State<AppState>,
    member: SignedIn,
    Path(domain): Path<String>,
) -> Result<StatusCode, Problem> {
    member.require(Role::Admin)?;
    let partner = by_domain(&state.db, &domain).await?;
    end(&state, &partner).await.map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}

async fn end(state: &AppState, partner: &Partner) -> Result<(), DbErr> {
    let txn = crate::db::begin_write(&state.db).await?;
    if partner.row.followed_by != FollowedBy::None {
        let follow_id = partner.row.their_follow.clone().unwrap_or_default();
        send_to(&txn, partner, &answer(state, "Reject", partner, &follow_id)).await?;
    }
    if partner.row.following != Following::None {
        let identity = &state.federation.identity;
        let undo = json!({
            "@context": "https://www.w3.org/ns/activitystreams",
            "type": "Undo",
            "id": objects::activity_id(identity),
            "actor": identity.actor,
            "to": [partner.row.actor],
            "object": {"type": "Follow", "actor": identity.actor, "object": partner.row.actor},
        });
        send_to(&txn, partner, &undo).await?;
    }
    fed_partner::Entity::update_many()
        .col_expr(fed_partner::Column::Following, Expr::value(Following::None))
        .col_expr(
            fed_partner::Column::FollowedBy,
            Expr::value(FollowedBy::None),
        )
        .col_expr(
            fed_partner::Column::TheirFollow,
            Expr::value(Option::<String>::None),
        )
        .filter(fed_partner::Column::Id.eq(partner.row.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    state.federation.wake.notify_one();
    Ok(())
}

/// Blocks a domain: its relation ends, its stories leave the partner feed, and all its
/// traffic is refused.
#[utoipa::path(post, path = "/api/v1/admin/partners/{domain}/block", tag = "federation",
    params(("domain" = String, Path, description = "The forum's domain: host or host:port")),
    security(("session" = ["admin"])),
    responses((status = 201, description = "Blocked"),
        (status = 422, description = "`validation`", body = crate::problem::ProblemBody, content_type = "application/problem+json")))]
pub async fn block(
    State(state): State<AppState>,
    member: SignedIn,
    Path(domain): Path<String>,
) -> Result<StatusCode, Problem> {
    member.require(Role::Admin)?;
    let domain = domain.trim().to_ascii_lowercase();
    let valid = Url::parse(&format!("https://{domain}/"))
        .ok()
        .as_ref()
        .and_then(domain_of)
        .is_some_and(|parsed| parsed == domain);
    if !valid || domain.chars().count() > 255 {
        return Err(
            Problem::new(ProblemCode::Validation).detail("Give a domain, like example.org.")
        );
    }
    if domain == state.federation.domain {
        return Err(
            Problem::new(ProblemCode::Validation).detail("That is this forum's own domain.")
        );
    }
    let db = &state.db;
    let txn = crate::db::begin_write(db)
        .await
        .map_err(Problem::internal)?;
    fed_block::Entity::insert(fed_block::ActiveModel {
        domain: Set(domain.clone()),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([fed_block::Column::Domain])
    .exec_without_returning(&txn)
    .await
    .map_err(Problem::internal)?;
    if let Some(partner) = fed_partner::Entity::find()
        .filter(fed_partner::Column::Domain.eq(domain.as_str()))
        .one(&txn)
        .await
        .map_err(Problem::internal)?
    {
        fed_partner::Entity::update_many()
            .col_expr(fed_partner::Column::Following, Expr::value(Following::None))
            .col_expr(
                fed_partner::Column::FollowedBy,
                Expr::value(FollowedBy::None),
            )
            .filter(fed_partner::Column::Id.eq(partner.id))
            .exec(&txn)
            .await
            .map_err(Problem::internal)?;
        // Its stories leave every feed; the rows stay so that links answer "withdrawn".
        story::Entity::update_many()
            .col_expr(story::Column::Live, Expr::value(false))
            .col_expr(
                story::Column::State,
                Expr::value(crate::stories::State::Withdrawn),
            )
            .col_expr(story::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(story::Column::OriginPartnerId.eq(partner.id))
            .exec(&txn)
            .await
            .map_err(Problem::internal)?;
    }
    fed_delivery::Entity::delete_many()
        .filter(fed_delivery::Column::Domain.eq(domain.as_str()))
        .exec(&txn)
        .await
        .map_err(Problem::internal)?;
    txn.commit().await.map_err(Problem::internal)?;
    state
        .federation
        .reload_blocks(db)
        .await
        .map_err(Problem::internal)?;
    state.feed_cache.invalidate();
    Ok(StatusCode::CREATED)
}

/// Unblocks a domain. No relation comes back by itself: follow the forum again.
#[utoipa::path(delete, path = "/api/v1/admin/partners/{domain}/block", tag = "federation",
    params(("domain" = String, Path, description = "The forum's domain: host or host:port")),
    security(("session" = ["admin"])),
    responses((status = 204, description = "Unblocked")))]
pub async fn unblock(
    State(state): State<AppState>,
    member: SignedIn,
    Path(domain): Path<String>,
) -> Result<StatusCode, Problem> {
    member.require(Role::Admin)?;
    fed_block::Entity::delete_by_id(domain.to_ascii_lowercase())
        .exec(&state.db)
        .await
        .map_err(Problem::internal)?;
    state
        .federation
        .reload_blocks(&state.db)
        .await
        .map_err(Problem::internal)?;
    Ok(StatusCode::NO_CONTENT)
}
