//! Accounts: pseudonymous members (a handle and a passphrase hash, nothing else), their
//! one-time recovery codes, refresh-token families, invite codes, and the append-only
//! moderation log that role changes are written to.

use sea_orm_migration::prelude::*;

use crate::columns::{id, moment, reference};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(id(Account::Id))
                    // Stored lowercased: the unique index makes handles unique ignoring case.
                    .col(
                        ColumnDef::new(Account::Handle)
                            .string_len(30)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Account::PassphraseHash).text().not_null())
                    .col(ColumnDef::new(Account::Role).string_len(16).not_null())
                    // Bumped to revoke every access token at once (sign out everywhere).
                    .col(
                        ColumnDef::new(Account::TokenVersion)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(moment(Account::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RecoveryCode::Table)
                    .col(id(RecoveryCode::Id))
                    .col(
                        ColumnDef::new(RecoveryCode::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RecoveryCode::CodeHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .foreign_key(&mut account_ref(
                        RecoveryCode::Table,
                        RecoveryCode::AccountId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_code_account_hash")
                    .table(RecoveryCode::Table)
                    .col(RecoveryCode::AccountId)
                    .col(RecoveryCode::CodeHash)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RefreshToken::Table)
                    .col(id(RefreshToken::Id))
                    .col(
                        ColumnDef::new(RefreshToken::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RefreshToken::Family)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RefreshToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(moment(RefreshToken::ExpiresAt))
                    .col(
                        ColumnDef::new(RefreshToken::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(moment(RefreshToken::CreatedAt))
                    .foreign_key(&mut account_ref(
                        RefreshToken::Table,
                        RefreshToken::AccountId,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_token_family")
                    .table(RefreshToken::Table)
                    .col(RefreshToken::Family)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_refresh_token_account")
                    .table(RefreshToken::Table)
                    .col(RefreshToken::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invite::Table)
                    .col(id(Invite::Id))
                    .col(
                        ColumnDef::new(Invite::CodeHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Invite::CreatedBy).big_integer().null())
                    .col(moment(Invite::ExpiresAt))
                    .col(ColumnDef::new(Invite::MaxUses).integer().not_null())
                    .col(ColumnDef::new(Invite::Uses).integer().not_null().default(0))
                    .col(moment(Invite::CreatedAt))
                    .foreign_key(&mut account_ref(
                        Invite::Table,
                        Invite::CreatedBy,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ModerationLog::Table)
                    .col(id(ModerationLog::Id))
                    .col(
                        ColumnDef::new(ModerationLog::Action)
                            .string_len(32)
                            .not_null(),
                    )
                    // Erasing an account empties these; the entry stays, naming nobody.
                    .col(ColumnDef::new(ModerationLog::ActorId).big_integer().null())
                    .col(
                        ColumnDef::new(ModerationLog::SubjectAccountId)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(ModerationLog::Detail).text().not_null())
                    .col(ColumnDef::new(ModerationLog::Reason).text().null())
                    .col(moment(ModerationLog::CreatedAt))
                    .foreign_key(&mut account_ref(
                        ModerationLog::Table,
                        ModerationLog::ActorId,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut account_ref(
                        ModerationLog::Table,
                        ModerationLog::SubjectAccountId,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ModerationLog::Table.into_iden(),
            Invite::Table.into_iden(),
            RefreshToken::Table.into_iden(),
            RecoveryCode::Table.into_iden(),
            Account::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// A column that points at an account, and what happens to the row when it is erased.
fn account_ref(
    table: impl IntoIden,
    column: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    reference(table, column, Account::Table, on_delete)
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Handle,
    PassphraseHash,
    Role,
    TokenVersion,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RecoveryCode {
    Table,
    Id,
    AccountId,
    CodeHash,
}

#[derive(DeriveIden)]
enum RefreshToken {
    Table,
    Id,
    AccountId,
    Family,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invite {
    Table,
    Id,
    CodeHash,
    CreatedBy,
    ExpiresAt,
    MaxUses,
    Uses,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ModerationLog {
    Table,
    Id,
    Action,
    ActorId,
    SubjectAccountId,
    Detail,
    Reason,
    CreatedAt,
}
