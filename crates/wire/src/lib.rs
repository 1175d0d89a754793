//! Bitwarden request and response types (serde): camelCase out; in, the server's extractor
//! maps PascalCase keys to camelCase first. Each type names the upstream model it mirrors
//! (bitwarden/server at ac309aa19e). No I/O, no handler logic.

pub mod account;
pub mod account_recovery;
pub mod cipher;
pub mod collection;
pub mod email_change;
pub mod folder;
pub mod group;
pub mod identity;
pub mod list;
pub mod member;
pub mod organization;
pub mod profile_org;
pub mod provider;
pub mod provider_user;

pub use list::ListResponse;

/// For `#[serde(deserialize_with = "crate::required_nullable")]` on an `Option` field: the key
/// must be present (serde makes a field with `deserialize_with` and no `default` required), but
/// its value may be `null`. For fields that replace stored data, where "absent" must never read
/// as "clear it".
///
/// # Errors
/// The value's own type errors.
pub fn required_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Named {
        #[serde(deserialize_with = "crate::required_nullable")]
        name: Option<String>,
    }

    #[test]
    fn required_nullable_fields_must_be_present_but_may_be_null() {
        let missing = serde_json::from_str::<Named>("{}").unwrap_err();
        assert!(
            missing.to_string().contains("missing field `name`"),
            "{missing}"
        );
        assert_eq!(
            serde_json::from_str::<Named>(r#"{"name": null}"#)
                .unwrap()
                .name,
            None
        );
        assert_eq!(
            serde_json::from_str::<Named>(r#"{"name": "a"}"#)
                .unwrap()
                .name
                .as_deref(),
            Some("a")
        );
    }
}
