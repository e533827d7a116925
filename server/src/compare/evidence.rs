//! `GET /api/v1/evidence.csv` and `GET /api/v1/evidence.json`: what the comparison shows,
//! figure by figure, each with where it came from, and quotes from stories whose authors
//! agreed to be quoted.
//!
//! A quote is only ever taken from this forum's own published stories, and only when:
//! the author agreed to be quoted and counted; the story is not a sample and not
//! "counted only"; its area and quarter are in a published report whose number of families
//! is shown (so a quote never reveals a story in an area-quarter whose count is hidden);
//! and screening finds nothing identifying in the quoted words. The pseudonym is never
//! given, and is taken out of the words should the author have used it. A quote lists
//! only the tags whose figure is published in its report; with a tag or category asked
//! for, it must have one of them.

use std::collections::HashMap;

use axum::{
    extract::State,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;

use super::{
    Report, ReportingForum, Reports, Scope,
    routes::{CompareQuery, METHOD, SUPPRESSION, Selection},
    view::Figure,
};
use crate::{
    AppState,
    areas::GssCode,
    entities::story::{self, State as StoryState, Visibility},
    problem::{ApiJson, ApiQuery, Problem},
    screening,
    stats::Quarter,
    stories::render,
};

/// The most quotes one export holds.
pub const MAX_QUOTES: usize = 50;
/// How many stories are looked at for quotes, newest first.
const QUOTE_CANDIDATES: u64 = 500;
/// The longest quote, in characters (cut at a word, with "…").
pub const QUOTE_CHARS: usize = 600;
/// What stands in for the author's pseudonym, should their words use it.
const AUTHOR: &str = "[the author]";

/// One figure of the export, with its provenance.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceFigure {
    pub area_code: String,
    pub area_name: String,
    pub period: String,
    /// `families` (the number of families who shared a counted story) or `tag`.
    pub measure: String,
    pub tag_label: Option<String>,
    /// The tag, the count (or "fewer than k"), and the rate with its interval.
    #[serde(flatten)]
    pub figure: Figure,
    /// The number of families in the report; `null` when hidden.
    pub families: Option<u32>,
    /// `family`, or `story` for a report from a forum that counted stories before families.
    pub unit: crate::stats::routes::Unit,
    pub complete: Option<bool>,
    pub forum_domain: String,
    pub forum_name: String,
    pub report_id: String,
    pub vocabulary_version: u32,
    pub k: u32,
    pub epsilon: Option<f64>,
    pub updated_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

/// Words from a story whose author agreed to be quoted, without their pseudonym.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Quote {
    pub text: String,
    pub area_code: String,
    pub area_name: String,
    pub period: String,
    /// The story's tags whose figure is published in the report below.
    pub tags: Vec<String>,
    pub forum_domain: String,
    pub forum_name: String,
    /// The report that counts the story.
    pub report_id: String,
    pub vocabulary_version: u32,
    pub k: u32,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvidenceQuery {
    pub from: String,
    pub to: String,
    pub areas: Option<Vec<String>>,
    pub tag: Option<String>,
    pub category: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Evidence {
    pub generated_at: DateTime<Utc>,
    /// The forum that made the export.
    pub forum: ReportingForum,
    pub query: EvidenceQuery,
    pub method: String,
    pub suppression: String,
    pub figures: Vec<EvidenceFigure>,
    pub quotes: Vec<Quote>,
}

/// The export for a checked selection: every report in `from..to` (of the chosen areas,
/// if any), the number of stories and the columns' tags of each, and the quotes.
pub async fn evidence(state: &AppState, selection: &Selection) -> Result<Evidence, Problem> {
    let now = Quarter::of(Utc::now().date_naive());
    let periods = super::periods(&state.db).await.map_err(Problem::internal)?;
    let period = selection.period(&periods, now);
    let (from, to) = selection.range(period)?;
    let reports = super::load(
        state,
        Scope {
            from,
            to,
            areas: selection.areas.as_deref(),
        },
    )
    .await
    .map_err(Problem::internal)?;
    let vocabulary = &state.patterns.vocabulary;
    let columns = selection.columns(vocabulary);
    let area_name = |code: &str| {
        code.parse::<GssCode>()
            .ok()
            .and_then(|c| state.areas.get(&c))
            .map_or_else(|| code.to_owned(), |a| a.name.clone())
    };

    let mut ordered: Vec<&Report> = reports.reports.iter().collect();
    let names: HashMap<&str, String> = ordered
        .iter()
        .map(|r| (r.area.as_str(), area_name(&r.area)))
        .collect();
    ordered.sort_by(|a, b| {
        names[a.area.as_str()]
            .cmp(&names[b.area.as_str()])
            .then(a.quarter.cmp(&b.quarter))
            .then(a.forum.cmp(&b.forum))
    });
    let mut figures = Vec::new();
    for report in ordered {
        let forum = &reports.forums[report.forum];
        let row = |measure: &str, label: Option<&str>, figure: Figure| EvidenceFigure {
            area_code: report.area.clone(),
            area_name: names[report.area.as_str()].clone(),
            period: report.quarter.to_string(),
            measure: measure.to_owned(),
            tag_label: label.map(str::to_owned),
            figure,
            families: report.families,
            unit: report.unit,
            complete: report.complete,
            forum_domain: forum.domain.clone(),
            forum_name: forum.name.clone(),
            report_id: report.report_id.clone(),
            vocabulary_version: report.vocabulary_version,
            k: report.k,
            epsilon: report.epsilon,
            updated_at: report.updated_at,
            received_at: report.received_at,
        };
        figures.push(row(
            "families",
            None,
            Figure::families(report.families, report.k),
        ));
        for tag in &columns {
            figures.push(row(
                "tag",
                Some(&tag.label),
                Figure::tag(&tag.id, report.tag(&tag.id), report.families, report.k),
            ));
        }
    }

    let column_ids: Vec<String> = columns.iter().map(|t| t.id.clone()).collect();
    let quotes = quotes(state, &reports, (from, to), selection, &column_ids).await?;
    Ok(Evidence {
        generated_at: Utc::now(),
        forum: super::own_forum(state),
        query: EvidenceQuery {
            from: from.to_string(),
            to: to.to_string(),
            areas: selection.areas.clone(),
            tag: selection.tag.clone(),
            category: selection.category.clone(),
        },
        method: METHOD.to_owned(),
        suppression: SUPPRESSION.to_owned(),
        figures,
        quotes,
    })
}

/// A story that may be quoted, before screening.
struct Candidate {
    text: String,
    area: String,
    quarter: Quarter,
    tags: Vec<String>,
}

async fn quotes(
    state: &AppState,
    reports: &Reports,
    (from, to): (Quarter, Quarter),
    selection: &Selection,
    columns: &[String],
) -> Result<Vec<Quote>, Problem> {
    // Our own reports, by area and quarter (ours are forum 0).
    let own: HashMap<(&str, Quarter), &Report> = reports
        .reports
        .iter()
        .filter(|r| r.forum == 0 && r.families.is_some())
        .map(|r| ((r.area.as_str(), r.quarter), r))
        .collect();
    if own.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = story::Entity::find()
        .filter(story::Column::State.eq(StoryState::Published))
        .filter(story::Column::Live.eq(true))
        .filter(story::Column::Sample.eq(false))
        .filter(story::Column::ConsentQuote.eq(true))
        .filter(story::Column::ConsentCount.eq(true))
        .filter(story::Column::Visibility.ne(Visibility::CountedOnly))
        .filter(story::Column::OriginPartnerId.is_null())
        .filter(story::Column::Area.is_not_null());
    if let Some(areas) = &selection.areas {
        query = query.filter(story::Column::Area.is_in(areas.iter().cloned()));
    }
    let stories = query
        .order_by_desc(story::Column::PublishedOn)
        .order_by_desc(story::Column::Id)
        .limit(QUOTE_CANDIDATES)
        .all(&state.db)
        .await
        .map_err(Problem::internal)?;

    let mut candidates = Vec::new();
    for story in stories {
        let (Some(area), Some(quarter)) = (story.area.clone(), Quarter::of_period(&story.period))
        else {
            continue;
        };
        if quarter < from || quarter > to || !own.contains_key(&(area.as_str(), quarter)) {
            continue;
        }
        let report = own[&(area.as_str(), quarter)];
        let tags: Vec<String> = story
            .tags
            .split(',')
            .filter(|t| columns.iter().any(|c| c == t) && report.tag(t).is_some())
            .map(str::to_owned)
            .collect();
        if selection.narrowed() && tags.is_empty() {
            continue;
        }
        let text = without_pseudonym(&render::excerpt(&story.body, QUOTE_CHARS), &story.pseudonym);
        candidates.push(Candidate {
            text,
            area,
            quarter,
            tags,
        });
    }
    // Screening is CPU work: off the async threads, all at once.
    let screened = tokio::task::spawn_blocking(move || {
        candidates
            .into_iter()
            .filter(|c| screening::screen(&c.text).is_empty())
            .take(MAX_QUOTES)
            .collect::<Vec<_>>()
    })
    .await
    .map_err(Problem::internal)?;
    let forum = &reports.forums[0];
    Ok(screened
        .into_iter()
        .map(|c| {
            let report = own[&(c.area.as_str(), c.quarter)];
            let area_name = c
                .area
                .parse::<GssCode>()
                .ok()
                .and_then(|code| state.areas.get(&code))
                .map_or_else(|| c.area.clone(), |a| a.name.clone());
            Quote {
                text: c.text,
                area_name,
                area_code: c.area,
                period: c.quarter.to_string(),
                tags: c.tags,
                forum_domain: forum.domain.clone(),
                forum_name: forum.name.clone(),
                report_id: report.report_id.clone(),
                vocabulary_version: report.vocabulary_version,
                k: report.k,
                received_at: report.received_at,
            }
        })
        .collect())
}

/// `text` with every occurrence of `pseudonym` (any case) replaced by "[the author]".
fn without_pseudonym(text: &str, pseudonym: &str) -> String {
    let name = pseudonym.trim();
    if name.is_empty() {
        return text.to_owned();
    }
    let lower_text = text.to_lowercase();
    let lower_name = name.to_lowercase();
    // Lower-casing can change lengths outside ASCII; then replace exact matches only.
    if lower_text.len() != text.len() || lower_name.len() != name.len() {
        return text.replace(name, AUTHOR);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (at, _) in lower_text.match_indices(&lower_name) {
        if at < rest {
            continue;
        }
        out.push_str(&text[rest..at]);
        out.push_str(AUTHOR);
        rest = at + name.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// A CSV cell that a spreadsheet will not run as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn number(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 24] = [
    "record",
    "area_code",
    "area_name",
    "period",
    "measure",
    "tag",
    "tag_label",
    "count",
    "suppressed",
    "rate",
    "rate_low",
    "rate_high",
    "families",
    "unit",
    "complete",
    "forum_domain",
    "forum_name",
    "report_id",
    "vocabulary_version",
    "k",
    "epsilon",
    "updated_at",
    "received_at",
    "quote",
];

fn to_csv(evidence: &Evidence) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_HEADER)?;
    for f in &evidence.figures {
        out.write_record([
            "figure".to_owned(),
            f.area_code.clone(),
            cell(&f.area_name),
            f.period.clone(),
            f.measure.clone(),
            f.figure.tag.clone().unwrap_or_default(),
            cell(f.tag_label.as_deref().unwrap_or_default()),
            number(f.figure.count),
            f.figure.suppressed.to_string(),
            number(f.figure.rate),
            number(f.figure.rate_low),
            number(f.figure.rate_high),
            number(f.families),
            f.unit.as_str().to_owned(),
            number(f.complete),
            f.forum_domain.clone(),
            cell(&f.forum_name),
            f.report_id.clone(),
            f.vocabulary_version.to_string(),
            f.k.to_string(),
            number(f.epsilon),
            f.updated_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            f.received_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            String::new(),
        ])?;
    }
    for q in &evidence.quotes {
        out.write_record([
            "quote".to_owned(),
            q.area_code.clone(),
            cell(&q.area_name),
            q.period.clone(),
            String::new(),
            q.tags.join(";"),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            q.forum_domain.clone(),
            cell(&q.forum_name),
            q.report_id.clone(),
            q.vocabulary_version.to_string(),
            q.k.to_string(),
            String::new(),
            String::new(),
            q.received_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            cell(&q.text),
        ])?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

fn attachment(mut response: Response, evidence: &Evidence, extension: &str) -> Response {
    let domain: String = evidence
        .forum
        .domain
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = format!(
        "attachment; filename=\"evidence-{domain}-{}-{}.{extension}\"",
        evidence.query.from, evidence.query.to
    );
    if let Ok(value) = HeaderValue::from_str(&name) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

async fn checked(state: &AppState, query: &CompareQuery) -> Result<Evidence, Problem> {
    state.evidence.check()?;
    let now = Quarter::of(Utc::now().date_naive());
    let selection = Selection::check(query, &state.patterns.vocabulary, now)?;
    evidence(state, &selection).await
}

/// The comparison as JSON, figure by figure with provenance, and consented quotes.
#[utoipa::path(get, path = "/api/v1/evidence.json", tag = "stats", params(CompareQuery),
    responses(
        (status = 200, description = "Every figure of the reports in from..to, each with its provenance, and quotes", body = Evidence),
        (status = 422, description = "`validation`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many exports this minute", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn evidence_json(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CompareQuery>,
) -> Result<Response, Problem> {
    let evidence = checked(&state, &query).await?;
    let response = ApiJson(&evidence).into_response();
    Ok(attachment(response, &evidence, "json"))
}

/// The comparison as CSV: one row per figure and one per quote, each with provenance.
#[utoipa::path(get, path = "/api/v1/evidence.csv", tag = "stats", params(CompareQuery),
    responses(
        (status = 200, description = "CSV (RFC 4180) with a header row", content_type = "text/csv"),
        (status = 422, description = "`validation`", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many exports this minute", body = crate::problem::ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn evidence_csv(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<CompareQuery>,
) -> Result<Response, Problem> {
    let evidence = checked(&state, &query).await?;
    let body = to_csv(&evidence).map_err(Problem::internal)?;
    let response = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response();
    Ok(attachment(response, &evidence, "csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pseudonym_goes_in_any_case() {
        assert_eq!(
            without_pseudonym("Quiet Lantern here. quiet lantern again", "Quiet Lantern"),
            "[the author] here. [the author] again"
        );
        assert_eq!(without_pseudonym("nothing", "Quiet Lantern"), "nothing");
    }

    #[test]
    fn a_formula_is_not_a_formula() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("Leeds"), "Leeds");
    }
}
