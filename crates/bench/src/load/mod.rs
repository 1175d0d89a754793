//! The mixed load of issue 12: `--load-clients` clients at once, each its own account (with its
//! own device and connection) holding a vault of `--load-items` items, syncing and writing in a
//! closed loop while the server's resident memory is sampled; then, after a pause, the memory
//! the load left behind.

mod workload;

use crate::accounts::{create_users_concurrently, BenchUser};
use crate::args::Args;
use crate::concurrent::run_indexed;
use crate::items::login_items;
use crate::measure::sync::sync_json;
use crate::orgs::phases::Sampling;
use crate::proc_status;
use crate::results::{LoadMemory, LoadResult};
use crate::seed::seed;
use crate::stats::Latency;
use anyhow::{bail, Context};
use bulwark_client::Session;
use std::sync::Arc;
use std::time::{Duration, Instant};
use workload::ClientOutcome;

/// Requests each client sends per round: two syncs, a creation and an update.
const REQUESTS_PER_ROUND: usize = 4;

pub async fn phase(
    args: &Args,
    base_url: &str,
    run_id: &str,
    pid: Option<u32>,
) -> anyhow::Result<LoadResult> {
    let clients = args.load_clients;
    let labels: Vec<String> = (0..clients).map(|i| format!("load{i:03}")).collect();
    eprintln!("mixed load: registering {clients} accounts");
    let started = Instant::now();
    let users = create_users_concurrently(base_url, run_id, &labels, args.concurrency).await?;
    eprintln!(
        "mixed load: importing {} items into each vault",
        args.load_items
    );
    seed_vaults(&users, args.load_items, args.concurrency).await?;
    for user in &users {
        let found = sync_json(user).await?["ciphers"]
            .as_array()
            .map_or(0, Vec::len);
        if found != args.load_items {
            bail!(
                "a load vault syncs {found} items, expected {}",
                args.load_items
            );
        }
    }
    let plans = workload::plans(&users, args.load_rounds).await?;
    let seed_seconds = started.elapsed().as_secs_f64();

    eprintln!(
        "mixed load: {clients} clients, {} rounds each (at most {} s)",
        args.load_rounds, args.load_seconds
    );
    let settle = Duration::from_secs(args.load_settle_seconds);
    if pid.is_some() {
        // What the registrations and imports leave, rather than their buffers on the way out.
        tokio::time::sleep(settle).await;
    }
    let sampling = pid.map(|pid| Sampling::start(pid, args.sample_ms));
    let started = Instant::now();
    let limit = Duration::from_secs(args.load_seconds);
    // Rounds stop at the limit; a request that hangs is cut off a minute later.
    let outcomes =
        tokio::time::timeout(limit + Duration::from_secs(60), workload::run(plans, limit))
            .await
            .context("the mixed load did not finish in time")??;
    let seconds = started.elapsed().as_secs_f64();
    let during = sampling
        .map(|s| s.finish(clients * args.load_items))
        .transpose()?;
    let memory = match (pid, during) {
        (Some(pid), Some(during)) => {
            // Idle but still connected, as clients keep their connections for a while.
            tokio::time::sleep(settle).await;
            let connected = proc_status::read(pid)?;
            // Then gone: closing the connections frees what the server kept for each one.
            drop(users);
            tokio::time::sleep(settle).await;
            Some(LoadMemory {
                during,
                settle_seconds: args.load_settle_seconds,
                connected,
                after: proc_status::read(pid)?,
            })
        }
        _ => None,
    };
    summarise(args, outcomes, seed_seconds, seconds, memory)
}

/// Imports each vault (`workers` vaults at a time).
async fn seed_vaults(users: &[BenchUser], items: usize, workers: usize) -> anyhow::Result<()> {
    let sessions: Arc<Vec<Session>> = Arc::new(users.iter().map(|u| u.session.clone()).collect());
    run_indexed(sessions.len(), workers, move |i| {
        let sessions = Arc::clone(&sessions);
        async move {
            let session = &sessions[i];
            let (key, user_id) = (session.user_key.clone(), session.user_id.clone());
            let vault =
                tokio::task::spawn_blocking(move || login_items(&key, &user_id, 0, items)).await?;
            seed(session, vault, 1).await?;
            Ok(())
        }
    })
    .await
}

fn summarise(
    args: &Args,
    outcomes: Vec<ClientOutcome>,
    seed_seconds: f64,
    seconds: f64,
    memory: Option<LoadMemory>,
) -> anyhow::Result<LoadResult> {
    let rounds_done: usize = outcomes.iter().map(|o| o.rounds).sum();
    let sync_response_bytes = outcomes.iter().map(|o| o.sync_bytes).max().unwrap_or(0);
    let (mut syncs, mut creates, mut updates) = (Vec::new(), Vec::new(), Vec::new());
    for o in outcomes {
        syncs.extend(o.syncs);
        creates.extend(o.creates);
        updates.extend(o.updates);
    }
    let requests = syncs.len() + creates.len() + updates.len();
    #[allow(clippy::cast_precision_loss)] // request counts are far below 2^52
    let requests_per_second = requests as f64 / seconds.max(f64::MIN_POSITIVE);
    let latency = |samples, what| {
        Latency::from_samples(samples).with_context(|| format!("the mixed load sent no {what}"))
    };
    Ok(LoadResult {
        clients: args.load_clients,
        items_per_vault: args.load_items,
        rounds: args.load_rounds,
        rounds_done,
        finished_all: rounds_done == args.load_clients * args.load_rounds,
        requests,
        requests_per_round: REQUESTS_PER_ROUND,
        seed_seconds,
        seconds,
        requests_per_second,
        sync_response_bytes,
        sync: latency(syncs, "syncs")?,
        create: latency(creates, "creations")?,
        update: latency(updates, "updates")?,
        memory,
    })
}
