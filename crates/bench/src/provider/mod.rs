//! The provider measures of issue 4: one provider with `--provider-clients` client
//! organizations. Its Provider Admin's clients list and its Service User's sync are checked
//! for every client, then timed; the SQL statements of both are counted for that provider and
//! for a second one with only [`FEW_CLIENTS`], and the counts must be equal (no query per
//! client). The phase runs its own server, with the operator API on, seeded through the same
//! routes the operator, the portal and the clients use.

mod clients;
mod setup;
mod statements;

use crate::accounts::{create_user_with_kdf, create_users, BenchUser};
use crate::args::Args;
use crate::browser::{self, BrowserOutcome};
use crate::measure::sync::{get_once, time_gets, SyncTiming, SYNC_PATH};
use crate::orgs::phases::Sampling;
use crate::results::{ProviderResult, StatementCounts, TimedRead};
use crate::server::ServerProcess;
use anyhow::{bail, Context};
use bulwark_client::Kdf;
use serde_json::Value;
use std::time::Instant;

/// Clients of the small provider the statement counts are compared with.
pub const FEW_CLIENTS: usize = 3;

/// The portal's default KDF (what accounts registered in the browser get): the large
/// provider's Service User is registered with it, so the browser phase signs in with it too.
const PORTAL_KDF: Kdf = Kdf::Argon2id {
    iterations: 3,
    memory_mib: 64,
    parallelism: 4,
};

/// The people of one provider: its owner (a Provider Admin) and a confirmed Service User.
struct Staff {
    admin: BenchUser,
    service_user: BenchUser,
}

/// The provider measures, and the browser phase on the same server (`None` when not asked for).
pub async fn phase(
    args: &Args,
    run_id: &str,
) -> anyhow::Result<(ProviderResult, Option<BrowserOutcome>)> {
    let (admin_token, admin_hash) = setup::admin_token(&args.server_bin)?;
    let mut env = args.server_env.clone();
    env.push(("BULWARK_ADMIN_TOKEN_HASH".into(), admin_hash));
    let mut server =
        ServerProcess::start(&args.server_bin, args.database_url.as_deref(), None, &env).await?;
    let result = measure(args, run_id, &mut server, &admin_token).await;
    if result.is_err() {
        eprintln!("provider server log, last lines:\n{}", server.log_tail());
    }
    result
}

async fn measure(
    args: &Args,
    run_id: &str,
    server: &mut ServerProcess,
    admin_token: &str,
) -> anyhow::Result<(ProviderResult, Option<BrowserOutcome>)> {
    let clients = args.provider_clients;
    let big_staff = staff(server, run_id, "big", PORTAL_KDF).await?;
    let small_staff = staff(server, run_id, "small", Kdf::DEFAULT_PBKDF2).await?;
    let log = server.log_path.clone();
    let big = setup::provider(&big_staff.admin, admin_token, &log, "Bench MSP").await?;
    let small = setup::provider(&small_staff.admin, admin_token, &log, "Small MSP").await?;
    setup::add_service_user(&big_staff.admin, &big_staff.service_user, &big, &log).await?;
    setup::add_service_user(&small_staff.admin, &small_staff.service_user, &small, &log).await?;

    let small_run = format!("{run_id}s");
    clients::create(&small_staff.admin, &small, &small_run, 0..FEW_CLIENTS, 1).await?;
    eprintln!("creating {clients} provider clients");
    let started = Instant::now();
    clients::create(&big_staff.admin, &big, run_id, 0..clients, args.concurrency).await?;
    let seed_seconds = started.elapsed().as_secs_f64();

    let list_path = format!("/api/providers/{}/organizations", big.id);
    check_rows(&big_staff.admin, &list_path, &["data"], clients).await?;
    check_rows(
        &big_staff.service_user,
        SYNC_PATH,
        &["profile", "providerOrganizations"],
        clients,
    )
    .await?;
    eprintln!("timing the clients list and the Service User's sync");
    let (list, list_memory) = timed(args, server, |w, r| {
        time_gets(&big_staff.admin, &list_path, w, r)
    })
    .await?;
    let (sync, sync_memory) = timed(args, server, |w, r| {
        time_gets(&big_staff.service_user, SYNC_PATH, w, r)
    })
    .await?;

    // Before the restart with statement logging, which would slow the server down.
    let browser = if args.browser {
        Some(
            browser::phase(
                args,
                &server.base_url,
                &big.id,
                &big_staff.admin,
                &big_staff.service_user,
                clients,
            )
            .await?,
        )
    } else {
        eprintln!("browser phase skipped: --browser false");
        None
    };

    eprintln!("counting SQL statements (server restarted with statement logging)");
    server
        .restart(&[statements::STATEMENT_LOG].map(|(k, v)| (k.into(), v.into())))
        .await?;
    let small_list = format!("/api/providers/{}/organizations", small.id);
    let counts = StatementCounts {
        few_clients: FEW_CLIENTS,
        list_few: statements::count(&small_staff.admin, &log, &small_list).await?,
        list_many: statements::count(&big_staff.admin, &log, &list_path).await?,
        sync_few: statements::count(&small_staff.service_user, &log, SYNC_PATH).await?,
        sync_many: statements::count(&big_staff.service_user, &log, SYNC_PATH).await?,
    };
    if counts.list_few != counts.list_many || counts.sync_few != counts.sync_many {
        bail!("the statement count grows with the number of clients: {counts:?}");
    }
    let result = ProviderResult {
        clients,
        seed_seconds,
        list: TimedRead::new(list, list_memory),
        sync: TimedRead::new(sync, sync_memory),
        statements: counts,
    };
    Ok((result, browser))
}

/// The admin with the bench's PBKDF2, the Service User with `service_kdf`.
async fn staff(
    server: &ServerProcess,
    run_id: &str,
    label: &str,
    service_kdf: Kdf,
) -> anyhow::Result<Staff> {
    let admin = create_users(&server.base_url, run_id, &[format!("{label}-padmin")])
        .await?
        .pop()
        .context("provider admin was not created")?;
    let service_label = format!("{label}-service");
    let service_user =
        create_user_with_kdf(&server.base_url, run_id, &service_label, service_kdf).await?;
    Ok(Staff {
        admin,
        service_user,
    })
}

/// A fast wrong answer is worthless: the read must list every client before it is timed.
async fn check_rows(
    user: &BenchUser,
    path: &str,
    pointer: &[&str],
    expected: usize,
) -> anyhow::Result<()> {
    let (body, _) = get_once(user, path).await?;
    let json: Value = serde_json::from_slice(&body).with_context(|| format!("{path}: not JSON"))?;
    let rows = pointer
        .iter()
        .fold(&json, |v, key| &v[*key])
        .as_array()
        .map_or(0, Vec::len);
    if rows != expected {
        bail!("{path} lists {rows} clients, expected {expected}");
    }
    Ok(())
}

/// Times one read with the server's memory sampled meanwhile.
async fn timed<F, Fut>(
    args: &Args,
    server: &ServerProcess,
    read: F,
) -> anyhow::Result<(SyncTiming, crate::results::SyncMemory)>
where
    F: FnOnce(usize, usize) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<SyncTiming>>,
{
    let sampling = Sampling::start(server.pid(), args.sample_ms);
    let timing = read(args.sync_warmups, args.sync_runs).await?;
    let memory = sampling.finish(args.provider_clients)?;
    Ok((timing, memory))
}
