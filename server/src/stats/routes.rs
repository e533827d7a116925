//! `GET /api/v1/stats`: the published figures of one area, quarter by quarter. It reads
//! `stat_figure` and `stat_release` only, never a story, and does no arithmetic on
//! figures beyond choosing which to show: every response is a selection of the same
//! published table, so two responses together reveal no more than that table does.

use std::collections::HashMap;

use axum::extract::State;
use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Catalogue, Quarter, disclosure::TOTAL, refresh};
use crate::{
    AppState,
    areas::GssCode,
    entities::stat_figure,
    problem::{ApiJson, ApiQuery, Problem, ProblemCode},
};

type Answer<T> = Result<T, Problem>;

/// How many quarters one response may cover (ten years).
pub const MAX_QUARTERS: u32 = 40;
/// How many quarters a response covers when `from` is not given (two years).
pub const DEFAULT_QUARTERS: u32 = 8;
/// What a suppressed figure reads: never a number.
pub const HIDDEN: &str = "hidden";

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StatsQuery {
    /// A GSS code; the forum's own area when not given.
    pub area: Option<String>,
    /// The first quarter, `YYYYQn`; 7 quarters before `to` when not given.
    pub from: Option<String>,
    /// The last quarter, `YYYYQn`; the latest published quarter when not given, and never
    /// after it (the quarter to date is never published).
    pub to: Option<String>,
    /// One tag id: only that tag (and its category).
    pub tag: Option<String>,
    /// One category id: only that category (and its tags).
    pub category: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AreaRef {
    pub code: String,
    pub name: String,
}

/// One published figure, and what it depends on.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FigureView {
    /// `null` when suppressed.
    pub count: Option<u32>,
    pub suppressed: bool,
    /// The count as text, or "hidden": a suppressed figure never reads as a number.
    pub display: String,
    /// Share of the quarter's families; `null` for the total and whenever this figure or
    /// the total is suppressed.
    pub rate: Option<f64>,
    /// 95% Wilson score interval of the rate.
    pub rate_low: Option<f64>,
    pub rate_high: Option<f64>,
    /// The threshold (in families) below which counts are suppressed.
    pub k: u32,
    /// The quarter it covers, `YYYYQn`.
    pub period: String,
    pub vocabulary_version: u32,
    /// Differential-privacy epsilon of the noise added to it; `null` when none.
    pub epsilon: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryFigure {
    pub category: String,
    pub label: String,
    #[serde(flatten)]
    pub figure: FigureView,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TagFigure {
    pub tag: String,
    pub label: String,
    pub category: String,
    #[serde(flatten)]
    pub figure: FigureView,
}

/// One quarter's figures. Every quarter shown has ended: the quarter to date is never
/// published.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuarterView {
    pub quarter: String,
    /// The number of families who shared a counted story about this area and quarter.
    pub total: FigureView,
    pub categories: Vec<CategoryFigure>,
    pub tags: Vec<TagFigure>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsView {
    pub area: AreaRef,
    pub from: String,
    pub to: String,
    pub k: u32,
    pub epsilon: Option<f64>,
    pub vocabulary_version: u32,
    /// What every figure counts: `family` (a member who shared at least one counted
    /// story about that area and quarter, however many they wrote).
    pub unit: Unit,
    /// When the figures were last worked out; `null` if never (every figure is hidden).
    pub refreshed_on: Option<NaiveDate>,
    /// The latest quarter whose figures may be published today (the default `to`).
    pub published_through: String,
    /// The quarter published next.
    pub next_quarter: String,
    /// The day from which `next_quarter`'s figures appear: `publish_after_days` after it
    /// ends (the daily refresh publishes them that day or the next).
    pub next_publication: NaiveDate,
    /// How many days after a quarter ends its figures are first published.
    pub publish_after_days: u32,
    /// Why some figures read "hidden", in one sentence with this response's k.
    pub suppression: String,
    pub quarters: Vec<QuarterView>,
}

/// What every published figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A member who shared at least one counted story about that area and quarter.
    Family,
    /// A story: only in reports from forums that counted stories before families.
    Story,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Family => "family",
            Unit::Story => "story",
        }
    }
}

/// What a release says about every figure in it.
#[derive(Debug, Clone)]
pub struct Release {
    pub k: u32,
    pub epsilon: Option<f64>,
    pub vocabulary_version: u32,
    pub refreshed_on: Option<NaiveDate>,
}

