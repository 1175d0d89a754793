//! One benchmark run, phase by phase: start the server (or reach the one given by URL), read its
//! idle memory, run the mixed load, create the accounts, then seed and sync each vault, create
//! items, log in, and (for a server the bench started) the organization and provider phases.

use crate::accounts::{create_users, BenchUser};
use crate::args::Args;
use crate::items::login_items;
use crate::measure::{create::create_items, login::logins, sync::time_syncs};
use crate::orgs;
use crate::orgs::members_page::MembersPageOutcome;
use crate::orgs::phases::Sampling;
use crate::proc_status;
use crate::results::{
    Environment, LoginResult, MemberListResult, OrgSyncResult, PhaseMemory, Results, SyncResult,
};
use crate::seed::seed;
use crate::server::ServerProcess;
use crate::target::Target;
use crate::targets;
use anyhow::{bail, Context};
use std::time::{Duration, Instant, SystemTime};

/// Lets the server finish lazy start-up work (pool connections, first allocations) so the idle
/// reading is a steady state rather than a moment mid-initialisation.
const IDLE_SETTLE: Duration = Duration::from_secs(1);

/// Above this 1-minute load average other processes take CPU time from the server and the
/// load generator, and every figure gets worse.
const NOISY_LOAD: f64 = 0.5;

pub async fn run(args: &Args) -> anyhow::Result<Results> {
    let mut sizes = args.vault_sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    if sizes.is_empty() || sizes[0] == 0 || args.login_users == 0 {
        bail!("vault sizes and --login-users must be at least 1");
    }
    let load_before = load_average();
    if load_before > NOISY_LOAD {
        eprintln!("load average {load_before:.2}: other work is running, figures will be noisy");
    }
    let target = Target::start(args).await?;
    let result = phases(args, &target, &sizes, load_before).await;
    if let (Err(_), Some(tail)) = (&result, target.log_tail()) {
        // The server's side of a failure (a 500's cause, a panic) is only in its log.
        eprintln!("server log, last lines:\n{tail}");
    }
    result
}

/// Server memory after each phase, when the server's process is known.
struct PhaseLog {
    pid: Option<u32>,
    phases: Vec<PhaseMemory>,
}

impl PhaseLog {
    fn note(&mut self, after: String) -> anyhow::Result<()> {
        if let Some(pid) = self.pid {
            self.phases.push(PhaseMemory {
                after,
                memory: proc_status::read(pid)?,
            });
        }
        Ok(())
    }
}

