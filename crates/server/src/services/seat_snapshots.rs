//! Daily seat snapshots for providers' monthly statements: taken when the server starts and
//! every hour after, so each day keeps the state of its last hour (see
//! `store::provider_snapshots`). One statement covers every provider and client.

use crate::error::ApiResult;
use crate::state::AppState;
use bulwark_domain::provider_statement::snapshot_day;
use bulwark_store::provider_snapshots;
use std::time::Duration;

const INTERVAL: Duration = Duration::from_secs(3600);

/// Records today's (UTC) snapshot of every provider's clients; returns the rows written.
///
/// # Errors
/// Database failures.
pub async fn record_today(state: &AppState) -> ApiResult<u64> {
    let day = snapshot_day(chrono::Utc::now());
    let mut tx = state.store.begin().await?;
    let rows = provider_snapshots::record_day(&mut tx, day).await?;
    tx.commit().await?;
    Ok(rows)
}

/// Runs [`record_today`] now and every hour for as long as the server runs. A failure is
/// logged and retried at the next hour; it never stops the server.
pub fn spawn_hourly(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match record_today(&state).await {
                Ok(rows) => tracing::debug!(rows, "provider seat snapshot taken"),
                Err(e) => tracing::warn!(error = %e, "provider seat snapshot failed"),
            }
        }
    });
}
