//! The requests of one (method, path): who sends what, to which filled-in path, and the rule
//! its answer is held to. The owner (the operator under `/admin`) sends every malformed body
//! with real ids and every bad value in every path parameter; the outsider sends the same
//! bodies to the owner's objects and bad values in the last parameter; the anonymous caller a
//! few bodies and the bad values. The token endpoint gets malformed forms instead.

use crate::fixtures::{World, ADMIN_TOKEN};
use crate::routes::{param_kind, segments, Kind, Segment};
use crate::send::{Answer, Body};
use crate::variants::{self, BadId, BodyRule};
use bulwark_client::Method;

pub const TOKEN_PATH: &str = "/identity/connect/token";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Caller {
    Owner,
    Operator,
    Outsider,
    Anonymous,
}

impl Caller {
    pub fn name(self) -> &'static str {
        match self {
            Caller::Owner => "owner",
            Caller::Operator => "operator",
            Caller::Outsider => "outsider",
            Caller::Anonymous => "anonymous",
        }
    }

    pub fn token(self, w: &World) -> Option<String> {
        match self {
            Caller::Owner => Some(w.owner.session.access_token.clone()),
            Caller::Operator => Some(ADMIN_TOKEN.to_owned()),
            Caller::Outsider => Some(w.outsider.session.access_token.clone()),
            Caller::Anonymous => None,
        }
    }
}

/// What a planned request must get beyond the general rules.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    Any,
    Body(BodyRule),
    /// A path parameter (of `kind`) replaced by `bad`.
    BadId(Kind, BadId),
    /// A token form carrying NUL: never a login, 400 (or 429).
    NulForm,
}

pub struct Planned {
    pub caller: Caller,
    pub variant: String,
    pub path: String,
    pub body: Body,
    pub rule: Rule,
}

pub struct Sent {
    pub planned: Planned,
    pub answer: Answer,
}

/// `template` with its parameters replaced by `values`, in order.
pub fn fill(template: &str, values: &[String]) -> String {
    let mut values = values.iter();
    let mut out = String::new();
    for seg in template.split('/').skip(1) {
        out.push('/');
        if seg.starts_with('{') && seg.ends_with('}') {
            out.push_str(values.next().map_or("x", String::as_str));
        } else {
            out.push_str(seg);
        }
    }
    if template.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

pub struct Params {
    pub kinds: Vec<Kind>,
    pub names: Vec<String>,
}

pub fn params_of(path: &str) -> Params {
    let segs = segments(path);
    let mut kinds = Vec::new();
    let mut names = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        if let Segment::Param(name) = s {
            kinds.push(param_kind(path, &segs, i));
            names.push(name.clone());
        }
    }
    Params { kinds, names }
}

pub fn real_values(w: &World, params: &Params) -> Vec<String> {
    params
        .kinds
        .iter()
        .map(|k| {
            w.id(*k)
                .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)
        })
        .collect()
}

