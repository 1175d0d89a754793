//! One `bulwark serve` child process: started on a data directory (and a database URL for
//! PostgreSQL), its output drained all the time so a full pipe never stalls it, killed with
//! SIGKILL on demand and whenever it is dropped, so a failing test leaves no server behind.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// A debug build migrating a fresh PostgreSQL database takes a few seconds on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(60);
const SIGKILL: i32 = 9;
/// How much of the server's output a failure message repeats (the request log is long).
const OUTPUT_TAIL_LINES: usize = 40;

/// The environment of whoever runs the tests must not change what is tested: NO_COLOR would
/// hide colour codes, a config file or another log format or filter would change the log, and
/// the flags below must be the whole configuration.
const IGNORED_ENVIRONMENT: &[&str] = &[
    "NO_COLOR",
    "BULWARK_CONFIG",
    "BULWARK_LOG",
    "BULWARK_LOG_FORMAT",
    "BULWARK_PUBLIC_URL",
    "BULWARK_DATABASE_URL",
    "BULWARK_TLS_CERT",
    "BULWARK_TLS_KEY",
    "BULWARK_SIGNUPS_ALLOWED",
];

/// Output lines as raw bytes, so that the colour check sees exactly what was written.
type Lines = Arc<Mutex<Vec<Vec<u8>>>>;

pub struct ServerProcess {
    /// Spawned with `kill_on_drop`: dropping the guard (a panic mid-test) sends SIGKILL.
    child: Child,
    pub base_url: String,
    stdout: Lines,
    stderr: Lines,
    drains: Vec<JoinHandle<()>>,
}

impl ServerProcess {
    /// Starts `bulwark serve` on a free loopback port and returns once it logs that it listens.
    /// Without `database_url` it uses its default, the SQLite file in `data_dir`.
    pub async fn start(data_dir: &Path, database_url: Option<&str>) -> Self {
        let mut child = serve_command(data_dir, database_url)
            .spawn()
            .expect("spawn bulwark serve");
        let (line_tx, line_rx) = mpsc::unbounded_channel();
        let stdout = Lines::default();
        let stderr = Lines::default();
        let drains = vec![
            drain(
                child.stdout.take().expect("piped stdout"),
                &stdout,
                Some(line_tx),
            ),
            drain(child.stderr.take().expect("piped stderr"), &stderr, None),
        ];
        let mut server = Self {
            child,
            base_url: String::new(),
            stdout,
            stderr,
            drains,
        };
        let address = server.wait_until_listening(line_rx).await;
        server.base_url = format!("http://{address}");
        server
    }

    async fn wait_until_listening(
        &mut self,
        mut lines: mpsc::UnboundedReceiver<Vec<u8>>,
    ) -> String {
        let address = tokio::time::timeout(START_TIMEOUT, async {
            while let Some(line) = lines.recv().await {
                if let Some(address) = listening_address(&line) {
                    return Some(address);
                }
            }
            None // stdout closed: the process is gone
        })
        .await;
        match address {
            Ok(Some(address)) => address,
            Ok(None) => {
                let status = self.child.wait().await.expect("wait for bulwark serve");
                self.finish_drains().await;
                panic!(
                    "bulwark serve exited ({status}) before listening\n{}",
                    self.output_tail()
                )
            }
            Err(_) => panic!(
                "bulwark serve did not listen within {START_TIMEOUT:?}\n{}",
                self.output_tail()
            ),
        }
    }

    /// SIGKILL, as a crash, the OOM killer or a pulled container would do it; returns once
    /// the process is reaped and all it wrote has been read.
    pub async fn kill(&mut self) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "bulwark serve exited by itself ({status}) before the kill\n{}",
                self.output_tail()
            );
        }
        self.child.start_kill().expect("send SIGKILL");
        let status = self.child.wait().await.expect("wait for bulwark serve");
        self.finish_drains().await;
        // Anything else would mean the server died of something other than our kill.
        assert_eq!(
            status.signal(),
            Some(SIGKILL),
            "bulwark serve ended with {status}, not by the SIGKILL\n{}",
            self.output_tail()
        );
    }

    /// Every line written to stdout and then stderr so far.
    pub fn output_lines(&self) -> Vec<Vec<u8>> {
        let mut lines = self.stdout.lock().unwrap().clone();
        lines.extend(self.stderr.lock().unwrap().iter().cloned());
        lines
    }

    /// The end of stdout and stderr, for failure messages.
    pub fn output_tail(&self) -> String {
        let tail = |lines: &Lines| {
            let lines = lines.lock().unwrap();
            let skip = lines.len().saturating_sub(OUTPUT_TAIL_LINES);
            lines[skip..]
                .iter()
                .map(|line| String::from_utf8_lossy(line).into_owned())
                .collect::<Vec<_>>()
                .join("\n")
        };
        format!(
            "--- stdout (end) ---\n{}\n--- stderr (end) ---\n{}",
            tail(&self.stdout),
            tail(&self.stderr)
        )
    }

    /// The pipes close when the process is gone; a bounded wait keeps a stray grandchild
    /// holding them open from hanging the test.
    async fn finish_drains(&mut self) {
        for drain in self.drains.drain(..) {
            let _ = tokio::time::timeout(Duration::from_secs(5), drain).await;
        }
    }
}

fn serve_command(data_dir: &Path, database_url: Option<&str>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bulwark"));
    command
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .arg("--data-dir")
        .arg(data_dir);
    if let Some(url) = database_url {
        command.args(["--database-url", url]);
    }
    for variable in IGNORED_ENVIRONMENT {
        command.env_remove(variable);
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    command
}

/// Reads `pipe` line by line into `store` (and forwards each line to `forward` while someone
/// listens) until the process closes it.
fn drain(
    pipe: impl AsyncRead + Unpin + Send + 'static,
    store: &Lines,
    mut forward: Option<mpsc::UnboundedSender<Vec<u8>>>,
) -> JoinHandle<()> {
    let store = Arc::clone(store);
    tokio::spawn(async move {
        let mut reader = BufReader::new(pipe);
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if line.ends_with(b"\n") {
                line.pop();
            }
            if let Some(sender) = &forward {
                if sender.send(line.clone()).is_err() {
                    forward = None;
                }
            }
            store.lock().unwrap().push(line);
        }
    })
}

/// `127.0.0.1:PORT` from the `bulwark listening address=…` line. Colour codes are removed
/// first, so that a server that (wrongly) colours its log still starts and the colour test
/// fails on its own assertion instead of here.
pub fn listening_address(line: &[u8]) -> Option<String> {
    let text = without_colour_codes(&String::from_utf8_lossy(line));
    let (_, after_message) = text.split_once("bulwark listening")?;
    let (_, after_key) = after_message.split_once("address=")?;
    let address: String = after_key
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
        .collect();
    (!address.is_empty()).then_some(address)
}

/// Removes ANSI escape sequences (`ESC [ … letter`).
pub fn without_colour_codes(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut in_escape = false;
    for c in text.chars() {
        if c == '\x1b' {
            in_escape = true;
        } else if in_escape {
            in_escape = !c.is_ascii_alphabetic();
        } else {
            plain.push(c);
        }
    }
    plain
}
