//! The individual measurements; each takes ready accounts and returns plain figures.

pub mod create;
pub mod login;
pub mod sync;

use serde::Serialize;
use std::time::Duration;

/// Operations completed per second of wall-clock time by `concurrency` closed-loop workers.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Throughput {
    pub operations: usize,
    pub concurrency: usize,
    pub seconds: f64,
    pub per_second: f64,
}

impl Throughput {
    pub fn new(operations: usize, concurrency: usize, elapsed: Duration) -> Self {
        let seconds = elapsed.as_secs_f64();
        #[allow(clippy::cast_precision_loss)] // counts are far below 2^52
        let per_second = operations as f64 / seconds.max(f64::MIN_POSITIVE);
        Self {
            operations,
            concurrency,
            seconds,
            per_second,
        }
    }
}
