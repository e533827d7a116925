//! What can go wrong with accounts, and how each is shown.

use crate::problem::{Problem, ProblemCode};

use super::{limits::RetryAfter, passwords::WeakPassphrase, types::HandleError};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(transparent)]
    Handle(#[from] HandleError),
    #[error("handle taken")]
    HandleTaken,
    #[error(transparent)]
    WeakPassphrase(#[from] WeakPassphrase),
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("invalid recovery code")]
    InvalidRecoveryCode,
    #[error("not signed in")]
    Unauthorized,
    #[error("session expired")]
    SessionExpired,
    #[error("not allowed")]
    Forbidden,
    #[error("invite required")]
    InviteRequired,
    #[error("invalid invite")]
    InvalidInvite,
    #[error("membership closed")]
    MembershipClosed,
    #[error("last admin")]
    LastAdmin,
    #[error("not found")]
    NotFound,
    #[error("rate limited")]
    RateLimited(RetryAfter),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<RetryAfter> for AccountError {
    fn from(retry: RetryAfter) -> Self {
        Self::RateLimited(retry)
    }
}

impl From<getrandom::Error> for AccountError {
    fn from(e: getrandom::Error) -> Self {
        Self::Internal(anyhow::anyhow!("random: {e}"))
    }
}

impl From<AccountError> for Problem {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Handle(e @ HandleError::Invalid) => {
                Problem::new(ProblemCode::InvalidHandle).detail(e.to_string())
            }
            AccountError::Handle(e @ HandleError::Reserved) => {
                Problem::new(ProblemCode::ReservedHandle).detail(e.to_string())
            }
            AccountError::HandleTaken => Problem::new(ProblemCode::HandleTaken)
                .detail("Someone already has that handle. Please choose another."),
            AccountError::WeakPassphrase(e) => {
                Problem::new(ProblemCode::WeakPassphrase).detail(e.0)
            }
            AccountError::InvalidCredentials => Problem::new(ProblemCode::InvalidCredentials),
            AccountError::InvalidRecoveryCode => Problem::new(ProblemCode::InvalidRecoveryCode),
            AccountError::Unauthorized => Problem::new(ProblemCode::Unauthorized),
            AccountError::SessionExpired => Problem::new(ProblemCode::SessionExpired),
            AccountError::Forbidden => Problem::new(ProblemCode::Forbidden),
            AccountError::InviteRequired => Problem::new(ProblemCode::InviteRequired),
            AccountError::InvalidInvite => Problem::new(ProblemCode::InvalidInvite),
            AccountError::MembershipClosed => Problem::new(ProblemCode::MembershipClosed),
            AccountError::LastAdmin => {
                Problem::new(ProblemCode::LastAdmin).detail("Make another member an admin first.")
            }
            AccountError::NotFound => Problem::new(ProblemCode::NotFound),
            AccountError::RateLimited(RetryAfter(secs)) => {
                Problem::new(ProblemCode::RateLimited).retry_after(secs)
            }
            AccountError::Db(e) => Problem::internal(e),
            AccountError::Internal(e) => Problem::internal(format!("{e:#}")),
        }
    }
}
