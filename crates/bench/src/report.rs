//! The human-readable result: a Markdown table with each target beside its measure.

use crate::browser::{BrowserOutcome, Timing};
use crate::orgs::members_page::MembersPageOutcome;
use crate::results::{mib, Results, SyncMemory};
use crate::stats::Latency;
use crate::targets::Check;
use crate::vault_page::VaultPageOutcome;
use std::fmt::Write;

pub fn markdown(r: &Results) -> String {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let target = |id: &str| r.checks.iter().find(|c| c.id == id);
    let push =
        |rows: &mut Vec<[String; 4]>, measure: String, value: String, check: Option<&Check>| {
            let (t, v) = check.map_or((String::new(), String::new()), |c| {
                (c.target_text(), c.verdict().to_owned())
            });
            rows.push([measure, value, t, v]);
        };
    let largest = r.syncs.iter().map(|s| s.items).max();
    for s in &r.syncs {
        let check = if Some(s.items) == largest {
            target("sync")
        } else {
            None
        };
        push(
            &mut rows,
            format!("sync, {} items: median / p95", thousands(s.items)),
            format!("{:.1} ms / {:.1} ms", s.latency.median_ms, s.latency.p95_ms),
            check,
        );
        push(
            &mut rows,
            format!("sync, {} items: response size", thousands(s.items)),
            format!(
                "{:.2} MiB ({} B, {} B/item)",
                mib(s.response_bytes as u64) / 1024.0,
                thousands(s.response_bytes),
                s.response_bytes / s.items.max(1)
            ),
            None,
        );
    }
    push(
        &mut rows,
        format!("item creation, concurrency {}", r.create.concurrency),
        format!(
            "{:.0} items/s ({} in {:.2} s)",
            r.create.per_second,
            thousands(r.create.operations),
            r.create.seconds
        ),
        target("create"),
    );
    let l = &r.login.throughput;
    push(
        &mut rows,
        format!(
            "password logins, concurrency {}, {} users",
            l.concurrency, r.login.users
        ),
        format!(
            "{:.1} logins/s ({} in {:.2} s)",
            l.per_second, l.operations, l.seconds
        ),
        target("login"),
    );
    load_rows(r, &mut rows);
    org_rows(r, &mut rows);
    vault_page_rows(r, &mut rows);
    members_page_rows(r, &mut rows);
    browser_rows(r, &mut rows);
    if let Some(idle) = &r.idle_memory {
        push(
            &mut rows,
            "server RSS idle after start (VmRSS / VmHWM)".into(),
            format!(
                "{:.1} MiB / {:.1} MiB",
                mib(idle.rss_kib),
                mib(idle.hwm_kib)
            ),
            target("idle_rss"),
        );
    }
    if let Some(m) = &r.sync_memory {
        push(
            &mut rows,
            format!(
                "server RSS during {}-item syncs (sampled peak / VmHWM{})",
                thousands(m.vault_items),
                if m.hwm_reset { "" } else { " since start" }
            ),
            sampled(m),
            target("sync_rss"),
        );
    }
    if let Some((l, m)) = r.load.as_ref().and_then(|l| Some((l, l.memory.as_ref()?))) {
        push(
            &mut rows,
            format!(
                "server RSS during the {}-client mixed load (sampled peak / VmHWM{})",
                l.clients,
                if m.during.hwm_reset {
                    ""
                } else {
                    " since start"
                }
            ),
            sampled(&m.during),
            target("load_rss"),
        );
        push(
            &mut rows,
            format!(
                "server RSS {} s after the mixed load's clients left (target: idle + {} MiB)",
                m.settle_seconds,
                crate::targets::LOAD_AFTER_OVER_IDLE_MAX_MIB
            ),
            format!(
                "{:.1} MiB ({:.1} MiB while the clients stayed connected; {:.1} MiB before the load)",
                mib(m.after.rss_kib),
                mib(m.connected.rss_kib),
                mib(m.during.rss_before_kib)
            ),
            target("load_after_rss"),
        );
    }

    let mut out = String::from("| Measure | Result | Target | |\n|---|---|---|---|\n");
    for [a, b, c, d] in rows {
        let _ = writeln!(out, "| {a} | {b} | {c} | {d} |");
    }
    let phases: Vec<String> = r
        .memory_by_phase
        .iter()
        .map(|p| format!("{} {:.1}", p.after, mib(p.memory.rss_kib)))
        .collect();
    if !phases.is_empty() {
        let _ = writeln!(out, "\nServer RSS (MiB) after: {}", phases.join(", "));
    }
    let e = &r.environment;
    let _ = writeln!(
        out,
        "{} database, {} CPUs, load average {:.2} before / {:.2} after; server {}{}",
        e.database,
        e.cpus,
        e.load_before,
        e.load_after,
        e.server,
        if e.server_env.is_empty() {
            String::new()
        } else {
            format!(" with {}", e.server_env.join(" "))
        }
    );
    out
}

