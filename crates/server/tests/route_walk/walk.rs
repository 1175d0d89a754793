//! The walk: for each enumerated path, its methods are read from the router's `Allow` answer;
//! for each method, the planned requests are sent in two phases (those that must be refused,
//! then the owner's bodies a void action may accept), the owner's data is compared after each
//! phase, and the answers are checked. All failures are reported at the end.

use crate::checks::{check_batch, check_general};
use crate::fixtures::{self, World};
use crate::helpers::Db;
use crate::plan::{fill, params_of, phase_of, plan, real_values, Caller, Phase, Planned, Sent};
use crate::report::Report;
use crate::routes::{self, Kind, RouteEntry};
use crate::send::{send, Answer, Body};
use crate::snapshot;
use bulwark_client::Method;
use bulwark_server::config::{Config, Overrides};
use std::collections::BTreeSet;
use std::time::Instant;

fn enumeration_config() -> (Config, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::resolve(
        fixtures::file_config(None),
        Overrides {
            bind: Some("127.0.0.1:0".into()),
            data_dir: Some(dir.path().to_path_buf()),
            database_url: Some(format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("unused.sqlite3").display()
            )),
            ..Overrides::default()
        },
    )
    .expect("config");
    (config, dir)
}

/// The methods of a route, from the `Allow` header of the router's answer to `TRACE` (which no
/// route has); that answer must itself be a 405 in Bitwarden's shape, and list what the
/// router's own `Debug` output lists. Without an `Allow` header, the `Debug` list is walked.
async fn methods_of(w: &World, route: &RouteEntry, report: &mut Report) -> Vec<Method> {
    let template = route.path.as_str();
    let params = params_of(template);
    let path = fill(template, &real_values(w, &params));
    let caller = if template.starts_with("/admin") {
        Caller::Operator
    } else {
        Caller::Owner
    };
    let a = send(
        &w.app.client,
        &Method::TRACE,
        &path,
        caller.token(w).as_deref(),
        &Body::none(),
    )
    .await;
    report.applied("wrong method: expected 405");
    let mut fail = |kind: &str| {
        report.fail(
            "TRACE",
            template,
            caller.name(),
            "wrong method",
            kind,
            Some(&a),
        );
    };
    if a.status != 405 && a.status < 500 {
        fail("wrong method: expected 405");
    }
    let from_debug: Option<BTreeSet<String>> = route
        .debug_methods
        .as_ref()
        .map(|m| m.iter().map(|x| x.to_ascii_uppercase()).collect());
    let listed: BTreeSet<String> = match (a.allow.as_deref(), &from_debug) {
        (Some(allow), _) => {
            let listed: BTreeSet<String> = allow
                .split(',')
                .map(|m| m.trim().to_ascii_uppercase())
                .filter(|m| !m.is_empty())
                .collect();
            if from_debug.as_ref().is_some_and(|d| *d != listed) {
                fail("wrong method: Allow differs from the router's own method list");
            }
            listed
        }
        (None, Some(d)) => {
            fail("wrong method: no Allow header (walked the router's own method list)");
            d.clone()
        }
        (None, None) => {
            fail("wrong method: no Allow header (the route's methods are unknown; not walked)");
            BTreeSet::new()
        }
    };
    check_general(report, "TRACE", template, caller.name(), "wrong method", &a);
    listed
        .iter()
        .filter(|m| !(m.as_str() == "HEAD" && listed.contains("GET")))
        .filter_map(|m| Method::from_bytes(m.as_bytes()).ok())
        .collect()
}

/// Compares the owner's data with `baseline` after a phase: unchanged unless a request got a
/// 2xx (for GET, not even then); fixtures are redone and the baseline re-read after any 2xx.
async fn compare(
    w: &mut World,
    report: &mut Report,
    baseline: &mut snapshot::Snapshot,
    redone_total: &mut Vec<String>,
    (method, template, phase): (&str, &str, &str),
    sent: &[Sent],
    get_like: bool,
) {
    let succeeded: BTreeSet<Caller> = sent
        .iter()
        .filter(|s| s.answer.is_success())
        .map(|s| s.planned.caller)
        .collect();
    let after = snapshot::take(w).await;
    report.applied(if succeeded.is_empty() || get_like {
        "(owner's data compared after requests without a 2xx, or GETs)"
    } else {
        "(owner's data re-read after requests with a 2xx)"
    });
    let changes = baseline.differences(&after);
    if !changes.is_empty() {
        let primary_ok =
            succeeded.contains(&Caller::Owner) || succeeded.contains(&Caller::Operator);
        let kind = if succeeded.is_empty() {
            Some("the owner's data changed without a 2xx")
        } else if get_like {
            Some("the owner's data changed after a GET")
        } else if !primary_ok {
            Some("the owner's data changed after a 2xx of an outsider or anonymous caller")
        } else {
            None
        };
        if let Some(kind) = kind {
            let callers: Vec<&str> = succeeded.iter().map(|c| c.name()).collect();
            let a = Answer {
                status: 0,
                content_type: None,
                allow: None,
                www_authenticate: None,
                text: changes.join(" | "),
                json: None,
            };
            report.fail(
                method,
                template,
                &format!("(2xx from: {})", callers.join(", ")),
                phase,
                kind,
                Some(&a),
            );
        }
    }
    if !succeeded.is_empty() || !changes.is_empty() {
        let redone = w.ensure().await;
        if !redone.is_empty() {
            redone_total.push(format!("{method} {template}: {}", redone.join(", ")));
        }
        *baseline = snapshot::take(w).await;
    } else {
        *baseline = after;
    }
}

