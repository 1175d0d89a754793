//! The `userVerificationToken` of authenticator setup: proof that the caller re-entered the
//! master password for get-authenticator, so the follow-up PUT/DELETE need not send it again.
//! It is an HMAC over user, security stamp, TOTP key and expiry, so it is useless for another
//! account or key, and dies after 30 minutes or when the stamp rotates.

use crate::auth::tokens::secrets_equal;
use crate::state::AppState;
use base64::Engine;
use bulwark_store::users::UserRow;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const LIFETIME_SECS: i64 = 30 * 60;
const PURPOSE: &str = "two-factor-setup";

fn mac(state: &AppState, user: &UserRow, totp_key: &str, expires: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(&state.jwt.derive_key(PURPOSE)).expect("any key length");
    // Every part has a fixed shape (UUIDs, base32, digits), so '|' cannot be ambiguous.
    mac.update(format!("{}|{}|{totp_key}|{expires}", user.id, user.security_stamp).as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// A token valid for 30 minutes from `now_secs`.
#[must_use]
pub fn issue(state: &AppState, user: &UserRow, totp_key: &str, now_secs: i64) -> String {
    let expires = now_secs + LIFETIME_SECS;
    format!("{expires}.{}", mac(state, user, totp_key, expires))
}

/// Whether `token` was issued for this user, stamp and key, and has not expired.
#[must_use]
pub fn is_valid(
    state: &AppState,
    user: &UserRow,
    totp_key: &str,
    token: &str,
    now_secs: i64,
) -> bool {
    let Some((expires, sig)) = token.split_once('.') else {
        return false;
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return false;
    };
    expires > now_secs && secrets_equal(&mac(state, user, totp_key, expires), sig)
}

/// Normalizes a base32 TOTP key the way users paste it: no spaces or padding, upper case.
#[must_use]
pub fn normalize_key(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A usable key decodes as base32 to at least 80 bits (RFC 4226's minimum is 128, but
/// authenticator apps commonly use 80).
#[must_use]
pub fn key_is_usable(key: &str) -> bool {
    key.len() <= 128
        && data_encoding::BASE32_NOPAD
            .decode(key.as_bytes())
            .is_ok_and(|b| b.len() >= 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_normalized_and_checked() {
        assert_eq!(normalize_key("abcd efgh ===="), "ABCDEFGH");
        assert!(key_is_usable(&crate::services::totp::new_secret()));
        assert!(!key_is_usable("ABCDEFGH"));
        assert!(!key_is_usable("not base32 at all!"));
    }
}