pub fn plan(w: &World, method: &Method, template: &str) -> Vec<Planned> {
    let params = params_of(template);
    let real = real_values(w, &params);
    let real_path = fill(template, &real);
    let admin = template.starts_with("/admin");
    let primary = if admin {
        Caller::Operator
    } else {
        Caller::Owner
    };
    let get_like = *method == Method::GET || *method == Method::HEAD;
    let id_body = || {
        if get_like {
            Body::none()
        } else {
            Body::json("{}")
        }
    };
    let mut out = Vec::new();
    let with_bad = |i: usize, bad: BadId| {
        let mut values = real.clone();
        values[i] = bad.value();
        fill(template, &values)
    };

    // The primary caller: every body with real ids, every bad value in every parameter.
    if template == TOKEN_PATH {
        let s = &w.owner;
        for f in variants::token_forms(
            &s.secrets.email,
            &s.secrets.master_password_hash,
            &s.session.client.device_identifier,
        ) {
            out.push(Planned {
                caller: Caller::Owner,
                variant: f.name.to_owned(),
                path: real_path.clone(),
                body: f.body,
                rule: if f.nul { Rule::NulForm } else { Rule::Any },
            });
        }
    } else if get_like {
        out.push(Planned {
            caller: primary,
            variant: "no body".into(),
            path: real_path.clone(),
            body: Body::none(),
            rule: Rule::Any,
        });
    } else {
        for b in variants::bodies() {
            out.push(Planned {
                caller: primary,
                variant: b.name.to_owned(),
                path: real_path.clone(),
                body: b.body,
                rule: Rule::Body(b.rule),
            });
        }
    }
    for (i, kind) in params.kinds.iter().enumerate() {
        for bad in BadId::ALL {
            out.push(Planned {
                caller: primary,
                variant: format!("{{{}}} = {}", params.names[i], bad.name()),
                path: with_bad(i, bad),
                body: id_body(),
                rule: Rule::BadId(*kind, bad),
            });
        }
    }

    // The owner is a stranger to the operator API.
    if admin {
        for caller in [Caller::Owner, Caller::Outsider, Caller::Anonymous] {
            out.push(Planned {
                caller,
                variant: "no body".into(),
                path: real_path.clone(),
                body: id_body(),
                rule: Rule::Any,
            });
        }
        return out;
    }

    // The outsider and the anonymous caller, with the owner's ids.
    if template == TOKEN_PATH {
        let s = &w.outsider;
        for f in variants::token_forms(
            &s.secrets.email,
            &s.secrets.master_password_hash,
            &s.session.client.device_identifier,
        )
        .into_iter()
        .filter(|f| f.nul)
        {
            out.push(Planned {
                caller: Caller::Outsider,
                variant: f.name.to_owned(),
                path: real_path.clone(),
                body: f.body,
                rule: Rule::NulForm,
            });
        }
        for f in variants::token_forms("nobody@example.com", "aGFzaA==", "walk-device") {
            out.push(Planned {
                caller: Caller::Anonymous,
                variant: f.name.to_owned(),
                path: real_path.clone(),
                body: f.body,
                rule: if f.nul { Rule::NulForm } else { Rule::Any },
            });
        }
        return out;
    }
    for (caller, bodies) in [
        (Caller::Outsider, variants::bodies()),
        (Caller::Anonymous, variants::anonymous_bodies()),
    ] {
        if get_like {
            out.push(Planned {
                caller,
                variant: "no body".into(),
                path: real_path.clone(),
                body: Body::none(),
                rule: Rule::Any,
            });
        } else {
            for b in bodies {
                out.push(Planned {
                    caller,
                    variant: b.name.to_owned(),
                    path: real_path.clone(),
                    body: b.body,
                    rule: Rule::Any,
                });
            }
        }
        if let Some(last) = params.kinds.len().checked_sub(1) {
            for bad in BadId::ALL {
                out.push(Planned {
                    caller,
                    variant: format!("{{{}}} = {}", params.names[last], bad.name()),
                    path: with_bad(last, bad),
                    body: id_body(),
                    rule: Rule::BadId(params.kinds[last], bad),
                });
            }
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Bad path values, the outsider's and the anonymous caller's requests, and malformed
    /// bodies: none of them may change the owner's data unless it got a 2xx.
    Refusals,
    /// The owner's well-formed or empty bodies, which a void action may accept.
    MaySucceed,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Refusals => "phase 1: requests that should be refused",
            Phase::MaySucceed => "phase 2: owner's bodies that may succeed",
        }
    }
}

pub fn phase_of(p: &Planned) -> Phase {
    let primary = matches!(p.caller, Caller::Owner | Caller::Operator);
    match p.rule {
        Rule::Body(BodyRule::Any | BodyRule::EmptyObject) if primary => Phase::MaySucceed,
        Rule::Any if primary => Phase::MaySucceed,
        _ => Phase::Refusals,
    }
}
