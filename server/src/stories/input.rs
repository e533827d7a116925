//! A story as the author sends it, and the checks that turn it into [`Content`]: every
//! limit and every closed list, with a clear problem for each.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    AgeBand, ContentWarning, PrimaryNeed, PseudonymMode, Service, Stage, Visibility, render,
};
use crate::{
    areas::{Areas, GssCode},
    limits::check_field_chars,
    problem::{Problem, ProblemCode},
};

pub const MAX_TITLE_CHARS: usize = 140;
pub const MAX_BODY_CHARS: usize = 20_000;
pub const MAX_TAGS: usize = 12;
/// The earliest year a story can be about.
pub const FIRST_YEAR: i32 = 1990;
/// What `area` says when the author would rather not say.
pub const NOT_SAID: &str = "not-said";

fn yes() -> bool {
    true
}

/// A story to save (`POST /api/v1/stories`, `PUT /api/v1/stories/{id}`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StoryInput {
    /// Up to 140 characters; may be empty while a draft.
    pub title: String,
    /// Markdown, up to 20,000 characters; may be empty while a draft.
    pub body: String,
    /// The local authority's GSS code, or `not-said`.
    pub area: String,
    /// When it happened: `YYYY-MM` or `YYYY`, never a day.
    pub period: String,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub age_band: Option<AgeBand>,
    #[serde(default)]
    pub primary_need: Option<PrimaryNeed>,
    /// Pattern tag ids (shared, or the forum's own `local:…`), at most 12.
    #[serde(default)]
    pub tags: Vec<String>,
    pub visibility: Visibility,
    /// Count it in the forum's anonymous figures.
    #[serde(default = "yes")]
    pub consent_count: bool,
    /// It may be quoted, anonymously, in campaign evidence.
    #[serde(default)]
    pub consent_quote: bool,
    #[serde(default)]
    pub content_warnings: Vec<ContentWarning>,
    /// `fresh` (a new pseudonym for this story) or `forum-name`.
    #[serde(default = "fresh")]
    pub pseudonym_mode: PseudonymMode,
}

fn fresh() -> PseudonymMode {
    PseudonymMode::Fresh
}

/// A story's content, checked: what the columns hold, or what an edit waiting for a
/// moderator holds. `html` is rendered from `body` and sanitised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Content {
    pub title: String,
    pub body: String,
    pub html: String,
    /// A GSS code; `None` when not said.
    pub area: Option<String>,
    pub period: String,
    pub services: Vec<Service>,
    pub stage: Option<Stage>,
    pub age_band: Option<AgeBand>,
    pub primary_need: Option<PrimaryNeed>,
    pub tags: Vec<String>,
    pub visibility: Visibility,
    pub consent_count: bool,
    pub consent_quote: bool,
    pub content_warnings: Vec<ContentWarning>,
}

fn invalid(detail: impl Into<String>) -> Problem {
    Problem::new(ProblemCode::Validation).detail(detail)
}

/// Checks a period: `YYYY` or `YYYY-MM`, from 1990 to the current month.
pub fn check_period(period: &str, today: NaiveDate) -> Result<(), Problem> {
    let bad = || invalid("period must be a month (YYYY-MM) or a year (YYYY), never a day.");
    let (year, month) = match period.split_once('-') {
        None => (period, None),
        Some((year, month)) => (year, Some(month)),
    };
    if year.len() != 4 || month.is_some_and(|m| m.len() != 2) {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: Option<u32> = month.map(str::parse).transpose().map_err(|_| bad())?;
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return Err(bad());
    }
    if year < FIRST_YEAR {
        return Err(invalid(format!("period cannot be before {FIRST_YEAR}.")));
    }
    let future =
        year > today.year() || (year == today.year() && month.is_some_and(|m| m > today.month()));
    if future {
        return Err(invalid("period cannot be in the future."));
    }
    Ok(())
}

fn no_repeats<T: Ord + Copy>(items: &[T], field: &str) -> Result<(), Problem> {
    let distinct: BTreeSet<T> = items.iter().copied().collect();
    if distinct.len() == items.len() {
        Ok(())
    } else {
        Err(invalid(format!("{field} lists a value twice.")))
    }
}

impl StoryInput {
    /// Checks everything but the tags' existence (which needs the database: see
    /// `access::check_tags`) and renders the body.
    pub fn check(self, areas: &Areas, today: NaiveDate) -> Result<Content, Problem> {
        check_field_chars(&self.title, MAX_TITLE_CHARS, "title")?;
        check_field_chars(&self.body, MAX_BODY_CHARS, "body")?;
        if self.title.contains(['\n', '\r']) {
            return Err(invalid("title: a title is one line."));
        }
        let area = match self.area.as_str() {
            NOT_SAID => None,
            code => {
                let known = code
                    .parse::<GssCode>()
                    .ok()
                    .filter(|code| areas.get(code).is_some());
                Some(
                    known
                        .ok_or_else(|| {
                            invalid("area must be the GSS code of an English local authority, or not-said.")
                        })?
                        .to_string(),
                )
            }
        };
        check_period(&self.period, today)?;
        no_repeats(&self.services, "services")?;
        no_repeats(&self.content_warnings, "content_warnings")?;
        if self.tags.len() > MAX_TAGS {
            return Err(invalid(format!("tags: at most {MAX_TAGS} tags.")));
        }
        let mut tags = self.tags;
        let count = tags.len();
        tags.sort();
        tags.dedup();
        if tags.len() != count {
            return Err(invalid("tags lists a tag twice."));
        }
        let title = self.title.trim().to_owned();
        if let Some(why) = render::shape_problem(&self.body) {
            return Err(invalid(format!("body: {why}")));
        }
        let html = render::to_html(&self.body);
        Ok(Content {
            title,
            html,
            body: self.body,
            area,
            period: self.period,
            services: self.services,
            stage: self.stage,
            age_band: self.age_band,
            primary_need: self.primary_need,
            tags,
            visibility: self.visibility,
            consent_count: self.consent_count,
            consent_quote: self.consent_quote,
            content_warnings: self.content_warnings,
        })
    }
}

impl Content {
    /// What a story needs before a moderator sees it.
    pub fn check_complete(&self) -> Result<(), Problem> {
        let mut missing = Vec::new();
        if self.title.trim().is_empty() {
            missing.push("a title");
        }
        if self.body.trim().is_empty() {
            missing.push("the story itself");
        }
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Problem::new(ProblemCode::StoryIncomplete)
                .detail(format!("Add {} before sending it.", missing.join(" and "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_months_or_years_in_the_past() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for good in ["2025", "2025-03", "2026-11", "1990"] {
            check_period(good, today).unwrap();
        }
        for bad in [
            "2025-03-14",
            "25",
            "2025-13",
            "2025-00",
            "2026-12",
            "2027",
            "1989",
            "2025-3",
            "abcd",
        ] {
            assert!(check_period(bad, today).is_err(), "{bad}");
        }
    }
}
