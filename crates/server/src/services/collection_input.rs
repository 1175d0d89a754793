//! Validation of collection requests: the name is an EncString under the org key, access
//! entries carry UUIDs and a valid flag combination, and a repeated id keeps its last entry
//! (so a duplicate can never reach the unique index and fail the whole write).

use crate::error::{ApiError, ApiResult};
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::enc_string;
use bulwark_wire::collection::SelectionRequest;
use std::str::FromStr;

const NAME_MAX: usize = 1000;
const EXTERNAL_ID_MAX: usize = 300;

/// A collection name: required (when `required`), an EncString, at most 1000 characters.
///
/// # Errors
/// 400 keyed `Name`.
pub fn check_name(name: Option<&str>, required: bool) -> ApiResult<Option<String>> {
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return if required {
            Err(ApiError::field("Name", "The Name field is required."))
        } else {
            Ok(None)
        };
    };
    if !enc_string::is_valid(name) {
        return Err(ApiError::field(
            "Name",
            "Name is not a valid encrypted string.",
        ));
    }
    if name.len() > NAME_MAX {
        return Err(ApiError::field(
            "Name",
            "The field Name exceeds the maximum encrypted value length of 1000 characters.",
        ));
    }
    Ok(Some(name.to_owned()))
}

/// # Errors
/// 400 keyed `ExternalId` when longer than 300 characters.
pub fn check_external_id(id: Option<&str>) -> ApiResult<Option<String>> {
    match id {
        Some(e) if e.chars().count() > EXTERNAL_ID_MAX => Err(ApiError::field(
            "ExternalId",
            "The field ExternalId must be a string with a maximum length of 300.",
        )),
        Some(e) if !e.is_empty() => Ok(Some(e.to_owned())),
        _ => Ok(None),
    }
}

/// Access entries with parsed ids; `key` names the list in errors (`Users`, `Groups`).
///
/// # Errors
/// 400 for a missing or malformed id, or `manage` combined with a restriction.
pub fn selections<T: FromStr + PartialEq + Copy>(
    list: &[SelectionRequest],
    key: &str,
) -> ApiResult<Vec<(T, CollectionAccess)>> {
    let mut out: Vec<(T, CollectionAccess)> = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let text = s.id.as_deref().unwrap_or_default();
        let id: T = text.parse().map_err(|_| {
            ApiError::field(
                format!("{key}[{i}].Id"),
                format!("'{text}' is not a valid id."),
            )
        })?;
        let access = CollectionAccess {
            read_only: s.read_only,
            hide_passwords: s.hide_passwords,
            manage: s.manage,
        }
        .validate()
        .map_err(ApiError::bad)?;
        out.retain(|(seen, _)| *seen != id);
        out.push((id, access));
    }
    Ok(out)
}
