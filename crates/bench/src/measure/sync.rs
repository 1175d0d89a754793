//! `GET /api/sync?excludeDomains=true` latency (request sent to last body byte) and size.

use crate::accounts::BenchUser;
use crate::stats::Latency;
use anyhow::{bail, Context};
use bulwark_client::api::{CLIENT_NAME, CLIENT_VERSION, DEVICE_TYPE};
use bytes::Bytes;
use serde_json::Value;
use std::time::{Duration, Instant};

const PATH: &str = "/api/sync?excludeDomains=true";

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
    let (body, _) = sync_once(user).await?;
    let json: Value = serde_json::from_slice(&body).context("sync response is not JSON")?;
    let found = json["ciphers"].as_array().map_or(0, Vec::len);
    if found != expected_items {
        bail!("sync returned {found} ciphers, expected {expected_items}");
    }
    for _ in 0..warmups {
        sync_once(user).await?;
    }
    let mut samples = Vec::with_capacity(runs);
    let mut response_bytes = body.len();
    for _ in 0..runs {
        let (body, elapsed) = sync_once(user).await?;
        response_bytes = body.len();
        samples.push(elapsed);
    }
    let latency = Latency::from_samples(samples).context("no timed syncs (--sync-runs 0)")?;
    Ok(SyncTiming {
        latency,
        response_bytes,
    })
}

/// One sync with the CLI's headers (the client version decides which item types are sent).
/// The body is read as raw bytes: parsing it here would add client time to the server's.
async fn sync_once(user: &BenchUser) -> anyhow::Result<(Bytes, Duration)> {
    let request = user
        .client
        .http
        .get(user.client.url(PATH))
        .bearer_auth(&user.session.access_token)
        .header("Device-Type", DEVICE_TYPE)
        .header("Bitwarden-Client-Name", CLIENT_NAME)
        .header("Bitwarden-Client-Version", CLIENT_VERSION);
    let started = Instant::now();
    let response = request.send().await?;
    let status = response.status();
    let body = response.bytes().await?;
    let elapsed = started.elapsed();
    if !status.is_success() {
        bail!("sync failed: {status} {}", String::from_utf8_lossy(&body));
    }
    Ok((body, elapsed))
}
