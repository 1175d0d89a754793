//! Latency summaries.

use serde::Serialize;
use std::time::Duration;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub samples: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub min_ms: f64,
    pub max_ms: f64,
}

impl Latency {
    /// Nearest-rank percentiles: with 30 samples p95 is the 29th value, a real observation
    /// rather than an interpolation between two.
    pub fn from_samples(mut samples: Vec<Duration>) -> Option<Self> {
        if samples.is_empty() {
            return None;
        }
        samples.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let rank = |p: f64| {
            // Truncation is intended: ceil(p * n) is a small positive index.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let r = (p * samples.len() as f64).ceil() as usize;
            samples[r.clamp(1, samples.len()) - 1]
        };
        Some(Self {
            samples: samples.len(),
            median_ms: ms(rank(0.5)),
            p95_ms: ms(rank(0.95)),
            min_ms: ms(samples[0]),
            max_ms: ms(samples[samples.len() - 1]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank() {
        let samples = (1..=20).map(Duration::from_millis).collect();
        let l = Latency::from_samples(samples).unwrap();
        assert_eq!(
            (l.median_ms, l.p95_ms, l.min_ms, l.max_ms),
            (10.0, 19.0, 1.0, 20.0)
        );
        assert!(Latency::from_samples(Vec::new()).is_none());
    }
}
