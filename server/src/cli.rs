//! The command line: `serve` (the default), `migrate`, `health`, `admin create`, `stats
//! refresh`, `stats audit`, `backup`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "commonthread", version, about = "Run a Common Thread forum")]
pub struct Cli {
    /// The configuration file (TOML). Without it, ./commonthread.toml is read if present.
    #[arg(long, global = true, env = "CT_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the forum (the default).
    Serve,
    /// Bring the database schema up to date, then exit.
    Migrate,
    /// Ask the running server on `server.listen` whether it is ready (for container
    /// health checks: exits 0 when `/readyz` answers 200).
    Health,
    /// Write a consistent copy of a SQLite forum's database to PATH, while it runs (a
    /// PostgreSQL forum is backed up with pg_dump: see the README).
    Backup {
        /// Where to write the copy: a file that does not exist yet.
        path: PathBuf,
    },
    /// Administer the forum.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Anonymised statistics.
    Stats {
        #[command(subcommand)]
        command: StatsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Work the published figures out now, from the stories that count (the server
    /// also does this once a day).
    Refresh,
    /// Check the published figures, and those of the release before, as an attacker
    /// would: no figure below k, no hidden figure bounded to fewer than k/2 values, no
    /// area × quarter moved by fewer than k families. Exits non-zero on any problem.
    Audit,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an admin account.
    Create {
        /// The admin's handle: 3–30 of a–z, 0–9 and _.
        #[arg(long)]
        handle: String,
        /// Read the passphrase from standard input instead of generating one.
        #[arg(long)]
        passphrase_stdin: bool,
    },
}
