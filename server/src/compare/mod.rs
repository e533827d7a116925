//! Comparison across areas (issue 10): this forum's own pattern reports and those its
//! partners sent, side by side, and the evidence export campaigners cite.
//!
//! - this module: the reports as the comparison reads them, from `stat_figure` (our own,
//!   as published) and `fed_report` (the partners', as received), with their provenance;
//! - `view`: one figure as shown (count or "fewer than k", rate and its interval);
//! - `routes`: `GET /api/v1/compare`;
//! - `evidence`: `GET /api/v1/evidence.csv` and `.json`, with consented quotes.
//!
//! Nothing here adds figures together: every number shown is one a forum published, or a
//! rate worked out from two it published. Reports of one area from two forums stay two
//! rows, and quarters are never pooled, so no sum can expose a hidden figure.

pub mod evidence;
pub mod routes;
pub mod view;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    AppState,
    entities::{fed_partner, fed_report, stat_figure},
    federation::objects::{self, FigureIn},
    stats::{Quarter, refresh, routes::Unit},
};

/// A forum whose reports are shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportingForum {
    /// Its ActivityPub domain (host, and port when not the default).
    pub domain: String,
    pub name: String,
    /// Its web address.
    pub url: String,
    /// True for this forum.
    pub local: bool,
}

/// One pattern report: one forum's published figures for one area in one quarter.
#[derive(Debug, Clone)]
pub struct Report {
    pub area: String,
    pub quarter: Quarter,
    /// Index into [`Reports::forums`].
    pub forum: usize,
    /// The report's ActivityPub id.
    pub report_id: String,
    pub k: u32,
    pub vocabulary_version: u32,
    pub epsilon: Option<f64>,
    /// Whether the quarter was over when it was reported; `None` when not said. Reports of
    /// a quarter under way are never shown.
    pub complete: Option<bool>,
    /// What its figures count: families, or stories for a forum from before families.
    pub unit: Unit,
    /// When the reporting forum worked the figures out.
    pub updated_at: DateTime<Utc>,
    /// When this forum received them (its own: when it worked them out).
    pub received_at: DateTime<Utc>,
    /// How many families it counted; `None` when hidden.
    pub families: Option<u32>,
    /// Tag id → count (`None` when hidden). A tag without an entry reads as hidden too.
    pub tags: HashMap<String, Option<u32>>,
}

impl Report {
    /// A tag's published count, if any.
    pub fn tag(&self, tag: &str) -> Option<u32> {
        self.tags.get(tag).copied().flatten()
    }
}

/// Reports with the forums they came from.
#[derive(Debug, Default)]
pub struct Reports {
    pub forums: Vec<ReportingForum>,
    pub reports: Vec<Report>,
}

/// Which reports to read.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub from: Quarter,
    pub to: Quarter,
    /// Only these areas (GSS codes); all when `None`.
    pub areas: Option<&'a [String]>,
}

fn count(value: Option<i32>) -> Option<u32> {
    value.and_then(|c| u32::try_from(c).ok())
}

/// This forum as a [`ReportingForum`].
pub fn own_forum(state: &AppState) -> ReportingForum {
    ReportingForum {
        domain: state.federation.identity.domain.clone(),
        name: state.config.forum.name.as_str().to_owned(),
        url: state.config.server.public_url.origin(),
        local: true,
    }
}

