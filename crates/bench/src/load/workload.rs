//! The mixed load itself: every client at once, each in a closed loop of rounds (sync, create
//! an item, sync, update that item) on its own connection, until its rounds are done or the
//! time limit passes. Bodies are encrypted and serialised before the clock starts.

use crate::accounts::BenchUser;
use crate::items::login_items;
use crate::measure::sync::{get_with, SYNC_PATH};
use anyhow::{bail, Context};
use bulwark_client::{Client, Method};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Item numbers of the created and updated items start here, past any seeded vault.
const WRITTEN_FROM: usize = 1_000_000;

/// One client's connection, token and request bodies (one create and one update per round).
pub struct ClientPlan {
    client: Client,
    token: String,
    creates: Vec<Vec<u8>>,
    updates: Vec<Vec<u8>>,
}

/// What one client did: the latency of each request by kind, and its rounds.
#[derive(Default)]
pub struct ClientOutcome {
    pub syncs: Vec<Duration>,
    pub creates: Vec<Duration>,
    pub updates: Vec<Duration>,
    pub rounds: usize,
    pub sync_bytes: usize,
}

/// Encrypts each user's `rounds` new items and their updated versions (CPU work on blocking
/// threads, before any timing).
pub async fn plans(users: &[BenchUser], rounds: usize) -> anyhow::Result<Vec<ClientPlan>> {
    let mut work = Vec::with_capacity(users.len());
    for user in users {
        let key = user.session.user_key.clone();
        let user_id = user.session.user_id.clone();
        work.push(tokio::task::spawn_blocking(move || {
            let bodies = |first: usize| {
                login_items(&key, &user_id, first, rounds)
                    .iter()
                    .map(serde_json::to_vec)
                    .collect::<Result<Vec<_>, _>>()
            };
            Ok::<_, serde_json::Error>((bodies(WRITTEN_FROM)?, bodies(2 * WRITTEN_FROM)?))
        }));
    }
    let mut plans = Vec::with_capacity(users.len());
    for (user, bodies) in users.iter().zip(work) {
        let (creates, updates) = bodies.await??;
        plans.push(ClientPlan {
            client: user.client.clone(),
            token: user.session.access_token.clone(),
            creates,
            updates,
        });
    }
    Ok(plans)
}

/// Runs every plan at once; no client starts a round after `limit`. The first failure stops
/// the load (the other clients are aborted when the set is dropped).
pub async fn run(plans: Vec<ClientPlan>, limit: Duration) -> anyhow::Result<Vec<ClientOutcome>> {
    let deadline = Instant::now() + limit;
    let mut set = JoinSet::new();
    for plan in plans {
        set.spawn(client_loop(plan, deadline));
    }
    let mut outcomes = Vec::with_capacity(set.len());
    while let Some(outcome) = set.join_next().await {
        outcomes.push(outcome??);
    }
    Ok(outcomes)
}

async fn client_loop(plan: ClientPlan, deadline: Instant) -> anyhow::Result<ClientOutcome> {
    let mut out = ClientOutcome::default();
    for (create, update) in plan.creates.into_iter().zip(plan.updates) {
        if Instant::now() >= deadline {
            break;
        }
        sync(&plan.client, &plan.token, &mut out).await?;
        let started = Instant::now();
        let created = plan
            .client
            .raw_body(
                Method::POST,
                "/api/ciphers",
                Some(&plan.token),
                "application/json",
                create,
            )
            .await;
        out.creates.push(started.elapsed());
        if !created.is_success() {
            bail!(
                "creating an item failed: {} {}",
                created.status,
                created.text
            );
        }
        let id = ["id", "Id"]
            .iter()
            .find_map(|k| created.json[k].as_str())
            .context("created item without id")?
            .to_owned();
        sync(&plan.client, &plan.token, &mut out).await?;
        let started = Instant::now();
        let updated = plan
            .client
            .raw_body(
                Method::PUT,
                &format!("/api/ciphers/{id}"),
                Some(&plan.token),
                "application/json",
                update,
            )
            .await;
        out.updates.push(started.elapsed());
        if !updated.is_success() {
            bail!(
                "updating item {id} failed: {} {}",
                updated.status,
                updated.text
            );
        }
        out.rounds += 1;
    }
    Ok(out)
}

async fn sync(client: &Client, token: &str, out: &mut ClientOutcome) -> anyhow::Result<()> {
    let (body, elapsed) = get_with(client, token, SYNC_PATH).await?;
    out.syncs.push(elapsed);
    out.sync_bytes = body.len();
    Ok(())
}
