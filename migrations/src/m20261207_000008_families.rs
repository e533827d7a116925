//! Statistics count families, are published for closed quarters only, and two releases
//! cannot be subtracted from each other (issue 20):
//!
//! - `stat_baseline`: for each area × quarter last published with figures shown, how many
//!   families had each set of tags then (a histogram, no member in it). The release rule in
//!   `server/src/stats/release.rs` compares the families of today with it. Read and written
//!   by the refresh job alone.
//! - `stat_previous`: the figures of the release before the current one, as published, so
//!   that `commonthread stats audit` can check the two together as an attacker would.
//! - `stat_release.published_through`: the last quarter the release covers (quarters that
//!   have ended, `stats.publish_after_days` ago).
//! - `fed_report.unit`: what a partner's report counts. Reports received before this came
//!   from forums that counted stories, so existing rows say `story`.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatBaseline::Table)
                    .col(ColumnDef::new(StatBaseline::Area).string_len(9).not_null())
                    .col(
                        ColumnDef::new(StatBaseline::Quarter)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(ColumnDef::new(StatBaseline::Tags).text().not_null())
                    .col(ColumnDef::new(StatBaseline::Families).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(StatBaseline::Area)
                            .col(StatBaseline::Quarter)
                            .col(StatBaseline::Tags),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatPrevious::Table)
                    .col(ColumnDef::new(StatPrevious::Area).string_len(9).not_null())
                    .col(
                        ColumnDef::new(StatPrevious::Quarter)
                            .string_len(6)
                            .not_null(),
                    )
                    .col(ColumnDef::new(StatPrevious::Kind).string_len(8).not_null())
                    .col(ColumnDef::new(StatPrevious::Key).string_len(80).not_null())
                    .col(ColumnDef::new(StatPrevious::Count).integer().null())
                    .col(ColumnDef::new(StatPrevious::Rate).double().null())
                    .col(ColumnDef::new(StatPrevious::RateLow).double().null())
                    .col(ColumnDef::new(StatPrevious::RateHigh).double().null())
                    .primary_key(
                        Index::create()
                            .col(StatPrevious::Area)
                            .col(StatPrevious::Quarter)
                            .col(StatPrevious::Kind)
                            .col(StatPrevious::Key),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StatRelease::Table)
                    .add_column(
                        ColumnDef::new(StatRelease::PublishedThrough)
                            .string_len(6)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(FedReport::Table)
                    .add_column(
                        ColumnDef::new(FedReport::Unit)
                            .string_len(8)
                            .not_null()
                            .default("story"),
                    )
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum StatBaseline {
    Table,
    Area,
    Quarter,
    Tags,
    Families,
}

#[derive(DeriveIden)]
enum StatPrevious {
    Table,
    Area,
    Quarter,
    Kind,
    Key,
    Count,
    Rate,
    RateLow,
    RateHigh,
}

#[derive(DeriveIden)]
enum StatRelease {
    Table,
    PublishedThrough,
}

#[derive(DeriveIden)]
enum FedReport {
    Table,
    Unit,
}
