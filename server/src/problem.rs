//! Problem: the one renderer of `application/problem+json` (RFC 9457).
//!
//! Every error a client sees goes through here, with a stable machine-readable `code`
//! from [`ProblemCode`]. Codes are never renamed: clients and other forums match on them.
//! Internal causes are logged here and never shown.

use axum::{
    Json,
    extract::{FromRequest, Request, rejection::JsonRejection},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Every problem code this API can answer with, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemCode {
    Validation,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    Csrf,
    Unauthorized,
    Forbidden,
    Timeout,
    Unavailable,
    Internal,
    InvalidHandle,
    ReservedHandle,
    HandleTaken,
    WeakPassphrase,
    InvalidCredentials,
    InvalidRecoveryCode,
    SessionExpired,
    InviteRequired,
    InvalidInvite,
    MembershipClosed,
    LastAdmin,
    TextTooLong,
    FindingMismatch,
    TagExists,
    InvalidState,
    StoryIncomplete,
    Withdrawn,
    AlreadyReacted,
    OwnStory,
    ForumNameMissing,
    ForumNameTaken,
    ActivityInvalid,
    SignatureInvalid,
    FederationRefused,
    PartnerNotFound,
    Blocked,
    AlreadyPartner,
}

impl ProblemCode {
    /// The stable code, as clients see it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::RateLimited => "rate_limited",
            Self::Csrf => "csrf",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::Timeout => "timeout",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
            Self::InvalidHandle => "invalid_handle",
            Self::ReservedHandle => "reserved_handle",
            Self::HandleTaken => "handle_taken",
            Self::WeakPassphrase => "weak_passphrase",
            Self::InvalidCredentials => "invalid_credentials",
            Self::InvalidRecoveryCode => "invalid_recovery_code",
            Self::SessionExpired => "session_expired",
            Self::InviteRequired => "invite_required",
            Self::InvalidInvite => "invalid_invite",
            Self::MembershipClosed => "membership_closed",
            Self::LastAdmin => "last_admin",
            Self::TextTooLong => "text_too_long",
            Self::FindingMismatch => "finding_mismatch",
            Self::TagExists => "tag_exists",
            Self::InvalidState => "invalid_state",
            Self::StoryIncomplete => "story_incomplete",
            Self::Withdrawn => "withdrawn",
            Self::AlreadyReacted => "already_reacted",
            Self::OwnStory => "own_story",
            Self::ForumNameMissing => "forum_name_missing",
            Self::ForumNameTaken => "forum_name_taken",
            Self::ActivityInvalid => "activity_invalid",
            Self::SignatureInvalid => "signature_invalid",
            Self::FederationRefused => "federation_refused",
            Self::PartnerNotFound => "partner_not_found",
            Self::Blocked => "blocked",
            Self::AlreadyPartner => "already_partner",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Self::Validation
            | Self::InvalidHandle
            | Self::ReservedHandle
            | Self::WeakPassphrase
            | Self::TextTooLong
            | Self::FindingMismatch
            | Self::StoryIncomplete
            | Self::OwnStory
            | Self::ForumNameMissing
            | Self::PartnerNotFound => StatusCode::UNPROCESSABLE_ENTITY,
            Self::ActivityInvalid => StatusCode::BAD_REQUEST,
            Self::SignatureInvalid => StatusCode::UNAUTHORIZED,
            Self::FederationRefused => StatusCode::FORBIDDEN,
            Self::HandleTaken
            | Self::LastAdmin
            | Self::TagExists
            | Self::InvalidState
            | Self::AlreadyReacted
            | Self::ForumNameTaken
            | Self::Blocked
            | Self::AlreadyPartner => StatusCode::CONFLICT,
            Self::Withdrawn => StatusCode::GONE,
            Self::InvalidCredentials | Self::InvalidRecoveryCode | Self::SessionExpired => {
                StatusCode::UNAUTHORIZED
            }
            Self::InviteRequired | Self::InvalidInvite | Self::MembershipClosed => {
                StatusCode::FORBIDDEN
            }
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Csrf | Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Timeout => StatusCode::REQUEST_TIMEOUT,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Validation => "The request is not valid",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::PayloadTooLarge => "The request is too large",
            Self::UnsupportedMediaType => "Send JSON",
            Self::RateLimited => "Too many requests",
            Self::Csrf => "Cross-site request refused",
            Self::Unauthorized => "Sign in first",
            Self::Forbidden => "Not allowed",
            Self::Timeout => "The request took too long",
            Self::Unavailable => "Temporarily unavailable",
            Self::Internal => "Something went wrong on our side",
            Self::InvalidHandle => "That handle cannot be used",
            Self::ReservedHandle => "That handle is reserved",
            Self::HandleTaken => "That handle is taken",
            Self::WeakPassphrase => "That passphrase is too easy to guess",
            Self::InvalidCredentials => "Handle or passphrase not recognised",
            Self::InvalidRecoveryCode => "Handle or recovery code not recognised",
            Self::SessionExpired => "Signed out",
            Self::InviteRequired => "An invite code is needed to join",
            Self::InvalidInvite => "That invite code cannot be used",
            Self::MembershipClosed => "This forum is not taking new members",
            Self::LastAdmin => "A forum needs at least one admin",
            Self::TextTooLong => "The text is too long",
            Self::FindingMismatch => "The findings do not match the text",
            Self::TagExists => "That tag exists already",
            Self::InvalidState => "Not possible at this stage",
            Self::StoryIncomplete => "The story is not finished",
            Self::Withdrawn => "The author withdrew this story",
            Self::AlreadyReacted => "You have said so already",
            Self::OwnStory => "That is your own story",
            Self::ForumNameMissing => "Choose a forum name first",
            Self::ForumNameTaken => "That forum name is taken",
            Self::ActivityInvalid => "The activity is not one this forum accepts",
            Self::SignatureInvalid => "The signature could not be verified",
            Self::FederationRefused => "This forum does not federate with yours",
            Self::PartnerNotFound => "No forum was found at that address",
            Self::Blocked => "That forum is blocked",
            Self::AlreadyPartner => "That forum is a partner already",
        }
    }

    /// The code for a bare HTTP error status that a layer produced without a body of ours.
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => Self::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::UnsupportedMediaType,
            StatusCode::TOO_MANY_REQUESTS => Self::RateLimited,
            StatusCode::UNAUTHORIZED => Self::Unauthorized,
            StatusCode::FORBIDDEN => Self::Forbidden,
            StatusCode::REQUEST_TIMEOUT | StatusCode::GATEWAY_TIMEOUT => Self::Timeout,
            StatusCode::SERVICE_UNAVAILABLE => Self::Unavailable,
            s if s.is_client_error() => Self::Validation,
            _ => Self::Internal,
        }
    }
}

