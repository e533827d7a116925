//! The accounts API: join, sessions, recovery, the member's own account and data, and
//! the admin pages for members, roles and invites.

use axum::{
    extract::{Path, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use axum_extra::extract::CookieJar;
use chrono::Utc;

use crate::{
    AppState,
    problem::{ApiJson, Problem, ProblemBody, ProblemCode},
    web::client::Client,
};

use super::{
    dto::*, error::AccountError, service::Session, session::SignedIn, tokens::REFRESH_COOKIE,
    types::Role,
};

type Answer<T> = Result<T, Problem>;

/// The browser's cookies, with this session's tokens added.
fn with_session(state: &AppState, jar: CookieJar, session: Session) -> CookieJar {
    let keys = state.accounts.keys();
    jar.add(keys.access_cookie(session.access))
        .add(keys.refresh_cookie(session.refresh))
}

fn without_session(state: &AppState, jar: CookieJar) -> CookieJar {
    let [access, refresh] = state.accounts.keys().cleared_cookies();
    jar.add(access).add(refresh)
}

/// Join the forum with a handle and a passphrase. Signs in, and returns the 8 recovery
/// codes, which are never shown again.
#[utoipa::path(post, path = "/api/v1/accounts", tag = "accounts", request_body = JoinRequest,
    responses(
        (status = 201, description = "Joined and signed in", body = JoinedView),
        (status = 409, description = "`handle_taken`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_handle`, `reserved_handle`, `weak_passphrase`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 403, description = "`invite_required`, `invalid_invite`, `membership_closed`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn join(
    State(state): State<AppState>,
    jar: CookieJar,
    ApiJson(body): ApiJson<JoinRequest>,
) -> Answer<(StatusCode, CookieJar, ApiJson<JoinedView>)> {
    let joined = state
        .accounts
        .join(
            &state.db,
            &body.handle,
            body.passphrase,
            body.invite_code.as_deref(),
        )
        .await?;
    let view = JoinedView {
        handle: joined.account.handle.clone(),
        role: joined.account.role,
        recovery_codes: joined.recovery_codes,
    };
    let jar = with_session(&state, jar, joined.session);
    Ok((StatusCode::CREATED, jar, ApiJson(view)))
}

/// Sign in. An unknown handle and a wrong passphrase get the same answer.
#[utoipa::path(post, path = "/api/v1/session", tag = "accounts", request_body = SignInRequest,
    responses(
        (status = 200, description = "Signed in; cookies set", body = SessionView),
        (status = 401, description = "`invalid_credentials`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn sign_in(
    State(state): State<AppState>,
    Client(client): Client,
    jar: CookieJar,
    ApiJson(body): ApiJson<SignInRequest>,
) -> Answer<(CookieJar, ApiJson<SessionView>)> {
    let (account, session) = state
        .accounts
        .sign_in(&state.db, client, &body.handle, body.passphrase)
        .await?;
    Ok((
        with_session(&state, jar, session),
        ApiJson(SessionView::from(&account)),
    ))
}

/// Sign out of this browser.
#[utoipa::path(delete, path = "/api/v1/session", tag = "accounts",
    responses((status = 204, description = "Signed out; cookies cleared")))]
pub async fn sign_out(
    State(state): State<AppState>,
    jar: CookieJar,
) -> Answer<(StatusCode, CookieJar)> {
    let refresh = jar.get(REFRESH_COOKIE).map(|c| c.value().to_owned());
    state
        .accounts
        .sign_out(&state.db, refresh.as_deref())
        .await?;
    Ok((StatusCode::NO_CONTENT, without_session(&state, jar)))
}

/// Swap the refresh cookie for a new pair. Reusing a spent refresh token ends its session.
#[utoipa::path(post, path = "/api/v1/session/refresh", tag = "accounts",
    responses(
        (status = 200, description = "New cookies set", body = SessionView),
        (status = 401, description = "`session_expired`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn refresh(State(state): State<AppState>, jar: CookieJar) -> Answer<Response> {
    let Some(token) = jar.get(REFRESH_COOKIE).map(|c| c.value().to_owned()) else {
        return Err(AccountError::SessionExpired.into());
    };
    match state.accounts.refresh(&state.db, &token).await {
        Ok((account, session)) => Ok((
            with_session(&state, jar, session),
            ApiJson(SessionView::from(&account)),
        )
            .into_response()),
        Err(e) => {
            let problem: Problem = e.into();
            Ok((without_session(&state, jar), problem).into_response())
        }
    }
}

/// Sign out everywhere: every browser and device, this one too.
#[utoipa::path(delete, path = "/api/v1/sessions", tag = "accounts",
    security(("session" = [])),
    responses((status = 204, description = "Every session ended")))]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    member: SignedIn,
    jar: CookieJar,
) -> Answer<(StatusCode, CookieJar)> {
    state
        .accounts
        .sign_out_everywhere(&state.db, &member)
        .await?;
    Ok((StatusCode::NO_CONTENT, without_session(&state, jar)))
}

/// Set a new passphrase with a recovery code, which is then spent. Signs in here and out
/// everywhere else.
#[utoipa::path(post, path = "/api/v1/recover", tag = "accounts", request_body = RecoverRequest,
    responses(
        (status = 200, description = "New passphrase set; signed in", body = RecoveredView),
        (status = 401, description = "`invalid_recovery_code`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`weak_passphrase`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many tries; see Retry-After", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn recover(
    State(state): State<AppState>,
    Client(client): Client,
    jar: CookieJar,
    ApiJson(body): ApiJson<RecoverRequest>,
) -> Answer<(CookieJar, ApiJson<RecoveredView>)> {
    let recovered = state
        .accounts
        .recover(
            &state.db,
            client,
            &body.handle,
            &body.recovery_code,
            body.new_passphrase,
        )
        .await?;
    let view = RecoveredView {
        handle: recovered.account.handle.clone(),
        role: recovered.account.role,
        recovery_codes_left: recovered.recovery_codes_left,
    };
    Ok((with_session(&state, jar, recovered.session), ApiJson(view)))
}

/// Your account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in member", body = MeView),
        (status = 401, description = "`unauthorized`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn me(State(state): State<AppState>, member: SignedIn) -> Answer<ApiJson<MeView>> {
    let (account, recovery_codes_left) = state.accounts.profile(&state.db, &member).await?;
    Ok(ApiJson(MeView {
        handle: account.handle,
        role: account.role,
        joined_on: account.created_at.date_naive(),
        recovery_codes_left,
        forum_name: account.forum_name,
    }))
}

/// Erase your account and everything you wrote. Needs your passphrase.
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", request_body = PassphraseRequest,
    security(("session" = [])),
    responses(
        (status = 204, description = "Erased; cookies cleared"),
        (status = 401, description = "`invalid_credentials`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`last_admin`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many tries; see Retry-After", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn erase(
    State(state): State<AppState>,
    member: SignedIn,
    jar: CookieJar,
    ApiJson(body): ApiJson<PassphraseRequest>,
) -> Answer<(StatusCode, CookieJar)> {
    state
        .accounts
        .erase(&state.db, &member, body.passphrase)
        .await?;
    Ok((StatusCode::NO_CONTENT, without_session(&state, jar)))
}

/// Download everything the forum stores about you, as one JSON file.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    security(("session" = [])),
    responses((status = 200, description = "Your data", body = ExportView)))]
pub async fn export(State(state): State<AppState>, member: SignedIn) -> Answer<Response> {
    let export = state.accounts.export(&state.db, &member).await?;
    let view = ExportView {
        exported_on: Utc::now().date_naive(),
        forum: state.instance.name.clone(),
        account: MemberView::from(&export.account),
        recovery_codes_left: export.recovery_codes_left,
        sessions: export.sessions.iter().map(SessionRecord::from).collect(),
        invites_created: export
            .invites
            .iter()
            .map(|i| InviteView::new(i, Some(export.account.handle.clone())))
            .collect(),
        moderation_log: export.log.into_iter().map(Into::into).collect(),
        forum_name: export.account.forum_name.clone(),
        stories: crate::stories::routes::mine(State(state.clone()), member.clone())
            .await?
            .0,
        replies: crate::stories::peer::exported_replies(&state, member.id).await?,
    };
    let disposition = format!(
        "attachment; filename=\"commonthread-{}.json\"",
        member.handle
    );
    let mut response = ApiJson(view).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Change your passphrase. Other browsers are signed out.
#[utoipa::path(put, path = "/api/v1/me/passphrase", tag = "accounts", request_body = ChangePassphraseRequest,
    security(("session" = [])),
    responses(
        (status = 204, description = "Changed; fresh cookies for this browser"),
        (status = 401, description = "`invalid_credentials`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 422, description = "`weak_passphrase`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many tries; see Retry-After", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn change_passphrase(
    State(state): State<AppState>,
    member: SignedIn,
    jar: CookieJar,
    ApiJson(body): ApiJson<ChangePassphraseRequest>,
) -> Answer<(StatusCode, CookieJar)> {
    let session = state
        .accounts
        .change_passphrase(
            &state.db,
            &member,
            body.current_passphrase,
            body.new_passphrase,
        )
        .await?;
    Ok((StatusCode::NO_CONTENT, with_session(&state, jar, session)))
}

/// Make a new set of 8 recovery codes; the old ones stop working.
#[utoipa::path(post, path = "/api/v1/me/recovery-codes", tag = "accounts", request_body = PassphraseRequest,
    security(("session" = [])),
    responses(
        (status = 201, description = "New codes, shown once", body = RecoveryCodesView),
        (status = 401, description = "`invalid_credentials`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many tries; see Retry-After", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn new_recovery_codes(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(body): ApiJson<PassphraseRequest>,
) -> Answer<(StatusCode, ApiJson<RecoveryCodesView>)> {
    let recovery_codes = state
        .accounts
        .new_recovery_codes(&state.db, &member, body.passphrase)
        .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(RecoveryCodesView { recovery_codes }),
    ))
}

/// Every member, for admins.
#[utoipa::path(get, path = "/api/v1/admin/members", tag = "admin",
    security(("session" = ["admin"])),
    responses((status = 200, description = "Members by handle", body = [MemberView])))]
pub async fn members(
    State(state): State<AppState>,
    member: SignedIn,
) -> Answer<ApiJson<Vec<MemberView>>> {
    member.require(Role::Admin)?;
    let members = state.accounts.members(&state.db).await?;
    Ok(ApiJson(members.iter().map(MemberView::from).collect()))
}

/// Change a member's role (admins). Written to the moderation log.
#[utoipa::path(put, path = "/api/v1/admin/members/{handle}/role", tag = "admin", request_body = RoleRequest,
    params(("handle" = String, Path, description = "The member's handle")),
    security(("session" = ["admin"])),
    responses(
        (status = 200, description = "The member with their new role", body = MemberView),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`last_admin`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn change_role(
    State(state): State<AppState>,
    member: SignedIn,
    Path(handle): Path<String>,
    ApiJson(body): ApiJson<RoleRequest>,
) -> Answer<ApiJson<MemberView>> {
    let admin = member.require(Role::Admin)?;
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > 500) {
        return Err(
            Problem::new(ProblemCode::Validation).detail("A reason has at most 500 characters.")
        );
    }
    let account = state
        .accounts
        .change_role(&state.db, &admin, &handle, body.role, reason)
        .await?;
    Ok(ApiJson(MemberView::from(&account)))
}

/// Invite codes (moderators and admins).
#[utoipa::path(get, path = "/api/v1/admin/invites", tag = "admin",
    security(("session" = ["moderator"])),
    responses((status = 200, description = "Invites, newest first", body = [InviteView])))]
pub async fn invites(
    State(state): State<AppState>,
    member: SignedIn,
) -> Answer<ApiJson<Vec<InviteView>>> {
    member.require(Role::Moderator)?;
    let invites = state.accounts.invites(&state.db).await?;
    Ok(ApiJson(
        invites
            .into_iter()
            .map(|(invite, creator)| InviteView::new(&invite, creator))
            .collect(),
    ))
}

/// Make an invite code (moderators and admins). The code is shown once.
#[utoipa::path(post, path = "/api/v1/admin/invites", tag = "admin", request_body = InviteRequest,
    security(("session" = ["moderator"])),
    responses(
        (status = 201, description = "The new invite, with its code", body = NewInviteView),
        (status = 422, description = "`validation`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn create_invite(
    State(state): State<AppState>,
    member: SignedIn,
    ApiJson(body): ApiJson<InviteRequest>,
) -> Answer<(StatusCode, ApiJson<NewInviteView>)> {
    let creator = member.require(Role::Moderator)?;
    if !(1..=90).contains(&body.expires_in_days) {
        return Err(Problem::new(ProblemCode::Validation).detail("An invite lasts 1 to 90 days."));
    }
    if !(1..=100).contains(&body.max_uses) {
        return Err(
            Problem::new(ProblemCode::Validation).detail("An invite can be used 1 to 100 times.")
        );
    }
    let (invite, code) = state
        .accounts
        .create_invite(&state.db, &creator, body.expires_in_days, body.max_uses)
        .await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(NewInviteView {
            id: invite.id,
            code,
            expires_on: invite.expires_at.date_naive(),
            max_uses: invite.max_uses,
            uses: invite.uses,
        }),
    ))
}

/// Withdraw an invite code (moderators and admins).
#[utoipa::path(delete, path = "/api/v1/admin/invites/{id}", tag = "admin",
    params(("id" = i64, Path, description = "The invite's id")),
    security(("session" = ["moderator"])),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 404, description = "`not_found`", body = ProblemBody, content_type = "application/problem+json"),
    ))]
pub async fn withdraw_invite(
    State(state): State<AppState>,
    member: SignedIn,
    Path(id): Path<i64>,
) -> Answer<StatusCode> {
    member.require(Role::Moderator)?;
    state.accounts.withdraw_invite(&state.db, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
