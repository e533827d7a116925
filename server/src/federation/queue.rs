//! The persistent delivery queue: one `fed_delivery` row per activity per inbox, worked
//! by a background task that checks each inbox with the crate, then signs and posts it
//! (`signing`).
//!
//! - A restart loses nothing: a row goes only once its inbox took it (2xx), refused it
//!   for good (4xx other than 408 and 429, as Mastodon decides), or it was given up.
//! - A failed delivery waits `retry_base_secs`, then twice as long each time, up to
//!   `retry_max_secs`; after `give_up_after_hours` it is given up. The first failure to an
//!   inbox also defers everything else due for it, so a dead partner costs one timeout per
//!   round, not one per activity, and its partner row is marked unreachable until a
//!   delivery succeeds again.
//! - At most `concurrency` deliveries are in flight, and `concurrency_per_inbox` to any
//!   one inbox, so a slow partner never holds up the others.
//! - Rows are claimed by pushing their next attempt a lease ahead; on PostgreSQL with
//!   `FOR UPDATE SKIP LOCKED`, so several replicas can work one queue.

use std::{collections::HashMap, time::Duration};

use activitypub_federation::{
    activity_sending::SendActivityTask, config::FederationConfig, traits::Activity,
};
use chrono::{TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, LockBehavior, LockType, Query},
};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::mpsc;
use url::Url;

use super::{FedData, domain_of, error::FedError, partners::LocalForum, signing::Posted};
use crate::{
    AppState,
    entities::{fed_delivery, fed_partner},
};

/// Where an activity goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    pub inbox: String,
    pub domain: String,
}

impl Target {
    pub fn new(inbox: &str) -> Option<Self> {
        let url = Url::parse(inbox).ok()?;
        Some(Self {
            domain: domain_of(&url)?,
            inbox: inbox.to_owned(),
        })
    }
}

