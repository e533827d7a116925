//! Test databases: a fresh SQLite file, or a fresh database in a throwaway PostgreSQL
//! cluster that the harness starts itself (Debian's binaries, `initdb` into a temporary
//! folder, a free port) unless `CT_TEST_POSTGRES_URL` names a server to use instead.
//!
//! The cluster lives as long as the test process: a small watchdog shell stops it and
//! deletes its folder when the process is gone, even if the process was killed.

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{
        OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use sea_orm::{ConnectionTrait, Database};

use super::Engine;

/// A database for one test; dropped (PostgreSQL) or deleted (SQLite) at the end.
pub enum TestDatabase {
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        name: String,
        url: String,
        admin_url: String,
    },
    /// Handed to another `TestApp`; nothing to clean up here.
    Detached,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl TestDatabase {
    pub async fn create(engine: Engine) -> Self {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}?mode=rwc", dir.path().join("ct.db").display());
                Self::Sqlite { _dir: dir, url }
            }
            Engine::Postgres => {
                let admin_url = admin_url().to_owned();
                let name = format!(
                    "ct_test_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let admin = Database::connect(&admin_url).await.unwrap();
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                admin.close().await.ok();
                let url = with_database(&admin_url, &name);
                Self::Postgres {
                    name,
                    url,
                    admin_url,
                }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Self::Sqlite { url, .. } | Self::Postgres { url, .. } => url,
            Self::Detached => panic!("this database was handed on"),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Self::Postgres {
            name, admin_url, ..
        } = self
        {
            let (name, admin_url) = (name.clone(), admin_url.clone());
            // Drop runs inside the test's runtime: do the async work on a thread of its own.
            std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(&admin_url).await {
                        admin
                            .execute_unprepared(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .await
                            .ok();
                        admin.close().await.ok();
                    }
                });
            })
            .join()
            .ok();
        }
    }
}

/// `postgres://…/postgres` of the server tests create their databases in.
pub fn admin_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("CT_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => start_cluster().unwrap_or_else(|e| panic!("could not start PostgreSQL: {e}")),
    })
}

fn with_database(admin_url: &str, name: &str) -> String {
    let mut url = url::Url::parse(admin_url).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn start_cluster() -> Result<String, String> {
    let bin = postgres_bin_dir()?;
    let as_root = is_root();
    let dir = init_cluster(&bin, as_root, "ct-test-pg-")?;
    let data = dir.join("data");
    let port = free_port()?;
    // The watchdog starts postgres, waits while this test process lives, then stops
    // the cluster and removes its folder.
    let watchdog = r#"dir="$1"; watched="$2"; shift 2
"$@" >"$dir/postgres.log" 2>&1 &
pg=$!
while [ -d "/proc/$watched" ] && kill -0 "$pg" 2>/dev/null; do sleep 0.5; done
kill -INT "$pg" 2>/dev/null; wait "$pg"; rm -rf "$dir""#;
    let mut command = as_cluster_owner(as_root, Path::new("sh"));
    command
        .args(["-c", watchdog, "watchdog"])
        .arg(&dir)
        .arg(std::process::id().to_string())
        .arg(bin.join("postgres"))
        .arg("-D")
        .arg(&data)
        .args(["-p", &port.to_string(), "-k"])
        .arg(&dir)
        .args([
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=300",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command.spawn().map_err(|e| format!("sh: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = Command::new(bin.join("pg_isready"))
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-q"])
            .status()
            .map_err(|e| format!("pg_isready: {e}"))?;
        if ready.success() {
            return Ok(format!("postgres://postgres@127.0.0.1:{port}/postgres"));
        }
        if Instant::now() > deadline {
            let log = std::fs::read_to_string(dir.join("postgres.log")).unwrap_or_default();
            return Err(format!("not ready after 30 s; its log:\n{log}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A new cluster in a temporary folder (`PREFIX…/data`), owned by whoever will run it:
/// the folder.
fn init_cluster(bin: &Path, as_root: bool, prefix: &str) -> Result<PathBuf, String> {
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    if as_root {
        // initdb refuses to run as root; the cluster belongs to the postgres user.
        run(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
    }
    run(as_cluster_owner(as_root, &bin.join("initdb"))
        .arg("-D")
        .arg(dir.join("data"))
        .args([
            "--auth=trust",
            "--username=postgres",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ]))?;
    Ok(dir)
}

/// A PostgreSQL cluster of one test's own, which the test may stop and start again (the
/// shared one serves every other test). Stopped and deleted when dropped.
pub struct OwnCluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_root: bool,
}

impl OwnCluster {
    pub fn start() -> Self {
        let bin = postgres_bin_dir().unwrap();
        let as_root = is_root();
        let dir = init_cluster(&bin, as_root, "ct-test-own-pg-").unwrap();
        let cluster = Self {
            bin,
            dir,
            port: free_port().unwrap(),
            as_root,
        };
        cluster.up();
        cluster
    }

    /// `postgres://…/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the cluster and waits until it takes connections.
    pub fn up(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        );
        run(as_cluster_owner(self.as_root, &self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("postgres.log"))
            .args(["-o", &options, "-w", "start"])
            .stdout(Stdio::null()))
        .unwrap();
    }

    /// Stops the cluster as an administrator restarting it would: fast shutdown, every
    /// connection ended.
    pub fn down(&self) {
        run(as_cluster_owner(self.as_root, &self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "fast", "-w", "stop"])
            .stdout(Stdio::null()))
        .unwrap();
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        as_cluster_owner(self.as_root, &self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .ok();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// `CT_TEST_PG_BIN`, or the newest of Debian's `/usr/lib/postgresql/*/bin`.
fn postgres_bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("CT_TEST_PG_BIN") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "no PostgreSQL binaries in /usr/lib/postgresql: apt-get install postgresql, or set CT_TEST_POSTGRES_URL".to_owned())?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".to_owned())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}

fn as_cluster_owner(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) -> Result<(), String> {
    let output = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