/// An error as the client sees it.
#[derive(Debug)]
pub struct Problem {
    code: ProblemCode,
    detail: Option<String>,
    retry_after_secs: Option<u64>,
}

/// The wire shape of a problem (RFC 9457), for the OpenAPI document and clients.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// A URI naming the problem type: `urn:commonthread:problem:<code>`.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Stable, machine-readable; never renamed.
    pub code: String,
}

impl Problem {
    pub fn new(code: ProblemCode) -> Self {
        Self {
            code,
            detail: None,
            retry_after_secs: None,
        }
    }

    /// Adds a human-readable explanation. It must never contain story text or secrets.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Tells the client when to try again (`Retry-After`, in seconds).
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs.max(1));
        self
    }

    /// A 500 whose cause goes to the log and never to the client; or, when the cause is
    /// that the database cannot be reached (it is restarting, the network dropped), a 503
    /// `unavailable` with `Retry-After`, which tells a client to try again rather than
    /// that something is broken.
    pub fn internal(cause: impl std::fmt::Display + 'static) -> Self {
        let any: &dyn std::any::Any = &cause;
        let unreachable = any
            .downcast_ref::<sea_orm::DbErr>()
            .is_some_and(crate::db::is_unreachable)
            || any.downcast_ref::<anyhow::Error>().is_some_and(|error| {
                error.chain().any(|cause| {
                    cause
                        .downcast_ref::<sea_orm::DbErr>()
                        .is_some_and(crate::db::is_unreachable)
                })
            });
        if unreachable {
            tracing::warn!(error = %cause, "database unreachable");
            return Self::new(ProblemCode::Unavailable)
                .detail("The database is not reachable just now. Please try again shortly.");
        }
        tracing::error!(error = %cause, "internal error");
        Self::new(ProblemCode::Internal)
    }

    pub fn code(&self) -> ProblemCode {
        self.code
    }

    pub fn body(&self) -> ProblemBody {
        ProblemBody {
            type_uri: format!("urn:commonthread:problem:{}", self.code.as_str()),
            title: self.code.title().to_owned(),
            status: self.code.status().as_u16(),
            detail: self.detail.clone(),
            code: self.code.as_str().to_owned(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.code.status();
        let mut response = (status, Json(self.body())).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        let retry_after = match (self.retry_after_secs, self.code) {
            (Some(secs), _) => Some(secs),
            (None, ProblemCode::Unavailable) => Some(5),
            (None, _) => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// `Json<T>` whose rejections are problems: the only JSON body extractor handlers use.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        // Read as JSON first (the content type and syntax checked as `Json` does), then no
        // control character anywhere, then the type, with the path of whatever is wrong.
        let Json(value) = Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(Problem::from)?;
        if let Some(field) = crate::input::control_character_in(&value) {
            return Err(Problem::new(ProblemCode::Validation).detail(format!(
                "{field}: text may not hold control characters (only tabs and line breaks)."
            )));
        }
        serde_path_to_error::deserialize(value)
            .map(Self)
            .map_err(|e| {
                // serde's message names the field and what was expected; it never echoes
                // the submitted value for our types.
                Problem::new(ProblemCode::Validation).detail(format!(
                    "Failed to deserialize the JSON body into the target type: {e}"
                ))
            })
    }
}

/// `Query<T>` whose rejections are problems with a detail: the query extractor handlers use.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            // serde's message names the parameter and what was expected.
            Err(rejection) => {
                Err(Problem::new(ProblemCode::Validation).detail(rejection.body_text()))
            }
        }
    }
}

