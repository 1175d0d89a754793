//! Provider invitation tokens (spec §3.1, §3.2): the SETUP invitation the operator sends a new
//! provider's owner, and the USER invitation a Provider Admin sends a new member. Both are
//! signed claims (HS256) under a key derived for providers only, each kind with its own
//! audience, so neither can pass as the other, as an organization invitation or as a login.
//!
//! The store keeps the SHA-256 of the newest token of each provider user
//! (`provider_users.invite_token_hash`); `verify_*` compares it too, so re-sending an
//! invitation makes every older link stop working even before it expires.
//!
//! Use: `issue_*` when inviting ([`hash`] of the result goes to the store), `verify_*` in
//! `POST /providers/{id}/setup` and `POST /providers/{id}/users/{id}/accept` with the ids from
//! the route, the caller's e-mail and the row's stored hash.

use crate::auth::tokens::{hash_token, secrets_equal};
use bulwark_domain::{ProviderId, ProviderUserId};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub use crate::services::invite_token::TokenError;

/// Upstream's `OrganizationInviteExpirationHours` default (120 h) for both kinds.
pub const LIFETIME_SECS: i64 = 5 * 24 * 3600;
/// The purpose given to `JwtKeys::derive_key`.
pub const KEY_PURPOSE: &str = "provider-invite";

const SETUP_AUDIENCE: &str = "bulwark-provider-setup";
const USER_AUDIENCE: &str = "bulwark-provider-user-invite";

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    exp: i64,
    /// The provider (setup tokens only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pid: Option<String>,
    /// The provider user: the owner's row for setup, the invited row for a user invitation.
    puid: String,
    email: String,
    /// A random nonce: a re-send within the same second must still give a new token, or the
    /// "older links stop working" rule would not hold.
    jti: String,
}

/// What the store keeps of a token.
#[must_use]
pub fn hash(token: &str) -> String {
    hash_token(token)
}

fn sign(secret: &[u8], claims: &Claims) -> anyhow::Result<String> {
    Ok(encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )?)
}

/// A setup invitation for the owner row `owner` of `provider`, sent to `email`, valid until
/// `expires` (unix seconds).
///
/// # Errors
/// Never in practice (HS256 over a fixed struct).
pub fn issue_setup(
    secret: &[u8],
    provider: ProviderId,
    owner: ProviderUserId,
    email: &str,
    expires: i64,
) -> anyhow::Result<String> {
    sign(
        secret,
        &Claims {
            aud: SETUP_AUDIENCE.into(),
            exp: expires,
            pid: Some(provider.to_string()),
            puid: owner.to_string(),
            email: email.to_owned(),
            jti: uuid::Uuid::new_v4().simple().to_string(),
        },
    )
}

/// An invitation for the provider user `member`, sent to `email`, valid until `expires`
/// (unix seconds).
///
/// # Errors
/// Never in practice (HS256 over a fixed struct).
pub fn issue_user_invite(
    secret: &[u8],
    member: ProviderUserId,
    email: &str,
    expires: i64,
) -> anyhow::Result<String> {
    sign(
        secret,
        &Claims {
            aud: USER_AUDIENCE.into(),
            exp: expires,
            pid: None,
            puid: member.to_string(),
            email: email.to_owned(),
            jti: uuid::Uuid::new_v4().simple().to_string(),
        },
    )
}

/// Signature and audience only; expiry is judged by the caller so it gets its own message.
fn decode_claims(secret: &[u8], token: &str, audience: &str) -> Result<Claims, TokenError> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[audience]);
    v.validate_exp = false;
    v.required_spec_claims.clear();
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &v)
        .map(|d| d.claims)
        .map_err(|_| TokenError::Invalid)
}

/// The checks both kinds share, in an order that never tells a forger more than "invalid":
/// the stored hash (the newest token), then the e-mail, then the expiry.
fn check(
    claims: &Claims,
    token: &str,
    email: &str,
    stored_hash: Option<&str>,
    now: i64,
) -> Result<(), TokenError> {
    let newest = stored_hash.is_some_and(|h| secrets_equal(h, &hash_token(token)));
    if !newest || !claims.email.eq_ignore_ascii_case(email.trim()) {
        return Err(TokenError::Invalid);
    }
    if claims.exp < now {
        return Err(TokenError::Expired);
    }
    Ok(())
}

/// Accepts a setup token for `provider` and its owner row `owner` presented by the account
/// `email`, when it is the newest one issued (`stored_hash` is the owner row's
/// `invite_token_hash`) and not expired at `now` (unix seconds).
///
/// # Errors
/// [`TokenError::Invalid`] for anything forged, foreign, superseded or mismatched;
/// [`TokenError::Expired`] for the newest genuine token past its expiry.
pub fn verify_setup(
    secret: &[u8],
    token: &str,
    provider: ProviderId,
    owner: ProviderUserId,
    email: &str,
    stored_hash: Option<&str>,
    now: i64,
) -> Result<(), TokenError> {
    let claims = decode_claims(secret, token, SETUP_AUDIENCE)?;
    if claims.pid.as_deref() != Some(provider.to_string().as_str())
        || claims.puid != owner.to_string()
    {
        return Err(TokenError::Invalid);
    }
    check(&claims, token, email, stored_hash, now)
}

