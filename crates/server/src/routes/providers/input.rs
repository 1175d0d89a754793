//! Checks of provider request fields, with upstream's messages.

use crate::error::{ApiError, ApiResult};
use crate::services::accounts;

/// A required display name of at most 50 characters (`Name`, `BusinessName`).
pub(super) fn name(field: &str, value: Option<&str>, required: bool) -> ApiResult<Option<String>> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    match value {
        None if required => Err(ApiError::field(
            field,
            format!("The {field} field is required."),
        )),
        Some(v) if v.chars().count() > 50 => Err(ApiError::field(
            field,
            format!("The field {field} exceeds the maximum length."),
        )),
        v => Ok(v.map(str::to_owned)),
    }
}

/// A required e-mail address (lower-cased, trimmed), at most 256 characters.
pub(super) fn email(field: &str, value: Option<&str>) -> ApiResult<String> {
    let email = accounts::normalize_email(value.unwrap_or_default());
    if email.is_empty() {
        return Err(ApiError::field(
            field,
            format!("The {field} field is required."),
        ));
    }
    if email.chars().count() > 256 || accounts::validate_email(&email).is_err() {
        return Err(ApiError::field(
            field,
            format!("The {field} field is not a valid e-mail address."),
        ));
    }
    Ok(email)
}
