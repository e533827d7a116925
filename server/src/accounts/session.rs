//! `SignedIn`: the member a request's access cookie belongs to. Handlers that take it
//! answer 401 `unauthorized` to anyone else; `require` narrows it to a role.

use axum::{extract::FromRequestParts, http::request::Parts};
use axum_extra::extract::CookieJar;

use crate::{AppState, problem::Problem};

use super::{
    error::AccountError,
    store,
    tokens::ACCESS_COOKIE,
    types::{Handle, Role},
};

/// A signed-in member, checked against the database on every request, so that signing
/// out (here or everywhere), a role change or an erasure takes effect at once.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub id: i64,
    pub handle: Handle,
    pub role: Role,
}

impl SignedIn {
    /// This member if their role is at least `role`; otherwise 403 `forbidden`.
    pub fn require(self, role: Role) -> Result<Self, AccountError> {
        if self.role >= role {
            Ok(self)
        } else {
            Err(AccountError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let jar = CookieJar::from_headers(&parts.headers);
        let claims = jar
            .get(ACCESS_COOKIE)
            .and_then(|cookie| state.accounts.keys().verify_access(cookie.value()))
            .ok_or(AccountError::Unauthorized)?;
        let id: i64 = claims.sub.parse().map_err(|_| AccountError::Unauthorized)?;
        let account = store::find_by_id(&state.db, id)
            .await
            .map_err(AccountError::from)?
            .filter(|account| account.token_version == claims.ver)
            .ok_or(AccountError::Unauthorized)?;
        if !store::session_is_live(&state.db, &claims.sid)
            .await
            .map_err(AccountError::from)?
        {
            return Err(AccountError::Unauthorized.into());
        }
        Ok(Self {
            id: account.id,
            handle: Handle::from_stored(account.handle),
            role: account.role,
        })
    }
}
