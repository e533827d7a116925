//! `commonthread`: reads the configuration, starts logging, and runs a command.

use std::{io::IsTerminal as _, process::ExitCode};

use anyhow::Context as _;
use clap::Parser;
use commonthread::{
    App,
    accounts::{error::AccountError, secrets, types::Passphrase},
    areas::Areas,
    cli::{AdminCommand, Cli, Command, StatsCommand},
    config::Config,
    db,
};
use tracing_subscriber::EnvFilter;

/// mimalloc: the feed and the screener allocate many short-lived strings, and glibc's
/// allocator spent a fifth of the feed's time on them under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Library crates log at info only what we chose to; statements are never logged, nor
    // the addresses the federation crate fetches.
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        // The federation crate logs the URLs it fetches at info, and senders choose
        // those: only its warnings and errors.
        EnvFilter::new(
            "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,activitypub_federation=warn",
        )
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal())
        .init();

    let areas = match Areas::bundled() {
        Ok(areas) => areas,
        Err(e) => return fail(&e),
    };
    let config = match Config::load(cli.config.as_deref(), &areas) {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return fail(&e),
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(config, areas).await,
            Command::Migrate => migrate(config).await,
            Command::Health => health(config).await,
            Command::Backup { path } => backup(config, &path).await,
            Command::Admin {
                command:
                    AdminCommand::Create {
                        handle,
                        passphrase_stdin,
                    },
            } => create_admin(config, &handle, passphrase_stdin).await,
            Command::Stats {
                command: StatsCommand::Refresh,
            } => refresh_stats(config).await,
            Command::Stats {
                command: StatsCommand::Audit,
            } => audit_stats(config).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&format!("{e:#}")),
    }
}

fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("commonthread: {error}");
    ExitCode::FAILURE
}

async fn serve(config: Config, areas: Areas) -> anyhow::Result<()> {
    let public_url = config.server.public_url.origin();
    let app = App::build(config, areas).await?;
    let addr = app.local_addr()?;
    tracing::info!(%addr, %public_url, "Common Thread is listening on http://{addr}");
    app.run_until(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let db = db::open(&config.database).await?;
    db.close().await.ok();
    tracing::info!("the database schema is up to date");
    Ok(())
}

/// Makes an admin account: the way a forum gets its first admin.
async fn create_admin(config: Config, handle: &str, passphrase_stdin: bool) -> anyhow::Result<()> {
    let (passphrase, generated) = if passphrase_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("could not read the passphrase from standard input")?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        // 100 random bits in five groups: strong, and copyable by hand.
        let groups: Vec<String> = (0..5)
            .map(|_| secrets::new_code().map(|c| c[..4].to_owned()))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("random: {e}"))?;
        (groups.join("-"), true)
    };
    let db = db::open(&config.database).await?;
    let accounts = commonthread::accounts_service(&db, &config).await?;
    let (account, codes) = accounts
        .create_admin(&db, handle, Passphrase::new(passphrase.clone()))
        .await
        .map_err(|e| match e {
            AccountError::Handle(e) => anyhow::anyhow!("--handle: {e}"),
            AccountError::HandleTaken => anyhow::anyhow!("--handle: {handle:?} is taken"),
            AccountError::WeakPassphrase(e) => anyhow::anyhow!("the passphrase is too weak: {e}"),
            other => anyhow::anyhow!("{other}"),
        })?;
    db.close().await.ok();
    println!("Created the admin account {:?}.", account.handle);
    if generated {
        println!("Passphrase (shown once; keep it safe): {passphrase}");
    }
    println!("Recovery codes (each works once; keep them somewhere safe):");
    for code in codes {
        println!("  {code}");
    }
    Ok(())
}

