//! The two organization phases as `run` calls them: seed, check, time, summarise.

use super::shared::{self, Shape};
use super::{large_org, measure};
use crate::accounts::{create_users, BenchUser};
use crate::args::Args;
use crate::results::{MemberListResult, OrgSyncResult};
use std::path::Path;
use std::time::Instant;

/// The owner of every bench organization and the member who joins the shared ones.
pub struct OrgAccounts {
    pub owner: BenchUser,
    pub member: BenchUser,
}

pub async fn accounts(base_url: &str, run_id: &str) -> anyhow::Result<OrgAccounts> {
    let labels = ["org-owner".to_owned(), "org-member".to_owned()];
    let mut users = create_users(base_url, run_id, &labels).await?.into_iter();
    match (users.next(), users.next()) {
        (Some(owner), Some(member)) => Ok(OrgAccounts { owner, member }),
        _ => anyhow::bail!("org accounts were not created"),
    }
}

pub fn shape(args: &Args) -> Shape {
    Shape {
        orgs: args.org_count,
        collections_per_org: args.org_collections,
        items_per_org: args.org_items,
    }
}

/// Sync of a member of `--org-count` organizations.
pub async fn member_sync(
    args: &Args,
    accounts: &OrgAccounts,
    log_path: &Path,
) -> anyhow::Result<OrgSyncResult> {
    let shape = shape(args);
    let started = Instant::now();
    shared::seed(
        &accounts.owner,
        &accounts.member,
        log_path,
        shape,
        args.concurrency,
    )
    .await?;
    let seed_seconds = started.elapsed().as_secs_f64();
    eprintln!("timing the member's syncs");
    let timing =
        measure::member_sync(&accounts.member, shape, args.sync_warmups, args.sync_runs).await?;
    Ok(OrgSyncResult {
        organizations: shape.orgs,
        collections: shape.collections(),
        items: shape.items(),
        seed_seconds,
        response_bytes: timing.response_bytes,
        latency: timing.latency,
    })
}

/// The member list of an organization with `--org-members` invited members.
pub async fn member_list(
    args: &Args,
    owner: &BenchUser,
    run_id: &str,
) -> anyhow::Result<MemberListResult> {
    let started = Instant::now();
    let org = large_org::seed(owner, run_id, args.org_members).await?;
    let seed_seconds = started.elapsed().as_secs_f64();
    eprintln!("timing the member list");
    // The owner is listed too.
    let rows = args.org_members + 1;
    let timing =
        measure::member_list(owner, &org.id, rows, args.sync_warmups, args.sync_runs).await?;
    Ok(MemberListResult {
        invited: args.org_members,
        rows,
        seed_seconds,
        response_bytes: timing.response_bytes,
        latency: timing.latency,
    })
}
