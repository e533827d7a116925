//! The refresh job: reads the stories that count, groups them into families, applies the
//! release rule (`release`), noise (when the forum adds it), disclosure control and the
//! audit, and replaces the published figures in one transaction, keeping the release
//! before for `commonthread stats audit`. Only quarters that have ended, and
//! `stats.publish_after_days` ago, are published. The server runs it once a day (and at
//! start-up when it is due); `commonthread stats refresh` runs it on demand.

use std::{collections::HashMap, time::Duration};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait as _, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend,
    DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};

use super::{
    Catalogue, Layout, Quarter,
    noise::{Kept, Noise},
    release::{self, Baselines, Settings, Shown},
    tables::{self, Unit},
};
use crate::{
    AppState,
    config::StatsConfig,
    entities::{stat_baseline, stat_figure, stat_noise, stat_previous, stat_release, story},
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

/// Another replica (or the CLI) published a release while this refresh was working its
/// own out from the release before: this one is dropped, since its hold-and-hide
/// decisions were made against figures no longer shown. Read again and decide afresh.
#[derive(Debug, thiserror::Error)]
#[error("another refresh published figures meanwhile")]
pub struct Superseded;

/// What one refresh did, for the log and the CLI. Only totals: nothing about any story.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub stories: usize,
    pub families: usize,
    pub rows: usize,
    pub held: usize,
    pub hidden: usize,
    pub figures: usize,
    pub published: usize,
    pub published_through: Quarter,
}

/// A story that counts, as the refresh reads it: (author, id, area, period, tags).
type Counted = (Option<i64>, i64, String, String, String);

