//! The `data` object of a policy is stored as sent; only the fields the server or every client
//! relies on are type-checked here, with the upstream messages, so one org cannot save a policy
//! that breaks its members' clients.

use crate::policy_type::PolicyType;
use serde_json::Value;

#[derive(Clone, Copy)]
enum Kind {
    Bool,
    Int,
    /// A string, or null.
    Text,
}

fn fields(policy: PolicyType) -> &'static [(&'static str, Kind)] {
    use Kind::{Bool, Int, Text};
    match policy {
        PolicyType::MasterPassword => &[
            ("minComplexity", Int),
            ("minLength", Int),
            ("requireUpper", Bool),
            ("requireLower", Bool),
            ("requireNumbers", Bool),
            ("requireSpecial", Bool),
            ("enforceOnLogin", Bool),
        ],
        PolicyType::PasswordGenerator => &[
            ("overridePasswordType", Text),
            ("minLength", Int),
            ("useUpper", Bool),
            ("useLower", Bool),
            ("useNumbers", Bool),
            ("useSpecial", Bool),
            ("minNumbers", Int),
            ("minSpecial", Int),
            ("minNumberWords", Int),
            ("capitalize", Bool),
            ("includeNumber", Bool),
        ],
        PolicyType::SendOptions => &[("disableHideEmail", Bool)],
        PolicyType::MaximumVaultTimeout => &[("minutes", Int), ("action", Text), ("type", Text)],
        PolicyType::ResetPassword => &[("autoEnrollEnabled", Bool)],
        _ => &[],
    }
}

fn kind_matches(kind: Kind, v: &Value) -> bool {
    match kind {
        Kind::Bool => v.is_boolean(),
        Kind::Int => v.is_i64() || v.is_u64(),
        Kind::Text => v.is_string(),
    }
}

/// Checks a policy's data; `Ok` for anything without rules. Null fields mean "not set".
///
/// # Errors
/// The upstream message naming the policy and the field.
pub fn validate(policy: PolicyType, data: &Value) -> Result<(), String> {
    if data.is_null() {
        return Ok(());
    }
    let Some(object) = data.as_object() else {
        return Err(format!("Invalid data for {policy:?} policy."));
    };
    for (name, kind) in fields(policy) {
        if let Some(v) = object.get(*name).filter(|v| !v.is_null()) {
            if !kind_matches(*kind, v) {
                return Err(format!(
                    "Invalid data for {policy:?} policy: {name} has an invalid value."
                ));
            }
        }
    }
    if policy == PolicyType::MasterPassword {
        let int = |k: &str| object.get(k).and_then(Value::as_i64);
        if int("minComplexity").is_some_and(|c| !(0..=4).contains(&c)) {
            return Err(
                "Invalid data for MasterPassword policy: minComplexity must be between 0 and 4."
                    .into(),
            );
        }
        if int("minLength").is_some_and(|l| !(12..=128).contains(&l)) {
            return Err(
                "Invalid data for MasterPassword policy: minLength must be between 12 and 128."
                    .into(),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_fields_are_checked_and_others_pass() {
        let mp = PolicyType::MasterPassword;
        assert!(validate(mp, &json!({"minLength": 14, "requireUpper": true})).is_ok());
        assert!(validate(mp, &json!(null)).is_ok());
        let e = validate(mp, &json!({"requireUpper": "yes"})).unwrap_err();
        assert_eq!(
            e,
            "Invalid data for MasterPassword policy: requireUpper has an invalid value."
        );
        assert!(validate(mp, &json!({"minLength": 8}))
            .unwrap_err()
            .contains("12 and 128"));
        assert!(validate(mp, &json!({"minComplexity": 5})).is_err());
        assert!(validate(mp, &json!([1])).is_err());
        assert!(validate(PolicyType::SingleOrg, &json!({"anything": [1, 2]})).is_ok());
        assert!(validate(PolicyType::ResetPassword, &json!({"autoEnrollEnabled": 1})).is_err());
        assert!(validate(
            PolicyType::MaximumVaultTimeout,
            &json!({"minutes": 15, "action": "lock", "type": null})
        )
        .is_ok());
    }
}
