//! Runs the official `bw` binary as one user: its own appdata dir (so users and tests never
//! share CLI state), the test CA, no prompts, and the session once unlocked.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

/// One `bw` call costs ~2 s (Node start plus a 7.6 MB wasm SDK); a hung call fails the test
/// instead of stalling the whole run.
const CALL_TIMEOUT: Duration = Duration::from_secs(120);

/// Path of the `bw` binary, from `BW_BIN`. Failing (rather than skipping) keeps a green run
/// from hiding the fact that the real client was never exercised.
pub fn bw_bin() -> PathBuf {
    match std::env::var_os("BW_BIN") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => panic!(
            "BW_BIN is not set. Run the README test command, `scripts/test.sh`: it installs the \
             pinned @bitwarden/cli (e2e/package.json) and sets BW_BIN to e2e/node_modules/.bin/bw"
        ),
    }
}

pub struct BwOutput {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

pub struct Bw {
    bin: PathBuf,
    ca_pem: PathBuf,
    appdata: tempfile::TempDir,
    /// `BW_SESSION`, set after `login`/`unlock`.
    pub session: Option<String>,
    /// For failure messages: which user's CLI this is.
    label: String,
    calls: u32,
    busy: Duration,
}

impl Bw {
    pub fn new(bin: PathBuf, label: &str, ca_pem: &Path) -> Self {
        Self {
            bin,
            ca_pem: ca_pem.to_path_buf(),
            appdata: tempfile::tempdir().expect("bw appdata dir"),
            session: None,
            label: label.to_owned(),
            calls: 0,
            busy: Duration::ZERO,
        }
    }

    /// Runs `bw ARGS`, never panicking: for calls that are expected to fail.
    pub async fn run(&mut self, args: &[&str]) -> BwOutput {
        self.run_with_stdin(args, None).await
    }

    /// Like [`Bw::run`], feeding `stdin` to the process (`bw encode` reads it).
    pub async fn run_with_stdin(&mut self, args: &[&str], stdin: Option<&[u8]>) -> BwOutput {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args)
            .env("BITWARDENCLI_APPDATA_DIR", self.appdata.path())
            .env("NODE_EXTRA_CA_CERTS", &self.ca_pem)
            .env("BW_NOINTERACTION", "true")
            // Node's deprecation warnings would otherwise land in stderr of every call.
            .env("NODE_NO_WARNINGS", "1")
            // Whatever the developer's shell has must not leak into the test's CLI.
            .env_remove("BW_SESSION")
            .env_remove("BW_CLIENTID")
            .env_remove("BW_CLIENTSECRET")
            .env_remove("BW_PASSWORD")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(session) = &self.session {
            cmd.env("BW_SESSION", session);
        }
        let started = Instant::now();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.bin.display()));
        if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(bytes).await.expect("write bw stdin");
            // Dropping the pipe closes it: bw reads stdin to its end.
        }
        let output = tokio::time::timeout(CALL_TIMEOUT, child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("bw({}) {} timed out", self.label, show(args)))
            .expect("wait for bw");
        self.calls += 1;
        self.busy += started.elapsed();
        // Shown with the test's output when it fails: where the time went, and the last calls.
        eprintln!(
            "bw({}) {} -> {} in {:.1} s",
            self.label,
            show(args),
            output.status,
            started.elapsed().as_secs_f64()
        );
        BwOutput {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs `bw ARGS` and returns its stdout; a non-zero exit fails the test with stderr.
    pub async fn ok(&mut self, args: &[&str]) -> String {
        let out = self.run(args).await;
        assert!(
            out.success,
            "bw({}) {} failed\nstdout: {}\nstderr: {}",
            self.label,
            show(args),
            out.stdout,
            out.stderr
        );
        out.stdout
    }

    /// Runs `bw ARGS` and parses its stdout as JSON.
    pub async fn json(&mut self, args: &[&str]) -> Value {
        let text = self.ok(args).await;
        serde_json::from_str(&text).unwrap_or_else(|e| {
            panic!(
                "bw({}) {}: stdout is not JSON ({e}): {text}",
                self.label,
                show(args)
            )
        })
    }

    /// `bw encode`: base64 of the JSON, as `bw create`/`bw edit` want their argument.
    pub async fn encode(&mut self, json: &Value) -> String {
        let out = self
            .run_with_stdin(&["encode"], Some(json.to_string().as_bytes()))
            .await;
        assert!(
            out.success,
            "bw({}) encode failed: {}",
            self.label, out.stderr
        );
        out.stdout.trim().to_owned()
    }

    /// `bw list items` (add e.g. `--trash`), as an array.
    pub async fn list(&mut self, what: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list", what];
        args.extend_from_slice(extra);
        match self.json(&args).await {
            Value::Array(items) => items,
            other => panic!("bw list {what}: not an array: {other}"),
        }
    }

    /// A line for the test log: how many calls and how long they took.
    pub fn summary(&self) -> String {
        format!(
            "bw({}): {} calls, {:.1} s",
            self.label,
            self.calls,
            self.busy.as_secs_f64()
        )
    }
}

/// The command line for messages, with long (base64) arguments cut short.
fn show(args: &[&str]) -> String {
    let shown: Vec<String> = args
        .iter()
        .map(|a| match a.char_indices().nth(40) {
            Some((cut, _)) => format!("{}...", &a[..cut]),
            None => (*a).to_owned(),
        })
        .collect();
    shown.join(" ")
}
