//! The JSON the accounts API takes and gives. Rows never go out as they are.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::entities::{account, invite, refresh_token};

use super::types::{Passphrase, Role};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    /// 3–30 of a–z, 0–9 and `_`. Not your real name.
    pub handle: String,
    #[schema(value_type = String)]
    pub passphrase: Passphrase,
    /// Needed when the forum's membership is `invite`.
    pub invite_code: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInRequest {
    pub handle: String,
    #[schema(value_type = String)]
    pub passphrase: Passphrase,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecoverRequest {
    pub handle: String,
    pub recovery_code: String,
    #[schema(value_type = String)]
    pub new_passphrase: Passphrase,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PassphraseRequest {
    #[schema(value_type = String)]
    pub passphrase: Passphrase,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePassphraseRequest {
    #[schema(value_type = String)]
    pub current_passphrase: Passphrase,
    #[schema(value_type = String)]
    pub new_passphrase: Passphrase,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleRequest {
    pub role: Role,
    /// Why; shown in the moderation log.
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// 1 to 90 days.
    pub expires_in_days: u16,
    /// 1 to 100 people.
    pub max_uses: u16,
}

/// Who is signed in.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionView {
    pub handle: String,
    pub role: Role,
}

impl From<&account::Model> for SessionView {
    fn from(account: &account::Model) -> Self {
        Self {
            handle: account.handle.clone(),
            role: account.role,
        }
    }
}

/// A new member, with the recovery codes they must save now: they are never shown again.
#[derive(Debug, Serialize, ToSchema)]
pub struct JoinedView {
    pub handle: String,
    pub role: Role,
    pub recovery_codes: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveredView {
    pub handle: String,
    pub role: Role,
    pub recovery_codes_left: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecoveryCodesView {
    pub recovery_codes: Vec<String>,
}

/// The signed-in member's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeView {
    pub handle: String,
    pub role: Role,
    pub joined_on: NaiveDate,
    pub recovery_codes_left: u64,
    /// The steady name stories may be signed with, if chosen.
    pub forum_name: Option<String>,
}

/// A member as admins see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberView {
    pub handle: String,
    pub role: Role,
    pub joined_on: NaiveDate,
}

impl From<&account::Model> for MemberView {
    fn from(account: &account::Model) -> Self {
        Self {
            handle: account.handle.clone(),
            role: account.role,
            joined_on: account.created_at.date_naive(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InviteView {
    pub id: i64,
    /// Who made it; `null` once their account is erased.
    pub created_by: Option<String>,
    pub expires_on: NaiveDate,
    pub max_uses: i32,
    pub uses: i32,
}

impl InviteView {
    pub fn new(invite: &invite::Model, created_by: Option<String>) -> Self {
        Self {
            id: invite.id,
            created_by,
            expires_on: invite.expires_at.date_naive(),
            max_uses: invite.max_uses,
            uses: invite.uses,
        }
    }
}

/// A new invite: the code is shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewInviteView {
    pub id: i64,
    pub code: String,
    pub expires_on: NaiveDate,
    pub max_uses: i32,
    pub uses: i32,
}

/// Everything the forum stores about a member.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExportView {
    pub exported_on: NaiveDate,
    pub forum: String,
    pub account: MemberView,
    /// The codes themselves are stored only as hashes and cannot be exported.
    pub recovery_codes_left: u64,
    /// Signed-in browsers: when each was last active and when it lapses if unused.
    pub sessions: Vec<SessionRecord>,
    pub invites_created: Vec<InviteView>,
    pub moderation_log: Vec<crate::moderation::routes::LogEntryView>,
    /// The one steady name you may sign stories with.
    pub forum_name: Option<String>,
    /// Your stories in every state but withdrawn, with their Markdown.
    pub stories: Vec<crate::stories::view::StoryView>,
    /// Your replies, with their Markdown.
    pub replies: Vec<crate::stories::peer::ExportedReply>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionRecord {
    pub last_active_on: NaiveDate,
    pub expires_on: NaiveDate,
}

impl From<&refresh_token::Model> for SessionRecord {
    fn from(token: &refresh_token::Model) -> Self {
        Self {
            last_active_on: token.created_at.date_naive(),
            expires_on: token.expires_at.date_naive(),
        }
    }
}
