//! The rules of accounts: joining, signing in and out, recovery, roles, invites, and a
//! member's rights over their data. No HTTP here; `routes.rs` turns results into answers.

use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;

use crate::{
    config::{Config, Membership},
    entities::{account, invite, refresh_token},
    moderation::{self, store::NewEntry},
    web::client::ClientKey,
};

use super::{
    error::AccountError,
    limits::Limits,
    passwords, secrets,
    session::SignedIn,
    store,
    tokens::TokenKeys,
    types::{Handle, OneTimeCode, Passphrase, Role},
};

/// How long a spent refresh token is remembered, to recognise it if it is replayed.
const SPENT_TOKEN_MEMORY_HOURS: i64 = 24;

/// A spent refresh token presented again within this many seconds is a race between
/// two tabs, not a replay.
const RACE_GRACE_SECS: i64 = 10;

/// How many recovery codes a member holds at a time.
pub const RECOVERY_CODES: usize = 8;

/// The accounts service: token keys, limits and the forum's rules for joining.
pub struct Accounts {
    keys: TokenKeys,
    limits: Limits,
    membership: Membership,
    forum_name: String,
}

/// The two tokens of a signed-in browser.
pub struct Session {
    pub access: String,
    pub refresh: String,
}

pub struct Joined {
    pub account: account::Model,
    pub recovery_codes: Vec<String>,
    pub session: Session,
}

pub struct Recovered {
    pub account: account::Model,
    pub session: Session,
    pub recovery_codes_left: u64,
}

/// Everything stored about a member, for their export.
pub struct Export {
    pub account: account::Model,
    pub recovery_codes_left: u64,
    pub sessions: Vec<refresh_token::Model>,
    pub invites: Vec<invite::Model>,
    pub log: Vec<moderation::store::Entry>,
}

impl Accounts {
    pub fn new(keys: TokenKeys, config: &Config) -> Self {
        Self {
            keys,
            limits: Limits::new(&config.limits),
            membership: config.forum.membership,
            forum_name: config.forum.name.as_str().to_owned(),
        }
    }

    pub fn keys(&self) -> &TokenKeys {
        &self.keys
    }

    /// Joins the forum as a member, by its membership rule; signs in at once.
    pub async fn join(
        &self,
        db: &DatabaseConnection,
        handle: &str,
        passphrase: Passphrase,
        invite_code: Option<&str>,
    ) -> Result<Joined, AccountError> {
        let handle = Handle::choose(handle)?;
        let invite_hash = match self.membership {
            Membership::Closed => return Err(AccountError::MembershipClosed),
            Membership::Open => None,
            Membership::Invite => {
                let code = invite_code
                    .filter(|c| !c.trim().is_empty())
                    .ok_or(AccountError::InviteRequired)?;
                let code = OneTimeCode::parse(code).ok_or(AccountError::InvalidInvite)?;
                Some(secrets::hash(code.as_str()))
            }
        };
        self.check_strength(&passphrase, &handle)?;
        if store::find_by_handle(db, &handle).await?.is_some() {
            return Err(AccountError::HandleTaken);
        }
        self.limits.registration()?;
        let hash = passwords::hash(passphrase).await?;

        let txn = crate::db::begin_write(db).await?;
        if let Some(invite_hash) = invite_hash
            && !store::use_invite(&txn, &invite_hash).await?
        {
            return Err(AccountError::InvalidInvite);
        }
        let account = store::insert_account(&txn, &handle, hash, Role::Member)
            .await?
            .ok_or(AccountError::HandleTaken)?;
        let recovery_codes = new_recovery_codes(&txn, account.id).await?;
        let session = self.start_session(&txn, &account).await?;
        txn.commit().await?;
        Ok(Joined {
            account,
            recovery_codes,
            session,
        })
    }

    /// The first admin, from the command line: any membership rule, no limits, and the
    /// handles kept from members (`admin`, `forum_…`) allowed.
    pub async fn create_admin(
        &self,
        db: &DatabaseConnection,
        handle: &str,
        passphrase: Passphrase,
    ) -> Result<(account::Model, Vec<String>), AccountError> {
        let handle = Handle::parse(handle)?;
        self.check_strength(&passphrase, &handle)?;
        let hash = passwords::hash(passphrase).await?;
        let txn = crate::db::begin_write(db).await?;
        let account = store::insert_account(&txn, &handle, hash, Role::Admin)
            .await?
            .ok_or(AccountError::HandleTaken)?;
        let codes = new_recovery_codes(&txn, account.id).await?;
        txn.commit().await?;
        Ok((account, codes))
    }

