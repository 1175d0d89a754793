//! The owner's data as the API shows it: sync (without domains), the account's revision date,
//! domains and two-step providers, the organization with its members, collections (with
//! access), groups and policies, the provider with its clients and people (and the operator's
//! view of it), and the owner's provider applications. Revision dates are kept: a refused
//! request must not move them either. Only the signatures of attachment links are dropped.

use crate::fixtures::{World, ADMIN_TOKEN};
use crate::routes::Kind;
use bulwark_client::Method;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot(BTreeMap<String, (u16, Value)>);

pub async fn take(w: &World) -> Snapshot {
    let s = &w.owner.session;
    let org = w.id(Kind::Org).unwrap_or_default();
    let p = w.id(Kind::Provider).unwrap_or_default();
    let paths = [
        "/api/sync?excludeDomains=true".to_owned(),
        "/api/accounts/revision-date".to_owned(),
        "/api/settings/domains".to_owned(),
        "/api/two-factor".to_owned(),
        "/api/providers/applications".to_owned(),
        format!("/api/organizations/{org}"),
        format!("/api/organizations/{org}/users?includeCollections=true&includeGroups=true"),
        format!("/api/organizations/{org}/collections/details"),
        format!("/api/organizations/{org}/groups/details"),
        format!("/api/organizations/{org}/policies"),
        format!("/api/providers/{p}"),
        format!("/api/providers/{p}/organizations"),
        format!("/api/providers/{p}/users"),
    ];
    let mut out = BTreeMap::new();
    for path in paths {
        let r = s.get(&path).await;
        out.insert(path, (r.status, unsigned(r.json)));
    }
    let r = w
        .app
        .client
        .request(Method::GET, "/admin/providers", Some(ADMIN_TOKEN), None)
        .await;
    let mine = r.json["data"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["id"] == p)
        .cloned()
        .unwrap_or(Value::Null);
    out.insert(
        "/admin/providers (the owner's)".to_owned(),
        (r.status, mine),
    );
    Snapshot(out)
}

/// `value` with the query of every `url` dropped: attachment links carry a signature that
/// expires, so each read differs while the data does not.
fn unsigned(mut value: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for (k, x) in map.iter_mut() {
                    if k == "url" {
                        if let Value::String(s) = x {
                            if let Some(q) = s.find('?') {
                                s.truncate(q);
                            }
                        }
                    } else {
                        walk(x);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

impl Snapshot {
    /// Each endpoint's status, for the summary (a snapshot of 404s would compare nothing).
    pub fn statuses(&self) -> String {
        self.0
            .iter()
            .map(|(k, (s, _))| format!("{k} {s}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What differs from `after`, one line per endpoint, naming the first differing field.
    pub fn differences(&self, after: &Snapshot) -> Vec<String> {
        let mut out = Vec::new();
        for (path, (status, json)) in &self.0 {
            match after.0.get(path) {
                Some((s2, j2)) if s2 == status && j2 == json => {}
                Some((s2, j2)) if s2 != status => {
                    out.push(format!("{path}: status {status} -> {s2}"));
                }
                Some((_, j2)) => {
                    let (at, a, b) = first_difference("", json, j2);
                    out.push(format!("{path}: at `{at}`: {} -> {}", short(&a), short(&b)));
                }
                None => out.push(format!("{path}: missing after")),
            }
        }
        out
    }
}

fn short(v: &str) -> String {
    if v.chars().count() > 120 {
        format!("{}…", v.chars().take(120).collect::<String>())
    } else {
        v.to_owned()
    }
}

/// The JSON pointer of the first difference and both values there.
fn first_difference(at: &str, a: &Value, b: &Value) -> (String, String, String) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) if vb == va => {}
                    Some(vb) => return first_difference(&format!("{at}/{k}"), va, vb),
                    None => return (format!("{at}/{k}"), va.to_string(), "(absent)".into()),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    return (format!("{at}/{k}"), "(absent)".into(), vb.to_string());
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                if va != vb {
                    return first_difference(&format!("{at}/{i}"), va, vb);
                }
            }
        }
        _ => {}
    }
    (at.to_owned(), a.to_string(), b.to_string())
}