/// The stories that count: published (whatever their visibility, counted-only too),
/// consenting to be counted, not samples, this forum's own (a partner's stories come as
/// its own pattern reports), with an area. `tables::families` then drops those whose
/// period has no month. The author is read to count families and goes no further.
pub async fn counted(db: &impl ConnectionTrait) -> Result<Vec<Counted>, sea_orm::DbErr> {
    story::Entity::find()
        .select_only()
        .column(story::Column::AuthorId)
        .column(story::Column::Id)
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

/// Works the figures out as of `now` and publishes them.
pub async fn refresh(
    db: &DatabaseConnection,
    patterns: &Patterns,
    settings: &StatsConfig,
    now: DateTime<Utc>,
) -> anyhow::Result<Summary> {
    // The release this one follows: it must still be the latest when this one is written.
    let follows = latest(db).await?.map(|release| release.id);
    let catalogue = Catalogue::load(patterns, db).await?;
    let layout = catalogue.layout.clone();
    let today: NaiveDate = now.date_naive();
    let published_through = Quarter::latest_published(today, settings.publish_after_days);
    let mut stories = counted(db).await?;
    // Only stories of quarters that may be published count; a year alone has no quarter.
    stories.retain(|(_, _, _, period, _)| {
        Quarter::of_period(period).is_some_and(|q| q <= published_through)
    });
    let story_count = stories.len();
    let rows: tables::Rows = tables::families(
        &layout,
        stories.iter().map(|(author, id, area, period, tags)| Unit {
            // A story with no author account is a family of its own.
            family: author.unwrap_or(-id),
            area,
            period,
            tags,
        }),
    );
    drop(stories);
    let baselines = baselines(db, &layout).await?;
    let previous = shown(&layout, stat_figure::Entity::find().all(db).await?);
    let noise = settings.epsilon.map(Noise::new).transpose()?;
    let kept = match noise {
        Some(_) => kept_noise(db).await?,
        None => HashMap::new(),
    };
    let k = settings.k;
    let worked = tokio::task::spawn_blocking(move || {
        release::work_out(
            &Settings {
                layout: &layout,
                k,
                noise: noise.as_ref(),
                kept_noise: &kept,
            },
            &rows,
            &baselines,
            &previous,
        )
        .map(|worked| (worked, layout))
    })
    .await??;
    let (worked, layout) = worked;
    let summary = Summary {
        stories: story_count,
        families: worked.families,
        rows: worked.rows,
        held: worked.held,
        hidden: worked.hidden,
        figures: worked.rows * layout.width(),
        published: worked.figures.iter().filter(|f| f.count.is_some()).count(),
        published_through,
    };
    let baseline_rows: Vec<stat_baseline::Model> = worked
        .baselines
        .iter()
        .flat_map(|((area, quarter), histogram)| {
            histogram
                .iter()
                .map(|(tags, &families)| stat_baseline::Model {
                    area: area.clone(),
                    quarter: quarter.to_string(),
                    tags: tables::tag_set_key(&layout, tags),
                    families: i32::try_from(families).unwrap_or(i32::MAX),
                })
        })
        .collect();

    let txn = crate::db::begin_write(db).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({LOCK_KEY})"))
            .await?;
    }
    if latest(&txn).await?.map(|release| release.id) != follows {
        return Err(Superseded.into()); // the transaction is dropped: nothing written
    }
    // The current release becomes the previous one.
    stat_previous::Entity::delete_many().exec(&txn).await?;
    txn.execute_unprepared(
        "INSERT INTO stat_previous (area, quarter, kind, key, count, rate, rate_low, rate_high) \
         SELECT area, quarter, kind, key, count, rate, rate_low, rate_high FROM stat_figure",
    )
    .await?;
    if let Some(current) = latest(&txn).await? {
        stat_release::Entity::delete_many()
            .filter(stat_release::Column::Id.ne(current.id))
            .exec(&txn)
            .await?;
    }
    stat_figure::Entity::delete_many().exec(&txn).await?;
    stat_noise::Entity::delete_many().exec(&txn).await?;
    stat_baseline::Entity::delete_many().exec(&txn).await?;
    insert_all::<stat_figure::Entity>(&txn, worked.figures).await?;
    insert_all::<stat_noise::Entity>(&txn, worked.noise).await?;
    insert_all::<stat_baseline::Entity>(&txn, baseline_rows).await?;
    stat_release::ActiveModel {
        refreshed_at: Set(now),
        k: Set(i32::try_from(settings.k).unwrap_or(i32::MAX)),
        epsilon: Set(settings.epsilon),
        vocabulary_version: Set(i32::try_from(catalogue.vocabulary_version).unwrap_or(i32::MAX)),
        quarter_to_date: Set(Quarter::of(today).to_string()),
        published_through: Set(Some(published_through.to_string())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(summary)
}

/// The kept baselines.
async fn baselines(
    db: &impl ConnectionTrait,
    layout: &Layout,
) -> Result<Baselines, sea_orm::DbErr> {
    let mut baselines = Baselines::new();
    for row in stat_baseline::Entity::find().all(db).await? {
        let Ok(quarter) = row.quarter.parse::<Quarter>() else {
            continue;
        };
        *baselines
            .entry((row.area, quarter))
            .or_default()
            .entry(tables::tag_set_from_key(layout, &row.tags))
            .or_default() += u32::try_from(row.families).unwrap_or(0);
    }
    Ok(baselines)
}

/// The shown figures of a release, by area × quarter, from its rows (`stat_figure` or
/// `stat_previous`, which share a shape): a figure without a row reads as hidden.
pub fn shown(layout: &Layout, rows: Vec<stat_figure::Model>) -> Shown {
    let index = figure_index(layout);
    let mut shown = Shown::new();
    for row in rows {
        let Ok(quarter) = row.quarter.parse::<Quarter>() else {
            continue;
        };
        let figures = shown
            .entry((row.area, quarter))
            .or_insert_with(|| vec![None; layout.width()]);
        if let Some(&i) = index.get(&(row.kind, row.key)) {
            figures[i] = row.count.and_then(|c| u32::try_from(c).ok());
        }
    }
    shown
}

/// (kind, key) → the figure's index in a row.
fn figure_index(layout: &Layout) -> HashMap<(String, String), usize> {
    (0..layout.width())
        .map(|i| {
            let (kind, key) = layout.figure(i).kind_and_key();
            ((kind.to_owned(), key.to_owned()), i)
        })
        .collect()
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
        .order_by_desc(stat_release::Column::Id)
        .one(db)
        .await
}

/// The release before the latest one, if there was one.
pub async fn previous(
    db: &impl ConnectionTrait,
) -> Result<Option<stat_release::Model>, sea_orm::DbErr> {
    stat_release::Entity::find()
        .order_by_desc(stat_release::Column::RefreshedAt)
        .order_by_desc(stat_release::Column::Id)
        .offset(1)
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
                // Another replica refreshed meanwhile: its release stands, for a day.
                Err(e) if e.is::<Superseded>() => {
                    tracing::info!("statistics: another replica refreshed first");
                }
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
        families = summary.families,
        rows = summary.rows,
        held = summary.held,
        hidden = summary.hidden,
        figures = summary.figures,
        published = summary.published,
        ms = took.as_millis() as u64,
        "statistics refreshed"
    );
}

/// `commonthread stats audit`: the current release and the one before, from what they
/// publish alone. `None` when nothing has been published yet.
pub async fn audit(
    db: &impl ConnectionTrait,
    patterns: &Patterns,
) -> anyhow::Result<Option<super::audit::Findings>> {
    let Some(current) = latest(db).await? else {
        return Ok(None);
    };
    let catalogue = Catalogue::load(patterns, db).await?;
    let layout = catalogue.layout;
    let figures = shown(&layout, stat_figure::Entity::find().all(db).await?);
    if figures.is_empty() {
        return Ok(None);
    }
    let before = stat_previous::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| stat_figure::Model {
            area: p.area,
            quarter: p.quarter,
            kind: p.kind,
            key: p.key,
            count: p.count,
            rate: p.rate,
            rate_low: p.rate_low,
            rate_high: p.rate_high,
        })
        .collect();
    let before = shown(&layout, before);
    let k = |release: &stat_release::Model| u32::try_from(release.k).unwrap_or(u32::MAX);
    let previous_k = previous(db).await?.map_or(k(&current), |p| k(&p));
    Ok(Some(
        tokio::task::spawn_blocking(move || {
            super::audit::releases(&layout, &figures, k(&current), &before, previous_k)
        })
        .await?,
    ))
}
