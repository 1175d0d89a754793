//! The organization invitation token (spec §8): a signed claim over the membership id, the
//! invite address and an expiry, under a key derived for this purpose only, so it can never
//! pass as a login or registration token. Clients treat it as opaque.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const AUDIENCE: &str = "bulwark-org-invite";
/// Upstream's default `OrganizationInviteExpirationHours` (120 h).
pub const LIFETIME_SECS: i64 = 5 * 24 * 3600;
/// The purpose given to `JwtKeys::derive_key`.
pub const KEY_PURPOSE: &str = "org-invite";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    exp: i64,
    /// Membership id.
    mid: String,
    email: String,
    /// Random, so a re-sent invitation differs from the one it replaces even within the same
    /// second (only the current token's hash is kept).
    #[serde(default)]
    jti: String,
}

/// Why a token was refused; each maps to one upstream message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    Invalid,
    Expired,
}

impl TokenError {
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::Invalid => "Invalid token.",
            Self::Expired => "Expired token.",
        }
    }
}

/// A token for `membership` and `email` valid until `expires` (unix seconds).
///
/// # Errors
/// Never in practice (HS256 over a fixed struct).
pub fn issue(secret: &[u8], membership: &str, email: &str, expires: i64) -> anyhow::Result<String> {
    let claims = Claims {
        aud: AUDIENCE.into(),
        exp: expires,
        mid: membership.to_owned(),
        email: email.to_owned(),
        jti: crate::auth::tokens::random_alphanumeric(16),
    };
    Ok(encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )?)
}

/// Checks the signature, then the expiry against `now` (unix seconds), then that the token
/// names `membership` and (case-insensitively) `email`.
///
/// # Errors
/// [`TokenError::Invalid`] for anything forged, foreign or mismatched; [`TokenError::Expired`]
/// for a genuine token past its expiry.
pub fn verify(
    secret: &[u8],
    token: &str,
    membership: &str,
    email: Option<&str>,
    now: i64,
) -> Result<(), TokenError> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[AUDIENCE]);
    // Expiry is checked below so that an expired token gets its own message.
    v.validate_exp = false;
    v.required_spec_claims.clear();
    let claims = decode::<Claims>(token, &DecodingKey::from_secret(secret), &v)
        .map_err(|_| TokenError::Invalid)?
        .claims;
    if claims.mid != membership || email.is_some_and(|e| !e.eq_ignore_ascii_case(&claims.email)) {
        return Err(TokenError::Invalid);
    }
    if claims.exp < now {
        return Err(TokenError::Expired);
    }
    Ok(())
}

/// The e-mail a genuine, unexpired token was issued for (registration from an invitation
/// counts it as verified).
#[must_use]
pub fn email_of(secret: &[u8], token: &str, membership: &str, now: i64) -> Option<String> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[AUDIENCE]);
    // Expiry is judged against `now` below.
    v.validate_exp = false;
    v.required_spec_claims.clear();
    let claims = decode::<Claims>(token, &DecodingKey::from_secret(secret), &v)
        .ok()?
        .claims;
    (claims.mid == membership && claims.exp >= now).then_some(claims.email)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_membership_email_and_expiry() {
        let t = issue(b"k", "m1", "a@example.com", 1_000).unwrap();
        assert_eq!(verify(b"k", &t, "m1", Some("A@example.com"), 999), Ok(()));
        assert_eq!(
            verify(b"k", &t, "m1", Some("a@example.com"), 1_001),
            Err(TokenError::Expired)
        );
        assert_eq!(
            verify(b"k", &t, "m2", Some("a@example.com"), 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            verify(b"k", &t, "m1", Some("b@example.com"), 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            verify(b"other", &t, "m1", None, 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            verify(b"k", "garbage", "m1", None, 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            email_of(b"k", &t, "m1", 10).as_deref(),
            Some("a@example.com")
        );
        assert_eq!(email_of(b"k", &t, "m1", 2_000), None);
    }
}
