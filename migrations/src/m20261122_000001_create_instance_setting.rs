//! The instance's own settings: a small key/value table for what the forum keeps about
//! itself between restarts (when it was first started, later its signing keys).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InstanceSetting::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(InstanceSetting::Key)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(InstanceSetting::Value).text().not_null())
                    .col(
                        ColumnDef::new(InstanceSetting::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InstanceSetting::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum InstanceSetting {
    Table,
    Key,
    Value,
    UpdatedAt,
}
