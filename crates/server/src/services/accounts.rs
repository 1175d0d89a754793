//! Account creation and the checks several account routes share.

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use bulwark_domain::time::now_micros;
use bulwark_domain::{enc_string, KdfConfig, UserId};
use bulwark_store::users::{self, UserRow};
use bulwark_wire::account::SecretVerification;
use bulwark_wire::identity::KdfSettings;

/// Emails are compared trimmed and lower-cased, as the clients derive the salt.
#[must_use]
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A deliberately simple shape check: one `@`, something on both sides, no spaces, ≤256.
///
/// # Errors
/// 400 naming the field.
pub fn validate_email(email: &str) -> ApiResult<()> {
    let ok = email.len() <= 256
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.contains('@')
        });
    if ok {
        Ok(())
    } else {
        Err(ApiError::field(
            "Email",
            "The Email field is not a supported e-mail address format.",
        ))
    }
}

/// A master-password hash is base64 of 32 bytes; anything else is refused before hashing.
///
/// # Errors
/// 400 naming the field.
pub fn validate_password_hash(field: &str, hash: &str) -> ApiResult<()> {
    if hash.is_empty() || hash.len() > 1000 {
        return Err(ApiError::field(
            field,
            format!("The {field} field is required."),
        ));
    }
    Ok(())
}

/// # Errors
/// 400 with the upstream KDF message.
pub fn kdf_from_settings(k: &KdfSettings) -> ApiResult<KdfConfig> {
    KdfConfig::new(k.kdf_type, k.iterations, k.memory, k.parallelism).map_err(ApiError::bad)
}

/// # Errors
/// 400 naming the field.
pub fn require_enc_string(field: &str, value: &str) -> ApiResult<()> {
    if enc_string::is_valid(value) {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            format!("{field} is not a valid encrypted string."),
        ))
    }
}

pub struct NewAccount {
    pub email: String,
    pub name: Option<String>,
    pub hint: Option<String>,
    pub master_password_hash: String,
    pub kdf: KdfConfig,
    pub user_key: String,
    pub public_key: Option<String>,
    pub private_key: Option<String>,
    pub user_key_id: Option<String>,
}

/// Creates an account. The email must already be normalized and validated.
///
/// # Errors
/// 400 when the email is taken.
pub async fn create(state: &AppState, a: NewAccount) -> ApiResult<UserRow> {
    let password_hash = state.passwords.hash(a.master_password_hash).await?;
    let now = now_micros();
    let user = UserRow {
        id: UserId::new(),
        salt: a.email.clone(),
        email: a.email,
        name: a.name.filter(|n| !n.trim().is_empty()),
        email_verified: 1,
        password_hash,
        password_hint: a.hint,
        kdf_type: a.kdf.type_number(),
        kdf_iterations: a.kdf.iterations,
        kdf_memory: a.kdf.memory,
        kdf_parallelism: a.kdf.parallelism,
        user_key: a.user_key,
        private_key: a.private_key,
        public_key: a.public_key,
        user_key_id: a.user_key_id,
        security_stamp: crate::auth::tokens::new_security_stamp(),
        api_key: crate::auth::tokens::random_alphanumeric(30),
        culture: "en-US".into(),
        avatar_color: None,
        equivalent_domains: None,
        excluded_global_domains: None,
        creation_date: now,
        revision_date: now,
        account_revision_date: now,
    };
    let mut conn = state.store.conn().await?;
    match users::insert(&mut conn, &user).await {
        Ok(()) => Ok(user),
        Err(e) if e.is_conflict_on("users_email_key", "users.email") => Err(ApiError::field(
            "",
            format!("Email '{}' is already taken.", user.email),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Checks a `SecretVerification` body against the account's master password.
///
/// # Errors
/// 400 `User verification failed.` (or the missing-secret message).
pub async fn verify_secret(
    state: &AppState,
    user: &UserRow,
    body: &SecretVerification,
) -> ApiResult<()> {
    let Some(hash) = body
        .master_password_hash
        .as_deref()
        .filter(|h| !h.is_empty())
    else {
        return Err(ApiError::bad(
            "MasterPasswordHash, OTP, or AccessCode must be supplied.",
        ));
    };
    verify_master_password(state, user, hash, "", "User verification failed.").await
}

/// The per-account failure counter's key. Login and every re-authenticating route share it,
/// so a guesser gets one budget per account whichever route they use.
#[must_use]
pub fn account_throttle_key(email: &str) -> String {
    format!("account:{}", normalize_email(email))
}

/// 429 in the `/api` error shape; the clients show their own rate-limit text.
#[must_use]
pub fn throttled() -> ApiError {
    ApiError::TooManyRequests("Too many failed attempts. Try again later.".into())
}

/// Verifies `hash` against the account; on failure a validation error keyed `key`. Throttled
/// per account, so routes that re-check the master password cannot be used to guess it.
///
/// # Errors
/// 429 when the account used up its failures; 400 with `message` under `key`.
pub async fn verify_master_password(
    state: &AppState,
    user: &UserRow,
    hash: &str,
    key: &str,
    message: &str,
) -> ApiResult<()> {
    let limit_key = account_throttle_key(&user.email);
    if state.limits.per_account.is_blocked(&limit_key) {
        return Err(throttled());
    }
    if state
        .passwords
        .verify(Some(user.password_hash.clone()), hash.to_owned())
        .await
    {
        Ok(())
    } else {
        state.limits.per_account.record_failure(&limit_key);
        Err(ApiError::field(key, message))
    }
}

/// Whether any two-step provider is enabled for the account.
///
/// # Errors
/// Database failures.
pub async fn two_factor_enabled(state: &AppState, user: UserId) -> ApiResult<bool> {
    let mut conn = state.store.conn().await?;
    let providers = bulwark_store::two_factor::list(&mut conn, user).await?;
    Ok(providers.iter().any(|p| p.enabled != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_and_shape_checked() {
        assert_eq!(normalize_email("  Alice@Example.COM "), "alice@example.com");
        assert!(validate_email("a@example.com").is_ok());
        assert!(validate_email("a@b").is_err());
        assert!(validate_email("@example.com").is_err());
        assert!(validate_email("a b@example.com").is_err());
        assert!(validate_email(&format!("{}@example.com", "a".repeat(260))).is_err());
    }
}
