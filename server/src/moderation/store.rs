//! The only queries on `moderation_log`. Rows are only ever added; erasing an account
//! empties the columns that pointed at it.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::{accounts, entities::moderation_log};

use super::Action;

pub struct NewEntry<'a> {
    pub action: Action,
    pub actor_id: i64,
    pub subject_account_id: Option<i64>,
    /// The public id of the story it concerns.
    pub story_id: Option<&'a str>,
    pub detail: &'a str,
    pub reason: Option<&'a str>,
}

pub async fn record(db: &impl ConnectionTrait, entry: NewEntry<'_>) -> Result<(), DbErr> {
    moderation_log::ActiveModel {
        action: Set(entry.action.as_str().to_owned()),
        actor_id: Set(Some(entry.actor_id)),
        subject_account_id: Set(entry.subject_account_id),
        story_id: Set(entry.story_id.map(str::to_owned)),
        detail: Set(entry.detail.to_owned()),
        reason: Set(entry.reason.map(str::to_owned)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// An entry with the handles it names (`None` for an erased account).
pub struct Entry {
    pub row: moderation_log::Model,
    pub actor: Option<String>,
    pub subject: Option<String>,
}

/// The newest entries first, at most `limit`, optionally only those before id `before`.
pub async fn newest(
    db: &impl ConnectionTrait,
    before: Option<i64>,
    limit: u64,
) -> Result<Vec<Entry>, DbErr> {
    let mut query = moderation_log::Entity::find()
        .order_by_desc(moderation_log::Column::Id)
        .limit(limit);
    if let Some(before) = before {
        query = query.filter(moderation_log::Column::Id.lt(before));
    }
    with_handles(db, query.all(db).await?).await
}

/// Entries the account did or was the subject of (for its data export).
pub async fn involving(db: &impl ConnectionTrait, account_id: i64) -> Result<Vec<Entry>, DbErr> {
    let rows = moderation_log::Entity::find()
        .filter(
            Condition::any()
                .add(moderation_log::Column::ActorId.eq(account_id))
                .add(moderation_log::Column::SubjectAccountId.eq(account_id)),
        )
        .order_by_asc(moderation_log::Column::Id)
        .all(db)
        .await?;
    with_handles(db, rows).await
}

async fn with_handles(
    db: &impl ConnectionTrait,
    rows: Vec<moderation_log::Model>,
) -> Result<Vec<Entry>, DbErr> {
    let ids = rows
        .iter()
        .flat_map(|r| [r.actor_id, r.subject_account_id])
        .flatten()
        .collect();
    let handles = accounts::service::handles_by_id(db, ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| Entry {
            actor: row.actor_id.and_then(|id| handles.get(&id).cloned()),
            subject: row
                .subject_account_id
                .and_then(|id| handles.get(&id).cloned()),
            row,
        })
        .collect())
}
