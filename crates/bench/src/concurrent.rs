//! A fixed number of workers sharing one queue of `count` operations, like `n` clients each
//! sending their next request as soon as the previous one is answered (a closed-loop load).

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::task::JoinSet;

/// Runs `op(0..count)` with `workers` in flight. The first error stops everything: the
/// remaining workers are aborted when the set is dropped.
pub async fn run_indexed<F, Fut>(count: usize, workers: usize, op: F) -> anyhow::Result<()>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send + 'static,
{
    let op = Arc::new(op);
    let next = Arc::new(AtomicUsize::new(0));
    let mut set: JoinSet<anyhow::Result<()>> = JoinSet::new();
    for _ in 0..workers.max(1) {
        let (op, next) = (Arc::clone(&op), Arc::clone(&next));
        set.spawn(async move {
            // Bounded: every pass claims a fresh index and the loop ends at `count`.
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    return Ok(());
                }
                op(i).await?;
            }
        });
    }
    while let Some(result) = set.join_next().await {
        result??;
    }
    Ok(())
}
