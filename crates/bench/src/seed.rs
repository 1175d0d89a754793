//! Filling a vault quickly: `POST /api/ciphers/import` in batches, or one `POST /api/ciphers`
//! per item when the server has no import route.

use crate::concurrent::run_indexed;
use anyhow::bail;
use bulwark_client::Session;
use serde::Serialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// The official server refuses imports of more than 7000 ciphers; stay well below it.
const IMPORT_BATCH: usize = 5_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeedMethod {
    Import,
    CreateEach,
}

pub async fn seed(
    session: &Session,
    items: Vec<Value>,
    workers: usize,
) -> anyhow::Result<SeedMethod> {
    let mut batches = items.chunks(IMPORT_BATCH);
    let Some(first) = batches.next() else {
        return Ok(SeedMethod::Import);
    };
    let resp = session
        .post("/api/ciphers/import", import_body(first))
        .await;
    // 404/405: the route does not exist (yet); anything else is a real failure.
    if matches!(resp.status, 404 | 405) {
        create_each(session, items, workers).await?;
        return Ok(SeedMethod::CreateEach);
    }
    if !resp.is_success() {
        bail!("import failed: {} {}", resp.status, resp.text);
    }
    for batch in batches {
        let resp = session
            .post("/api/ciphers/import", import_body(batch))
            .await;
        if !resp.is_success() {
            bail!("import failed: {} {}", resp.status, resp.text);
        }
    }
    Ok(SeedMethod::Import)
}

fn import_body(ciphers: &[Value]) -> Value {
    json!({ "folders": [], "ciphers": ciphers, "folderRelationships": [] })
}

async fn create_each(session: &Session, items: Vec<Value>, workers: usize) -> anyhow::Result<()> {
    let items = Arc::new(items);
    let session = session.clone();
    run_indexed(items.len(), workers, move |i| {
        let (items, session) = (Arc::clone(&items), session.clone());
        async move {
            let resp = session.post("/api/ciphers", items[i].clone()).await;
            if !resp.is_success() {
                bail!("creating item {i} failed: {} {}", resp.status, resp.text);
            }
            Ok(())
        }
    })
    .await
}
