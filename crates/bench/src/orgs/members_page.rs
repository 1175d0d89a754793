//! The Admin Console's Members page of the large organization in headless Chromium
//! (`web/tests/bench/members-page.mjs`, run like the Clients page script): the owner signs in
//! through the portal, then each run reloads and unlocks on the Members page, navigates there
//! from the account page until the first rows are painted, and filters to one member.

use crate::accounts::{BenchUser, PASSWORD};
use crate::args::Args;
use crate::browser::{run_script, script_unavailable, SignIn, Timing};
use anyhow::Context;
use serde::{Deserialize, Serialize};

/// Navigation to the first rows of the Members page, 5,000 members (issue 13's target for
/// large lists).
pub const FIRST_ROWS_MAX_MS: f64 = 1_500.0;
/// From typing a filter into "Search members" to the filtered row.
pub const FILTER_MAX_MS: f64 = 200.0;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MembersPageOutcome {
    Skipped { reason: String },
    Measured(Box<MembersPageResult>),
}

#[derive(Debug, Clone, Serialize)]
pub struct MembersPageResult {
    /// Rows of the org's member list: the invitations and the owner.
    pub members: usize,
    pub runs: usize,
    pub load_before: f64,
    pub load_after: f64,
    #[serde(flatten)]
    pub page: MembersPageFigures,
}

/// What the script prints (camelCase there, snake_case in the bench's JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
pub struct MembersPageFigures {
    pub chromium: String,
    pub filter_text: String,
    pub rows_on_first_page: Option<usize>,
    pub pager: Option<String>,
    /// "5001 of 5001 seats used."
    pub seats: Option<String>,
    #[serde(default)]
    pub last_run_requests: serde_json::Value,
    /// `location.hash` set to the members route (from the account page) until the first rows
    /// are painted.
    pub first_rows: Timing,
    /// After a reload: the click on "Unlock" until the first rows are painted.
    pub unlock_to_first_rows: Timing,
    /// The "input" event of "Search members" until the one matching row is painted.
    pub filter: Timing,
    pub filter_cleared: Timing,
    /// The owner's sign-in (the bench's KDF).
    pub sign_in: SignIn,
}

/// An address matching exactly one of `members` invitations (see `large_org::seed`).
fn one_member(members: usize) -> String {
    format!("invitee-{:05}-", members * 3 / 7)
}

/// Runs the script against the org phase's server and reads its figures.
pub async fn phase(
    args: &Args,
    org_id: &str,
    owner: &BenchUser,
    invited: usize,
) -> anyhow::Result<MembersPageOutcome> {
    let script = &args.members_browser_script;
    if let Some(reason) = script_unavailable(args, script) {
        eprintln!("members page skipped: {reason}");
        return Ok(MembersPageOutcome::Skipped { reason });
    }
    let members = invited + 1;
    let load_before = crate::run::load_average();
    eprintln!(
        "browser: the Members page of {members} members in headless Chromium, {} runs (load average {load_before:.2})",
        args.browser_runs
    );
    let script_args: Vec<String> = [
        "--url",
        owner.client.base_url.as_str(),
        "--org",
        org_id,
        "--email",
        &owner.secrets.email,
        "--password",
        PASSWORD,
        "--filter",
        &one_member(invited),
        "--expect-members",
        &members.to_string(),
        "--runs",
        &args.browser_runs.to_string(),
    ]
    .map(str::to_owned)
    .into();
    let json = match run_script(args, script, &script_args).await? {
        Ok(json) => json,
        Err(reason) => return Ok(MembersPageOutcome::Skipped { reason }),
    };
    let page: MembersPageFigures =
        serde_json::from_value(json).context("reading the members page script's figures")?;
    Ok(MembersPageOutcome::Measured(Box::new(MembersPageResult {
        members,
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
    fn one_member_is_a_unique_prefix() {
        assert_eq!(one_member(5_000), "invitee-02142-");
        assert_eq!(one_member(3), "invitee-00001-");
    }

    #[test]
    fn reads_the_script_output() {
        let t = r#"{"medianMs":1,"minMs":1,"maxMs":2,"runsMs":[1,2],"domMedianMs":0.5}"#;
        let json = format!(
            r#"{{"chromium":"1","filterText":"invitee-00001-","rowsOnFirstPage":50,"pager":"Page 1 of 2 (51)","seats":"51 of 51 seats used.",
            "firstRows":{t},"unlockToFirstRows":{t},"filter":{t},"filterCleared":{t},
            "signIn":{{"kdf":"PBKDF2","medianMs":1,"minMs":1,"maxMs":1,"runsMs":[1],"lastBreakdown":{{}}}}}}"#
        );
        let page: MembersPageFigures = serde_json::from_str(&json).unwrap();
        assert_eq!(page.filter.runs_ms, vec![1.0, 2.0]);
        assert_eq!(page.seats.as_deref(), Some("51 of 51 seats used."));
        let out = serde_json::to_value(&page).unwrap();
        assert_eq!(out["first_rows"]["median_ms"], 1.0);
    }
}
