//! Provider invitation and setup tokens: the organization invitation token's format (signed
//! claims over the member id, the address and an expiry), under a key derived for providers
//! only, so an org invitation can never pass as a provider one or the reverse. The setup link
//! the operator sends a new provider's owner is one of these too, for the owner's member row.

use crate::auth::tokens::hash_token;
use crate::error::ApiResult;
use crate::services::invite_token::{self, TokenError, LIFETIME_SECS};
use crate::state::AppState;
use bulwark_domain::ProviderUserId;

const KEY_PURPOSE: &str = "provider-invite";

/// A fresh token and what the store keeps of it.
pub struct IssuedToken {
    pub token: String,
    pub hash: String,
    /// Expiry in microseconds since the epoch.
    pub expires_at: i64,
}

/// A token for `member` at `email`, valid for upstream's 120 hours from `now` (µs).
///
/// # Errors
/// Never in practice (signing a fixed struct).
pub fn issue(
    state: &AppState,
    member: ProviderUserId,
    email: &str,
    now: i64,
) -> ApiResult<IssuedToken> {
    let expires_secs = now / 1_000_000 + LIFETIME_SECS;
    let token = invite_token::issue(
        &state.jwt.derive_key(KEY_PURPOSE),
        &member.to_string(),
        email,
        expires_secs,
    )?;
    Ok(IssuedToken {
        hash: hash_token(&token),
        token,
        expires_at: expires_secs * 1_000_000,
    })
}

/// Checks a token for `member` and `email` at `now` (µs), and that it is the member's current
/// one (`stored_hash`): sending a new invitation retires the older link.
///
/// # Errors
/// [`TokenError`] with upstream's message.
pub fn verify(
    state: &AppState,
    token: &str,
    member: ProviderUserId,
    email: &str,
    stored_hash: Option<&str>,
    now: i64,
) -> Result<(), TokenError> {
    invite_token::verify(
        &state.jwt.derive_key(KEY_PURPOSE),
        token,
        &member.to_string(),
        Some(email),
        now / 1_000_000,
    )?;
    if stored_hash != Some(hash_token(token).as_str()) {
        return Err(TokenError::Invalid);
    }
    Ok(())
}
