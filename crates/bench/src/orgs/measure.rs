//! The timed reads of the organization phases, each checked once for the content it must
//! carry before it is timed (a fast wrong answer would be worthless).

use super::shared::Shape;
use crate::accounts::BenchUser;
use crate::measure::sync::{get_once, sync_json, time_gets, SyncTiming, SYNC_PATH};
use anyhow::{bail, Context};
use serde_json::Value;

/// The member's sync: every org item, collection and organization of `shape`.
pub async fn member_sync(
    member: &BenchUser,
    shape: Shape,
    warmups: usize,
    runs: usize,
) -> anyhow::Result<SyncTiming> {
    let json = sync_json(member).await?;
    let ciphers = json["ciphers"].as_array().context("sync without ciphers")?;
    let shared = ciphers
        .iter()
        .filter(|c| c["organizationId"].as_str().is_some_and(|s| !s.is_empty()))
        .count();
    let counts = [
        ("org items", shared, shape.items()),
        ("items", ciphers.len(), shape.items()),
        (
            "collections",
            len(&json["collections"]),
            shape.collections(),
        ),
        (
            "organizations",
            len(&json["profile"]["organizations"]),
            shape.orgs,
        ),
    ];
    for (what, found, expected) in counts {
        if found != expected {
            bail!("the member's sync has {found} {what}, expected {expected}");
        }
    }
    time_gets(member, SYNC_PATH, warmups, runs).await
}

/// `GET /api/organizations/{org}/users` as the owner: `expected` rows (the owner included).
pub async fn member_list(
    owner: &BenchUser,
    org_id: &str,
    expected: usize,
    warmups: usize,
    runs: usize,
) -> anyhow::Result<SyncTiming> {
    let path = format!("/api/organizations/{org_id}/users");
    let (body, _) = get_once(owner, &path).await?;
    let json: Value = serde_json::from_slice(&body).context("member list is not JSON")?;
    let found = len(&json["data"]);
    if found != expected {
        bail!("the member list has {found} rows, expected {expected}");
    }
    time_gets(owner, &path, warmups, runs).await
}

fn len(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}
