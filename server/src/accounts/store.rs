//! The only queries on `account`, `recovery_code`, `refresh_token` and `invite`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait as _},
};

use crate::entities::{account, invite, recovery_code, refresh_token};

use super::types::{Handle, Role};

pub async fn find_by_handle(
    db: &impl ConnectionTrait,
    handle: &Handle,
) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find()
        .filter(account::Column::Handle.eq(handle.as_str()))
        .one(db)
        .await
}

pub async fn find_by_id(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<account::Model>, DbErr> {
    account::Entity::find_by_id(id).one(db).await
}

/// Inserts an account. `Ok(None)` when the handle is taken (the unique index decides,
/// so two joins racing for one handle cannot both win).
pub async fn insert_account(
    db: &impl ConnectionTrait,
    handle: &Handle,
    passphrase_hash: String,
    role: Role,
) -> Result<Option<account::Model>, DbErr> {
    let row = account::ActiveModel {
        handle: Set(handle.as_str().to_owned()),
        passphrase_hash: Set(passphrase_hash),
        role: Set(role),
        token_version: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(model) => Ok(Some(model)),
        Err(e)
            if matches!(
                e.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The handles of these accounts, by id; erased ones are simply absent.
pub async fn handles_by_id(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, String>, DbErr> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.handle))
        .collect())
}

pub async fn set_passphrase_hash(
    db: &impl ConnectionTrait,
    account_id: i64,
    passphrase_hash: String,
) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::PassphraseHash,
            Expr::value(passphrase_hash),
        )
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Revokes every access token of the account, and ends all its refresh-token families.
pub async fn revoke_all_sessions(db: &impl ConnectionTrait, account_id: i64) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::TokenVersion,
            Expr::col(account::Column::TokenVersion).add(1),
        )
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_role(db: &impl ConnectionTrait, account_id: i64, role: Role) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::Role, Expr::value(role))
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn count_with_role(db: &impl ConnectionTrait, role: Role) -> Result<u64, DbErr> {
    account::Entity::find()
        .filter(account::Column::Role.eq(role))
        .count(db)
        .await
}

pub async fn all_accounts(db: &impl ConnectionTrait) -> Result<Vec<account::Model>, DbErr> {
    account::Entity::find()
        .order_by_asc(account::Column::Handle)
        .all(db)
        .await
}

pub async fn delete_account(db: &impl ConnectionTrait, account_id: i64) -> Result<(), DbErr> {
    // Recovery codes and refresh tokens go with it (ON DELETE CASCADE); invites it made
    // and log entries about it keep their rows with the account emptied (SET NULL).
    account::Entity::delete_by_id(account_id).exec(db).await?;
    Ok(())
}

// Recovery codes.

pub async fn replace_recovery_codes(
    db: &impl ConnectionTrait,
    account_id: i64,
    code_hashes: Vec<String>,
) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    let rows = code_hashes
        .into_iter()
        .map(|code_hash| recovery_code::ActiveModel {
            account_id: Set(account_id),
            code_hash: Set(code_hash),
            ..Default::default()
        });
    recovery_code::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Spends a recovery code: `true` if the account had it (it is gone now).
pub async fn spend_recovery_code(
    db: &impl ConnectionTrait,
    account_id: i64,
    code_hash: &str,
) -> Result<bool, DbErr> {
    let deleted = recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .filter(recovery_code::Column::CodeHash.eq(code_hash))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected == 1)
}

pub async fn recovery_codes_left(db: &impl ConnectionTrait, account_id: i64) -> Result<u64, DbErr> {
    recovery_code::Entity::find()
        .filter(recovery_code::Column::AccountId.eq(account_id))
        .count(db)
        .await
}

// Refresh tokens.

pub async fn insert_refresh_token(
    db: &impl ConnectionTrait,
    account_id: i64,
    family: &str,
    token_hash: String,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::ActiveModel {
        account_id: Set(account_id),
        family: Set(family.to_owned()),
        token_hash: Set(token_hash),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_refresh_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<refresh_token::Model>, DbErr> {
    refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

/// Marks a token spent. `false` if another request spent it first.
pub async fn spend_refresh_token(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let updated = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(Utc::now()))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

/// Forgets refresh tokens that can no longer matter: expired ones, and ones spent more
/// than `spent_before` (a token replayed later than that is simply unknown).
pub async fn prune_refresh_tokens(
    db: &impl ConnectionTrait,
    spent_before: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(refresh_token::Column::ExpiresAt.lte(Utc::now()))
                .add(refresh_token::Column::UsedAt.lt(spent_before)),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the session is still live: its family holds an unspent token.
pub async fn session_is_live(db: &impl ConnectionTrait, family: &str) -> Result<bool, DbErr> {
    let live = refresh_token::Entity::find()
        .filter(refresh_token::Column::Family.eq(family))
        .filter(refresh_token::Column::UsedAt.is_null())
        .filter(refresh_token::Column::ExpiresAt.gt(Utc::now()))
        .count(db)
        .await?;
    Ok(live > 0)
}

pub async fn delete_family(db: &impl ConnectionTrait, family: &str) -> Result<(), DbErr> {
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::Family.eq(family))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn sessions_of(
    db: &impl ConnectionTrait,
    account_id: i64,
) -> Result<Vec<refresh_token::Model>, DbErr> {
    refresh_token::Entity::find()
        .filter(refresh_token::Column::AccountId.eq(account_id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .order_by_asc(refresh_token::Column::CreatedAt)
        .all(db)
        .await
}

// Invites.

pub async fn insert_invite(
    db: &impl ConnectionTrait,
    code_hash: String,
    created_by: i64,
    expires_at: DateTime<Utc>,
    max_uses: i32,
) -> Result<invite::Model, DbErr> {
    invite::ActiveModel {
        code_hash: Set(code_hash),
        created_by: Set(Some(created_by)),
        expires_at: Set(expires_at),
        max_uses: Set(max_uses),
        uses: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Uses an invite once, if it exists, is unexpired and has uses left: `false` otherwise.
/// One conditional update, so two people cannot both take an invite's last use.
pub async fn use_invite(db: &impl ConnectionTrait, code_hash: &str) -> Result<bool, DbErr> {
    let updated = invite::Entity::update_many()
        .col_expr(invite::Column::Uses, Expr::col(invite::Column::Uses).add(1))
        .filter(invite::Column::CodeHash.eq(code_hash))
        .filter(invite::Column::ExpiresAt.gt(Utc::now()))
        .filter(Expr::col(invite::Column::Uses).lt(Expr::col(invite::Column::MaxUses)))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}

pub async fn all_invites(db: &impl ConnectionTrait) -> Result<Vec<invite::Model>, DbErr> {
    invite::Entity::find()
        .order_by_desc(invite::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn invites_created_by(
    db: &impl ConnectionTrait,
    account_id: i64,
) -> Result<Vec<invite::Model>, DbErr> {
    invite::Entity::find()
        .filter(invite::Column::CreatedBy.eq(account_id))
        .order_by_desc(invite::Column::CreatedAt)
        .all(db)
        .await
}

pub async fn delete_invite(db: &impl ConnectionTrait, id: i64) -> Result<bool, DbErr> {
    let deleted = invite::Entity::delete_by_id(id).exec(db).await?;
    Ok(deleted.rows_affected == 1)
}
