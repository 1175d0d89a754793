//! The write checks that guard against a client saving with stale state (section 6.6 of the
//! spec): an item encrypted for someone else or with an old user key would become unreadable,
//! and an item edited from an outdated copy would silently lose the newer change.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::{FolderId, UserId};
use bulwark_store::users::UserRow;
use bulwark_store::{ciphers, AnyConnection};
use bulwark_wire::cipher::CipherRequest;

/// Tolerance of the `lastKnownRevisionDate` comparison: clients may round to milliseconds.
const REVISION_SLACK_MICROS: i64 = 1_000_000;

fn is_key_id(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `encryptedFor` and `encryptedByKeyId` against the caller.
///
/// # Errors
/// 400 with upstream's texts.
pub fn check_encryption(req: &CipherRequest, user: &UserRow) -> ApiResult<()> {
    if let Some(target) = req.encrypted_for.as_deref() {
        if target.parse::<UserId>().ok() != Some(user.id) {
            return Err(ApiError::bad(
                "Cipher was not encrypted for the current user. Please try again.",
            ));
        }
    }
    // An org item is encrypted with the org key, whose id the clients compute but the server
    // never learns: only a personal item's key id can be compared.
    let personal = req.organization_id.as_deref().is_none_or(str::is_empty);
    if let Some(key_id) = req.encrypted_by_key_id.as_deref().filter(|_| personal) {
        if !is_key_id(key_id) {
            return Err(ApiError::field(
                "EncryptedByKeyId",
                "EncryptedByKeyId is not a valid key id.",
            ));
        }
        if user.user_key_id.as_deref().is_some_and(|k| k != key_id) {
            return Err(ApiError::bad(
                "Cipher was not encrypted with the current user key. Please try again.",
            ));
        }
    }
    Ok(())
}

/// Organization items come with a later feature; until then they are refused up front.
///
/// # Errors
/// 400 when the request names an organization.
pub fn check_personal(req: &CipherRequest) -> ApiResult<()> {
    match req.organization_id.as_deref() {
        Some(org) if !org.is_empty() => Err(ApiError::bad("Organizations are not supported yet.")),
        _ => Ok(()),
    }
}

/// `lastKnownRevisionDate` (when sent) must match the stored revision within a second.
///
/// # Errors
/// 400 out-of-date.
pub fn check_fresh(last_known: Option<i64>, stored: i64) -> ApiResult<()> {
    match last_known {
        Some(known) if (stored - known).abs() > REVISION_SLACK_MICROS => Err(ApiError::bad(
            "The item cannot be saved because it is out of date. To edit this item, first sync \
             your vault, or log out and back in.",
        )),
        _ => Ok(()),
    }
}

/// A folder named in a write must be one of the caller's.
///
/// # Errors
/// 400 `Invalid folder.`
pub async fn check_folder(
    conn: &mut AnyConnection,
    owner: UserId,
    folder: Option<FolderId>,
) -> ApiResult<()> {
    match folder {
        Some(f) if !ciphers::folder_belongs_to(conn, owner, f).await? => {
            Err(ApiError::bad("Invalid folder."))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_dates_within_a_second_are_fresh() {
        assert!(check_fresh(None, 5).is_ok());
        assert!(check_fresh(Some(10_000_000), 10_900_000).is_ok());
        assert!(check_fresh(Some(10_000_000), 11_000_001).is_err());
        assert!(check_fresh(Some(12_000_001), 11_000_000).is_err());
    }

    #[test]
    fn key_ids_are_32_lowercase_hex() {
        assert!(is_key_id("0123456789abcdef0123456789abcdef"));
        assert!(!is_key_id("0123456789ABCDEF0123456789abcdef"));
        assert!(!is_key_id("abc"));
    }
}
