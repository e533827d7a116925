//! What the comparison needs of a received pattern report beyond its counts: whether the
//! quarter was complete when the partner reported it and the epsilon of any noise in its
//! figures (both `null` when the partner did not say), and an index by quarter and area,
//! which is how the comparison reads reports.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            ColumnDef::new(FedReport::Complete)
                .boolean()
                .null()
                .to_owned(),
            ColumnDef::new(FedReport::Epsilon)
                .double()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(FedReport::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_fed_report_quarter_area")
                    .table(FedReport::Table)
                    .col(FedReport::Quarter)
                    .col(FedReport::Area)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum FedReport {
    Table,
    Quarter,
    Area,
    Complete,
    Epsilon,
}