    /// Signs in. An unknown handle and a wrong passphrase get the same answer after the
    /// same work (a dummy hash is checked), so nobody can learn which handles exist.
    pub async fn sign_in(
        &self,
        db: &DatabaseConnection,
        client: ClientKey,
        handle: &str,
        passphrase: Passphrase,
    ) -> Result<(account::Model, Session), AccountError> {
        let handle = Handle::parse(handle).ok();
        self.limits.sign_in_attempt(Some(client), handle.as_ref())?;
        let account = match &handle {
            Some(handle) => store::find_by_handle(db, handle).await?,
            None => None,
        };
        let stored = account.as_ref().map(|a| a.passphrase_hash.clone());
        let matches = passwords::verify(passphrase, stored).await?;
        let account = account
            .filter(|_| matches)
            .ok_or(AccountError::InvalidCredentials)?;
        let txn = crate::db::begin_write(db).await?;
        let session = self.start_session(&txn, &account).await?;
        txn.commit().await?;
        Ok((account, session))
    }

    /// Spends a refresh token for a new pair. A token that was already spent means it was
    /// stolen or replayed: its whole family is revoked.
    pub async fn refresh(
        &self,
        db: &DatabaseConnection,
        refresh_token: &str,
    ) -> Result<(account::Model, Session), AccountError> {
        let txn = crate::db::begin_write(db).await?;
        let token = store::find_refresh_token(&txn, &secrets::hash(refresh_token))
            .await?
            .ok_or(AccountError::SessionExpired)?;
        if let Some(spent_at) = token.used_at {
            // Two tabs refreshing at once is not theft: within a few seconds of the spend
            // the loser is only told no (the browser already holds the winner's cookies).
            if Utc::now() - spent_at > Duration::seconds(RACE_GRACE_SECS) {
                store::delete_family(&txn, &token.family).await?;
                txn.commit().await?;
            }
            return Err(AccountError::SessionExpired);
        }
        if !store::spend_refresh_token(&txn, token.id).await? {
            return Err(AccountError::SessionExpired);
        }
        if token.expires_at <= Utc::now() {
            store::delete_family(&txn, &token.family).await?;
            txn.commit().await?;
            return Err(AccountError::SessionExpired);
        }
        let account = store::find_by_id(&txn, token.account_id)
            .await?
            .ok_or(AccountError::SessionExpired)?;
        let session = self.continue_session(&txn, &account, &token.family).await?;
        // Spent tokens are kept a day to catch a replay, then forgotten, so that the table
        // does not grow with every refresh.
        let spent_before = Utc::now() - Duration::hours(SPENT_TOKEN_MEMORY_HOURS);
        store::prune_refresh_tokens(&txn, spent_before).await?;
        txn.commit().await?;
        Ok((account, session))
    }

    /// Ends this browser's session (its refresh-token family), if it has one.
    pub async fn sign_out(
        &self,
        db: &DatabaseConnection,
        refresh_token: Option<&str>,
    ) -> Result<(), AccountError> {
        if let Some(token) = refresh_token
            && let Some(row) = store::find_refresh_token(db, &secrets::hash(token)).await?
        {
            store::delete_family(db, &row.family).await?;
        }
        Ok(())
    }

