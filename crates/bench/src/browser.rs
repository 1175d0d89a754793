//! The browser phase: the portal's Clients page of the large provider in headless Chromium.
//!
//! It runs on the provider phase's server, with its 10,000 clients, through a Node script
//! (`web/tests/bench/clients-page.mjs`, playwright-core driving Debian's `chromium`): sign-in
//! through the portal's own page as the Provider Admin (the bench's KDF) and as the Service
//! User (registered with the portal's default, Argon2id 64 MiB, 3 passes, 4 lanes); then, after
//! a reload and unlock each time, the navigation to the clients until the first rows are
//! painted, and a filter down to one client. The script also times Argon2id alone in the
//! portal's KDF worker. It is skipped, with the reason, when Node.js, Chromium or the web
//! dependencies are missing, or with `--browser false`.
//!
//! The organization phase runs the Members page script the same way ([`run_script`]; see
//! `orgs::members_page`).

use crate::accounts::{BenchUser, PASSWORD};
use crate::args::Args;
use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Navigation to the first rows of the Clients page, 10,000 clients (issue 13).
pub const FIRST_ROWS_MAX_MS: f64 = 1_500.0;
/// From typing a filter into "Search clients" to the filtered rows (issue 13).
pub const FILTER_MAX_MS: f64 = 200.0;

/// The whole script: sign-ins, the page runs and the Argon2id page take a minute or two.
const SCRIPT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(900);

/// Either the figures or why there are none.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BrowserOutcome {
    Skipped { reason: String },
    Measured(Box<BrowserResult>),
}

#[derive(Debug, Clone, Serialize)]
pub struct BrowserResult {
    pub clients: usize,
    /// Page loads (each after a reload and unlock) the medians are over.
    pub runs: usize,
    /// 1-minute load average before and after the phase: the browser, the server and other
    /// work on the machine share the CPUs.
    pub load_before: f64,
    pub load_after: f64,
    #[serde(flatten)]
    pub page: PageFigures,
}

