//! The second factor during a password login: TOTP, the remember-device token, or the
//! recovery code (which removes every provider).

use super::token::DeviceFields;
use crate::error::{ApiError, ApiResult};
use crate::services::totp;
use crate::state::AppState;
use bulwark_store::two_factor;
use bulwark_store::users::UserRow;

pub const AUTHENTICATOR: i64 = 0;
pub const REMEMBER: i64 = 5;
pub const RECOVERY_CODE: i64 = 8;

fn invalid_code() -> ApiError {
    ApiError::invalid_grant("Two-step token is invalid. Try again.")
}

/// Passes when the user has no second factor or proved one. Returns the remember token to hand
/// out when the client asked for it.
///
/// # Errors
/// `TwoFactorRequired` when a factor is needed and none was given; `invalid_grant` for a wrong one.
pub async fn check(
    state: &AppState,
    user: &UserRow,
    device: &DeviceFields,
    token: Option<&str>,
    provider: Option<&str>,
    remember: Option<&str>,
) -> ApiResult<Option<String>> {
    let mut conn = state.store.conn().await?;
    let enabled: Vec<_> = two_factor::list(&mut conn, user.id)
        .await?
        .into_iter()
        .filter(|p| p.enabled != 0)
        .collect();
    if enabled.is_empty() {
        return Ok(None);
    }
    let required =
        || ApiError::TwoFactorRequired(enabled.iter().map(|p| p.provider_type).collect());
    let (Some(token), Some(provider)) = (token, provider.and_then(|p| p.parse::<i64>().ok()))
    else {
        return Err(required());
    };
    let now = chrono::Utc::now().timestamp();
    let remember_key = state.jwt.derive_key("two-factor-remember");
    let user_id = user.id.to_string();
    match provider {
        REMEMBER => {
            return if totp::remember_token_valid(
                &remember_key,
                token,
                &user_id,
                &device.identifier,
                &user.security_stamp,
                now,
            ) {
                Ok(None)
            } else {
                Err(required())
            };
        }
        RECOVERY_CODE => {
            let stored = two_factor::recovery_code(&mut conn, user.id).await?;
            let given = token.replace(' ', "").trim().to_lowercase();
            if !stored.is_some_and(|s| crate::auth::tokens::secrets_equal(&s, &given)) {
                return Err(invalid_code());
            }
            // Give the pool connection back before taking another: holding both could starve
            // a small pool under concurrent recoveries.
            drop(conn);
            let mut tx = state.store.begin().await?;
            two_factor::delete_all(&mut tx, user.id).await?;
            two_factor::set_recovery_code(
                &mut tx,
                user.id,
                &crate::auth::tokens::new_recovery_code(),
            )
            .await?;
            let now = bulwark_domain::time::now_micros();
            crate::services::two_factor_compliance::revoke_if_non_compliant(
                &mut tx,
                user.id,
                &crate::services::events::RequestOrigin::default(),
                now,
            )
            .await?;
            tx.commit().await?;
            return Ok(None);
        }
        AUTHENTICATOR => {
            let Some(p) = enabled.iter().find(|p| p.provider_type == AUTHENTICATOR) else {
                return Err(invalid_code());
            };
            let step = totp::matching_step(&p.secret, token, u64::try_from(now).unwrap_or(0))
                .ok_or_else(invalid_code)?;
            // Claiming the step in the database makes each code single-use, also across
            // concurrent logins and several servers.
            let step = i64::try_from(step).map_err(|_| invalid_code())?;
            if !two_factor::claim_step(&mut conn, user.id, AUTHENTICATOR, step).await? {
                return Err(invalid_code());
            }
        }
        _ => return Err(invalid_code()),
    }
    Ok((remember == Some("1")).then(|| {
        totp::remember_token(
            &remember_key,
            &user_id,
            &device.identifier,
            &user.security_stamp,
            now,
        )
    }))
}
