//! The server under test as a child process on a fresh data directory. The guard kills it on
//! drop, which also runs while unwinding from a panic, so no benchmark leaves a server behind.

use anyhow::{bail, Context};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

/// Startup includes migrations on a new database; PostgreSQL over a slow disk can take seconds.
const STARTUP_POLLS: u32 = 600;
const POLL_INTERVAL: Duration = Duration::from_millis(50);

pub struct ServerProcess {
    child: Child,
    pub base_url: String,
    pub log_path: PathBuf,
    /// How the child was started, for [`ServerProcess::restart`].
    launch: Launch,
    // Held only to be deleted on drop, which happens after `drop` has killed the child, so the
    // server never sees its files vanish.
    _data_dir: TempDir,
}

struct Launch {
    binary: PathBuf,
    bind: String,
    data_dir: PathBuf,
    database_url: Option<String>,
    env: Vec<(String, String)>,
}

impl Launch {
    /// Starts the server with `extra_env` on top of the launch environment, its output
    /// appended to `log_path`.
    fn spawn(&self, log_path: &Path, extra_env: &[(String, String)]) -> anyhow::Result<Child> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log_path)
            .with_context(|| format!("opening server log {}", log_path.display()))?;
        let mut cmd = Command::new(&self.binary);
        cmd.arg("serve")
            .arg("--bind")
            .arg(&self.bind)
            .arg("--data-dir")
            .arg(&self.data_dir)
            // Plain text in the log file; the error messages quote its tail.
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        cmd.envs(self.env.iter().chain(extra_env).map(|(k, v)| (k, v)));
        if let Some(url) = &self.database_url {
            cmd.arg("--database-url").arg(url);
        }
        cmd.spawn()
            .with_context(|| format!("starting {}", self.binary.display()))
    }
}

impl ServerProcess {
    /// Starts `binary serve` on 127.0.0.1 and returns once `/alive` answers. The log goes to
    /// `log_path`, or into the data directory (deleted at the end) when that is `None`.
    pub async fn start(
        binary: &Path,
        database_url: Option<&str>,
        log_path: Option<&Path>,
        env: &[(String, String)],
    ) -> anyhow::Result<Self> {
        if !binary.is_file() {
            bail!(
                "server binary {} not found; build it with `cargo build --release`",
                binary.display()
            );
        }
        let data_dir = tempfile::Builder::new()
            .prefix("bulwark-bench-")
            .tempdir()?;
        let port = free_loopback_port()?;
        let bind = format!("127.0.0.1:{port}");
        // Server logs go to a file: one line per request would drown the table, and a terminal
        // is slower to write to than a file, which would skew the figures.
        let log_path =
            log_path.map_or_else(|| data_dir.path().join("server.log"), Path::to_path_buf);
        File::create(&log_path)
            .with_context(|| format!("creating server log {}", log_path.display()))?;
        let launch = Launch {
            binary: binary.to_path_buf(),
            bind: bind.clone(),
            data_dir: data_dir.path().to_path_buf(),
            database_url: database_url.map(str::to_owned),
            env: env.to_vec(),
        };
        let child = launch.spawn(&log_path, &[])?;
        let mut server = Self {
            child,
            base_url: format!("http://{bind}"),
            log_path,
            launch,
            _data_dir: data_dir,
        };
        server.wait_alive().await?;
        Ok(server)
    }

    /// Stops the server and starts it again on the same data, address and log, with
    /// `extra_env` added (for instance a more verbose log filter for one measure).
    pub async fn restart(&mut self, extra_env: &[(String, String)]) -> anyhow::Result<()> {
        let _ = self.child.kill();
        self.child.wait()?;
        self.child = self.launch.spawn(&self.log_path, extra_env)?;
        self.wait_alive().await
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    async fn wait_alive(&mut self) -> anyhow::Result<()> {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let url = format!("{}/alive", self.base_url);
        for _ in 0..STARTUP_POLLS {
            if let Some(status) = self.child.try_wait()? {
                bail!(
                    "server exited during startup ({status}); log:\n{}",
                    self.log_tail()
                );
            }
            if let Ok(resp) = http.get(&url).send().await {
                if resp.status().is_success() {
                    return Ok(());
                }
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
        bail!(
            "server did not answer {url} within {:?}; log:\n{}",
            POLL_INTERVAL * STARTUP_POLLS,
            self.log_tail()
        )
    }

    /// The end of the server's log, for error messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(12)..].join("\n")
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // Errors mean the child is already gone; nothing else to do while dropping.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asks the kernel for a free port. Another process could take it before the server binds;
/// startup then fails loudly (the server exits) rather than measuring the wrong thing.
fn free_loopback_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}