/// What the script prints (camelCase there, snake_case in the bench's JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct PageFigures {
    pub chromium: String,
    pub filter_text: String,
    pub rows_on_first_page: Option<usize>,
    pub pager: Option<String>,
    /// The page's requests in the last run (after the Unlock click, after the navigation):
    /// path, start and end (ms), bytes.
    #[serde(default)]
    pub last_run_requests: serde_json::Value,
    /// `location.hash` set to the clients route (from the account page, unlocked) until the
    /// first rows are painted.
    pub first_rows: Timing,
    /// After a reload: the click on "Unlock" until the first rows are painted (includes the
    /// KDF and the profile).
    pub unlock_to_first_rows: Timing,
    /// The "input" event of "Search clients" until the one matching row is painted.
    pub filter: Timing,
    /// Clearing the filter until the first page is back.
    pub filter_cleared: Timing,
    /// The Provider Admin's sign-in (the bench's KDF).
    pub sign_in: SignIn,
    /// The Service User's sign-in (Argon2id 64 MiB, 3 passes, 4 lanes).
    pub argon_sign_in: Option<SignIn>,
    /// Argon2id 64 MiB / 3 passes / 4 lanes alone in the portal's KDF worker.
    pub argon_worker: Option<ArgonWorker>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct Timing {
    pub median_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
    pub runs_ms: Vec<f64>,
    /// When the DOM first showed it (before the frame that paints it).
    pub dom_median_ms: Option<f64>,
    /// Measured outside the page, around the Playwright calls (includes their round trips).
    pub wall_median_ms: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct SignIn {
    /// The account's KDF, as text.
    pub kdf: String,
    #[serde(flatten)]
    pub timing: Timing,
    /// The last sign-in's requests (ms after the click, including those the signed-in page
    /// makes after it shows) and the gap between prelogin and token: the KDF in the worker.
    pub last_breakdown: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct ArgonWorker {
    pub median_ms: f64,
    pub runs_ms: Vec<f64>,
    pub longest_main_thread_gap_ms: f64,
}

/// Why the phase cannot run here, if it cannot.
pub fn unavailable(args: &Args) -> Option<String> {
    script_unavailable(args, &args.browser_script)
}

/// Why `script` (one of `web/tests/bench/`) cannot run here, if it cannot.
pub fn script_unavailable(args: &Args, script: &Path) -> Option<String> {
    if !args.browser {
        return Some("--browser false".into());
    }
    let node_ok = std::process::Command::new(&args.node)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !node_ok {
        return Some(format!(
            "no Node.js (`{} --version` failed)",
            args.node.display()
        ));
    }
    let chromium = chromium_path();
    if !chromium.is_file() {
        return Some(format!(
            "no Chromium at {} (install Debian's chromium or set CHROMIUM)",
            chromium.display()
        ));
    }
    if !script.is_file() {
        return Some(format!(
            "no script at {} (run from the repository's root)",
            script.display()
        ));
    }
    let modules = web_dir(script).join("node_modules/playwright-core");
    if !modules.is_dir() {
        return Some(format!("no {} (run `npm ci` in web/)", modules.display()));
    }
    None
}

fn chromium_path() -> PathBuf {
    std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// `web/` of `web/tests/bench/clients-page.mjs`.
fn web_dir(script: &Path) -> PathBuf {
    script
        .ancestors()
        .nth(3)
        .map_or_else(|| PathBuf::from("web"), Path::to_path_buf)
}

/// A name that matches exactly one of `clients` (see `provider::clients`: `Client 00042`).
fn one_client(clients: usize) -> String {
    format!("Client {:05}", clients * 3 / 7)
}

/// Runs the script against the provider's server and reads its figures.
pub async fn phase(
    args: &Args,
    base_url: &str,
    provider_id: &str,
    admin: &BenchUser,
    argon_user: &BenchUser,
    clients: usize,
) -> anyhow::Result<BrowserOutcome> {
    if let Some(reason) = unavailable(args) {
        eprintln!("browser phase skipped: {reason}");
        return Ok(BrowserOutcome::Skipped { reason });
    }
    let load_before = crate::run::load_average();
    eprintln!(
        "browser phase: the Clients page of {clients} clients in headless Chromium, {} runs (load average {load_before:.2})",
        args.browser_runs
    );
    let script_args: Vec<String> = [
        "--url",
        base_url,
        "--provider",
        provider_id,
        "--email",
        &admin.secrets.email,
        "--password",
        PASSWORD,
        "--argon-email",
        &argon_user.secrets.email,
        "--filter",
        &one_client(clients),
        "--expect-clients",
        &clients.to_string(),
        "--runs",
        &args.browser_runs.to_string(),
    ]
    .map(str::to_owned)
    .into();
    let json = match run_script(args, &args.browser_script, &script_args).await? {
        Ok(json) => json,
        Err(reason) => return Ok(BrowserOutcome::Skipped { reason }),
    };
    let page: PageFigures =
        serde_json::from_value(json).context("reading the browser script's figures")?;
    Ok(BrowserOutcome::Measured(Box::new(BrowserResult {
        clients,
        runs: args.browser_runs,
        load_before,
        load_after: crate::run::load_average(),
        page,
    })))
}

/// Runs one of the browser scripts and reads the JSON object it prints last: the figures, or
/// (as `Err`) the reason it skipped itself.
pub async fn run_script(
    args: &Args,
    script: &Path,
    script_args: &[String],
) -> anyhow::Result<Result<serde_json::Value, String>> {
    let output = tokio::process::Command::new(&args.node)
        .arg(script)
        .args(script_args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // Its progress lines go to the terminal with the bench's own.
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        // Not `output()`, which would pipe stderr too.
        .spawn()
        .with_context(|| format!("starting {}", args.node.display()))?
        .wait_with_output();
    // Every step of the script has its own time limit; this one catches a hung browser.
    let output = tokio::time::timeout(SCRIPT_TIMEOUT, output)
        .await
        .with_context(|| format!("the browser script ran longer than {SCRIPT_TIMEOUT:?}"))??;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "{} failed ({}); its output:\n{stdout}",
            script.display(),
            output.status
        );
    }
    let line = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .with_context(|| format!("no JSON from the browser script: {stdout}"))?;
    let json: serde_json::Value = serde_json::from_str(line).context("browser script JSON")?;
    if let Some(reason) = json.get("skipped").and_then(serde_json::Value::as_str) {
        eprintln!("browser phase skipped: {reason}");
        return Ok(Err(reason.to_owned()));
    }
    Ok(Ok(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_client_is_a_full_name() {
        assert_eq!(one_client(10_000), "Client 04285");
        assert_eq!(one_client(3), "Client 00001");
    }

    #[test]
    fn web_dir_of_the_script() {
        assert_eq!(
            web_dir(Path::new("web/tests/bench/clients-page.mjs")),
            PathBuf::from("web")
        );
    }

    #[test]
    fn reads_the_script_output() {
        let t = r#"{"medianMs":1,"minMs":1,"maxMs":2,"runsMs":[1,2],"domMedianMs":0.5,"wallMedianMs":3}"#;
        let json = format!(
            r#"{{"chromium":"1","filterText":"Client 00001","rowsOnFirstPage":50,"pager":"Page 1 of 2 (100)","lastRunRequests":{{}},
            "firstRows":{t},"unlockToFirstRows":{t},"filter":{t},"filterCleared":{t},
            "signIn":{{"kdf":"PBKDF2","medianMs":1,"minMs":1,"maxMs":1,"runsMs":[1],"lastBreakdown":{{}}}},
            "argonWorker":{{"medianMs":900,"runsMs":[900],"longestMainThreadGapMs":12}}}}"#
        );
        let page: PageFigures = serde_json::from_str(&json).unwrap();
        assert_eq!(page.first_rows.runs_ms, vec![1.0, 2.0]);
        assert!(page.argon_sign_in.is_none());
        let out = serde_json::to_value(&page).unwrap();
        assert_eq!(out["sign_in"]["median_ms"], 1.0);
    }
}
