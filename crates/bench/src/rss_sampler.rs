//! Samples a process's RSS on a background thread while a measurement runs, because VmHWM alone
//! cannot tell a short spike from a sustained level and a per-phase peak needs its own sampling.
//! A plain thread rather than a tokio task keeps the sampling cadence independent of the load
//! generator's runtime, which is busy driving requests.

use crate::proc_status;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Upper bound on samples so the thread ends even if `finish` is never reached
/// (an hour at 5 ms).
const MAX_SAMPLES: u64 = 720_000;

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct RssSamples {
    pub samples: u64,
    pub peak_rss_kib: u64,
    pub mean_rss_kib: u64,
}

pub struct RssSampler {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<RssSamples>>,
}

impl RssSampler {
    pub fn start(pid: u32, interval: Duration) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::spawn(move || {
            let (mut count, mut peak, mut sum) = (0u64, 0u64, 0u64);
            while !flag.load(Ordering::Relaxed) && count < MAX_SAMPLES {
                // The process may be gone at the very end; a missing sample is harmless.
                if let Ok(m) = proc_status::read(pid) {
                    count += 1;
                    peak = peak.max(m.rss_kib);
                    sum += m.rss_kib;
                }
                std::thread::sleep(interval);
            }
            RssSamples {
                samples: count,
                peak_rss_kib: peak,
                mean_rss_kib: sum.checked_div(count).unwrap_or(0),
            }
        });
        Self {
            stop,
            handle: Some(handle),
        }
    }

    pub fn finish(mut self) -> RssSamples {
        self.stop.store(true, Ordering::Relaxed);
        self.handle
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default()
    }
}

impl Drop for RssSampler {
    // A measurement that fails with `?` must not leave the thread polling.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Resets VmHWM so it covers only what follows, then starts sampling VmRSS. Returns the
/// sampler, the RSS before, and whether the reset worked.
pub fn start_sampling(pid: u32, interval_ms: u64) -> (RssSampler, u64, bool) {
    let hwm_reset = proc_status::reset_peak(pid).is_ok();
    let rss_before = proc_status::read(pid).map_or(0, |m| m.rss_kib);
    let sampler = RssSampler::start(pid, Duration::from_millis(interval_ms.max(1)));
    (sampler, rss_before, hwm_reset)
}