async fn phases(
    args: &Args,
    target: &Target,
    sizes: &[usize],
    load_before: f64,
) -> anyhow::Result<Results> {
    let pid = target.pid();
    let base_url = target.base_url();
    if pid.is_some() && matches!(target, Target::Spawned(_)) {
        tokio::time::sleep(IDLE_SETTLE).await;
    }
    let idle_memory = pid.map(proc_status::read).transpose()?;
    match target {
        Target::Spawned(_) => eprintln!("server {} at {base_url}, idle", args.server_bin.display()),
        Target::External { .. } => eprintln!("server at {base_url}"),
    }
    let mut phase_log = PhaseLog {
        pid,
        phases: Vec::new(),
    };
    phase_log.note("start".into())?;

    let run_id = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    // First, so that what it leaves resident is compared with a fresh server's idle memory.
    let load = if args.load_clients > 0 {
        let result = crate::load::phase(args, base_url, &run_id, pid).await?;
        phase_log.note(format!("{}-client mixed load", args.load_clients))?;
        Some(result)
    } else {
        None
    };

    let mut labels: Vec<String> = sizes.iter().map(|n| format!("sync{n}")).collect();
    labels.push("create".into());
    labels.extend((0..args.login_users).map(|i| format!("login{i}")));
    eprintln!("registering {} accounts", labels.len());
    let mut users = create_users(base_url, &run_id, &labels).await?;
    phase_log.note(format!("registering {} accounts", labels.len()))?;
    let login_users = users.split_off(sizes.len() + 1);
    let create_user = users.pop().context("create user")?;
    let sync_users = users;

    let mut syncs = Vec::new();
    let mut sync_memory = None;
    let mut vault_page = None;
    let largest = sizes[sizes.len() - 1];
    for (&size, user) in sizes.iter().zip(&sync_users) {
        let (seeded_by, seed_seconds) = {
            let items = build_items(user, size).await?;
            eprintln!("seeding {size} items");
            let started = Instant::now();
            let method = seed(&user.session, items, args.concurrency).await?;
            (method, started.elapsed().as_secs_f64())
        };
        phase_log.note(format!("seeding {size} items"))?;
        eprintln!("timing syncs of {size} items");
        let sampling = pid
            .filter(|_| size == largest)
            .map(|pid| Sampling::start(pid, args.sample_ms));
        let timing = time_syncs(user, size, args.sync_warmups, args.sync_runs).await?;
        if let Some(sampling) = sampling {
            sync_memory = Some(sampling.finish(size)?);
        }
        phase_log.note(format!("syncing {size} items"))?;
        if size == largest && args.browser {
            vault_page = Some(crate::vault_page::phase(args, base_url, user, size).await?);
        }
        syncs.push(SyncResult {
            items: size,
            seeded_by,
            seed_seconds,
            response_bytes: timing.response_bytes,
            latency: timing.latency,
        });
    }

    eprintln!("creating {} items", args.create_items);
    let create = create_items(&create_user, args.create_items, args.concurrency).await?;
    phase_log.note(format!("creating {} items", args.create_items))?;
    eprintln!("{} password logins", args.logins);
    let login = LoginResult {
        users: login_users.len(),
        throughput: logins(&login_users, args.logins, args.concurrency).await?,
    };
    phase_log.note(format!("{} logins", args.logins))?;

    // The organization and provider phases read invitation links from Bulwark's log and use
    // its operator API, so they run only against a server the bench started.
    let (org_sync, member_list, members_page, provider, browser) = match target {
        Target::Spawned(server) => {
            let (org_sync, member_list, members_page) =
                org_phases(args, server, &run_id, &mut phase_log).await?;
            let (provider, browser) = if args.provider_clients > 0 {
                eprintln!("provider with {} clients", args.provider_clients);
                let (provider, browser) = crate::provider::phase(args, &run_id).await?;
                (Some(provider), browser)
            } else {
                if args.browser {
                    eprintln!("browser phase skipped: it needs the provider (--provider-clients)");
                }
                (None, None)
            };
            (org_sync, member_list, members_page, provider, browser)
        }
        Target::External { .. } => (None, None, None, None, None),
    };

    let mut results = Results {
        environment: Environment {
            server: target.describe(args),
            database: match target {
                Target::External { .. } => "unknown",
                Target::Spawned(_) if args.database_url.is_some() => "PostgreSQL",
                Target::Spawned(_) => "SQLite",
            },
            server_env: args
                .server_env
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect(),
            cpus: std::thread::available_parallelism().map_or(1, usize::from),
            load_before,
            load_after: load_average(),
            unix_time: SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        },
        idle_memory,
        load,
        syncs,
        sync_memory,
        vault_page,
        create,
        login,
        org_sync,
        member_list,
        members_page,
        provider,
        browser,
        memory_by_phase: phase_log.phases,
        checks: Vec::new(),
    };
    results.checks = targets::evaluate(&results);
    Ok(results)
}

/// The shared-items sync and the member list, each unless its count is 0.
async fn org_phases(
    args: &Args,
    server: &ServerProcess,
    run_id: &str,
    phase_log: &mut PhaseLog,
) -> anyhow::Result<(
    Option<OrgSyncResult>,
    Option<MemberListResult>,
    Option<MembersPageOutcome>,
)> {
    if args.org_count == 0 && args.org_members == 0 {
        return Ok((None, None, None));
    }
    let pid = server.pid();
    let accounts = orgs::phases::accounts(&server.base_url, run_id).await?;
    let org_sync = if args.org_count > 0 {
        let shape = orgs::phases::shape(args);
        eprintln!(
            "seeding {} orgs, {} collections, {} shared items",
            shape.orgs,
            shape.collections(),
            shape.items()
        );
        let result = orgs::phases::member_sync(args, &accounts, &server.log_path, pid).await?;
        phase_log.note(format!("{}-org member sync", shape.orgs))?;
        Some(result)
    } else {
        None
    };
    let (member_list, members_page) = if args.org_members > 0 {
        eprintln!("inviting {} members", args.org_members);
        let (result, page) = orgs::phases::member_list(args, &accounts.owner, run_id, pid).await?;
        phase_log.note(format!("{}-member list", args.org_members))?;
        (Some(result), page)
    } else {
        (None, None)
    };
    Ok((org_sync, member_list, members_page))
}

/// Encrypting thousands of items takes a moment of CPU; keep it off the async workers.
async fn build_items(user: &BenchUser, count: usize) -> anyhow::Result<Vec<serde_json::Value>> {
    let key = user.session.user_key.clone();
    let user_id = user.session.user_id.clone();
    Ok(tokio::task::spawn_blocking(move || login_items(&key, &user_id, 0, count)).await?)
}

/// The 1-minute load average, or 0 where `/proc/loadavg` is unreadable.
pub fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}
