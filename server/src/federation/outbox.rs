//! Turns changes to this forum's own things into activities for its partners:
//!
//! - stories: a story that is published, live, `federated` and not a sample goes out as
//!   `Create`, then `Update` whenever what partners see changes, and `Delete` with a
//!   `Tombstone` once it is not (withdrawn, erased, narrowed), all by its pseudonymous
//!   `Person` and announced by the forum (FEP-1b12);
//! - replies of members to partners' stories go to that story's forum as `Create(Note)`;
//! - pattern reports (one per area × quarter of the published figures) go out as
//!   `Create`, then `Update` after a refresh changed them, `Delete` when gone.
//!
//! The sweep reads stories changed since its cursor (`story.updated_at`, with an overlap
//! so a transaction that committed late is not missed) and compares with what was last
//! sent (`fed_object`), so running it twice sends nothing twice. On PostgreSQL an
//! advisory lock keeps replicas from sweeping at once.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait, sea_query::OnConflict,
};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use url::Url;

use super::{
    objects::{self, FigureIn},
    partners,
    queue::{self, Target},
};
use crate::{
    AppState,
    entities::{fed_object, fed_partner, instance_setting, reply, stat_figure, story},
    stats::{refresh, routes::Unit},
    stories::{State, Visibility},
};

/// PostgreSQL advisory lock key: one sweep at a time across replicas.
const LOCK_KEY: i64 = 0x4354_4f42; // "CTOB"
const CURSOR: &str = "federation_cursor";
const REPORTS_SENT: &str = "federation_reports_of";
/// Stories changed this long before the cursor are read again.
const OVERLAP: TimeDelta = TimeDelta::seconds(5);
const BATCH: u64 = 500;
/// `fed_object` keys of replies to take back.
const RETRACT: &str = "retract:reply:";

