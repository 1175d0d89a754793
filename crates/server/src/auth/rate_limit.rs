//! Failed-login throttling per account and per client IP: after `limit` failures within the
//! window, further attempts are refused with 429 until the window passes. Only failures count,
//! so a busy office behind one IP is not locked out by its successful logins.
//!
//! The counters are per process: with several servers on one PostgreSQL, each enforces its own
//! window (an attacker gains at most a factor of the server count).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct FailureLimiter {
    limit: u32,
    window: Duration,
    entries: Mutex<HashMap<String, (u32, Instant)>>,
}

impl FailureLimiter {
    #[must_use]
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn with_entries<T>(&self, f: impl FnOnce(&mut HashMap<String, (u32, Instant)>) -> T) -> T {
        let mut guard = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    /// Whether `key` has used up its failures in the current window.
    #[must_use]
    pub fn is_blocked(&self, key: &str) -> bool {
        let now = Instant::now();
        self.with_entries(|m| match m.get(key) {
            Some((count, start)) if now.duration_since(*start) < self.window => {
                *count >= self.limit
            }
            _ => false,
        })
    }

    pub fn record_failure(&self, key: &str) {
        let now = Instant::now();
        self.with_entries(|m| {
            // Bound memory under a flood of distinct keys: drop expired windows first.
            if m.len() > 100_000 {
                m.retain(|_, (_, start)| now.duration_since(*start) < self.window);
            }
            let entry = m.entry(key.to_owned()).or_insert((0, now));
            if now.duration_since(entry.1) >= self.window {
                *entry = (0, now);
            }
            entry.0 += 1;
        });
    }

    pub fn reset(&self, key: &str) {
        self.with_entries(|m| m.remove(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_resets_on_success() {
        let l = FailureLimiter::new(3, Duration::from_secs(60));
        for _ in 0..3 {
            assert!(!l.is_blocked("a"));
            l.record_failure("a");
        }
        assert!(l.is_blocked("a"));
        assert!(!l.is_blocked("b"));
        l.reset("a");
        assert!(!l.is_blocked("a"));
    }

    #[test]
    fn the_window_expires() {
        let l = FailureLimiter::new(1, Duration::from_millis(10));
        l.record_failure("a");
        assert!(l.is_blocked("a"));
        std::thread::sleep(Duration::from_millis(20));
        assert!(!l.is_blocked("a"));
    }
}