/// When figures are published: the latest quarter that may be, and the next.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub published_through: Quarter,
    pub publish_after_days: u32,
}

impl Schedule {
    pub fn on(today: NaiveDate, publish_after_days: u32) -> Self {
        Self {
            published_through: Quarter::latest_published(today, publish_after_days),
            publish_after_days,
        }
    }
}

/// A checked request: which quarters, and which figures.
#[derive(Debug, Clone)]
pub struct Selection {
    pub from: Quarter,
    pub to: Quarter,
    pub tag: Option<usize>,
    pub category: Option<usize>,
}

/// The published figures of one area: (quarter, kind, key) → figure.
pub type Published = HashMap<(String, String, String), stat_figure::Model>;

fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ProblemCode::Validation).detail(detail.into())
}

fn quarter(name: &str, value: &str) -> Result<Quarter, Problem> {
    value
        .parse()
        .map_err(|()| invalid(format!("{name} must be a quarter like 2025Q3.")))
}

impl Selection {
    /// Checks a query against the catalogue, with `latest` the latest quarter published.
    pub fn check(
        query: &StatsQuery,
        catalogue: &Catalogue,
        latest: Quarter,
    ) -> Result<Self, Problem> {
        let to = match &query.to {
            Some(to) => quarter("to", to)?,
            None => latest,
        };
        let from = match &query.from {
            Some(from) => quarter("from", from)?,
            None => to.minus(DEFAULT_QUARTERS - 1),
        };
        if to > latest {
            return Err(invalid(format!(
                "Figures are published up to {latest}: to must not be after it."
            )));
        }
        if from > to {
            return Err(invalid("from must not be after to."));
        }
        if from.span_to(to) > MAX_QUARTERS {
            return Err(invalid(format!(
                "At most {MAX_QUARTERS} quarters at a time."
            )));
        }
        let layout = &catalogue.layout;
        let tag = match &query.tag {
            Some(tag) => Some(
                layout
                    .tags
                    .iter()
                    .position(|(id, _)| id == tag)
                    .ok_or_else(|| invalid("tag must be a tag id from GET /api/v1/patterns."))?,
            ),
            None => None,
        };
        let category = match &query.category {
            Some(category) => Some(
                layout
                    .categories
                    .iter()
                    .position(|id| id == category)
                    .ok_or_else(|| {
                        invalid("category must be a category id from GET /api/v1/patterns.")
                    })?,
            ),
            None => None,
        };
        Ok(Self {
            from,
            to,
            tag,
            category,
        })
    }
}

/// The response: a selection of `published`, nothing computed from it.
pub fn select(
    catalogue: &Catalogue,
    release: &Release,
    schedule: Schedule,
    area: AreaRef,
    published: &Published,
    selection: &Selection,
) -> StatsView {
    let layout = &catalogue.layout;
    let category_of_tag = selection.tag.map(|t| layout.tags[t].1);
    let show_category = |c: usize| {
        category_of_tag
            .or(selection.category)
            .is_none_or(|only| only == c)
    };
    let show_tag = |t: usize| match (selection.tag, selection.category) {
        (Some(only), _) => only == t,
        (None, Some(c)) => layout.tags[t].1 == c,
        (None, None) => true,
    };
    let quarters = selection
        .from
        .through(selection.to)
        .map(|quarter| {
            let period = quarter.to_string();
            let figure = |index: usize| {
                let (kind, key) = layout.figure(index).kind_and_key();
                let row = published.get(&(period.clone(), kind.to_owned(), key.to_owned()));
                figure_view(row, index, release, &period)
            };
            QuarterView {
                total: figure(TOTAL),
                categories: (0..layout.categories.len())
                    .filter(|&c| show_category(c))
                    .map(|c| CategoryFigure {
                        category: layout.categories[c].clone(),
                        label: catalogue.category_labels[c].clone(),
                        figure: figure(layout.category(c)),
                    })
                    .collect(),
                tags: (0..layout.tags.len())
                    .filter(|&t| show_tag(t))
                    .map(|t| TagFigure {
                        tag: layout.tags[t].0.clone(),
                        label: catalogue.tag_labels[t].clone(),
                        category: layout.categories[layout.tags[t].1].clone(),
                        figure: figure(layout.tag(t)),
                    })
                    .collect(),
                quarter: period,
            }
        })
        .collect();
    StatsView {
        area,
        from: selection.from.to_string(),
        to: selection.to.to_string(),
        k: release.k,
        epsilon: release.epsilon,
        vocabulary_version: release.vocabulary_version,
        unit: Unit::Family,
        refreshed_on: release.refreshed_on,
        published_through: schedule.published_through.to_string(),
        next_quarter: schedule.published_through.next().to_string(),
        next_publication: schedule
            .published_through
            .next()
            .published_from(schedule.publish_after_days),
        publish_after_days: schedule.publish_after_days,
        suppression: format!(
            "A figure is hidden when it counts fewer than {} families, when it could be used \
             to work out one that does, or while a quarter already published waits for enough \
             families to change that nobody can tell one family's part. Hidden figures are \
             never given as numbers, and the API does not say which reason applies.",
            release.k
        ),
        quarters,
    }
}