/// The mixed load's requests; its targets are on memory (the RSS rows).
fn load_rows(r: &Results, rows: &mut Vec<[String; 4]>) {
    let Some(l) = &r.load else { return };
    let what = format!(
        "mixed load, {} clients × {} items",
        l.clients,
        thousands(l.items_per_vault)
    );
    let mut add = |measure: String, value: String| {
        rows.push([measure, value, "—".into(), String::new()]);
    };
    add(
        format!("{what}: requests (rounds of sync, create, sync, update)"),
        format!(
            "{:.0} requests/s ({} in {:.2} s; {} of {} rounds{})",
            l.requests_per_second,
            thousands(l.requests),
            l.seconds,
            thousands(l.rounds_done),
            thousands(l.clients * l.rounds),
            if l.finished_all {
                ""
            } else {
                ", stopped by the time limit"
            }
        ),
    );
    add(
        format!(
            "{what}: sync / create / update, median / p95 ({:.2} MiB syncs)",
            mib(l.sync_response_bytes as u64) / 1024.0
        ),
        format!(
            "{} · {} · {}",
            latency(&l.sync),
            latency(&l.create),
            latency(&l.update)
        ),
    );
}

/// `52.3 MiB / 53.0 MiB (812 samples)`.
fn sampled(m: &SyncMemory) -> String {
    format!(
        "{:.1} MiB / {:.1} MiB ({} samples)",
        mib(m.sampled.peak_rss_kib),
        mib(m.hwm_kib),
        m.sampled.samples
    )
}

/// The organization measures; the issue sets no target for them, hence "—".
fn org_rows(r: &Results, rows: &mut Vec<[String; 4]>) {
    let mut add = |measure: String, value: String| {
        rows.push([measure, value, "—".into(), String::new()]);
    };
    if let Some(o) = &r.org_sync {
        let what = format!(
            "sync, member of {} orgs ({} collections, {} shared items)",
            o.organizations,
            thousands(o.collections),
            thousands(o.items)
        );
        add(format!("{what}: median / p95"), latency(&o.latency));
        add(
            format!("{what}: response size"),
            size(o.response_bytes, o.items, "item"),
        );
        add(format!("{what}: server RSS peak"), peak(&o.memory));
    }
    if let Some(m) = &r.member_list {
        let what = format!(
            "member list, org of {} invited members",
            thousands(m.invited)
        );
        add(format!("{what}: median / p95"), latency(&m.latency));
        add(
            format!("{what}: response size"),
            size(m.response_bytes, m.rows, "member"),
        );
        add(format!("{what}: server RSS peak"), peak(&m.memory));
    }
    if let Some(p) = &r.provider {
        let reads = [
            ("clients list (Provider Admin)", &p.list),
            ("sync of its Service User", &p.sync),
        ];
        for (what, read) in reads {
            let what = format!("provider of {} clients: {what}", thousands(p.clients));
            add(format!("{what}: median / p95"), latency(&read.latency));
            add(
                format!("{what}: response size"),
                size(read.response_bytes, p.clients, "client"),
            );
            add(format!("{what}: server RSS peak"), peak(&read.memory));
        }
        let s = &p.statements;
        add(
            format!(
                "SQL statements per request, {} vs {} clients",
                s.few_clients,
                thousands(p.clients)
            ),
            format!(
                "clients list {} vs {}, sync {} vs {}",
                s.list_few, s.list_many, s.sync_few, s.sync_many
            ),
        );
    }
}