fn digest(value: &Value) -> String {
    Sha256::digest(value.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn setting(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>, DbErr> {
    Ok(instance_setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|row| row.value))
}

async fn set_setting(
    dry: bool,
    db: &impl ConnectionTrait,
    key: &str,
    value: String,
) -> Result<(), DbErr> {
    if dry {
        return Ok(());
    }
    instance_setting::Entity::insert(instance_setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(instance_setting::Column::Key)
            .update_columns([
                instance_setting::Column::Value,
                instance_setting::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// One sweep: stories, replies, reports. Returns how many activities it queued.
///
/// It first looks without writing (most sweeps find nothing to do), and only then takes
/// the write lock: on SQLite a writer every second would make other transactions that
/// read before they write fail to upgrade.
pub async fn sweep(state: &AppState) -> Result<usize, DbErr> {
    let look = state.db.begin().await?;
    let work = pass(true, state, &look).await?;
    look.rollback().await?;
    if work == 0 {
        return Ok(0);
    }
    let txn = crate::db::begin_write(&state.db).await?;
    if txn.get_database_backend() == DatabaseBackend::Sqlite {
        // Write first, so SQLite takes its write lock now (waiting its busy timeout if it
        // must) rather than failing to upgrade a read later.
        txn.execute_unprepared(
            "UPDATE instance_setting SET key = key WHERE key = 'federation_cursor'",
        )
        .await?;
    }
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        let locked = txn
            .query_one_raw(sea_orm::Statement::from_string(
                DatabaseBackend::Postgres,
                format!("SELECT pg_try_advisory_xact_lock({LOCK_KEY}) AS locked"),
            ))
            .await?
            .map(|row| row.try_get::<bool>("", "locked"))
            .transpose()?
            .unwrap_or(false);
        if !locked {
            return Ok(0);
        }
    }
    let queued = pass(false, state, &txn).await?;
    txn.commit().await?;
    if queued > 0 {
        state.federation.wake.notify_one();
    }
    Ok(queued)
}

/// What one sweep sends; with `dry`, only counts what it would change.
async fn pass(dry: bool, state: &AppState, txn: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let followers = partners::follower_targets(txn).await?;
    Ok(stories(dry, state, txn, &followers).await?
        + replies(dry, state, txn).await?
        + reports(dry, state, txn, &followers).await?
        + retractions(dry, state, txn).await?)
}

fn story_desired(row: &story::Model) -> bool {
    row.origin_partner_id.is_none()
        && row.live
        && row.state == State::Published
        && row.visibility == Visibility::Federated
        && !row.sample
}

fn random_token() -> Result<String, DbErr> {
    crate::stories::pseudonym::public_id().map_err(|e| DbErr::Custom(e.to_string()))
}

async fn stories(
    dry: bool,
    state: &AppState,
    txn: &impl ConnectionTrait,
    followers: &[Target],
) -> Result<usize, DbErr> {
    let identity = &state.federation.identity;
    let stored = setting(txn, CURSOR)
        .await?
        .and_then(|c| DateTime::parse_from_rfc3339(&c).ok())
        .map(|c| c.with_timezone(&Utc));
    // This process's cursor runs ahead of the stored one, which is written only with
    // something to send: a change that sends nothing must not make a write.
    let seen = state.federation.cursor().max(stored);
    let cursor = seen.map(|c| c - OVERLAP);
    let mut newest = None;
    let mut queued = 0;
    // Within a pass, batches follow on by (updated_at, id): many stories can share one
    // instant (a bulk change), and a batch boundary must not skip any of them.
    let mut after: Option<(DateTime<Utc>, i64)> = None;
    loop {
        let mut select = story::Entity::find()
            .filter(story::Column::OriginPartnerId.is_null())
            .order_by_asc(story::Column::UpdatedAt)
            .order_by_asc(story::Column::Id)
            .limit(BATCH);
        match (after, cursor) {
            (Some((at, id)), _) => {
                select = select.filter(
                    Condition::any().add(story::Column::UpdatedAt.gt(at)).add(
                        Condition::all()
                            .add(story::Column::UpdatedAt.eq(at))
                            .add(story::Column::Id.gt(id)),
                    ),
                );
            }
            (None, Some(cursor)) => select = select.filter(story::Column::UpdatedAt.gte(cursor)),
            (None, None) => {}
        }
        let rows = select.all(txn).await?;
        let Some((last, last_id)) = rows.last().map(|r| (r.updated_at, r.id)) else {
            break;
        };
        let keys: Vec<String> = rows.iter().map(|r| format!("story:{}", r.id)).collect();
        let sent: HashMap<String, fed_object::Model> = fed_object::Entity::find()
            .filter(fed_object::Column::Key.is_in(keys))
            .all(txn)
            .await?
            .into_iter()
            .map(|o| (o.key.clone(), o))
            .collect();
        let full = rows.len() as u64 == BATCH;
        for row in &rows {
            let key = format!("story:{}", row.id);
            let existing = sent.get(&key);
            let desired = story_desired(row);
            if desired {
                let (token, published_at) = match existing {
                    Some(o) => (o.person_token.clone().unwrap_or_default(), o.published_at),
                    None => (random_token()?, Utc::now()),
                };
                let person = objects::person_id(identity, &token);
                let article = objects::article(state, row, &person, published_at);
                let mut compared = article.clone();
                compared.as_object_mut().map(|m| m.remove("updated"));
                let hash = digest(&compared);
                let kind = match existing.and_then(|o| o.sent_hash.as_deref()) {
                    None => "Create",
                    Some(old) if old != hash => "Update",
                    Some(_) => continue,
                };
                let activity = objects::announce(
                    state,
                    objects::activity(state, kind, &person, article.clone()),
                );
                queued += if dry {
                    1
                } else {
                    queue::enqueue(txn, &activity, followers).await?
                };
                save(
                    dry,
                    txn,
                    fed_object::Model {
                        key,
                        ap_id: objects::story_id(identity, &row.public_id).to_string(),
                        person_token: Some(token),
                        person_keys: existing.and_then(|o| o.person_keys.clone()),
                        sent_hash: Some(hash),
                        sent_json: Some(article.to_string()),
                        published_at,
                        updated_at: Utc::now(),
                    },
                )
                .await?;
            } else if let Some(existing) = existing.filter(|o| o.sent_hash.is_some()) {
                let person = objects::person_id(
                    identity,
                    existing.person_token.as_deref().unwrap_or_default(),
                );
                let id = Url::parse(&existing.ap_id).map_err(|e| DbErr::Custom(e.to_string()))?;
                let delete = objects::announce(
                    state,
                    objects::activity(state, "Delete", &person, objects::tombstone(&id, "Article")),
                );
                queued += if dry {
                    1
                } else {
                    queue::enqueue(txn, &delete, followers).await?
                };
                let mut gone = existing.clone();
                gone.sent_hash = None;
                gone.sent_json = None;
                gone.updated_at = Utc::now();
                save(dry, txn, gone).await?;
            }
        }
        newest = Some(last);
        if !full {
            break;
        }
        after = Some((last, last_id));
    }
    if let Some(newest) = newest.filter(|n| seen.is_none_or(|seen| *n > seen)) {
        if !dry && queued > 0 {
            set_setting(false, txn, CURSOR, newest.to_rfc3339()).await?;
        }
        // Read again next time unless this pass is the one that counts: a dry pass that
        // found work leaves it to the pass that sends.
        if !dry || queued == 0 {
            state.federation.advance_cursor(newest);
        }
    }
    Ok(queued)
}

async fn save(dry: bool, txn: &impl ConnectionTrait, row: fed_object::Model) -> Result<(), DbErr> {
    if dry {
        return Ok(());
    }
    let active = fed_object::ActiveModel {
        key: Set(row.key),
        ap_id: Set(row.ap_id),
        person_token: Set(row.person_token),
        person_keys: Set(row.person_keys),
        sent_hash: Set(row.sent_hash),
        sent_json: Set(row.sent_json),
        published_at: Set(row.published_at),
        updated_at: Set(row.updated_at),
    };
    fed_object::Entity::insert(active)
        .on_conflict(
            OnConflict::column(fed_object::Column::Key)
                .update_columns([
                    fed_object::Column::ApId,
                    fed_object::Column::PersonToken,
                    fed_object::Column::SentHash,
                    fed_object::Column::SentJson,
                    fed_object::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Members' published replies to partners' stories, not sent yet.
async fn replies(dry: bool, state: &AppState, txn: &impl ConnectionTrait) -> Result<usize, DbErr> {
    let rows: Vec<(reply::Model, Option<story::Model>)> = reply::Entity::find()
        .find_also_related(story::Entity)
        .filter(reply::Column::ApId.is_null())
        .filter(reply::Column::OriginPartnerId.is_null())
        .filter(reply::Column::State.eq(crate::entities::reply::ReplyState::Published))
        .filter(story::Column::OriginPartnerId.is_not_null())
        .limit(BATCH)
        .all(txn)
        .await?;
    let mut queued = 0;
    for (row, story) in rows {
        let Some(story) = story else { continue };
        let (Some(partner_id), Some(story_ap_id)) =
            (story.origin_partner_id, story.ap_id.as_deref())
        else {
            continue;
        };
        let Some(partner) = fed_partner::Entity::find_by_id(partner_id).one(txn).await? else {
            continue;
        };
        let note = objects::note(state, &row, story_ap_id, &partner.actor);
        let id = note["id"].as_str().unwrap_or_default().to_owned();
        let actor = state.federation.identity.actor.clone();
        let mut create = objects::activity(state, "Create", &actor, note);
        create["to"] = json!([partner.actor]);
        create["cc"] = json!([objects::PUBLIC]);
        if let Some(target) = Target::new(&partner.inbox) {
            queued += if dry {
                1
            } else {
                queue::enqueue(txn, &create, &[target]).await?
            };
        }
        if dry {
            continue;
        }
        reply::Entity::update_many()
            .col_expr(reply::Column::ApId, sea_orm::sea_query::Expr::value(id))
            .filter(reply::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
    }
    Ok(queued)
}

/// The pattern reports of the latest published figures, by (area, quarter). Each lists
/// every category and tag of the vocabulary in use, hidden ones as `null`, so that which
/// hidden figures count any families is never told; all count families, for quarters that
/// have ended.
async fn current_reports(
    state: &AppState,
    txn: &impl ConnectionTrait,
) -> Result<Option<(DateTime<Utc>, BTreeMap<(String, String), Value>)>, DbErr> {
    let Some(release) = refresh::latest(txn).await? else {
        return Ok(None);
    };
    let layout = crate::stats::Catalogue::load(&state.patterns, txn)
        .await?
        .layout;
    let identity = &state.federation.identity;
    let figures = stat_figure::Entity::find()
        .order_by_asc(stat_figure::Column::Area)
        .order_by_asc(stat_figure::Column::Quarter)
        .all(txn)
        .await?;
    // (area, quarter) → (kind, key) → count.
    type Counts = HashMap<(String, String), Option<i32>>;
    let mut grouped: BTreeMap<(String, String), Counts> = BTreeMap::new();
    for figure in figures {
        grouped
            .entry((figure.area, figure.quarter))
            .or_default()
            .insert((figure.kind, figure.key), figure.count);
    }
    let public_url = state.config.server.public_url.origin();
    let reports = grouped
        .into_iter()
        .map(|((area, quarter), counts)| {
            let count = |kind: &str, key: &str| {
                counts
                    .get(&(kind.to_owned(), key.to_owned()))
                    .copied()
                    .flatten()
            };
            let listed: Vec<FigureIn> = (1..layout.width())
                .map(|i| {
                    let (kind, key) = layout.figure(i).kind_and_key();
                    FigureIn {
                        kind: kind.to_owned(),
                        key: key.to_owned(),
                        count: count(kind, key),
                    }
                })
                .collect();
            let report = json!({
                "@context": super::actor::context(&public_url),
                "type": "PatternReport",
                "id": objects::report_id(identity, &area, &quarter),
                "attributedTo": identity.actor,
                "to": [objects::PUBLIC],
                "area": area,
                "period": quarter,
                "unit": Unit::Family.as_str(),
                "complete": true,
                "k": release.k,
                "vocabularyVersion": release.vocabulary_version,
                "epsilon": release.epsilon,
                "total": count("total", ""),
                "figures": listed,
                "updated": objects::rfc3339(release.refreshed_at),
            });
            ((area, quarter), report)
        })
        .collect();
    Ok(Some((release.refreshed_at, reports)))
}

async fn reports(
    dry: bool,
    state: &AppState,
    txn: &impl ConnectionTrait,
    followers: &[Target],
) -> Result<usize, DbErr> {
    // With no partner following, nothing to send (and no write): a partner that follows
    // later gets the current reports with its backfill.
    if followers.is_empty() {
        return Ok(0);
    }
    let Some((refreshed_at, reports)) = current_reports(state, txn).await? else {
        return Ok(0);
    };
    let marker = refreshed_at.to_rfc3339();
    if setting(txn, REPORTS_SENT).await?.as_deref() == Some(marker.as_str()) {
        return Ok(0);
    }
    let identity = &state.federation.identity;
    let sent: HashMap<String, fed_object::Model> = fed_object::Entity::find()
        .filter(fed_object::Column::Key.starts_with("report:"))
        .all(txn)
        .await?
        .into_iter()
        .map(|o| (o.key.clone(), o))
        .collect();
    let mut queued = 0;
    let mut current = std::collections::HashSet::new();
    for ((area, quarter), report) in reports {
        let key = format!("report:{area}:{quarter}");
        current.insert(key.clone());
        let mut compared = report.clone();
        compared.as_object_mut().map(|m| m.remove("updated"));
        let hash = digest(&compared);
        let existing = sent.get(&key);
        let kind = match existing.and_then(|o| o.sent_hash.as_deref()) {
            None => "Create",
            Some(old) if old != hash => "Update",
            Some(_) => continue,
        };
        let activity = objects::activity(state, kind, &identity.actor, report.clone());
        queued += if dry {
            1
        } else {
            queue::enqueue(txn, &activity, followers).await?
        };
        save(
            dry,
            txn,
            fed_object::Model {
                key,
                ap_id: report["id"].as_str().unwrap_or_default().to_owned(),
                person_token: None,
                person_keys: None,
                sent_hash: Some(hash),
                sent_json: Some(report.to_string()),
                published_at: existing.map_or_else(Utc::now, |o| o.published_at),
                updated_at: Utc::now(),
            },
        )
        .await?;
    }
    for (key, existing) in sent {
        if current.contains(&key) || existing.sent_hash.is_none() {
            continue;
        }
        let id = Url::parse(&existing.ap_id).map_err(|e| DbErr::Custom(e.to_string()))?;
        let delete = objects::activity(
            state,
            "Delete",
            &identity.actor,
            objects::tombstone(&id, "PatternReport"),
        );
        queued += if dry {
            1
        } else {
            queue::enqueue(txn, &delete, followers).await?
        };
        let mut gone = existing;
        gone.sent_hash = None;
        gone.sent_json = None;
        gone.updated_at = Utc::now();
        save(dry, txn, gone).await?;
    }
    queued += usize::from(dry);
    set_setting(dry, txn, REPORTS_SENT, marker).await?;
    Ok(queued)
}

/// Everything federated now, for a partner that has just started following: each story
/// as an announced `Create` by its author, each report as a `Create`.
pub async fn backfill(
    state: &AppState,
    txn: &impl ConnectionTrait,
    target: &Target,
) -> Result<usize, DbErr> {
    let identity = &state.federation.identity;
    let objects = fed_object::Entity::find()
        .filter(fed_object::Column::SentJson.is_not_null())
        .filter(fed_object::Column::PersonToken.is_not_null())
        .order_by_asc(fed_object::Column::PublishedAt)
        .all(txn)
        .await?;
    let mut queued = 0;
    for object in objects {
        let Some(json) = object
            .sent_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<Value>(j).ok())
        else {
            continue;
        };
        let activity = match &object.person_token {
            Some(token) => objects::announce(
                state,
                objects::activity(state, "Create", &objects::person_id(identity, token), json),
            ),
            None => objects::activity(state, "Create", &identity.actor, json),
        };
        queued += queue::enqueue(txn, &activity, std::slice::from_ref(target)).await?;
    }
    if let Some((_, reports)) = current_reports(state, txn).await? {
        for report in reports.into_values() {
            let activity = objects::activity(state, "Create", &identity.actor, report);
            queued += queue::enqueue(txn, &activity, std::slice::from_ref(target)).await?;
        }
    }
    Ok(queued)
}

/// Runs the sweep until the server stops, every second (a sweep with nothing to do is
/// one indexed query).
pub async fn run(state: AppState) {
    let mut pruned = std::time::Instant::now() - std::time::Duration::from_secs(3600);
    loop {
        if pruned.elapsed() >= std::time::Duration::from_secs(3600) {
            pruned = std::time::Instant::now();
            // Activity ids are remembered for 30 days: a partner retries for 7 at most.
            let forgotten = crate::entities::fed_seen::Entity::delete_many()
                .filter(
                    crate::entities::fed_seen::Column::ReceivedAt
                        .lt(Utc::now() - TimeDelta::days(30)),
                )
                .exec(&state.db)
                .await;
            if let Err(error) = forgotten {
                tracing::error!(%error, "could not forget old activity ids");
            }
        }
        if let Err(error) = sweep(&state).await {
            tracing::error!(%error, "the federation sweep failed");
        }
        if let Err(error) = state.federation.reload_blocks(&state.db).await {
            tracing::error!(%error, "could not reload the blocked domains");
        }
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}

/// A member's "this happened to us too" on a partner's story, sent to its forum as a
/// `Like` by this forum (or its `Undo`). The Like's id is derived from the story, the
/// member and this forum's private key: the same each time for one member, so an `Undo`
/// names it, and unlinkable to the member anywhere else.
pub async fn like(
    state: &AppState,
    txn: &impl ConnectionTrait,
    story: &story::Model,
    account_id: i64,
    undo: bool,
) -> Result<(), DbErr> {
    let (Some(partner_id), Some(object)) = (story.origin_partner_id, story.ap_id.as_deref()) else {
        return Ok(());
    };
    let Some(partner) = fed_partner::Entity::find_by_id(partner_id).one(txn).await? else {
        return Ok(());
    };
    let identity = &state.federation.identity;
    let secret = format!("{}|{}|{account_id}", identity.private_key_pem, story.id);
    let token: String = digest(&json!(secret)).chars().take(32).collect();
    let like = json!({
        "type": "Like",
        "id": identity.url(&format!("/ap/likes/{token}")),
        "actor": identity.actor,
        "object": object,
    });
    let activity = if undo {
        let mut undo = objects::activity(state, "Undo", &identity.actor, like);
        undo["to"] = json!([partner.actor]);
        undo
    } else {
        let mut like = like;
        like["@context"] = json!("https://www.w3.org/ns/activitystreams");
        like["to"] = json!([partner.actor]);
        like
    };
    if let Some(target) = Target::new(&partner.inbox) {
        queue::enqueue(txn, &activity, &[target]).await?;
    }
    Ok(())
}

/// Marks a reply sent to a partner for taking back (its author's account is being
/// erased): the next sweep sends the partner a `Delete`. Called inside the erasure's
/// transaction, so the mark and the erasure stand or fall together.
pub async fn retract_reply(
    db: &impl ConnectionTrait,
    reply_id: i64,
    ap_id: &str,
    partner_id: Option<i64>,
) -> Result<(), DbErr> {
    let Some(partner_id) = partner_id else {
        return Ok(());
    };
    let now = Utc::now();
    save(
        false,
        db,
        fed_object::Model {
            key: format!("{RETRACT}{reply_id}"),
            ap_id: ap_id.to_owned(),
            person_token: None,
            person_keys: None,
            sent_hash: Some(partner_id.to_string()),
            sent_json: None,
            published_at: now,
            updated_at: now,
        },
    )
    .await
}

/// Replies to take back: a `Delete` with a `Tombstone` to the forum each went to.
async fn retractions(
    dry: bool,
    state: &AppState,
    txn: &impl ConnectionTrait,
) -> Result<usize, DbErr> {
    let rows = fed_object::Entity::find()
        .filter(fed_object::Column::Key.starts_with(RETRACT))
        .limit(BATCH)
        .all(txn)
        .await?;
    if dry {
        return Ok(rows.len());
    }
    let identity = &state.federation.identity;
    let mut queued = 0;
    for row in rows {
        let partner = match row.sent_hash.as_deref().and_then(|p| p.parse::<i64>().ok()) {
            Some(id) => fed_partner::Entity::find_by_id(id).one(txn).await?,
            None => None,
        };
        if let (Some(partner), Ok(id)) = (partner, Url::parse(&row.ap_id)) {
            let mut delete = objects::activity(
                state,
                "Delete",
                &identity.actor,
                objects::tombstone(&id, "Note"),
            );
            delete["to"] = json!([partner.actor]);
            if let Some(target) = Target::new(&partner.inbox) {
                queued += queue::enqueue(txn, &delete, &[target]).await?;
            }
        }
        fed_object::Entity::delete_by_id(row.key).exec(txn).await?;
    }
    Ok(queued)
}
