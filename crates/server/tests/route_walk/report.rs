//! Failures are collected for the whole walk and reported once, grouped by route and kind of
//! failure, with one example answer per group.

use crate::send::Answer;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug)]
pub struct Failure {
    pub method: String,
    pub path: String,
    pub caller: String,
    pub variant: String,
    /// The rule that failed, e.g. "5xx" or "expected 404 for an id that cannot be one".
    pub kind: String,
    pub status: u16,
    pub content_type: String,
    pub excerpt: String,
}

#[derive(Default)]
pub struct Report {
    pub failures: Vec<Failure>,
    /// How often each specific rule was applied (so a walk that checks nothing shows).
    pub applied: BTreeMap<String, usize>,
}

impl Report {
    pub fn fail(
        &mut self,
        method: &str,
        path: &str,
        caller: &str,
        variant: &str,
        kind: impl Into<String>,
        answer: Option<&Answer>,
    ) {
        self.failures.push(Failure {
            method: method.to_owned(),
            path: path.to_owned(),
            caller: caller.to_owned(),
            variant: variant.to_owned(),
            kind: kind.into(),
            status: answer.map_or(0, |a| a.status),
            content_type: answer
                .and_then(|a| a.content_type.clone())
                .unwrap_or_else(|| "-".into()),
            excerpt: answer.map(Answer::excerpt).unwrap_or_default(),
        });
    }

    pub fn applied(&mut self, rule: &str) {
        *self.applied.entry(rule.to_owned()).or_default() += 1;
    }

    /// The rules applied, with counts, one per line.
    pub fn applied_summary(&self) -> String {
        self.applied
            .iter()
            .map(|(k, n)| format!("  {n:5}  {k}\n"))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.failures.is_empty()
    }

    /// One block per (route, kind of failure): the callers, variants and statuses seen, and
    /// the first answer as an example.
    pub fn render(&self) -> String {
        let mut groups: BTreeMap<(String, String, String), Vec<&Failure>> = BTreeMap::new();
        for f in &self.failures {
            groups
                .entry((f.path.clone(), f.method.clone(), f.kind.clone()))
                .or_default()
                .push(f);
        }
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, k) in groups.keys() {
            *kinds.entry(k.as_str()).or_default() += 1;
        }
        let mut out = format!(
            "{} failures in {} groups (route x kind)\nGroups per kind:\n",
            self.failures.len(),
            groups.len()
        );
        for (k, n) in &kinds {
            out.push_str(&format!("  {n:4}  {k}\n"));
        }
        out.push('\n');
        for ((path, method, kind), fs) in &groups {
            let callers: BTreeSet<&str> = fs.iter().map(|f| f.caller.as_str()).collect();
            let variants: BTreeSet<&str> = fs.iter().map(|f| f.variant.as_str()).collect();
            let statuses: BTreeSet<u16> = fs.iter().map(|f| f.status).collect();
            let first = fs[0];
            out.push_str(&format!(
                "{method} {path}: {kind}\n    callers: {}; statuses: {}\n    variants: {}\n    e.g. {} / {}: {} [{}] {}\n",
                callers.into_iter().collect::<Vec<_>>().join(", "),
                statuses
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                variants.into_iter().collect::<Vec<_>>().join(", "),
                first.caller,
                first.variant,
                first.status,
                first.content_type,
                first.excerpt,
            ));
        }
        out
    }
}
