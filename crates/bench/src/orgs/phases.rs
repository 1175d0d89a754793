//! The two organization phases as `run` calls them: seed, check, time, summarise.

use super::members_page::{self, MembersPageOutcome};
use super::shared::{self, Shape};
use super::{large_org, measure};
use crate::accounts::{create_users, BenchUser};
use crate::args::Args;
use crate::proc_status;
use crate::results::{MemberListResult, OrgSyncResult, SyncMemory};
use crate::rss_sampler::{start_sampling, RssSampler};
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
    pid: u32,
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
    let sampling = Sampling::start(pid, args.sample_ms);
    let timing =
        measure::member_sync(&accounts.member, shape, args.sync_warmups, args.sync_runs).await?;
    let memory = sampling.finish(shape.items())?;
    Ok(OrgSyncResult {
        organizations: shape.orgs,
        collections: shape.collections(),
        items: shape.items(),
        seed_seconds,
        response_bytes: timing.response_bytes,
        latency: timing.latency,
        memory,
    })
}

/// The member list of an organization with `--org-members` invited members, then (unless
/// `--browser false`) the Admin Console's Members page of that organization in Chromium.
pub async fn member_list(
    args: &Args,
    owner: &BenchUser,
    run_id: &str,
    pid: u32,
) -> anyhow::Result<(MemberListResult, Option<MembersPageOutcome>)> {
    let started = Instant::now();
    let org = large_org::seed(owner, run_id, args.org_members).await?;
    let seed_seconds = started.elapsed().as_secs_f64();
    eprintln!("timing the member list");
    // The owner is listed too.
    let rows = args.org_members + 1;
    let sampling = Sampling::start(pid, args.sample_ms);
    let timing =
        measure::member_list(owner, &org.id, rows, args.sync_warmups, args.sync_runs).await?;
    let memory = sampling.finish(rows)?;
    let list = MemberListResult {
        invited: args.org_members,
        rows,
        seed_seconds,
        response_bytes: timing.response_bytes,
        latency: timing.latency,
        memory,
    };
    let page = if args.browser {
        Some(members_page::phase(args, &org.id, owner, args.org_members).await?)
    } else {
        None
    };
    Ok((list, page))
}

/// Server memory over one timed loop: the org item list is built in memory before it is
/// rendered, so its peak can differ from a personal vault's of the same size. `items` in
/// `finish` is what the loop read (items, rows or clients).
pub struct Sampling {
    pid: u32,
    interval_ms: u64,
    sampler: RssSampler,
    rss_before_kib: u64,
    hwm_reset: bool,
}

impl Sampling {
    pub fn start(pid: u32, interval_ms: u64) -> Self {
        let (sampler, rss_before_kib, hwm_reset) = start_sampling(pid, interval_ms);
        Self {
            pid,
            interval_ms,
            sampler,
            rss_before_kib,
            hwm_reset,
        }
    }

    pub fn finish(self, items: usize) -> anyhow::Result<SyncMemory> {
        Ok(SyncMemory {
            vault_items: items,
            sampled: self.sampler.finish(),
            sample_interval_ms: self.interval_ms,
            rss_before_kib: self.rss_before_kib,
            hwm_kib: proc_status::read(self.pid)?.hwm_kib,
            hwm_reset: self.hwm_reset,
        })
    }
}
