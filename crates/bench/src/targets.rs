//! The performance targets and how a result is judged against them.

use crate::browser::{BrowserOutcome, FILTER_MAX_MS, FIRST_ROWS_MAX_MS};
use crate::orgs::members_page::{self, MembersPageOutcome};
use crate::results::{mib, Results};
use crate::vault_page::{self, VaultPageOutcome};
use serde::Serialize;

pub const SYNC_MEDIAN_MAX_MS: f64 = 50.0;
pub const CREATES_PER_SEC_MIN: f64 = 3_000.0;
pub const LOGINS_PER_SEC_MIN: f64 = 45.0;
pub const IDLE_RSS_MAX_MIB: f64 = 30.0;
pub const SYNC_RSS_MAX_MIB: f64 = 75.0;
/// Peak RSS while the mixed load's clients sync and write at once.
pub const LOAD_RSS_MAX_MIB: f64 = 100.0;
/// RSS a few seconds after the mixed load, above the idle RSS after start: what a burst of
/// clients may leave resident (caches that are kept, not buffers of finished requests).
pub const LOAD_AFTER_OVER_IDLE_MAX_MIB: f64 = 10.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Bound {
    AtMost,
    AtLeast,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// Stable key for lookups and JSON consumers: `sync`, `create`, `login`, `idle_rss`,
    /// `sync_rss`, `load_rss`, `load_after_rss`, `browser_first_rows`, `browser_filter`.
    pub id: &'static str,
    pub name: String,
    pub measured: f64,
    pub bound: Bound,
    pub limit: f64,
    pub unit: &'static str,
    pub pass: bool,
}

impl Check {
    pub fn new(
        id: &'static str,
        name: impl Into<String>,
        measured: f64,
        bound: Bound,
        limit: f64,
        unit: &'static str,
    ) -> Self {
        let pass = match bound {
            Bound::AtMost => measured <= limit,
            Bound::AtLeast => measured >= limit,
        };
        Self {
            id,
            name: name.into(),
            measured,
            bound,
            limit,
            unit,
            pass,
        }
    }

    /// `≤ 50 ms`, `≥ 45 /s`.
    pub fn target_text(&self) -> String {
        let op = match self.bound {
            Bound::AtMost => '≤',
            Bound::AtLeast => '≥',
        };
        format!("{op} {} {}", self.limit, self.unit)
    }

    pub fn verdict(&self) -> &'static str {
        if self.pass {
            "PASS"
        } else {
            "MISS"
        }
    }
}

/// Judges a run against every target. The sync target applies to the largest vault measured.
pub fn evaluate(r: &Results) -> Vec<Check> {
    let mut checks = Vec::new();
    if let Some(largest) = r.syncs.iter().max_by_key(|s| s.items) {
        checks.push(Check::new(
            "sync",
            format!("sync of {} items, median", largest.items),
            largest.latency.median_ms,
            Bound::AtMost,
            SYNC_MEDIAN_MAX_MS,
            "ms",
        ));
    }
    checks.push(Check::new(
        "create",
        "item creations",
        r.create.per_second,
        Bound::AtLeast,
        CREATES_PER_SEC_MIN,
        "/s",
    ));
    checks.push(Check::new(
        "login",
        "password logins",
        r.login.throughput.per_second,
        Bound::AtLeast,
        LOGINS_PER_SEC_MIN,
        "/s",
    ));
    if let Some(idle) = &r.idle_memory {
        checks.push(Check::new(
            "idle_rss",
            "idle RSS",
            mib(idle.rss_kib),
            Bound::AtMost,
            IDLE_RSS_MAX_MIB,
            "MiB",
        ));
    }
    if let Some(m) = &r.sync_memory {
        checks.push(Check::new(
            "sync_rss",
            "RSS during syncs",
            mib(m.peak_kib()),
            Bound::AtMost,
            SYNC_RSS_MAX_MIB,
            "MiB",
        ));
    }
    if let Some(m) = r.load.as_ref().and_then(|l| l.memory.as_ref()) {
        checks.push(Check::new(
            "load_rss",
            "RSS during the mixed load",
            mib(m.during.peak_kib()),
            Bound::AtMost,
            LOAD_RSS_MAX_MIB,
            "MiB",
        ));
        if let Some(idle) = &r.idle_memory {
            checks.push(Check::new(
                "load_after_rss",
                "RSS after the mixed load",
                mib(m.after.rss_kib),
                Bound::AtMost,
                // To 0.1 MiB, as the table shows it.
                ((mib(idle.rss_kib) + LOAD_AFTER_OVER_IDLE_MAX_MIB) * 10.0).round() / 10.0,
                "MiB",
            ));
        }
    }
    if let Some(VaultPageOutcome::Measured(v)) = &r.vault_page {
        checks.push(Check::new(
            "vault_page_first_rows",
            format!("Vault page of {} items: first rows, median", v.items),
            v.page.first_rows.median_ms,
            Bound::AtMost,
            vault_page::FIRST_ROWS_MAX_MS,
            "ms",
        ));
        checks.push(Check::new(
            "vault_page_search",
            format!("Vault page of {} items: search, median", v.items),
            v.page.search.median_ms,
            Bound::AtMost,
            vault_page::SEARCH_MAX_MS,
            "ms",
        ));
    }
    if let Some(MembersPageOutcome::Measured(m)) = &r.members_page {
        checks.push(Check::new(
            "members_page_first_rows",
            format!("Members page of {} members: first rows, median", m.members),
            m.page.first_rows.median_ms,
            Bound::AtMost,
            members_page::FIRST_ROWS_MAX_MS,
            "ms",
        ));
        checks.push(Check::new(
            "members_page_filter",
            format!("Members page of {} members: filter, median", m.members),
            m.page.filter.median_ms,
            Bound::AtMost,
            members_page::FILTER_MAX_MS,
            "ms",
        ));
    }
    if let Some(BrowserOutcome::Measured(b)) = &r.browser {
        checks.push(Check::new(
            "browser_first_rows",
            format!("Clients page of {} clients: first rows, median", b.clients),
            b.page.first_rows.median_ms,
            Bound::AtMost,
            FIRST_ROWS_MAX_MS,
            "ms",
        ));
        checks.push(Check::new(
            "browser_filter",
            format!("Clients page of {} clients: filter, median", b.clients),
            b.page.filter.median_ms,
            Bound::AtMost,
            FILTER_MAX_MS,
            "ms",
        ));
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(Check::new("x", "a", 50.0, Bound::AtMost, 50.0, "ms").pass);
        assert!(!Check::new("x", "a", 50.1, Bound::AtMost, 50.0, "ms").pass);
        let c = Check::new("x", "b", 44.9, Bound::AtLeast, 45.0, "/s");
        assert_eq!((c.verdict(), c.target_text().as_str()), ("MISS", "≥ 45 /s"));
    }
}