impl From<JsonRejection> for Problem {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(e) => {
                // serde's message names the field and what was expected; it never echoes
                // the submitted value for our types.
                Problem::new(ProblemCode::Validation).detail(e.body_text())
            }
            JsonRejection::JsonSyntaxError(_) => {
                Problem::new(ProblemCode::Validation).detail("The body is not valid JSON.")
            }
            JsonRejection::MissingJsonContentType(_) => {
                Problem::new(ProblemCode::UnsupportedMediaType)
                    .detail("Send the body as application/json.")
            }
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Problem::new(ProblemCode::PayloadTooLarge)
            }
            other => Problem::new(ProblemCode::for_status(other.status())),
        }
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        Json(self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_a_layer_can_produce_maps_to_its_own_code() {
        for (status, code) in [
            (StatusCode::NOT_FOUND, "not_found"),
            (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            (StatusCode::REQUEST_TIMEOUT, "timeout"),
            (StatusCode::BAD_REQUEST, "validation"),
            (StatusCode::BAD_GATEWAY, "internal"),
        ] {
            assert_eq!(ProblemCode::for_status(status).as_str(), code, "{status}");
        }
    }

    #[test]
    fn body_carries_type_title_status_and_code() {
        let body = Problem::new(ProblemCode::Csrf).detail("why").body();
        assert_eq!(body.type_uri, "urn:commonthread:problem:csrf");
        assert_eq!(body.status, 403);
        assert_eq!(body.code, "csrf");
        assert_eq!(body.detail.as_deref(), Some("why"));
    }
}
