//! The checks of the answers: the general rules (no 5xx; every error in Bitwarden's shape, or
//! the bare 401 challenge) and the statuses of the input boundary, applied once a (method,
//! path) batch is complete.

use crate::plan::{Caller, Rule, Sent};
use crate::report::Report;
use crate::send::Answer;
use crate::variants::{BadId, BodyRule};

pub fn is_identity(path: &str) -> bool {
    path.starts_with("/identity")
}

/// The rules every answer obeys: no 5xx, and errors in Bitwarden's shape (401 may be the
/// bare `WWW-Authenticate` challenge).
pub fn check_general(
    report: &mut Report,
    method: &str,
    template: &str,
    caller: &str,
    variant: &str,
    a: &Answer,
) {
    if a.status == 0 {
        report.fail(method, template, caller, variant, "no answer", Some(a));
        return;
    }
    if a.status >= 500 {
        report.fail(method, template, caller, variant, "5xx", Some(a));
    }
    if a.status < 400 {
        return;
    }
    if a.status == 401 && a.text.is_empty() {
        if a.www_authenticate.is_none() {
            report.fail(
                method,
                template,
                caller,
                variant,
                "401 with neither a body nor WWW-Authenticate",
                Some(a),
            );
        }
        return;
    }
    let json_type = a
        .content_type
        .as_deref()
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/json"));
    if !json_type {
        report.fail(
            method,
            template,
            caller,
            variant,
            "error without Content-Type: application/json",
            Some(a),
        );
        return;
    }
    let bitwarden = a.json.as_ref().is_some_and(|j| {
        j.get("object").and_then(|o| o.as_str()) == Some("error")
            && j.get("message").is_some_and(serde_json::Value::is_string)
    });
    let oauth = is_identity(template)
        && a.json
            .as_ref()
            .is_some_and(|j| j.get("error").is_some_and(serde_json::Value::is_string));
    if !bitwarden && !oauth {
        report.fail(
            method,
            template,
            caller,
            variant,
            "error body not in Bitwarden's shape",
            Some(a),
        );
    }
}

pub fn expect_status(
    report: &mut Report,
    method: &str,
    template: &str,
    sent: &Sent,
    allowed: &[u16],
    kind: &str,
) {
    report.applied(kind);
    if !allowed.contains(&sent.answer.status) && sent.answer.status < 500 {
        report.fail(
            method,
            template,
            sent.planned.caller.name(),
            &sent.planned.variant,
            kind,
            Some(&sent.answer),
        );
    }
}

/// Checks the batch of one (method, path) once every answer is in (whether the route reads
/// JSON is told from the owner's answers to `{` and `{}`).
pub fn check_batch(report: &mut Report, method: &str, template: &str, sent: &[Sent]) {
    let primary_answer = |rule: BodyRule| {
        sent.iter()
            .find(|s| {
                matches!(s.planned.caller, Caller::Owner | Caller::Operator)
                    && matches!(s.planned.rule, Rule::Body(r) if r == rule)
            })
            .map(|s| &s.answer)
    };
    let malformed = primary_answer(BodyRule::Malformed);
    let empty = primary_answer(BodyRule::EmptyObject);
    let json_route = match (malformed, empty) {
        (Some(m), Some(e)) => m.status == 400 && m.text != e.text,
        _ => false,
    };
    if json_route {
        report.applied("(batches whose route reads a JSON body)");
    }
    let array_route = json_route
        && empty.is_some_and(|e| (400..500).contains(&e.status))
        && primary_answer(BodyRule::ArrayForObject).is_some_and(Answer::is_success);

    for s in sent {
        let caller = s.planned.caller;
        check_general(
            report,
            method,
            template,
            caller.name(),
            &s.planned.variant,
            &s.answer,
        );
        let primary = matches!(caller, Caller::Owner | Caller::Operator);
        match s.planned.rule {
            Rule::Any => {}
            Rule::NulForm => {
                if s.answer.is_success() {
                    report.fail(
                        method,
                        template,
                        caller.name(),
                        &s.planned.variant,
                        "NUL in a token form field: logged in (expected 400)",
                        Some(&s.answer),
                    );
                } else {
                    expect_status(
                        report,
                        method,
                        template,
                        s,
                        &[400, 429],
                        "NUL in a token form field: expected 400",
                    );
                }
            }
            Rule::Body(rule) if primary && json_route => match rule {
                BodyRule::BadRequest | BodyRule::Malformed => expect_status(
                    report,
                    method,
                    template,
                    s,
                    &[400],
                    "malformed JSON: expected 400",
                ),
                BodyRule::ArrayForObject if !array_route => expect_status(
                    report,
                    method,
                    template,
                    s,
                    &[400],
                    "`[]` where an object belongs: expected 400",
                ),
                BodyRule::ScalarForObject => expect_status(
                    report,
                    method,
                    template,
                    s,
                    &[400],
                    "`null`, a string or a number where an object belongs: expected 400",
                ),
                BodyRule::Nul => expect_status(
                    report,
                    method,
                    template,
                    s,
                    &[400],
                    "NUL in a text field: expected 400",
                ),
                BodyRule::NotDeclaredJson => expect_status(
                    report,
                    method,
                    template,
                    s,
                    &[415],
                    "JSON body not declared as JSON: expected 415",
                ),
                _ => {}
            },
            Rule::Body(_) => {}
            Rule::BadId(kind, bad) => {
                let mut allowed: Vec<u16> = match (kind.is_uuid(), bad) {
                    (_, BadId::RandomUuid) => continue,
                    (false, BadId::NotUuid) => continue,
                    (true, _) => vec![404],
                    (false, _) => vec![400, 404],
                };
                if bad == BadId::Long {
                    allowed.push(414);
                }
                if caller == Caller::Anonymous {
                    allowed.push(401);
                }
                let what = if kind.is_uuid() {
                    "an id that cannot be an id: expected 404"
                } else {
                    "a path value that cannot be valid: expected 400/404"
                };
                expect_status(report, method, template, s, &allowed, what);
            }
        }
    }
}
