//! `GET /api/v1/compare`: areas × tags for one quarter, a map of England for one tag, and
//! that tag's trend by quarter for chosen areas, from this forum's and its partners'
//! pattern reports. Public, as the reports themselves are.

use std::collections::HashMap;

use axum::extract::State;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{Report, Reports, Scope, view::Figure};
use crate::{
    AppState,
    areas::GssCode,
    patterns::Vocabulary,
    problem::{ApiJson, ApiQuery, Problem, ProblemCode},
    stats::{Quarter, routes::MAX_QUARTERS},
};

/// How many areas the trends may follow at once.
pub const MAX_TREND_AREAS: usize = 10;
/// How many areas the trends follow when none are asked for.
pub const DEFAULT_TREND_AREAS: usize = 5;
/// How many quarters the trends cover by default.
const DEFAULT_TREND_QUARTERS: u32 = 8;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct CompareQuery {
    /// `YYYYQn`: the quarter of the table and the map. Default: the newest quarter any
    /// report covers, before the current one where there is such a quarter.
    pub period: Option<String>,
    /// `YYYYQn`: the first quarter of the trends (and the export). Default: 7 before `to`.
    pub from: Option<String>,
    /// `YYYYQn`: the last quarter of the trends (and the export). Default: `period`.
    pub to: Option<String>,
    /// A shared tag id: the table shows only this tag, and the map and trends show it.
    pub tag: Option<String>,
    /// A category id: the table's columns are its tags.
    pub category: Option<String>,
    /// Comma-separated GSS codes (at most 10): the areas of the trends (and the export).
    pub areas: Option<String>,
    /// `area` (default), `families` or `rate` (of the shown tag).
    pub sort: Option<String>,
    /// `asc` or `desc`; default `asc` for `area`, `desc` otherwise.
    pub order: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Area,
    Families,
    Rate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Asc,
    Desc,
}

/// A checked query. `period` is still to be chosen when not given: it depends on the
/// reports there are.
#[derive(Debug, Clone)]
pub struct Selection {
    pub period: Option<Quarter>,
    pub from: Option<Quarter>,
    pub to: Option<Quarter>,
    pub tag: Option<String>,
    pub category: Option<String>,
    pub areas: Option<Vec<String>>,
    pub sort: Sort,
    pub order: Order,
}

fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ProblemCode::Validation).detail(detail.into())
}

fn quarter(name: &str, value: Option<&String>, now: Quarter) -> Result<Option<Quarter>, Problem> {
    let Some(value) = value else { return Ok(None) };
    let quarter: Quarter = value
        .parse()
        .map_err(|()| invalid(format!("{name} must be a quarter like 2025Q3.")))?;
    if quarter > now {
        return Err(invalid(format!(
            "{name} must not be after the current quarter, {now}."
        )));
    }
    Ok(Some(quarter))
}

