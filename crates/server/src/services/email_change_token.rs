//! The token mailed to a new e-mail address: a signed, one-hour claim over the account, the
//! new address and the account's security stamp. Nothing is stored: the change itself (like a
//! password change or "sign out everywhere") rotates the stamp, which retires the token, so it
//! is good for one use; a token for another account or another address never matches.

use crate::auth::tokens::hash_token;
use crate::error::{ApiError, ApiResult};
use bulwark_domain::UserId;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// What `AppState::jwt.derive_key` is asked for, so these tokens have a key of their own.
pub const KEY_PURPOSE: &str = "email-change";
const AUDIENCE: &str = "bulwark-email-change";
const LIFETIME_SECS: i64 = 60 * 60;
pub const INVALID: &str = "Invalid token.";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    exp: i64,
    sub: String,
    email: String,
    /// A hash, not the stamp: the payload of a signed token is readable by whoever holds it.
    stamp: String,
}

/// The account a token is checked against.
pub struct Holder<'a> {
    pub user: UserId,
    pub security_stamp: &'a str,
}

/// # Errors
/// Never in practice (HS256 over a fixed struct).
pub fn issue(secret: &[u8], holder: &Holder<'_>, new_email: &str) -> ApiResult<String> {
    let claims = Claims {
        aud: AUDIENCE.into(),
        exp: chrono::Utc::now().timestamp() + LIFETIME_SECS,
        sub: holder.user.to_string(),
        email: new_email.to_owned(),
        stamp: hash_token(holder.security_stamp),
    };
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| ApiError::Internal(e.into()))
}

/// Whether `token` was issued to this account, in its current security stamp, for `new_email`
/// (normalized), and has not expired.
#[must_use]
pub fn is_valid(secret: &[u8], token: &str, holder: &Holder<'_>, new_email: &str) -> bool {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[AUDIENCE]);
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &v).is_ok_and(|d| {
        d.claims.sub == holder.user.to_string()
            && d.claims.email == new_email
            && d.claims.stamp == hash_token(holder.security_stamp)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_only_its_account_address_stamp_and_key() {
        let user = UserId::new();
        let holder = Holder {
            user,
            security_stamp: "s1",
        };
        let t = issue(b"k1", &holder, "new@example.com").unwrap();
        assert!(is_valid(b"k1", &t, &holder, "new@example.com"));
        assert!(!is_valid(b"k2", &t, &holder, "new@example.com"));
        assert!(!is_valid(b"k1", &t, &holder, "other@example.com"));
        let restamped = Holder {
            user,
            security_stamp: "s2",
        };
        assert!(!is_valid(b"k1", &t, &restamped, "new@example.com"));
        let stranger = Holder {
            user: UserId::new(),
            security_stamp: "s1",
        };
        assert!(!is_valid(b"k1", &t, &stranger, "new@example.com"));
        assert!(!is_valid(b"k1", "garbage", &holder, "new@example.com"));
    }
}
