//! The personal vault page (`/#/vault`) of the largest seeded vault in headless Chromium
//! (`web/tests/bench/vault-page.mjs`, run like the Members page script): the vault's owner signs
//! in through the portal, then each run reloads and unlocks on the vault, navigates there from
//! the account page until the first rows are painted, and searches down to one item.

use crate::accounts::{BenchUser, PASSWORD};
use crate::args::Args;
use crate::browser::{run_script, script_unavailable, SignIn, Timing};
use anyhow::Context;
use serde::{Deserialize, Serialize};

/// Navigation to the first rows of a 10,000-item vault (issue 14).
pub const FIRST_ROWS_MAX_MS: f64 = 1_000.0;
/// From typing into "Search items" to the one matching row (issue 14).
pub const SEARCH_MAX_MS: f64 = 150.0;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum VaultPageOutcome {
    Skipped { reason: String },
    Measured(Box<VaultPageResult>),
}

#[derive(Debug, Clone, Serialize)]
pub struct VaultPageResult {
    pub items: usize,
    pub runs: usize,
    pub load_before: f64,
    pub load_after: f64,
    #[serde(flatten)]
    pub page: VaultPageFigures,
}

/// What the script prints (camelCase there, snake_case in the bench's JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct VaultPageFigures {
    pub chromium: String,
    pub search_text: String,
    pub rows_on_first_page: Option<usize>,
    pub pager: Option<String>,
    #[serde(default)]
    pub last_run_requests: serde_json::Value,
    /// `location.hash` set to `#/vault` (from the account page) until the first rows are
    /// painted: the sync, every name decrypted, one page rendered.
    pub first_rows: Timing,
    /// After a reload: the click on "Unlock" until the first rows are painted.
    pub unlock_to_first_rows: Timing,
    /// The "input" event of "Search items" until the one matching row is painted.
    pub search: Timing,
    pub search_cleared: Timing,
    /// The user's sign-in (the bench's KDF).
    pub sign_in: SignIn,
}

/// A name matching exactly one of `items` seeded items (see `items::login_items`).
fn one_item(items: usize) -> String {
    format!("Service {:05}", items * 3 / 7)
}

/// Runs the script against the vault of `user`, seeded with `items` items.
pub async fn phase(
    args: &Args,
    base_url: &str,
    user: &BenchUser,
    items: usize,
) -> anyhow::Result<VaultPageOutcome> {
    let script = &args.vault_browser_script;
    if let Some(reason) = script_unavailable(args, script) {
        eprintln!("vault page skipped: {reason}");
        return Ok(VaultPageOutcome::Skipped { reason });
    }
    let load_before = crate::run::load_average();
    eprintln!(
        "browser: the vault page of {items} items in headless Chromium, {} runs (load average {load_before:.2})",
        args.browser_runs
    );
    let script_args: Vec<String> = [
        "--url",
        base_url,
        "--email",
        &user.secrets.email,
        "--password",
        PASSWORD,
        "--search",
        &one_item(items),
        "--expect-items",
        &items.to_string(),
        "--runs",
        &args.browser_runs.to_string(),
    ]
    .map(str::to_owned)
    .into();
    let json = match run_script(args, script, &script_args).await? {
        Ok(json) => json,
        Err(reason) => return Ok(VaultPageOutcome::Skipped { reason }),
    };
    let page: VaultPageFigures =
        serde_json::from_value(json).context("reading the vault page script's figures")?;
    Ok(VaultPageOutcome::Measured(Box::new(VaultPageResult {
        items,
        runs: args.browser_runs,
        load_before,
        load_after: crate::run::load_average(),
        page,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_is_a_full_name() {
        assert_eq!(one_item(10_000), "Service 04285");
        assert_eq!(one_item(3), "Service 00001");
    }

    #[test]
    fn reads_the_script_output() {
        let t = r#"{"medianMs":1,"minMs":1,"maxMs":2,"runsMs":[1,2],"domMedianMs":0.5}"#;
        let json = format!(
            r#"{{"chromium":"1","searchText":"Service 00001","rowsOnFirstPage":50,"pager":"Page 1 of 2 (51)",
            "firstRows":{t},"unlockToFirstRows":{t},"search":{t},"searchCleared":{t},
            "signIn":{{"kdf":"PBKDF2","medianMs":1,"minMs":1,"maxMs":1,"runsMs":[1],"lastBreakdown":{{}}}}}}"#
        );
        let page: VaultPageFigures = serde_json::from_str(&json).unwrap();
        assert_eq!(page.search.runs_ms, vec![1.0, 2.0]);
        let out = serde_json::to_value(&page).unwrap();
        assert_eq!(out["first_rows"]["median_ms"], 1.0);
    }
}
