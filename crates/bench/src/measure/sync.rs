//! `GET /api/sync?excludeDomains=true` latency (request sent to last body byte) and size.

use crate::accounts::BenchUser;
use crate::stats::Latency;
use anyhow::{bail, Context};
use bulwark_client::api::{CLIENT_NAME, CLIENT_VERSION, DEVICE_TYPE};
use bulwark_client::Client;
use bytes::Bytes;
use serde_json::Value;
use std::time::{Duration, Instant};

pub const SYNC_PATH: &str = "/api/sync?excludeDomains=true";

pub struct SyncTiming {
    pub latency: Latency,
    pub response_bytes: usize,
}

/// Checks once that the vault holds `expected_items`, then times `runs` syncs after `warmups`
/// untimed ones.
pub async fn time_syncs(
    user: &BenchUser,
    expected_items: usize,
    warmups: usize,
    runs: usize,
) -> anyhow::Result<SyncTiming> {
    let json = sync_json(user).await?;
    let found = json["ciphers"].as_array().map_or(0, Vec::len);
    if found != expected_items {
        bail!("sync returned {found} ciphers, expected {expected_items}");
    }
    time_gets(user, SYNC_PATH, warmups, runs).await
}

/// The sync response, parsed: for checks of its content before the timed runs.
pub async fn sync_json(user: &BenchUser) -> anyhow::Result<Value> {
    let (body, _) = get_once(user, SYNC_PATH).await?;
    serde_json::from_slice(&body).context("sync response is not JSON")
}

/// Times `runs` GETs of `path` after `warmups` untimed ones; the size is the last response's.
pub async fn time_gets(
    user: &BenchUser,
    path: &str,
    warmups: usize,
    runs: usize,
) -> anyhow::Result<SyncTiming> {
    for _ in 0..warmups {
        get_once(user, path).await?;
    }
    let mut samples = Vec::with_capacity(runs);
    let mut response_bytes = 0;
    for _ in 0..runs {
        let (body, elapsed) = get_once(user, path).await?;
        response_bytes = body.len();
        samples.push(elapsed);
    }
    let latency = Latency::from_samples(samples).context("no timed requests (--sync-runs 0)")?;
    Ok(SyncTiming {
        latency,
        response_bytes,
    })
}

/// One GET with the CLI's headers (for sync the client version decides which item types are
/// sent). The body is read as raw bytes: parsing it here would add client time to the server's.
pub async fn get_once(user: &BenchUser, path: &str) -> anyhow::Result<(Bytes, Duration)> {
    get_with(&user.client, &user.session.access_token, path).await
}

/// [`get_once`] for a client and bearer token held apart from a [`BenchUser`].
pub async fn get_with(
    client: &Client,
    token: &str,
    path: &str,
) -> anyhow::Result<(Bytes, Duration)> {
    let request = client
        .http
        .get(client.url(path))
        .bearer_auth(token)
        .header("Device-Type", DEVICE_TYPE)
        .header("Bitwarden-Client-Name", CLIENT_NAME)
        .header("Bitwarden-Client-Version", CLIENT_VERSION);
    let started = Instant::now();
    let response = request.send().await?;
    let status = response.status();
    let body = response.bytes().await?;
    let elapsed = started.elapsed();
    if !status.is_success() {
        bail!(
            "GET {path} failed: {status} {}",
            String::from_utf8_lossy(&body)
        );
    }
    Ok((body, elapsed))
}
