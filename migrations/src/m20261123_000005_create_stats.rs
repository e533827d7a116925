//! Published statistics: the figures the refresh job works out (`stat_figure`), what the
//! latest refresh was (`stat_release`), and the differential-privacy noise kept per cell
//! (`stat_noise`) so that a count that has not changed keeps its noise from one refresh to
//! the next and cannot be averaged out.
//!
//! `stat_figure` holds only what may be published: a suppressed cell has no count. A cell
//! with no stories at all has no row (the API reads it as hidden, as it reads any count
//! below the threshold). `stat_noise` is read by the refresh job alone.

use sea_orm_migration::prelude::*;

use crate::columns::{id, moment};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StatRelease::Table)
                    .col(id(StatRelease::Id))
                    .col(moment(StatRelease::RefreshedAt))
                    .col(ColumnDef::new(StatRelease::K).integer().not_null())
                    .col(ColumnDef::new(StatRelease::Epsilon).double().null())
                    .col(
                        ColumnDef::new(StatRelease::VocabularyVersion)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StatRelease::QuarterToDate)
                            .string_len(6)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                cell_table(StatFigure::Table)
                    .col(ColumnDef::new(StatFigure::Count).integer().null())
                    .col(ColumnDef::new(StatFigure::Rate).double().null())
                    .col(ColumnDef::new(StatFigure::RateLow).double().null())
                    .col(ColumnDef::new(StatFigure::RateHigh).double().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                cell_table(StatNoise::Table)
                    .col(ColumnDef::new(StatNoise::DrawnFor).integer().not_null())
                    .col(ColumnDef::new(StatNoise::Noise).integer().not_null())
                    .to_owned(),
            )
            .await
    }
}

/// A table keyed by one cell: area × quarter × kind (`total`, `category`, `tag`) × key
/// (the category or tag id; empty for the total). The key leads with the area and
/// quarter, which is how the API reads it.
fn cell_table(table: impl IntoIden) -> TableCreateStatement {
    Table::create()
        .table(table)
        .col(ColumnDef::new(Cell::Area).string_len(9).not_null())
        .col(ColumnDef::new(Cell::Quarter).string_len(6).not_null())
        .col(ColumnDef::new(Cell::Kind).string_len(8).not_null())
        .col(ColumnDef::new(Cell::Key).string_len(80).not_null())
        .primary_key(
            Index::create()
                .col(Cell::Area)
                .col(Cell::Quarter)
                .col(Cell::Kind)
                .col(Cell::Key),
        )
        .to_owned()
}

#[derive(DeriveIden)]
enum StatRelease {
    Table,
    Id,
    RefreshedAt,
    K,
    Epsilon,
    VocabularyVersion,
    QuarterToDate,
}

#[derive(DeriveIden)]
enum Cell {
    Area,
    Quarter,
    Kind,
    Key,
}

#[derive(DeriveIden)]
enum StatFigure {
    Table,
    Count,
    Rate,
    RateLow,
    RateHigh,
}

#[derive(DeriveIden)]
enum StatNoise {
    Table,
    DrawnFor,
    Noise,
}
