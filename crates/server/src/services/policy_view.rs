//! Policies as the clients read them: the full `policy` object (sync, `PUT`) and the status
//! object of the admin console's list (no id, `data` `{}` when unset).

use bulwark_domain::time::format_micros;
use bulwark_store::policies::PolicyRow;
use serde_json::{json, Value};

fn data(row: &PolicyRow) -> Option<Value> {
    row.data
        .as_deref()
        .and_then(|d| serde_json::from_str::<Value>(d).ok())
        .filter(|v| !v.is_null())
}

/// The full `policy` object.
#[must_use]
pub fn policy(row: &PolicyRow) -> Value {
    json!({
        "object": "policy",
        "id": row.id.to_string(),
        "organizationId": row.org_id.to_string(),
        "type": row.policy_type,
        "data": data(row),
        "enabled": row.enabled != 0,
        "revisionDate": format_micros(row.revision_date),
    })
}

/// The status object of `GET /organizations/{id}/policies[/{type}]`.
#[must_use]
pub fn status(org_id: &str, policy_type: i64, row: Option<&PolicyRow>) -> Value {
    json!({
        "object": "policy",
        "organizationId": org_id,
        "type": policy_type,
        "data": row.and_then(data).unwrap_or_else(|| json!({})),
        "enabled": row.is_some_and(|r| r.enabled != 0),
        "canToggleState": true,
    })
}