/// Works the published figures out now (`commonthread stats refresh`).
async fn refresh_stats(config: Config) -> anyhow::Result<()> {
    let db = db::open(&config.database).await?;
    let patterns = commonthread::patterns::Patterns::bundled()?;
    let started = std::time::Instant::now();
    let refresh =
        || commonthread::stats::refresh::refresh(&db, &patterns, &config.stats, chrono::Utc::now());
    // A server's daily refresh may finish while this one works: then work it out again.
    let mut summary = refresh().await;
    for _ in 0..3 {
        match &summary {
            Err(e) if e.is::<commonthread::stats::refresh::Superseded>() => {
                summary = refresh().await;
            }
            _ => break,
        }
    }
    db.close().await.ok();
    let summary = summary?;
    println!(
        "Published {} of {} figures from {} families ({} counted stories; {} area-quarters \
         up to {}, {} held until k families have joined, {} hidden until k have changed; \
         k = {}{}) in {} ms.",
        summary.published,
        summary.figures,
        summary.families,
        summary.stories,
        summary.rows,
        summary.published_through,
        summary.held,
        summary.hidden,
        config.stats.k,
        config
            .stats
            .epsilon
            .map(|e| format!(", epsilon = {e}"))
            .unwrap_or_default(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Audits the published figures (`commonthread stats audit`): prints what it looked at and
/// every problem (area, quarter and figure: never a story), and fails on any.
async fn audit_stats(config: Config) -> anyhow::Result<()> {
    let db = db::open(&config.database).await?;
    let patterns = commonthread::patterns::Patterns::bundled()?;
    let started = std::time::Instant::now();
    let findings = commonthread::stats::refresh::audit(&db, &patterns).await;
    db.close().await.ok();
    let Some(findings) = findings? else {
        println!("Nothing to audit: no figures have been published yet.");
        return Ok(());
    };
    println!(
        "Audited {} area-quarters (this release and the one before): {} hidden figures, \
         the narrowest bounded to {} in {} ms.",
        findings.rows,
        findings.hidden,
        findings.narrowest.map_or_else(
            || "none (no hidden figure has an upper limit)".to_owned(),
            |w| format!("an interval {w} wide")
        ),
        started.elapsed().as_millis()
    );
    for v in &findings.violations {
        println!(
            "{} release, {} {}, {}: {}",
            v.release, v.area, v.quarter, v.figure, v.why
        );
    }
    anyhow::ensure!(
        findings.violations.is_empty(),
        "the audit found {} problem(s)",
        findings.violations.len()
    );
    println!("No problems found.");
    Ok(())
}

/// `commonthread backup PATH`: SQLite's `VACUUM INTO` writes a consistent, compacted copy
/// of the database while the forum runs (readers and writers carry on; the copy is one
/// transaction's view). Everything is in it: members, stories, the forum's actor key (so
/// partners go on trusting a restored forum), the figures. PostgreSQL has pg_dump.
async fn backup(config: Config, path: &std::path::Path) -> anyhow::Result<()> {
    use sea_orm::{ConnectionTrait as _, DatabaseBackend, Statement};
    anyhow::ensure!(
        !path.exists(),
        "{} already exists: choose a new file, so that no backup is overwritten",
        path.display()
    );
    let target = path
        .to_str()
        .context("the backup path must be valid UTF-8")?
        .to_owned();
    let db = db::open(&config.database).await?;
    let backend = db.get_database_backend();
    let result = match backend {
        DatabaseBackend::Sqlite => db
            .execute_raw(Statement::from_sql_and_values(
                backend,
                "VACUUM INTO ?",
                [target.into()],
            ))
            .await
            .map(|_| ())
            .context("the backup could not be written"),
        _ => Err(anyhow::anyhow!(
            "this forum is on PostgreSQL: back it up with pg_dump --format=custom --file=PATH \
             \"$CT_DATABASE_URL\" (the README's Backup section says how to restore it)"
        )),
    };
    db.close().await.ok();
    result?;
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!("Backed up to {} ({bytes} bytes).", path.display());
    Ok(())
}

/// A bare HTTP/1.0 request to our own `/readyz`: the runtime image has no curl, and
/// this needs nothing more than a socket.
async fn health(config: Config) -> anyhow::Result<()> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut addr = config.server.listen;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    let check = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream
            .write_all(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")
            .await?;
        let mut head = [0_u8; 12];
        stream.read_exact(&mut head).await?;
        anyhow::Ok(head)
    };
    let head = tokio::time::timeout(std::time::Duration::from_secs(5), check)
        .await
        .context("no answer within 5 s")?
        .with_context(|| format!("could not ask http://{addr}/readyz"))?;
    anyhow::ensure!(
        head.ends_with(b" 200"),
        "not ready: {}",
        String::from_utf8_lossy(&head)
    );
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM (what `docker stop` and systemd send).
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests under way");
}
