//! The Common Thread schema: forward-only migrations, in order, for SQLite and PostgreSQL.
//! Never edit a migration that has shipped; add a new one.

pub use sea_orm_migration::prelude::*;

mod columns;
mod m20261122_000001_create_instance_setting;
mod m20261122_000002_create_accounts;
mod m20261123_000003_create_local_tags;
mod m20261123_000004_create_stories;
mod m20261123_000005_create_stats;
mod m20261123_000006_create_federation;
mod m20261124_000007_report_provenance;
mod m20261207_000008_families;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_instance_setting::Migration),
            Box::new(m20261122_000002_create_accounts::Migration),
            Box::new(m20261123_000003_create_local_tags::Migration),
            Box::new(m20261123_000004_create_stories::Migration),
            Box::new(m20261123_000005_create_stats::Migration),
            Box::new(m20261123_000006_create_federation::Migration),
            Box::new(m20261124_000007_report_provenance::Migration),
            Box::new(m20261207_000008_families::Migration),
        ]
    }
}