/// A figure as published; a figure with no row is hidden (or counted nobody), and reads as hidden.
fn figure_view(
    row: Option<&stat_figure::Model>,
    index: usize,
    release: &Release,
    period: &str,
) -> FigureView {
    let count = row
        .and_then(|r| r.count)
        .and_then(|c| u32::try_from(c).ok());
    let rate = row
        .filter(|_| index != TOTAL && count.is_some())
        .and_then(|r| Some((r.rate?, r.rate_low?, r.rate_high?)));
    FigureView {
        count,
        suppressed: count.is_none(),
        display: count.map_or_else(|| HIDDEN.to_owned(), |c| c.to_string()),
        rate: rate.map(|r| r.0),
        rate_low: rate.map(|r| r.1),
        rate_high: rate.map(|r| r.2),
        k: release.k,
        period: period.to_owned(),
        vocabulary_version: release.vocabulary_version,
        epsilon: release.epsilon,
    }
}

/// The forum's figures for one area, quarter by quarter, as last published.
#[utoipa::path(get, path = "/api/v1/stats", tag = "stats", params(StatsQuery),
    responses(
        (status = 200, description = "Published figures of families who shared a story, for quarters that have ended: counts at least k families, or suppressed; rates with 95% Wilson intervals", body = StatsView),
        (status = 422, description = "`validation`: an unknown area, tag or category, or a bad quarter range", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn stats(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<StatsQuery>,
) -> Answer<ApiJson<StatsView>> {
    let area = match &query.area {
        Some(code) => code
            .parse::<GssCode>()
            .ok()
            .and_then(|code| state.areas.get(&code))
            .ok_or_else(|| invalid("area must be the GSS code of an English local authority."))?,
        None => state
            .config
            .forum
            .area
            .as_ref()
            .and_then(|code| state.areas.get(code))
            .ok_or_else(|| invalid("This forum has no area set: give area."))?,
    };
    let area = AreaRef {
        code: area.code.as_str().to_owned(),
        name: area.name.clone(),
    };
    let catalogue = Catalogue::load(&state.patterns, &state.db)
        .await
        .map_err(Problem::internal)?;
    let schedule = Schedule::on(
        Utc::now().date_naive(),
        state.config.stats.publish_after_days,
    );
    let selection = Selection::check(&query, &catalogue, schedule.published_through)?;
    let release = match refresh::latest(&state.db)
        .await
        .map_err(Problem::internal)?
    {
        Some(r) => Release {
            k: u32::try_from(r.k).unwrap_or(u32::MAX),
            epsilon: r.epsilon,
            vocabulary_version: u32::try_from(r.vocabulary_version).unwrap_or(0),
            refreshed_on: Some(r.refreshed_at.date_naive()),
        },
        None => Release {
            k: state.config.stats.k,
            epsilon: state.config.stats.epsilon,
            vocabulary_version: catalogue.vocabulary_version,
            refreshed_on: None,
        },
    };
    let published: Published = stat_figure::Entity::find()
        .filter(stat_figure::Column::Area.eq(area.code.as_str()))
        .filter(
            stat_figure::Column::Quarter
                .between(selection.from.to_string(), selection.to.to_string()),
        )
        .all(&state.db)
        .await
        .map_err(Problem::internal)?
        .into_iter()
        .map(|row| {
            (
                (row.quarter.clone(), row.kind.clone(), row.key.clone()),
                row,
            )
        })
        .collect();
    Ok(ApiJson(select(
        &catalogue, &release, schedule, area, &published, &selection,
    )))
}
