//! `POST /api/v1/screening` and `POST /api/v1/screening/redact`. Neither needs a
//! session, neither stores anything, and neither logs the text: the request log holds
//! only the route, the status and the time taken.

use axum::{extract::State, response::IntoResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Finding, Kind, RedactError, Redaction, redact as apply, screen as find};
use crate::{
    AppState,
    limits::check_text_chars,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
};

/// The longest text screened, in characters (Unicode scalar values).
pub const MAX_TEXT_CHARS: usize = 50_000;
/// The most findings one redaction request may apply.
pub const MAX_REDACTIONS: usize = 5_000;
/// The longest replacement for one finding, in characters.
pub const MAX_REPLACEMENT_CHARS: usize = 100;

fn check_length(text: &str) -> Result<(), Problem> {
    check_text_chars(text, MAX_TEXT_CHARS, "screened")
}

/// A text to screen.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenRequest {
    /// Up to 50,000 characters.
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScreenResponse {
    /// Sorted by `start`; never overlapping. Offsets count Unicode scalar values.
    pub findings: Vec<Finding>,
}

/// Finds what in a text could identify a family. Stores and logs nothing.
#[utoipa::path(post, path = "/api/v1/screening", tag = "screening",
    request_body = ScreenRequest,
    responses(
        (status = 200, description = "The findings, in reading order", body = ScreenResponse),
        (status = 422, description = "`validation` (no `text`) or `text_too_long`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn screen(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<ScreenRequest>,
) -> Result<impl IntoResponse, Problem> {
    state.screening.check()?;
    check_length(&request.text)?;
    let findings = tokio::task::spawn_blocking(move || find(&request.text))
        .await
        .map_err(Problem::internal)?;
    Ok(ApiJson(ScreenResponse { findings }))
}

/// A finding to apply, as `POST /api/v1/screening` returned it.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RedactFinding {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Must equal the text's characters `start..end`.
    pub text: String,
    /// Defaults to the kind's own, e.g. `[phone number]`. At most 100 characters.
    #[serde(default)]
    pub replacement: Option<String>,
}

/// A text and the findings to take out of it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactRequest {
    pub text: String,
    pub findings: Vec<RedactFinding>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RedactResponse {
    /// The text with each finding replaced.
    pub text: String,
}

/// Replaces the given findings in a text. Stores and logs nothing.
#[utoipa::path(post, path = "/api/v1/screening/redact", tag = "screening",
    request_body = RedactRequest,
    responses(
        (status = 200, description = "The redacted text", body = RedactResponse),
        (status = 422, description = "`validation`, `text_too_long` or `finding_mismatch` (a finding does not match the text at its offsets, overlaps another or lies outside it)", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn redact(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RedactRequest>,
) -> Result<impl IntoResponse, Problem> {
    state.screening.check()?;
    check_length(&request.text)?;
    let text = apply_findings(&request.text, &request.findings)?;
    Ok(ApiJson(RedactResponse { text }))
}

/// Applies findings (as `POST /api/v1/screening` returned them) to a text: 422
/// `validation` for too many or too long replacements, `finding_mismatch` when one does
/// not match the text at its offsets. Moderators' redactions go through here too.
pub fn apply_findings(text: &str, findings: &[RedactFinding]) -> Result<String, Problem> {
    if findings.len() > MAX_REDACTIONS {
        return Err(Problem::new(ProblemCode::Validation).detail(format!(
            "At most {MAX_REDACTIONS} findings can be applied at once."
        )));
    }
    if findings.iter().any(|f| {
        f.replacement
            .as_ref()
            .is_some_and(|r| r.chars().count() > MAX_REPLACEMENT_CHARS)
    }) {
        return Err(Problem::new(ProblemCode::Validation).detail(format!(
            "A replacement can be at most {MAX_REPLACEMENT_CHARS} characters."
        )));
    }
    let redactions: Vec<Redaction<'_>> = findings
        .iter()
        .map(|f| Redaction {
            start: f.start,
            end: f.end,
            text: &f.text,
            replacement: f.replacement.as_deref().unwrap_or(f.kind.replacement()),
        })
        .collect();
    // The message names the finding's place in the list, never its text.
    apply(text, &redactions).map_err(|e: RedactError| {
        Problem::new(ProblemCode::FindingMismatch).detail(format!(
            "The {e}: check the text again and apply its new findings."
        ))
    })
}