/// The reports in `scope`: ours first, then the partners' in the order received.
pub async fn load(state: &AppState, scope: Scope<'_>) -> Result<Reports, DbErr> {
    let db = &state.db;
    let mut out = Reports {
        forums: vec![own_forum(state)],
        reports: Vec::new(),
    };
    let range = (scope.from.to_string(), scope.to.to_string());

    if let Some(release) = refresh::latest(db).await? {
        // Only the quarters the release publishes: every one of them has ended.
        let through = release
            .published_through
            .clone()
            .unwrap_or_else(|| scope.from.minus(1).to_string());
        let mut query = stat_figure::Entity::find()
            .filter(stat_figure::Column::Quarter.between(range.0.clone(), range.1.clone()))
            .filter(stat_figure::Column::Quarter.lte(through))
            .filter(stat_figure::Column::Kind.is_in(["total", "tag"]));
        if let Some(areas) = scope.areas {
            query = query.filter(stat_figure::Column::Area.is_in(areas.iter().cloned()));
        }
        let mut grouped: BTreeMap<(String, String), Vec<stat_figure::Model>> = BTreeMap::new();
        for row in query.all(db).await? {
            grouped
                .entry((row.area.clone(), row.quarter.clone()))
                .or_default()
                .push(row);
        }
        let identity = &state.federation.identity;
        for ((area, quarter), rows) in grouped {
            let Ok(parsed) = quarter.parse::<Quarter>() else {
                continue;
            };
            let mut report = Report {
                report_id: objects::report_id(identity, &area, &quarter).to_string(),
                area,
                quarter: parsed,
                forum: 0,
                k: u32::try_from(release.k).unwrap_or(u32::MAX),
                vocabulary_version: u32::try_from(release.vocabulary_version).unwrap_or(0),
                epsilon: release.epsilon,
                complete: Some(true),
                unit: Unit::Family,
                updated_at: release.refreshed_at,
                received_at: release.refreshed_at,
                families: None,
                tags: HashMap::new(),
            };
            for row in rows {
                if row.kind == "total" {
                    report.families = count(row.count);
                } else {
                    report.tags.insert(row.key, count(row.count));
                }
            }
            out.reports.push(report);
        }
    }

    // A partner's report of a quarter under way is never shown (none is received now).
    let mut query = fed_report::Entity::find()
        .filter(fed_report::Column::Quarter.between(range.0, range.1))
        .filter(ended())
        .order_by_asc(fed_report::Column::Id);
    if let Some(areas) = scope.areas {
        query = query.filter(fed_report::Column::Area.is_in(areas.iter().cloned()));
    }
    let rows = query.all(db).await?;
    if rows.is_empty() {
        return Ok(out);
    }
    let mut forum_of: HashMap<i64, usize> = HashMap::new();
    for partner in fed_partner::Entity::find().all(db).await? {
        let url = url::Url::parse(&partner.actor)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default();
        forum_of.insert(partner.id, out.forums.len());
        out.forums.push(ReportingForum {
            name: partner.name.unwrap_or_else(|| partner.domain.clone()),
            domain: partner.domain,
            url,
            local: false,
        });
    }
    for row in rows {
        let (Some(&forum), Ok(quarter)) = (forum_of.get(&row.partner_id), row.quarter.parse())
        else {
            continue;
        };
        let figures: Vec<FigureIn> = serde_json::from_str(&row.figures).unwrap_or_default();
        out.reports.push(Report {
            area: row.area,
            quarter,
            forum,
            report_id: row.ap_id,
            k: u32::try_from(row.k).unwrap_or(u32::MAX),
            vocabulary_version: u32::try_from(row.vocabulary_version).unwrap_or(0),
            epsilon: row.epsilon,
            complete: row.complete,
            unit: if row.unit == Unit::Family.as_str() {
                Unit::Family
            } else {
                Unit::Story
            },
            updated_at: row.updated_at,
            received_at: row.received_at,
            families: count(row.total),
            tags: figures
                .into_iter()
                .filter(|f| f.kind == "tag")
                .map(|f| (f.key, count(f.count)))
                .collect(),
        });
    }
    Ok(out)
}

/// A received report of a quarter that had ended (or whose older forum did not say).
fn ended() -> sea_orm::Condition {
    sea_orm::Condition::any()
        .add(fed_report::Column::Complete.eq(true))
        .add(fed_report::Column::Complete.is_null())
}

/// Every quarter any report covers, newest first.
pub async fn periods(db: &impl ConnectionTrait) -> Result<Vec<Quarter>, DbErr> {
    let own: Vec<String> = stat_figure::Entity::find()
        .select_only()
        .column(stat_figure::Column::Quarter)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let theirs: Vec<String> = fed_report::Entity::find()
        .select_only()
        .column(fed_report::Column::Quarter)
        .filter(ended())
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut quarters: Vec<Quarter> = own
        .iter()
        .chain(&theirs)
        .filter_map(|q| q.parse().ok())
        .collect();
    quarters.sort_unstable_by(|a, b| b.cmp(a));
    quarters.dedup();
    Ok(quarters)
}

/// Of several reports of one area, the one to show where only one fits (the map, the
/// trends): one that counts families before one that counts stories, then the one that
/// counted the most, then our own, then the first received.
pub fn pick<'a>(candidates: impl Iterator<Item = &'a Report>) -> Option<&'a Report> {
    candidates.min_by_key(|r| {
        (
            r.unit != Unit::Family,
            std::cmp::Reverse(r.families.unwrap_or(0)),
            r.forum,
        )
    })
}