    /// Ends every session of the member, on every device, this one included.
    pub async fn sign_out_everywhere(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
    ) -> Result<(), AccountError> {
        let txn = crate::db::begin_write(db).await?;
        store::revoke_all_sessions(&txn, member.id).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a new passphrase with a one-time recovery code, which is spent. Every other
    /// session ends: whoever had the old passphrase is signed out.
    pub async fn recover(
        &self,
        db: &DatabaseConnection,
        client: ClientKey,
        handle: &str,
        code: &str,
        new_passphrase: Passphrase,
    ) -> Result<Recovered, AccountError> {
        let handle = Handle::parse(handle).ok();
        self.limits.sign_in_attempt(Some(client), handle.as_ref())?;
        let handle = handle.ok_or(AccountError::InvalidRecoveryCode)?;
        let code = OneTimeCode::parse(code).ok_or(AccountError::InvalidRecoveryCode)?;
        self.check_strength(&new_passphrase, &handle)?;
        let account = store::find_by_handle(db, &handle)
            .await?
            .ok_or(AccountError::InvalidRecoveryCode)?;
        let hash = passwords::hash(new_passphrase).await?;

        let txn = crate::db::begin_write(db).await?;
        if !store::spend_recovery_code(&txn, account.id, &secrets::hash(code.as_str())).await? {
            return Err(AccountError::InvalidRecoveryCode);
        }
        store::set_passphrase_hash(&txn, account.id, hash).await?;
        store::revoke_all_sessions(&txn, account.id).await?;
        let account = store::find_by_id(&txn, account.id)
            .await?
            .ok_or(AccountError::InvalidRecoveryCode)?;
        let session = self.start_session(&txn, &account).await?;
        let recovery_codes_left = store::recovery_codes_left(&txn, account.id).await?;
        txn.commit().await?;
        Ok(Recovered {
            account,
            session,
            recovery_codes_left,
        })
    }

    pub async fn profile(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
    ) -> Result<(account::Model, u64), AccountError> {
        let account = store::find_by_id(db, member.id)
            .await?
            .ok_or(AccountError::Unauthorized)?;
        let left = store::recovery_codes_left(db, member.id).await?;
        Ok((account, left))
    }

    /// Changes the passphrase; other sessions end, this browser gets a fresh one.
    pub async fn change_passphrase(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
        current: Passphrase,
        new: Passphrase,
    ) -> Result<Session, AccountError> {
        let account = self.confirm_passphrase(db, member, current).await?;
        self.check_strength(&new, &member.handle)?;
        let hash = passwords::hash(new).await?;
        let txn = crate::db::begin_write(db).await?;
        store::set_passphrase_hash(&txn, account.id, hash).await?;
        store::revoke_all_sessions(&txn, account.id).await?;
        let account = store::find_by_id(&txn, account.id)
            .await?
            .ok_or(AccountError::Unauthorized)?;
        let session = self.start_session(&txn, &account).await?;
        txn.commit().await?;
        Ok(session)
    }

    /// A new set of recovery codes; the old ones stop working.
    pub async fn new_recovery_codes(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
        passphrase: Passphrase,
    ) -> Result<Vec<String>, AccountError> {
        self.confirm_passphrase(db, member, passphrase).await?;
        let txn = crate::db::begin_write(db).await?;
        let codes = new_recovery_codes(&txn, member.id).await?;
        txn.commit().await?;
        Ok(codes)
    }

    /// Everything stored about the member.
    pub async fn export(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
    ) -> Result<Export, AccountError> {
        let (account, recovery_codes_left) = self.profile(db, member).await?;
        Ok(Export {
            account,
            recovery_codes_left,
            sessions: store::sessions_of(db, member.id).await?,
            invites: store::invites_created_by(db, member.id).await?,
            log: moderation::store::involving(db, member.id).await?,
        })
    }

    /// Erases the account and everything it wrote. Later, stories are withdrawn here too,
    /// federated as Deletes, in the same transaction (the seam: before `delete_account`).
    pub async fn erase(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
        passphrase: Passphrase,
    ) -> Result<(), AccountError> {
        let account = self.confirm_passphrase(db, member, passphrase).await?;
        let txn = crate::db::begin_write(db).await?;
        if account.role == Role::Admin && store::count_with_role(&txn, Role::Admin).await? <= 1 {
            return Err(AccountError::LastAdmin);
        }
        crate::stories::store::erase_author(&txn, account.id).await?;
        store::delete_account(&txn, account.id).await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn members(
        &self,
        db: &DatabaseConnection,
    ) -> Result<Vec<account::Model>, AccountError> {
        Ok(store::all_accounts(db).await?)
    }

    /// An admin changes a member's role; the change goes to the moderation log.
    pub async fn change_role(
        &self,
        db: &DatabaseConnection,
        admin: &SignedIn,
        handle: &str,
        role: Role,
        reason: Option<&str>,
    ) -> Result<account::Model, AccountError> {
        let handle = Handle::parse(handle).map_err(|_| AccountError::NotFound)?;
        let txn = crate::db::begin_write(db).await?;
        let account = store::find_by_handle(&txn, &handle)
            .await?
            .ok_or(AccountError::NotFound)?;
        if account.role == role {
            return Ok(account);
        }
        if account.role == Role::Admin && store::count_with_role(&txn, Role::Admin).await? <= 1 {
            return Err(AccountError::LastAdmin);
        }
        store::set_role(&txn, account.id, role).await?;
        let detail = format!("{} → {}", role_name(account.role), role_name(role));
        moderation::store::record(
            &txn,
            NewEntry {
                action: moderation::Action::RoleChanged,
                actor_id: admin.id,
                subject_account_id: Some(account.id),
                story_id: None,
                detail: &detail,
                reason,
            },
        )
        .await?;
        let account = store::find_by_id(&txn, account.id)
            .await?
            .ok_or(AccountError::NotFound)?;
        txn.commit().await?;
        Ok(account)
    }

    /// A new invite code, shown once; only its hash is kept.
    pub async fn create_invite(
        &self,
        db: &DatabaseConnection,
        creator: &SignedIn,
        expires_in_days: u16,
        max_uses: u16,
    ) -> Result<(invite::Model, String), AccountError> {
        let code = secrets::new_code()?;
        let normalised = OneTimeCode::parse(&code).ok_or_else(|| anyhow::anyhow!("bad code"))?;
        let expires_at = Utc::now() + Duration::days(i64::from(expires_in_days));
        let invite = store::insert_invite(
            db,
            secrets::hash(normalised.as_str()),
            creator.id,
            expires_at,
            i32::from(max_uses),
        )
        .await?;
        Ok((invite, code))
    }

    pub async fn invites(
        &self,
        db: &DatabaseConnection,
    ) -> Result<Vec<(invite::Model, Option<String>)>, AccountError> {
        let invites = store::all_invites(db).await?;
        let creators = invites.iter().filter_map(|i| i.created_by).collect();
        let handles = store::handles_by_id(db, creators).await?;
        Ok(invites
            .into_iter()
            .map(|invite| {
                let creator = invite.created_by.and_then(|id| handles.get(&id).cloned());
                (invite, creator)
            })
            .collect())
    }

    pub async fn withdraw_invite(
        &self,
        db: &DatabaseConnection,
        id: i64,
    ) -> Result<(), AccountError> {
        if store::delete_invite(db, id).await? {
            Ok(())
        } else {
            Err(AccountError::NotFound)
        }
    }

    fn check_strength(&self, passphrase: &Passphrase, handle: &Handle) -> Result<(), AccountError> {
        let context = [
            handle.as_str(),
            self.forum_name.as_str(),
            "common thread",
            "commonthread",
        ];
        Ok(passwords::check_strength(passphrase, &context)?)
    }

    async fn confirm_passphrase(
        &self,
        db: &DatabaseConnection,
        member: &SignedIn,
        passphrase: Passphrase,
    ) -> Result<account::Model, AccountError> {
        self.limits.sign_in_attempt(None, Some(&member.handle))?;
        let account = store::find_by_id(db, member.id)
            .await?
            .ok_or(AccountError::Unauthorized)?;
        if passwords::verify(passphrase, Some(account.passphrase_hash.clone())).await? {
            Ok(account)
        } else {
            Err(AccountError::InvalidCredentials)
        }
    }

    async fn start_session(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        account: &account::Model,
    ) -> Result<Session, AccountError> {
        let family = secrets::new_token()?.chars().take(32).collect::<String>();
        self.continue_session(db, account, &family).await
    }

    async fn continue_session(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        account: &account::Model,
        family: &str,
    ) -> Result<Session, AccountError> {
        let refresh = secrets::new_token()?;
        let expires_at = Utc::now() + self.keys.refresh_lifetime();
        store::insert_refresh_token(db, account.id, family, secrets::hash(&refresh), expires_at)
            .await?;
        let access = self
            .keys
            .issue_access(account.id, account.token_version, family)?;
        Ok(Session { access, refresh })
    }
}

/// The handles of these accounts, for other rooms that show who did what.
pub async fn handles_by_id(
    db: &impl sea_orm::ConnectionTrait,
    ids: Vec<i64>,
) -> Result<std::collections::HashMap<i64, String>, sea_orm::DbErr> {
    store::handles_by_id(db, ids).await
}

async fn new_recovery_codes(
    db: &impl sea_orm::ConnectionTrait,
    account_id: i64,
) -> Result<Vec<String>, AccountError> {
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    let mut hashes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let code = secrets::new_code()?;
        let normalised = OneTimeCode::parse(&code).ok_or_else(|| anyhow::anyhow!("bad code"))?;
        hashes.push(secrets::hash(normalised.as_str()));
        codes.push(code);
    }
    store::replace_recovery_codes(db, account_id, hashes).await?;
    Ok(codes)
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Member => "member",
        Role::Moderator => "moderator",
        Role::Admin => "admin",
    }
}