/// Accepts an invitation token for the provider user `member` presented by the account
/// `email`, when it is the newest one issued (`stored_hash` is the row's `invite_token_hash`)
/// and not expired at `now` (unix seconds).
///
/// # Errors
/// As [`verify_setup`].
pub fn verify_user_invite(
    secret: &[u8],
    token: &str,
    member: ProviderUserId,
    email: &str,
    stored_hash: Option<&str>,
    now: i64,
) -> Result<(), TokenError> {
    let claims = decode_claims(secret, token, USER_AUDIENCE)?;
    if claims.puid != member.to_string() {
        return Err(TokenError::Invalid);
    }
    check(&claims, token, email, stored_hash, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_tokens_bind_provider_owner_email_hash_and_expiry() {
        let (p, o) = (ProviderId::new(), ProviderUserId::new());
        let t = issue_setup(b"k", p, o, "Owner@example.com", 1_000).unwrap();
        let h = hash(&t);
        let ok = |token: &str, p, o, email, stored: Option<&str>, now| {
            verify_setup(b"k", token, p, o, email, stored, now)
        };
        assert_eq!(ok(&t, p, o, "owner@EXAMPLE.com", Some(&h), 999), Ok(()));
        assert_eq!(
            ok(&t, p, o, "owner@example.com", Some(&h), 1_001),
            Err(TokenError::Expired)
        );
        let invalid = Err(TokenError::Invalid);
        assert_eq!(
            ok(&t, ProviderId::new(), o, "owner@example.com", Some(&h), 0),
            invalid
        );
        assert_eq!(
            ok(
                &t,
                p,
                ProviderUserId::new(),
                "owner@example.com",
                Some(&h),
                0
            ),
            invalid
        );
        assert_eq!(ok(&t, p, o, "other@example.com", Some(&h), 0), invalid);
        // Superseded by a re-send, or no invitation outstanding.
        assert_eq!(ok(&t, p, o, "owner@example.com", Some("00"), 0), invalid);
        assert_eq!(ok(&t, p, o, "owner@example.com", None, 0), invalid);
        assert_eq!(
            verify_setup(b"other", &t, p, o, "owner@example.com", Some(&h), 0),
            invalid
        );
        assert_eq!(
            ok("garbage", p, o, "owner@example.com", Some(&h), 0),
            invalid
        );
        // An expired token that was superseded is just invalid (no hint it was genuine).
        assert_eq!(ok(&t, p, o, "owner@example.com", None, 2_000), invalid);
    }

    #[test]
    fn each_issue_is_a_new_token() {
        let (p, o) = (ProviderId::new(), ProviderUserId::new());
        let a = issue_setup(b"k", p, o, "a@example.com", 1_000).unwrap();
        let b = issue_setup(b"k", p, o, "a@example.com", 1_000).unwrap();
        assert_ne!(a, b);
        assert_eq!(
            verify_setup(b"k", &a, p, o, "a@example.com", Some(&hash(&b)), 0),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn user_invitations_bind_member_email_hash_and_expiry() {
        let m = ProviderUserId::new();
        let t = issue_user_invite(b"k", m, "a@example.com", 1_000).unwrap();
        let h = hash(&t);
        assert_eq!(
            verify_user_invite(b"k", &t, m, "A@example.com", Some(&h), 10),
            Ok(())
        );
        assert_eq!(
            verify_user_invite(b"k", &t, m, "a@example.com", Some(&h), 1_001),
            Err(TokenError::Expired)
        );
        assert_eq!(
            verify_user_invite(
                b"k",
                &t,
                ProviderUserId::new(),
                "a@example.com",
                Some(&h),
                0
            ),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            verify_user_invite(b"k", &t, m, "b@example.com", Some(&h), 0),
            Err(TokenError::Invalid)
        );
    }

    #[test]
    fn the_two_kinds_and_org_invitations_never_pass_for_each_other() {
        let (p, m) = (ProviderId::new(), ProviderUserId::new());
        let setup = issue_setup(b"k", p, m, "a@example.com", 1_000).unwrap();
        let invite = issue_user_invite(b"k", m, "a@example.com", 1_000).unwrap();
        assert_eq!(
            verify_user_invite(b"k", &setup, m, "a@example.com", Some(&hash(&setup)), 0),
            Err(TokenError::Invalid)
        );
        assert_eq!(
            verify_setup(
                b"k",
                &invite,
                p,
                m,
                "a@example.com",
                Some(&hash(&invite)),
                0
            ),
            Err(TokenError::Invalid)
        );
        let org =
            crate::services::invite_token::issue(b"k", &m.to_string(), "a@example.com", 1_000)
                .unwrap();
        assert_eq!(
            verify_user_invite(b"k", &org, m, "a@example.com", Some(&hash(&org)), 0),
            Err(TokenError::Invalid)
        );
    }
}
