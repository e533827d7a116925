//! Local tags: pattern tags a forum adds to the shared vocabulary. A tag's slug is
//! its id for ever; it can be retired (no longer offered) but never deleted, because
//! stories and figures refer to it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LocalTag::Table)
                    .col(
                        ColumnDef::new(LocalTag::Slug)
                            .string_len(60)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(LocalTag::Label).string_len(60).not_null())
                    .col(ColumnDef::new(LocalTag::Definition).text().not_null())
                    .col(ColumnDef::new(LocalTag::Category).string_len(60).not_null())
                    // A shared tag's id, when the local tag means the same.
                    .col(ColumnDef::new(LocalTag::SameAs).string_len(60).null())
                    .col(
                        ColumnDef::new(LocalTag::Retired)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(LocalTag::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum LocalTag {
    Table,
    Slug,
    Label,
    Definition,
    Category,
    SameAs,
    Retired,
    CreatedAt,
}