/// The personal vault page of the largest vault (with the targets).
fn vault_page_rows(r: &Results, rows: &mut Vec<[String; 4]>) {
    let v = match &r.vault_page {
        None => return,
        Some(VaultPageOutcome::Skipped { reason }) => {
            rows.push([
                "browser: vault page".into(),
                format!("skipped: {reason}"),
                "—".into(),
                String::new(),
            ]);
            return;
        }
        Some(VaultPageOutcome::Measured(v)) => v,
    };
    let p = &v.page;
    let judged = |id: &str| {
        r.checks
            .iter()
            .find(|c| c.id == id)
            .map_or((String::new(), String::new()), |c| {
                (c.target_text(), c.verdict().to_owned())
            })
    };
    let what = format!(
        "Vault page, {} items, Chromium (median of {})",
        thousands(v.items),
        v.runs
    );
    let (t, val) = judged("vault_page_first_rows");
    rows.push([
        format!("{what}: navigation to the first rows painted"),
        format!(
            "{} ({} in the DOM; after a reload, Unlock click to first rows {:.0} ms)",
            span(&p.first_rows),
            opt_ms(p.first_rows.dom_median_ms),
            p.unlock_to_first_rows.median_ms
        ),
        t,
        val,
    ]);
    let (t, val) = judged("vault_page_search");
    rows.push([
        format!("{what}: search “{}” to its row painted", p.search_text),
        format!(
            "{} (cleared: {:.0} ms; load average {:.2} / {:.2})",
            span(&p.search),
            p.search_cleared.median_ms,
            v.load_before,
            v.load_after
        ),
        t,
        val,
    ]);
}

/// The Admin Console's Members page of the large organization (with the targets).
fn members_page_rows(r: &Results, rows: &mut Vec<[String; 4]>) {
    let m = match &r.members_page {
        None => return,
        Some(MembersPageOutcome::Skipped { reason }) => {
            rows.push([
                "browser: Members page".into(),
                format!("skipped: {reason}"),
                "—".into(),
                String::new(),
            ]);
            return;
        }
        Some(MembersPageOutcome::Measured(m)) => m,
    };
    let p = &m.page;
    let judged = |id: &str| {
        r.checks
            .iter()
            .find(|c| c.id == id)
            .map_or((String::new(), String::new()), |c| {
                (c.target_text(), c.verdict().to_owned())
            })
    };
    let what = format!(
        "Members page, {} members, Chromium (median of {})",
        thousands(m.members),
        m.runs
    );
    let (t, v) = judged("members_page_first_rows");
    rows.push([
        format!("{what}: navigation to the first rows painted"),
        format!(
            "{} ({} in the DOM; after a reload, Unlock click to first rows {:.0} ms)",
            span(&p.first_rows),
            opt_ms(p.first_rows.dom_median_ms),
            p.unlock_to_first_rows.median_ms
        ),
        t,
        v,
    ]);
    let (t, v) = judged("members_page_filter");
    rows.push([
        format!("{what}: filter “{}” to its row painted", p.filter_text),
        format!(
            "{} (cleared: {:.0} ms; load average {:.2} / {:.2})",
            span(&p.filter),
            p.filter_cleared.median_ms,
            m.load_before,
            m.load_after
        ),
        t,
        v,
    ]);
}

