//! The refresh job: reads the stories that count, works out every area × quarter, applies
//! noise (when the forum adds it) and disclosure control, and replaces the published
//! figures in one transaction. The server runs it once a day (and at start-up when it is
//! due); `commonthread stats refresh` runs it on demand.

use std::{collections::HashMap, time::Duration};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait as _, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    Catalogue, Quarter,
    noise::{Kept, Noise},
    tables::{self, Unit},
};
use crate::{
    AppState,
    config::StatsConfig,
    entities::{stat_figure, stat_noise, stat_release, story},
    patterns::Patterns,
    stories::State,
};

/// How often the server refreshes the figures: never more often, so that one new story
/// cannot be spotted as a step in a live counter.
pub const INTERVAL: Duration = Duration::from_secs(24 * 60 * 60);
/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters.
const BATCH: usize = 1000;
/// PostgreSQL advisory lock key: one refresh at a time across replicas and the CLI.
const LOCK_KEY: i64 = 0x0C7_5747;

/// What one refresh did, for the log and the CLI. Only totals: nothing about any story.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub stories: usize,
    pub rows: usize,
    pub figures: usize,
    pub published: usize,
    pub quarter_to_date: Quarter,
}

/// The stories that count: published (whatever their visibility, counted-only too),
/// consenting to be counted, not samples, this forum's own (a partner's stories come as
/// its own pattern reports), with an area. `tables::count` then drops those
/// whose period has no month.
pub async fn counted(
    db: &impl ConnectionTrait,
) -> Result<Vec<(String, String, String)>, sea_orm::DbErr> {
    story::Entity::find()
        .select_only()
        .column(story::Column::Area)
        .column(story::Column::Period)
        .column(story::Column::Tags)
        .filter(story::Column::State.eq(State::Published))
        .filter(story::Column::ConsentCount.eq(true))
        .filter(story::Column::Sample.eq(false))
        .filter(story::Column::OriginPartnerId.is_null())
        .filter(story::Column::Area.is_not_null())
        .into_tuple()
        .all(db)
        .await
}

/// Works the figures out as of `today` and publishes them.
pub async fn refresh(
    db: &DatabaseConnection,
    patterns: &Patterns,
    settings: &StatsConfig,
    now: DateTime<Utc>,
) -> anyhow::Result<Summary> {
    let catalogue = Catalogue::load(patterns, db).await?;
    let layout = &catalogue.layout;
    let groups = layout.groups();
    let today: NaiveDate = now.date_naive();
    let quarter_to_date = Quarter::of(today);
    let stories = counted(db).await?;
    let counts = tables::count(
        layout,
        stories
            .iter()
            .map(|(area, period, tags)| Unit { area, period, tags }),
    );
    let noise = settings.epsilon.map(Noise::new).transpose()?;
    let kept = match noise {
        Some(_) => kept_noise(db).await?,
        None => HashMap::new(),
    };
    let mut figures = Vec::new();
    let mut noise_rows = Vec::new();
    for ((area, quarter), raw) in &counts {
        if *quarter > quarter_to_date {
            continue;
        }
        let noisy = match &noise {
            Some(noise) => {
                let kept = kept.get(&(area.clone(), quarter.to_string()));
                let (noisy, keep) = noise.apply(layout, kept, area, *quarter, raw)?;
                noise_rows.extend(keep);
                noisy
            }
            None => raw.clone(),
        };
        figures.extend(tables::publish(
            layout, &groups, area, *quarter, raw, &noisy, settings.k,
        ));
    }
    let summary = Summary {
        stories: counts.values().map(|row| row[0] as usize).sum(),
        rows: counts.len(),
        figures: figures.len(),
        published: figures.iter().filter(|f| f.count.is_some()).count(),
        quarter_to_date,
    };

    let txn = crate::db::begin_write(db).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({LOCK_KEY})"))
            .await?;
    }
    stat_figure::Entity::delete_many().exec(&txn).await?;
    stat_noise::Entity::delete_many().exec(&txn).await?;
    stat_release::Entity::delete_many().exec(&txn).await?;
    insert_all::<stat_figure::Entity>(&txn, figures).await?;
    insert_all::<stat_noise::Entity>(&txn, noise_rows).await?;
    stat_release::ActiveModel {
        refreshed_at: Set(now),
        k: Set(i32::try_from(settings.k).unwrap_or(i32::MAX)),
        epsilon: Set(settings.epsilon),
        vocabulary_version: Set(i32::try_from(catalogue.vocabulary_version).unwrap_or(i32::MAX)),
        quarter_to_date: Set(quarter_to_date.to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(summary)
}

/// Inserts `rows` in batches of `BATCH`.
async fn insert_all<E>(db: &impl ConnectionTrait, rows: Vec<E::Model>) -> Result<(), sea_orm::DbErr>
where
    E: EntityTrait,
    E::Model: IntoActiveModel<E::ActiveModel>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<E::ActiveModel> = rows
            .by_ref()
            .take(BATCH)
            .map(IntoActiveModel::into_active_model)
            .collect();
        E::insert_many(batch).exec_without_returning(db).await?;
    }
    Ok(())
}

async fn kept_noise(
    db: &impl ConnectionTrait,
) -> Result<HashMap<(String, String), Kept>, sea_orm::DbErr> {
    let mut kept: HashMap<(String, String), Kept> = HashMap::new();
    for row in stat_noise::Entity::find().all(db).await? {
        kept.entry((row.area, row.quarter))
            .or_default()
            .insert((row.kind, row.key), (row.drawn_for, row.noise));
    }
    Ok(kept)
}

/// The latest release, if the figures were ever worked out.
pub async fn latest(
    db: &impl ConnectionTrait,
) -> Result<Option<stat_release::Model>, sea_orm::DbErr> {
    stat_release::Entity::find()
        .order_by_desc(stat_release::Column::RefreshedAt)
        .one(db)
        .await
}

/// Runs for as long as the server: refreshes when the last refresh is a day old (or
/// there was none), and looks again at least hourly, since the CLI may have refreshed.
pub async fn daily(state: AppState) {
    const RECHECK: Duration = Duration::from_secs(60 * 60);
    loop {
        let now = Utc::now();
        let wait = match latest(&state.db).await {
            Ok(Some(release)) => (release.refreshed_at + INTERVAL - now)
                .to_std()
                .unwrap_or_default(),
            Ok(None) => Duration::ZERO,
            Err(e) => {
                tracing::error!(error = %e, "statistics: could not read the latest refresh");
                RECHECK
            }
        };
        if wait.is_zero() {
            let started = std::time::Instant::now();
            match refresh(&state.db, &state.patterns, &state.config.stats, now).await {
                Ok(summary) => log(&summary, started.elapsed()),
                Err(e) => {
                    tracing::error!(error = %e, "statistics: the refresh failed; trying again in an hour");
                    tokio::time::sleep(RECHECK).await;
                }
            }
        } else {
            tokio::time::sleep(wait.min(RECHECK)).await;
        }
    }
}

pub fn log(summary: &Summary, took: Duration) {
    tracing::info!(
        stories = summary.stories,
        rows = summary.rows,
        figures = summary.figures,
        published = summary.published,
        ms = took.as_millis() as u64,
        "statistics refreshed"
    );
}