pub async fn run(db: Db) {
    let started = Instant::now();
    let (config, _dir) = enumeration_config();
    let templates = routes::enumerate(&config);
    let mut w = fixtures::world(db).await;
    let set_up = started.elapsed();
    let mut report = Report::default();
    let mut requests = 0usize;
    let mut batches = 0usize;
    let mut unmapped: BTreeSet<String> = BTreeSet::new();
    let mut redone_total: Vec<String> = Vec::new();
    // 2xx answers to requests that are normally refused (informational).
    let mut accepted: std::collections::BTreeMap<String, String> = Default::default();

    let mut baseline = snapshot::take(&w).await;
    let again = snapshot::take(&w).await;
    let snapshot_statuses = baseline.statuses();
    let unstable = baseline.differences(&again);
    assert!(
        unstable.is_empty(),
        "the snapshot itself is not stable: {unstable:#?}"
    );
    assert!(
        !snapshot_statuses.contains(" 4") && !snapshot_statuses.contains(" 5"),
        "the snapshot must read the owner's data: {snapshot_statuses}"
    );
    // The snapshot sees a change of the owner's data (else the comparisons prove nothing).
    let folder = w
        .owner
        .session
        .post(
            "/api/folders",
            bulwark_client::ciphers::folder(&w.owner.session.user_key, "probe"),
        )
        .await;
    assert_eq!(folder.status, 200, "{}", folder.text);
    let changed = snapshot::take(&w).await;
    assert!(
        !baseline.differences(&changed).is_empty(),
        "a new folder went unnoticed by the snapshot"
    );
    let probe = folder.json["id"].as_str().unwrap_or_default();
    let r = w
        .owner
        .session
        .delete(&format!("/api/folders/{probe}"), None)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    baseline = snapshot::take(&w).await;

    for route in &templates {
        let template = &route.path;
        let params = params_of(template);
        for (k, n) in params.kinds.iter().zip(&params.names) {
            if *k == Kind::Unknown || w.id(*k).is_none() {
                unmapped.insert(format!("{{{n}}} in {template}"));
            }
        }
        let methods = methods_of(&w, route, &mut report).await;
        requests += 1;
        for method in methods {
            batches += 1;
            let get_like = method == Method::GET || method == Method::HEAD;
            let mut sent = Vec::new();
            // Requests that must all be refused go first, each phase with its own comparison,
            // so the 2xx of a void action cannot hide what a refused request changed.
            for phase in [Phase::Refusals, Phase::MaySucceed] {
                let planned: Vec<Planned> = plan(&w, &method, template)
                    .into_iter()
                    .filter(|p| get_like || phase_of(p) == phase)
                    .collect();
                if planned.is_empty() {
                    continue;
                }
                let mut answers = Vec::with_capacity(planned.len());
                for p in planned {
                    let token = p.caller.token(&w);
                    let answer =
                        send(&w.app.client, &method, &p.path, token.as_deref(), &p.body).await;
                    answers.push(Sent { planned: p, answer });
                }
                requests += answers.len();
                for a in answers.iter().filter(|a| a.answer.is_success()) {
                    if phase == Phase::Refusals && !get_like
                        || !matches!(a.planned.caller, Caller::Owner | Caller::Operator)
                    {
                        accepted.insert(
                            format!("{method} {template} [{}]", a.planned.caller.name()),
                            a.planned.variant.clone(),
                        );
                    }
                }
                let phase_name = if get_like {
                    "whole batch"
                } else {
                    phase.name()
                };
                compare(
                    &mut w,
                    &mut report,
                    &mut baseline,
                    &mut redone_total,
                    (method.as_str(), template, phase_name),
                    &answers,
                    get_like,
                )
                .await;
                sent.extend(answers);
                if get_like {
                    break;
                }
            }
            check_batch(&mut report, method.as_str(), template, &sent);
        }
    }

    let elapsed = started.elapsed();
    let mut summary = format!(
        "route walk on {db:?}: {} paths, {batches} (method, path) batches, {requests} walked requests, set-up {:.1}s, total {:.1}s\n",
        templates.len(),
        set_up.as_secs_f64(),
        elapsed.as_secs_f64()
    );
    summary.push_str(&format!("snapshot endpoints: {snapshot_statuses}\n"));
    summary.push_str(&format!("rules applied:\n{}", report.applied_summary()));
    for n in &w.notes {
        summary.push_str(&format!("note: {n}\n"));
    }
    if !unmapped.is_empty() {
        summary.push_str(&format!(
            "parameters without a real id (a random UUID stood in): {}\n",
            unmapped.into_iter().collect::<Vec<_>>().join("; ")
        ));
    }
    for (k, v) in &accepted {
        summary.push_str(&format!("2xx (allowed, listed for review): {k} e.g. {v}\n"));
    }
    for r in &redone_total {
        summary.push_str(&format!("fixtures redone after {r}\n"));
    }
    eprintln!("{summary}");
    let text = format!("{summary}\n{}", report.render());
    if let Ok(file) = std::env::var("ROUTE_WALK_REPORT") {
        let file = file.replace("{db}", &format!("{db:?}").to_lowercase());
        std::fs::write(&file, &text).expect("write the report");
    }
    assert!(report.is_empty(), "{text}");
}