/// Queues `activity` for every target (each inbox once).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    activity: &Value,
    targets: &[Target],
) -> Result<usize, DbErr> {
    let mut targets: Vec<&Target> = targets.iter().collect();
    targets.sort_by(|a, b| a.inbox.cmp(&b.inbox));
    targets.dedup_by(|a, b| a.inbox == b.inbox);
    if targets.is_empty() {
        return Ok(0);
    }
    let id = activity["id"].as_str().unwrap_or_default().to_owned();
    let body = activity.to_string();
    let now = Utc::now();
    for chunk in targets.chunks(500) {
        fed_delivery::Entity::insert_many(chunk.iter().map(|target| fed_delivery::ActiveModel {
            activity_id: Set(id.clone()),
            body: Set(body.clone()),
            inbox: Set(target.inbox.clone()),
            domain: Set(target.domain.clone()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            last_error: Set(None),
            created_at: Set(now),
            ..Default::default()
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(targets.len())
}

/// A stored activity, sent as it was stored.
#[derive(Debug)]
struct Stored {
    id: Url,
    actor: Url,
    body: Value,
}

impl Serialize for Stored {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body.serialize(serializer)
    }
}

#[async_trait::async_trait]
impl Activity for Stored {
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
    async fn receive(self, _: &FedData) -> Result<(), FedError> {
        Ok(())
    }
}

/// What became of one delivery.
struct Done {
    inbox: String,
    id: i64,
    /// Delivered (its row goes with the next batch), to this domain.
    delivered: Option<String>,
}

/// Works the queue until `stop` says so. Deliveries in flight then are put back as due,
/// so a restart sends them at once (a worker that dies instead leaves them leased for
/// `federation.delivery_lease_secs`, then any worker takes them).
pub async fn run(config: FederationConfig<AppState>, mut stop: tokio::sync::watch::Receiver<bool>) {
    let data = config.to_request_data();
    let state = data.app_data().clone();
    let settings = state.config.federation.clone();
    let (done_tx, mut done_rx) = mpsc::unbounded_channel::<Done>();
    let mut in_flight: HashMap<String, usize> = HashMap::new();
    let mut claimed: std::collections::HashSet<i64> = std::collections::HashSet::new();
    let mut delivered: Vec<(i64, String)> = Vec::new();
    let mut total = 0usize;
    let forum = LocalForum::of(&state);
    // Claims and removals go in batches: one write per many deliveries, not per one.
    let batch = (settings.concurrency / 4).max(1);
    let mut forgotten_at = std::time::Instant::now();
    loop {
        let free = settings.concurrency - total;
        if free >= batch || (total == 0 && free > 0) {
            match claim(&state, settings.concurrency - total, &in_flight).await {
                Ok(rows) => {
                    for row in rows {
                        claimed.insert(row.id);
                        *in_flight.entry(row.inbox.clone()).or_default() += 1;
                        total += 1;
                        let data = data.clone();
                        let done = done_tx.clone();
                        let forum = forum.clone();
                        tokio::spawn(async move {
                            let inbox = row.inbox.clone();
                            let id = row.id;
                            let delivered = match deliver(&data, &forum, row).await {
                                Ok(delivered) => delivered,
                                Err(error) => {
                                    tracing::error!(%error, "could not record a delivery");
                                    None
                                }
                            };
                            done.send(Done {
                                inbox,
                                id,
                                delivered,
                            })
                            .ok();
                        });
                    }
                }
                Err(error) => tracing::error!(%error, "could not read the delivery queue"),
            }
        }
        let mut finished =
            |done: Done, in_flight: &mut HashMap<String, usize>, total: &mut usize| {
                claimed.remove(&done.id);
                if let Some(domain) = done.delivered {
                    delivered.push((done.id, domain));
                }
                if let Some(n) = in_flight.get_mut(&done.inbox) {
                    *n -= 1;
                    if *n == 0 {
                        in_flight.remove(&done.inbox);
                    }
                }
                *total -= 1;
            };
        tokio::select! {
            Some(done) = done_rx.recv() => {
                finished(done, &mut in_flight, &mut total);
                while let Ok(done) = done_rx.try_recv() {
                    finished(done, &mut in_flight, &mut total);
                }
            }
            () = state.federation.wake.notified() => {}
            () = tokio::time::sleep(Duration::from_millis(if total > 0 { 50 } else { 500 })) => {}
            _ = stop.changed() => break,
        }
        if delivered.len() >= batch
            || (total == 0 && !delivered.is_empty())
            || forgotten_at.elapsed() >= Duration::from_millis(250)
        {
            if let Err(error) = forget(&state, &delivered).await {
                tracing::error!(%error, "could not remove delivered rows");
            }
            delivered.clear();
            forgotten_at = std::time::Instant::now();
        }
    }
    if let Err(error) = forget(&state, &delivered).await {
        tracing::error!(%error, "could not remove delivered rows");
    }
    if !claimed.is_empty() {
        let released = fed_delivery::Entity::update_many()
            .col_expr(fed_delivery::Column::NextAttemptAt, Expr::value(Utc::now()))
            .filter(fed_delivery::Column::Id.is_in(claimed))
            .exec(&state.db)
            .await;
        if let Err(error) = released {
            tracing::error!(%error, "could not put back the deliveries in flight");
        }
    }
}

/// Removes delivered rows in one statement (one write, not one per delivery), and
/// clears "unreachable" from the partners they reached.
async fn forget(state: &AppState, delivered: &[(i64, String)]) -> Result<(), DbErr> {
    if delivered.is_empty() {
        return Ok(());
    }
    for chunk in delivered.chunks(500) {
        fed_delivery::Entity::delete_many()
            .filter(fed_delivery::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
            .exec(&state.db)
            .await?;
    }
    let mut domains: Vec<&str> = delivered.iter().map(|(_, d)| d.as_str()).collect();
    domains.sort_unstable();
    domains.dedup();
    fed_partner::Entity::update_many()
        .col_expr(
            fed_partner::Column::UnreachableSince,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(fed_partner::Column::Domain.is_in(domains))
        .filter(fed_partner::Column::UnreachableSince.is_not_null())
        .exec(&state.db)
        .await?;
    Ok(())
}

/// Takes up to `limit` due deliveries, keeping each inbox within its share.
async fn claim(
    state: &AppState,
    limit: usize,
    in_flight: &HashMap<String, usize>,
) -> Result<Vec<fed_delivery::Model>, DbErr> {
    let per_inbox = state.config.federation.concurrency_per_inbox;
    // How long the claimed rows are held before another worker may take them (this one died).
    let lease = TimeDelta::seconds(
        i64::try_from(state.config.federation.delivery_lease_secs).unwrap_or(i64::MAX / 1000),
    );
    let now = Utc::now();
    let candidates: Vec<(i64, String)> = fed_delivery::Entity::find()
        .select_only()
        .columns([fed_delivery::Column::Id, fed_delivery::Column::Inbox])
        .filter(fed_delivery::Column::NextAttemptAt.lte(now))
        .order_by_asc(fed_delivery::Column::NextAttemptAt)
        .order_by_asc(fed_delivery::Column::Id)
        .limit(u64::try_from(limit * 4).unwrap_or(u64::MAX))
        .into_tuple()
        .all(&state.db)
        .await?;
    let mut taken: HashMap<&str, usize> = HashMap::new();
    let mut ids = Vec::new();
    for (id, inbox) in &candidates {
        let busy = in_flight.get(inbox).copied().unwrap_or(0);
        let count = taken.entry(inbox).or_default();
        if busy + *count < per_inbox && ids.len() < limit {
            *count += 1;
            ids.push(*id);
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut chosen = Query::select();
    chosen
        .column(fed_delivery::Column::Id)
        .from(fed_delivery::Entity)
        .and_where(fed_delivery::Column::Id.is_in(ids))
        .and_where(fed_delivery::Column::NextAttemptAt.lte(now));
    if state.db.get_database_backend() == DatabaseBackend::Postgres {
        chosen.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    fed_delivery::Entity::update_many()
        .col_expr(
            fed_delivery::Column::NextAttemptAt,
            Expr::value(now + lease),
        )
        .filter(fed_delivery::Column::Id.in_subquery(chosen.to_owned()))
        .exec_with_returning(&state.db)
        .await
}

/// Signs and posts one delivery, then records what happened.
async fn deliver(
    data: &FedData,
    forum: &LocalForum,
    row: fed_delivery::Model,
) -> Result<Option<String>, DbErr> {
    let state = data.app_data();
    let db = &state.db;
    let result = send(data, forum, &row).await;
    let now = Utc::now();
    match result {
        Ok(()) => return Ok(Some(row.domain)),
        Err(error) => {
            let settings = &state.config.federation;
            let give_up = now
                - TimeDelta::hours(
                    i64::try_from(settings.give_up_after_hours).unwrap_or(i64::MAX / 3600),
                );
            let error: String = error.chars().take(500).collect();
            tracing::info!(domain = %row.domain, attempts = row.attempts + 1, error = %error, "a delivery failed");
            if row.created_at < give_up {
                fed_delivery::Entity::delete_by_id(row.id).exec(db).await?;
                tracing::warn!(domain = %row.domain, "gave up a delivery");
            } else {
                let wait = backoff(settings, row.attempts);
                let next = now + wait;
                fed_delivery::Entity::update_many()
                    .col_expr(
                        fed_delivery::Column::Attempts,
                        Expr::value(row.attempts + 1),
                    )
                    .col_expr(fed_delivery::Column::NextAttemptAt, Expr::value(next))
                    .col_expr(fed_delivery::Column::LastError, Expr::value(error))
                    .filter(fed_delivery::Column::Id.eq(row.id))
                    .exec(db)
                    .await?;
                // Everything else due for this inbox waits as long: one timeout a round.
                fed_delivery::Entity::update_many()
                    .col_expr(fed_delivery::Column::NextAttemptAt, Expr::value(next))
                    .filter(fed_delivery::Column::Inbox.eq(row.inbox.as_str()))
                    .filter(fed_delivery::Column::NextAttemptAt.lt(next))
                    .filter(fed_delivery::Column::NextAttemptAt.lte(now))
                    .exec(db)
                    .await?;
            }
            fed_delivery::Entity::delete_many()
                .filter(fed_delivery::Column::Inbox.eq(row.inbox.as_str()))
                .filter(fed_delivery::Column::CreatedAt.lt(give_up))
                .filter(fed_delivery::Column::NextAttemptAt.lte(now))
                .exec(db)
                .await?;
            fed_partner::Entity::update_many()
                .col_expr(fed_partner::Column::UnreachableSince, Expr::value(now))
                .filter(fed_partner::Column::Domain.eq(row.domain.as_str()))
                .filter(fed_partner::Column::UnreachableSince.is_null())
                .exec(db)
                .await?;
        }
    }
    Ok(None)
}

/// How long to wait after the `attempts`-th failure (0 for the first).
pub fn backoff(settings: &crate::config::FederationConfig, attempts: i32) -> TimeDelta {
    let factor = 1u64 << attempts.clamp(0, 20);
    let secs = settings
        .retry_base_secs
        .saturating_mul(factor)
        .min(settings.retry_max_secs);
    TimeDelta::seconds(i64::try_from(secs).unwrap_or(86_400))
}

/// Posts the row's stored activity to its inbox once the crate has checked the
/// inbox (scheme, port, private addresses, blocked domains: `prepare` leaves out an inbox
/// that fails). The body goes as it was stored, byte for byte.
async fn send(data: &FedData, forum: &LocalForum, row: &fed_delivery::Model) -> Result<(), String> {
    let activity: Value = serde_json::from_str(&row.body).map_err(|e| e.to_string())?;
    let stored = Stored {
        id: Url::parse(&row.activity_id).map_err(|e| e.to_string())?,
        actor: activity["actor"]
            .as_str()
            .and_then(|a| Url::parse(a).ok())
            .ok_or("the stored activity has no actor")?,
        body: activity,
    };
    let inbox = Url::parse(&row.inbox).map_err(|e| e.to_string())?;
    let checked = SendActivityTask::prepare(&stored, forum, vec![inbox.clone()], data)
        .await
        .map_err(|e| e.to_string())?;
    if checked.is_empty() {
        // The inbox is blocked or not allowed: nothing to send, and nothing to retry.
        return Ok(());
    }
    let posted = data
        .app_data()
        .federation
        .signer
        .post(&inbox, row.body.clone())
        .await
        .map_err(|e| e.to_string())?;
    if let Posted::Refused(status) = posted {
        tracing::debug!(domain = %row.domain, %status, "an inbox refused a delivery for good");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let settings = crate::config::FederationConfig::default();
        assert_eq!(backoff(&settings, 0), TimeDelta::minutes(1));
        assert_eq!(backoff(&settings, 1), TimeDelta::minutes(2));
        assert_eq!(backoff(&settings, 5), TimeDelta::minutes(32));
        assert_eq!(backoff(&settings, 11), TimeDelta::days(1));
        assert_eq!(backoff(&settings, 400), TimeDelta::days(1));
    }
}