impl Selection {
    pub fn check(
        query: &CompareQuery,
        vocabulary: &Vocabulary,
        now: Quarter,
    ) -> Result<Self, Problem> {
        let period = quarter("period", query.period.as_ref(), now)?;
        let from = quarter("from", query.from.as_ref(), now)?;
        let to = quarter("to", query.to.as_ref(), now)?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(invalid("from must not be after to."));
            }
            if from.span_to(to) > MAX_QUARTERS {
                return Err(invalid(format!(
                    "At most {MAX_QUARTERS} quarters at a time."
                )));
            }
        }
        if let Some(tag) = &query.tag
            && vocabulary.tag(tag).is_none()
        {
            return Err(invalid(
                "tag must be the id of a shared tag from GET /api/v1/patterns.",
            ));
        }
        if let Some(category) = &query.category
            && vocabulary.category(category).is_none()
        {
            return Err(invalid(
                "category must be a category id from GET /api/v1/patterns.",
            ));
        }
        let areas = match &query.areas {
            None => None,
            Some(list) => {
                let mut codes: Vec<String> = Vec::new();
                for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                    let code: GssCode = code.parse().map_err(|_| {
                        invalid("areas must be GSS codes of English local authorities, separated by commas.")
                    })?;
                    if !codes.iter().any(|c| c == code.as_str()) {
                        codes.push(code.as_str().to_owned());
                    }
                }
                if codes.is_empty() {
                    return Err(invalid("areas must name at least one area when given."));
                }
                if codes.len() > MAX_TREND_AREAS {
                    return Err(invalid(format!(
                        "At most {MAX_TREND_AREAS} areas at a time."
                    )));
                }
                Some(codes)
            }
        };
        let sort = match query.sort.as_deref() {
            None | Some("area") => Sort::Area,
            Some("families") => Sort::Families,
            Some("rate") => Sort::Rate,
            Some(_) => return Err(invalid("sort must be area, families or rate.")),
        };
        let order = match query.order.as_deref() {
            None if sort == Sort::Area => Order::Asc,
            None => Order::Desc,
            Some("asc") => Order::Asc,
            Some("desc") => Order::Desc,
            Some(_) => return Err(invalid("order must be asc or desc.")),
        };
        Ok(Self {
            period,
            from,
            to,
            tag: query.tag.clone(),
            category: query.category.clone(),
            areas,
            sort,
            order,
        })
    }

    /// The quarter of the table: as asked, or the newest reported before `now` (or the
    /// newest of all, or the last complete quarter when there are no reports).
    pub fn period(&self, periods: &[Quarter], now: Quarter) -> Quarter {
        self.period.unwrap_or_else(|| {
            periods
                .iter()
                .copied()
                .find(|&q| q < now)
                .or_else(|| periods.first().copied())
                .unwrap_or_else(|| now.minus(1))
        })
    }

    /// The quarters of the trends and the export.
    pub fn range(&self, period: Quarter) -> Result<(Quarter, Quarter), Problem> {
        let to = self.to.unwrap_or(period);
        let from = self
            .from
            .unwrap_or_else(|| to.minus(DEFAULT_TREND_QUARTERS - 1));
        if from > to {
            return Err(invalid("from must not be after to."));
        }
        Ok((from, to))
    }

    /// The table's columns: the tag asked for, else the category's tags, else every tag.
    pub fn columns<'v>(
        &self,
        vocabulary: &'v Vocabulary,
    ) -> Vec<&'v crate::patterns::vocabulary::SharedTag> {
        vocabulary
            .tags
            .iter()
            .filter(|t| match (&self.tag, &self.category) {
                (Some(tag), _) => &t.id == tag,
                (None, Some(category)) => &t.category == category,
                (None, None) => true,
            })
            .collect()
    }

    /// Whether the columns are narrowed to a tag or a category.
    pub fn narrowed(&self) -> bool {
        self.tag.is_some() || self.category.is_some()
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TagRef {
    pub id: String,
    pub label: String,
    pub category: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryRef {
    pub id: String,
    pub label: String,
}

/// Where a figure comes from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Provenance {
    /// The reporting forum's domain (see `forums`).
    pub forum: String,
    /// The pattern report's ActivityPub id.
    pub report_id: String,
    pub k: u32,
    pub vocabulary_version: u32,
    pub epsilon: Option<f64>,
    /// When the reporting forum worked the figures out.
    pub updated_at: chrono::DateTime<Utc>,
    /// When this forum received them.
    pub received_at: chrono::DateTime<Utc>,
    /// What the figures count: `family`, or `story` for a report from a forum that counted
    /// stories before families (never to be read as families).
    pub unit: crate::stats::routes::Unit,
}

/// One row of the table: one forum's report of one area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Row {
    pub area: String,
    pub area_name: String,
    pub region: String,
    pub period: String,
    /// True: the quarter had ended when reported; `null`: an older forum did not say.
    /// Reports of a quarter under way are never shown.
    pub complete: Option<bool>,
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The number of families who shared a counted story (or, where `unit` is `story`,
    /// of stories).
    pub families: Figure,
    /// One per column, in the same order.
    pub figures: Vec<Figure>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A rate is shown.
    Rate,
    /// A report covers the area, but the rate is hidden.
    Suppressed,
    /// No report covers the area.
    NoData,
}

/// One reading of the shown tag in one area and quarter: the map's, or a trend's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Reading {
    pub status: Status,
    pub count: Option<u32>,
    pub families: Option<u32>,
    pub rate: Option<f64>,
    pub rate_low: Option<f64>,
    pub rate_high: Option<f64>,
    pub forum: Option<String>,
    pub report_id: Option<String>,
    pub k: Option<u32>,
    /// What the report counts (`null` when no report covers the area).
    pub unit: Option<crate::stats::routes::Unit>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MapArea {
    pub area: String,
    pub name: String,
    pub region: String,
    /// HexJSON odd-r position; r grows northwards.
    pub hex_q: i32,
    pub hex_r: i32,
    #[serde(flatten)]
    pub reading: Reading,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrendPoint {
    pub period: String,
    #[serde(flatten)]
    pub reading: Reading,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Series {
    pub area: String,
    pub area_name: String,
    pub points: Vec<TrendPoint>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompareView {
    pub period: String,
    pub from: String,
    pub to: String,
    /// Every quarter any report covers, newest first.
    pub periods: Vec<String>,
    /// The tag filter as asked.
    pub tag: Option<String>,
    /// The category filter as asked.
    pub category: Option<String>,
    /// The tag of the map and the trends: `tag`, else the one with a published rate in
    /// the most areas in `period`; `null` only when there is nothing to show.
    pub shown_tag: Option<TagRef>,
    pub sort: Sort,
    pub order: Order,
    /// The thresholds of the reports in the table.
    pub k_values: Vec<u32>,
    pub columns: Vec<TagRef>,
    pub categories: Vec<CategoryRef>,
    pub forums: Vec<super::ReportingForum>,
    pub rows: Vec<Row>,
    pub map: Vec<MapArea>,
    pub trends: Vec<Series>,
    pub suppression: String,
    pub method: String,
}

/// What a hidden figure means, in one sentence.
pub const SUPPRESSION: &str = "A figure is hidden when it counts fewer than k families (k \
    is given with every figure), when it could be used to work out one that does, or while a \
    quarter already published waits for enough families to change that nobody can tell one \
    family's part. Hidden figures are never given as numbers, nothing here is added up from \
    them, and the figures do not say which reason applies.";

/// How the figures are made.
pub const METHOD: &str = "Each figure comes from a pattern report: one forum's count of the \
    families who shared a story about one local authority area in one quarter, and of how \
    many of those families' stories showed each pattern tag. A family counts once however \
    many stories it wrote. Only stories whose authors agreed to be counted are included, and \
    only quarters that have ended are published. A rate is the share of that area's families \
    in the quarter whose stories showed the tag, with a 95% Wilson score interval. Figures \
    from different forums, areas or quarters are never added together. A report marked as \
    counting stories comes from a forum that has not yet moved to counting families. These \
    are the families who chose to share, not a survey: a rate describes them, not every \
    family in the area.";

pub(crate) fn provenance(reports: &Reports, report: &Report) -> Provenance {
    Provenance {
        forum: reports.forums[report.forum].domain.clone(),
        report_id: report.report_id.clone(),
        k: report.k,
        vocabulary_version: report.vocabulary_version,
        epsilon: report.epsilon,
        updated_at: report.updated_at,
        received_at: report.received_at,
        unit: report.unit,
    }
}

fn reading(reports: &Reports, report: Option<&Report>, tag: Option<&str>) -> Reading {
    let Some(report) = report else {
        return Reading {
            status: Status::NoData,
            count: None,
            families: None,
            rate: None,
            rate_low: None,
            rate_high: None,
            forum: None,
            report_id: None,
            k: None,
            unit: None,
        };
    };
    let figure = Figure::tag(
        tag.unwrap_or_default(),
        tag.and_then(|t| report.tag(t)),
        report.families,
        report.k,
    );
    Reading {
        status: if figure.rate.is_some() {
            Status::Rate
        } else {
            Status::Suppressed
        },
        count: figure.count,
        families: report.families,
        rate: figure.rate,
        rate_low: figure.rate_low,
        rate_high: figure.rate_high,
        forum: Some(reports.forums[report.forum].domain.clone()),
        report_id: Some(report.report_id.clone()),
        k: Some(report.k),
        unit: Some(report.unit),
    }
}

/// Orders rows; a hidden value sorts last whichever way.
fn sort_rows(rows: &mut [Row], sort: Sort, order: Order, shown: Option<usize>) {
    let key = |row: &Row| -> Option<f64> {
        match sort {
            Sort::Area => None,
            Sort::Families => row.families.count.map(f64::from),
            Sort::Rate => shown.and_then(|i| row.figures.get(i)).and_then(|f| f.rate),
        }
    };
    rows.sort_by(|a, b| {
        let by_name = a
            .area_name
            .cmp(&b.area_name)
            .then_with(|| a.provenance.forum.cmp(&b.provenance.forum));
        if sort == Sort::Area {
            return match order {
                Order::Asc => by_name,
                Order::Desc => by_name.reverse(),
            };
        }
        match (key(a), key(b)) {
            (Some(x), Some(y)) => {
                let by_value = x.total_cmp(&y);
                match order {
                    Order::Asc => by_value,
                    Order::Desc => by_value.reverse(),
                }
                .then(by_name)
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => by_name,
        }
    });
}

/// The comparison for a checked selection, from the reports in `period` and those of the
/// trends' areas over `from..to`.
pub async fn compare_view(state: &AppState, selection: &Selection) -> Result<CompareView, Problem> {
    let vocabulary = &state.patterns.vocabulary;
    let now = Quarter::of(Utc::now().date_naive());
    let periods = super::periods(&state.db).await.map_err(Problem::internal)?;
    let period = selection.period(&periods, now);
    let (from, to) = selection.range(period)?;

    let current = super::load(
        state,
        Scope {
            from: period,
            to: period,
            areas: None,
        },
    )
    .await
    .map_err(Problem::internal)?;

    let columns = selection.columns(vocabulary);
    let tag_ref = |t: &crate::patterns::vocabulary::SharedTag| TagRef {
        id: t.id.clone(),
        label: t.label.clone(),
        category: t.category.clone(),
    };
    // The map's tag: as asked, or the one with a rate in the most areas.
    let shown_tag = match &selection.tag {
        Some(tag) => vocabulary.tag(tag),
        None => {
            let mut best: Option<(&crate::patterns::vocabulary::SharedTag, usize)> = None;
            for tag in &columns {
                let areas: std::collections::HashSet<&str> = current
                    .reports
                    .iter()
                    .filter(|r| super::view::rate(r.tag(&tag.id), r.families).is_some())
                    .map(|r| r.area.as_str())
                    .collect();
                if !areas.is_empty() && best.is_none_or(|(_, n)| areas.len() > n) {
                    best = Some((tag, areas.len()));
                }
            }
            best.map(|(tag, _)| tag).or_else(|| {
                columns
                    .first()
                    .copied()
                    .filter(|_| !current.reports.is_empty())
            })
        }
    };
    let shown_id = shown_tag.map(|t| t.id.as_str());

    let area_info = |code: &str| {
        code.parse::<GssCode>()
            .ok()
            .and_then(|c| state.areas.get(&c))
            .map(|a| (a.name.clone(), a.region.clone()))
            .unwrap_or_else(|| (code.to_owned(), String::new()))
    };

    let mut rows: Vec<Row> = current
        .reports
        .iter()
        .map(|report| {
            let (area_name, region) = area_info(&report.area);
            Row {
                area: report.area.clone(),
                area_name,
                region,
                period: report.quarter.to_string(),
                complete: report.complete,
                provenance: provenance(&current, report),
                families: Figure::families(report.families, report.k),
                figures: columns
                    .iter()
                    .map(|t| Figure::tag(&t.id, report.tag(&t.id), report.families, report.k))
                    .collect(),
            }
        })
        .collect();
    let shown_column = shown_id.and_then(|id| columns.iter().position(|t| t.id == id));
    sort_rows(&mut rows, selection.sort, selection.order, shown_column);
    let mut k_values: Vec<u32> = current.reports.iter().map(|r| r.k).collect();
    k_values.sort_unstable();
    k_values.dedup();

    let mut by_area: HashMap<&str, Vec<&Report>> = HashMap::new();
    for report in &current.reports {
        by_area
            .entry(report.area.as_str())
            .or_default()
            .push(report);
    }
    let map = state
        .areas
        .iter()
        .map(|area| {
            let chosen = by_area
                .get(area.code.as_str())
                .and_then(|reports| super::pick(reports.iter().copied()));
            MapArea {
                area: area.code.as_str().to_owned(),
                name: area.name.clone(),
                region: area.region.clone(),
                hex_q: area.hex_q,
                hex_r: area.hex_r,
                reading: reading(&current, chosen, shown_id),
            }
        })
        .collect();

    // The trends' areas: as asked, or those with the most families this quarter.
    let trend_areas: Vec<String> = match &selection.areas {
        Some(areas) => areas.clone(),
        None => {
            let mut ranked: Vec<(&str, u32, String)> = by_area
                .iter()
                .filter_map(|(area, reports)| {
                    let best = super::pick(reports.iter().copied())?;
                    Some((*area, best.families?, area_info(area).0))
                })
                .collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
            ranked
                .into_iter()
                .take(DEFAULT_TREND_AREAS)
                .map(|(area, _, _)| area.to_owned())
                .collect()
        }
    };
    let trends = if trend_areas.is_empty() {
        Vec::new()
    } else {
        let history = super::load(
            state,
            Scope {
                from,
                to,
                areas: Some(&trend_areas),
            },
        )
        .await
        .map_err(Problem::internal)?;
        trend_areas
            .iter()
            .map(|area| Series {
                area: area.clone(),
                area_name: area_info(area).0,
                points: from
                    .through(to)
                    .map(|quarter| {
                        let chosen = super::pick(
                            history
                                .reports
                                .iter()
                                .filter(|r| &r.area == area && r.quarter == quarter),
                        );
                        TrendPoint {
                            period: quarter.to_string(),
                            reading: reading(&history, chosen, shown_id),
                        }
                    })
                    .collect(),
            })
            .collect()
    };

    // The forums named anywhere in the answer (ours always).
    let named: std::collections::HashSet<&str> = rows
        .iter()
        .map(|r| r.provenance.forum.as_str())
        .chain(
            trends
                .iter()
                .flat_map(|s| s.points.iter().filter_map(|p| p.reading.forum.as_deref())),
        )
        .collect();
    let forums = current
        .forums
        .iter()
        .filter(|f| f.local || named.contains(f.domain.as_str()))
        .cloned()
        .collect();

    Ok(CompareView {
        period: period.to_string(),
        from: from.to_string(),
        to: to.to_string(),
        periods: periods.iter().map(ToString::to_string).collect(),
        tag: selection.tag.clone(),
        category: selection.category.clone(),
        shown_tag: shown_tag.map(tag_ref),
        sort: selection.sort,
        order: selection.order,
        k_values,
        columns: columns.into_iter().map(tag_ref).collect(),
        categories: vocabulary
            .categories
            .iter()
            .map(|c| CategoryRef {
                id: c.id.clone(),
                label: c.label.clone(),
            })
            .collect(),
        forums,
        rows,
        map,
        trends,
        suppression: SUPPRESSION.to_owned(),
        method: METHOD.to_owned(),
    })
}

/// Areas compared: rates of pattern tags in each area, from this forum's and its
/// partners' pattern reports, with where each figure came from.
#[utoipa::path(get, path = "/api/v1/compare", tag = "stats", params(CompareQuery),
    responses(
        (status = 200, description = "The table of areas × tags for a quarter, the map of one tag, and its trends", body = CompareView),
        (status = 422, description = "`validation`: a bad quarter, tag, category, area list or sort", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn compare(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CompareQuery>,
) -> Result<ApiJson<CompareView>, Problem> {
    let now = Quarter::of(Utc::now().date_naive());
    let selection = Selection::check(&query, &state.patterns.vocabulary, now)?;
    Ok(ApiJson(compare_view(&state, &selection).await?))
}
