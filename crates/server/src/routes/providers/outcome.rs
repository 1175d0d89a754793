//! What a batch operation on a provider's people (confirm, re-invite, remove) did for each id,
//! and how the bulk and the single-id routes answer it. One type for all three, so an id of
//! another provider is answered the same way everywhere: the bulk answer gives it the same
//! text as a refusal (ids reveal nothing), a single-id route is 404.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::ProviderUserId;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    Done,
    /// A member of this provider whom the operation does not apply to, and why.
    Refused(&'static str),
    /// No member of this provider (perhaps another provider's); the text bulk answers give.
    Unknown(&'static str),
}

impl Outcome {
    /// The bulk answer's `error` ("" when done).
    fn error(self) -> &'static str {
        match self {
            Self::Done => "",
            Self::Refused(text) | Self::Unknown(text) => text,
        }
    }
}

/// `providerBulkConfirmResponseModel` entries, one per id.
pub(super) fn bulk_entries(results: &[(ProviderUserId, Outcome)]) -> Vec<Value> {
    results
        .iter()
        .map(|(id, outcome)| {
            json!({
                "object": "providerBulkConfirmResponseModel",
                "id": id.to_string(),
                "error": outcome.error(),
            })
        })
        .collect()
}

/// The answer of a single-id route to its one-id batch.
///
/// # Errors
/// 400 with the reason when refused, 404 when the id is not this provider's.
pub(super) fn single(results: &[(ProviderUserId, Outcome)]) -> ApiResult<()> {
    match results.first().map(|(_, outcome)| *outcome) {
        Some(Outcome::Done) => Ok(()),
        Some(Outcome::Refused(text)) => Err(ApiError::bad(text)),
        Some(Outcome::Unknown(_)) | None => Err(ApiError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_read_like_refusals_in_bulk_and_are_not_found_alone() {
        let id = ProviderUserId::new();
        let bulk = bulk_entries(&[
            (id, Outcome::Refused("Invalid user.")),
            (id, Outcome::Unknown("Invalid user.")),
            (id, Outcome::Done),
        ]);
        assert_eq!(bulk[0]["error"], bulk[1]["error"]);
        assert_eq!(bulk[2]["error"], "");
        assert!(single(&[(id, Outcome::Done)]).is_ok());
        assert!(matches!(
            single(&[(id, Outcome::Refused("x"))]),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            single(&[(id, Outcome::Unknown("x"))]),
            Err(ApiError::NotFound)
        ));
        assert!(matches!(single(&[]), Err(ApiError::NotFound)));
    }
}
