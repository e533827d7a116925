//! The database: one connection pool for SQLite or PostgreSQL, chosen by the URL, and
//! the migrations that run before anything else touches it.

use std::time::Duration;

use anyhow::Context as _;
use commonthread_migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::config::{DatabaseConfig, Engine};

/// Opens the pool. For SQLite the file's folder is created and the file opened in WAL
/// mode with foreign keys on; statements are never logged (their values could be story text).
pub async fn connect(config: &DatabaseConfig) -> Result<DatabaseConnection, DbErr> {
    if let Some(dir) = config.url.sqlite_parent_dir() {
        std::fs::create_dir_all(&dir).map_err(|e| {
            DbErr::Custom(format!(
                "could not create the folder {}: {e}",
                dir.display()
            ))
        })?;
    }
    let mut options = ConnectOptions::new(config.url.as_str());
    options
        .max_connections(config.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    if config.url.engine() == Engine::Sqlite {
        options.map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    }
    Database::connect(options).await
}

/// Opens the pool and brings the schema up to date: what every command does first.
pub async fn open(config: &DatabaseConfig) -> anyhow::Result<DatabaseConnection> {
    let db = connect(config)
        .await
        .context("database.url: could not open the database")?;
    migrate(&db)
        .await
        .context("could not bring the database schema up to date")?;
    Ok(db)
}

/// Brings the schema up to date. Safe to run on every start and from several replicas
/// starting at once: on PostgreSQL one migrates while the others wait.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    // Replicas started together would each run the same migrations at once: the first
    // to take this lock migrates, the others wait and then find nothing left to do. The
    // lock lives in a transaction of its own, held (on one pooled connection) until the
    // migrations are done on the others.
    let lock = db.begin().await?;
    lock.execute_unprepared(&format!(
        "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
    ))
    .await?;
    let migrated = Migrator::up(db, None).await;
    lock.commit().await?;
    migrated
}

/// Whether an error says the database cannot be reached now (down, restarting, the
/// connection lost, the pool unable to open one), rather than that a statement failed:
/// worth a 503 and a retry, not a 500.
pub fn is_unreachable(error: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx::Error};
    let runtime = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(runtime) | DbErr::Exec(runtime) | DbErr::Query(runtime) => runtime,
        _ => return false,
    };
    let RuntimeErr::SqlxError(error) = runtime else {
        return false;
    };
    match error.as_ref() {
        Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::WorkerCrashed => true,
        // PostgreSQL's classes 08 (connection exception) and 57P (operator intervention:
        // shutting down, starting up, crash recovery).
        Error::Database(db) => db
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// PostgreSQL advisory lock key of migrations (the statistics refresh has its own).
const MIGRATION_LOCK_KEY: i64 = 0x0C7_4D16;

/// Begins a transaction that will write. On SQLite it takes the write lock at `BEGIN`
/// (`IMMEDIATE`), waiting out the busy timeout if another connection is writing: a
/// deferred transaction that read first would instead fail with "database is locked"
/// when it came to write after another connection had written meanwhile, which the
/// background federation work makes likely. PostgreSQL ignores the mode.
pub async fn begin_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: sea_orm::TransactionTrait,
{
    db.begin_with_options(sea_orm::TransactionOptions {
        isolation_level: None,
        access_mode: None,
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
    })
    .await
}
