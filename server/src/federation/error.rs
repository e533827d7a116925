//! Errors of federation: every one becomes a 4xx problem with a stable code and a counted
//! reason, except the database's, which are ours (500, logged, never shown).

use activitypub_federation::error::Error as CrateError;
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;

use crate::problem::{Problem, ProblemCode};

#[derive(Debug, thiserror::Error)]
pub enum FedError {
    /// Refused for a reason named by a stable word (counted; see `Federation::refuse`).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The activity or object is not one we accept.
    #[error("invalid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Crate(#[from] CrateError),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl FedError {
    pub fn invalid(why: impl Into<String>) -> Self {
        Self::Invalid(why.into())
    }

    /// The stable reason counted for a refused activity.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::Refused(reason) => reason,
            Self::Invalid(_) => "invalid",
            Self::Crate(error) => match error {
                CrateError::ActivitySignatureInvalid | CrateError::ActivityBodyDigestInvalid => {
                    "signature"
                }
                CrateError::UrlVerificationError(_) => "url",
                CrateError::ParseReceivedActivity { .. } => "unparsable",
                _ => "fetch",
            },
            Self::Db(_) => "database",
        }
    }

    pub fn problem(&self) -> Problem {
        match self {
            Self::Db(error) => Problem::internal(error.clone()),
            Self::Refused(reason) => {
                Problem::new(ProblemCode::FederationRefused).detail(format!("Refused: {reason}."))
            }
            Self::Invalid(why) => Problem::new(ProblemCode::ActivityInvalid).detail(why.clone()),
            Self::Crate(error) => match error {
                CrateError::ActivitySignatureInvalid | CrateError::ActivityBodyDigestInvalid => {
                    Problem::new(ProblemCode::SignatureInvalid)
                }
                CrateError::UrlVerificationError(why) => {
                    Problem::new(ProblemCode::FederationRefused).detail(format!("{why}."))
                }
                CrateError::ParseReceivedActivity { .. } => {
                    Problem::new(ProblemCode::ActivityInvalid)
                        .detail("The activity could not be read.")
                }
                other => {
                    // The sender chose the URLs: the log names their hosts only.
                    tracing::info!(error = %hosts_only(&other.to_string()), "a federation fetch failed");
                    Problem::new(ProblemCode::ActivityInvalid)
                        .detail("Something the activity names could not be fetched.")
                }
            },
        }
    }
}

/// `text` with every URL in it cut to its scheme and host: no path or query a sender chose
/// reaches the log.
pub fn hosts_only(text: &str) -> String {
    static URL: std::sync::LazyLock<Option<regex::Regex>> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"(https?://[^/\s"'?#]+)[^\s"']*"#).ok());
    match &*URL {
        Some(url) => url.replace_all(text, "$1/…").into_owned(),
        None => String::from("(a fetch failed)"),
    }
}

impl From<url::ParseError> for FedError {
    fn from(error: url::ParseError) -> Self {
        Self::Invalid(format!("a URL is not valid: {error}"))
    }
}

impl From<serde_json::Error> for FedError {
    fn from(error: serde_json::Error) -> Self {
        Self::Invalid(format!("the object could not be read: {error}"))
    }
}

impl IntoResponse for FedError {
    fn into_response(self) -> Response {
        self.problem().into_response()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn logged_urls_keep_only_their_hosts() {
        assert_eq!(
            super::hosts_only("Request to https://evil.example:8443/actor?who=alice#x failed: 404"),
            "Request to https://evil.example:8443/… failed: 404"
        );
        assert_eq!(super::hosts_only("no url here"), "no url here");
    }
}
