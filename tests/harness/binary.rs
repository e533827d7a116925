//! Runs the real `commonthread` binary, for what only a process shows: start-up
//! errors, signals, and what it writes to its log.

use std::{
    path::PathBuf,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

/// The binary `cargo build` made (the Makefile builds it before the tests run).
pub fn path() -> PathBuf {
    let path = std::env::var_os("CT_TEST_SERVER_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/debug/commonthread"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "{} is missing: run `cargo build -p commonthread` first (make test does)",
        path.display()
    );
    path
}

/// `commonthread ARGS` in `dir` with only the given `CT_*` variables, run to the end.
pub fn run(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    command(dir, args, env).output().unwrap()
}

/// `commonthread serve` in the background, its output captured.
pub fn spawn(dir: &std::path::Path, env: &[(&str, &str)]) -> Child {
    command(dir, &["serve"], env)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `commonthread serve` in the background, writing its log to `log` (a pipe nobody reads
/// would stall a long-running server once full).
pub fn spawn_logged(dir: &std::path::Path, env: &[(&str, &str)], log: &std::path::Path) -> Child {
    let file = std::fs::File::create(log).unwrap();
    command(dir, &["serve"], env)
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .spawn()
        .unwrap()
}

fn command(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(path());
    command.current_dir(dir).args(args).env_remove("RUST_LOG");
    for (key, _) in std::env::vars() {
        if key.starts_with("CT_") {
            command.env_remove(key);
        }
    }
    command.envs(env.iter().copied());
    command
}

/// `commonthread serve` on a free port of 127.0.0.1 (its public URL to match), with
/// `env` besides, answering by the time this returns. Gives the process and its base URL.
pub async fn serve(dir: &std::path::Path, env: &[(&str, &str)]) -> (Child, String) {
    serve_with(env, |all| spawn(dir, all)).await
}

/// As [`serve`], its log written to `log`.
pub async fn serve_logged(
    dir: &std::path::Path,
    env: &[(&str, &str)],
    log: &std::path::Path,
) -> (Child, String) {
    serve_with(env, |all| spawn_logged(dir, all, log)).await
}

async fn serve_with(
    env: &[(&str, &str)],
    start: impl FnOnce(&[(&str, &str)]) -> Child,
) -> (Child, String) {
    let listen = format!("127.0.0.1:{}", free_port());
    let base = format!("http://{listen}");
    let mut all = vec![
        ("CT_SERVER_LISTEN", listen.as_str()),
        ("CT_SERVER_PUBLIC_URL", base.as_str()),
    ];
    all.extend_from_slice(env);
    let child = start(&all);
    wait_until_up(&format!("{base}/healthz")).await;
    (child, base)
}

/// Polls `url` until it answers 200, for at most 30 seconds.
pub async fn wait_until_up(url: &str) {
    // reqwest's TLS needs the provider the server installs, and no forum runs here.
    commonthread::install_tls_provider();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = reqwest::get(url).await
            && response.status().is_success()
        {
            return;
        }
        assert!(Instant::now() < deadline, "{url} did not come up in 30 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A free port of 127.0.0.1, for a server to listen on.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `commonthread admin create --handle HANDLE` against the database `env` names: the
/// passphrase it generated.
pub fn create_admin(dir: &std::path::Path, env: &[(&str, &str)], handle: &str) -> String {
    let made = run(dir, &["admin", "create", "--handle", handle], env);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    String::from_utf8(made.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Passphrase (shown once; keep it safe): "))
        .unwrap()
        .to_owned()
}

/// Sends SIGTERM, as `docker stop` and systemd do.
pub fn terminate(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