/// The browser phase: the Clients page (with the targets) and the portal's sign-ins.
fn browser_rows(r: &Results, rows: &mut Vec<[String; 4]>) {
    let Some(outcome) = &r.browser else { return };
    let b = match outcome {
        BrowserOutcome::Skipped { reason } => {
            rows.push([
                "browser phase (Clients page, sign-in)".into(),
                format!("skipped: {reason}"),
                "—".into(),
                String::new(),
            ]);
            return;
        }
        BrowserOutcome::Measured(b) => b,
    };
    let p = &b.page;
    let check = |id: &str| r.checks.iter().find(|c| c.id == id);
    let judged = |id: &str| {
        check(id).map_or((String::new(), String::new()), |c| {
            (c.target_text(), c.verdict().to_owned())
        })
    };
    let what = format!(
        "Clients page, {} clients, Chromium (median of {})",
        thousands(b.clients),
        b.runs
    );
    let (t, v) = judged("browser_first_rows");
    rows.push([
        format!("{what}: navigation to the first rows painted"),
        format!(
            "{} ({} in the DOM; after a reload, Unlock click to first rows {:.0} ms)",
            span(&p.first_rows),
            opt_ms(p.first_rows.dom_median_ms),
            p.unlock_to_first_rows.median_ms
        ),
        t,
        v,
    ]);
    let (t, v) = judged("browser_filter");
    rows.push([
        format!("{what}: filter “{}” to its row painted", p.filter_text),
        format!(
            "{} (cleared: {:.0} ms)",
            span(&p.filter),
            p.filter_cleared.median_ms
        ),
        t,
        v,
    ]);
    let sign_ins = [Some(&p.sign_in), p.argon_sign_in.as_ref()];
    for s in sign_ins.into_iter().flatten() {
        let b = &s.last_breakdown;
        let kdf_ms = b["kdfMs"].as_f64();
        let profile = match (b["profileLoadedMs"].as_f64(), b["profileBytes"].as_f64()) {
            (Some(ms), Some(bytes)) => format!(
                "; in the last one the profile ({:.1} MiB, requested {}×) was in at {ms:.0} ms",
                bytes / 1_048_576.0,
                b["profileRequests"]
            ),
            _ => String::new(),
        };
        rows.push([
            format!(
                "portal sign-in ({}), click to signed-in page (median of {})",
                s.kdf,
                s.timing.runs_ms.len()
            ),
            format!(
                "{} (KDF in the worker {}{profile})",
                span(&s.timing),
                opt_ms(kdf_ms)
            ),
            "—".into(),
            String::new(),
        ]);
    }
    if let Some(a) = &p.argon_worker {
        rows.push([
            format!(
                "Argon2id 64 MiB, 3 passes, 4 lanes in the KDF worker alone (median of {})",
                a.runs_ms.len()
            ),
            format!(
                "{:.0} ms (longest main-thread gap {:.0} ms)",
                a.median_ms, a.longest_main_thread_gap_ms
            ),
            "—".into(),
            String::new(),
        ]);
    }
    rows.push([
        "browser phase: load average before / after".into(),
        format!("{:.2} / {:.2}", b.load_before, b.load_after),
        "—".into(),
        String::new(),
    ]);
}

/// `412 ms (388-530)`.
fn span(t: &Timing) -> String {
    format!("{:.0} ms ({:.0}-{:.0})", t.median_ms, t.min_ms, t.max_ms)
}

fn opt_ms(ms: Option<f64>) -> String {
    ms.map_or_else(|| "?".into(), |ms| format!("{ms:.0} ms"))
}

/// The worst RSS during a loop, and what was resident before it.
fn peak(m: &SyncMemory) -> String {
    format!(
        "{:.1} MiB (from {:.1} MiB before)",
        mib(m.peak_kib()),
        mib(m.rss_before_kib)
    )
}

fn latency(l: &Latency) -> String {
    format!("{:.1} ms / {:.1} ms", l.median_ms, l.p95_ms)
}

/// `15.63 MiB (16,384,000 B, 1,638 B/item)`.
fn size(bytes: usize, per: usize, unit: &str) -> String {
    format!(
        "{:.2} MiB ({} B, {} B/{unit})",
        mib(bytes as u64) / 1024.0,
        thousands(bytes),
        bytes / per.max(1)
    )
}

/// `10000` → `10,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
