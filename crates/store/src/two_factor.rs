//! Two-step login providers and the recovery code.

use crate::Result;
use bulwark_domain::UserId;
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TwoFactorRow {
    pub provider_type: i64,
    pub secret: String,
    pub enabled: i64,
    pub last_used_step: i64,
}

/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, user_id: UserId) -> Result<Vec<TwoFactorRow>> {
    Ok(sqlx::query_as(
        "SELECT provider_type, secret, enabled, last_used_step FROM two_factor \
         WHERE user_id = $1 ORDER BY provider_type",
    )
    .bind(user_id.to_string())
    .fetch_all(conn)
    .await?)
}

/// # Errors
/// Database failures.
pub async fn upsert(
    conn: &mut AnyConnection,
    user_id: UserId,
    provider_type: i64,
    secret: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO two_factor (user_id, provider_type, secret, enabled, last_used_step) \
         VALUES ($1, $2, $3, 1, 0) ON CONFLICT (user_id, provider_type) \
         DO UPDATE SET secret = $3, enabled = 1, last_used_step = 0",
    )
    .bind(user_id.to_string())
    .bind(provider_type)
    .bind(secret)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records `step` as used, only if it is newer than the last used one. Returns false when the
/// step was already used, so a replayed code fails even under concurrent logins.
///
/// # Errors
/// Database failures.
pub async fn claim_step(
    conn: &mut AnyConnection,
    user_id: UserId,
    provider_type: i64,
    step: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE two_factor SET last_used_step = $3 \
         WHERE user_id = $1 AND provider_type = $2 AND last_used_step < $3",
    )
    .bind(user_id.to_string())
    .bind(provider_type)
    .bind(step)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// # Errors
/// Database failures.
pub async fn delete(conn: &mut AnyConnection, user_id: UserId, provider_type: i64) -> Result<()> {
    sqlx::query("DELETE FROM two_factor WHERE user_id = $1 AND provider_type = $2")
        .bind(user_id.to_string())
        .bind(provider_type)
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// Database failures.
pub async fn delete_all(conn: &mut AnyConnection, user_id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM two_factor WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// Database failures.
pub async fn recovery_code(conn: &mut AnyConnection, user_id: UserId) -> Result<Option<String>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT code FROM recovery_codes WHERE user_id = $1")
            .bind(user_id.to_string())
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|r| r.0))
}

/// # Errors
/// Database failures.
pub async fn set_recovery_code(
    conn: &mut AnyConnection,
    user_id: UserId,
    code: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO recovery_codes (user_id, code) VALUES ($1, $2) \
         ON CONFLICT (user_id) DO UPDATE SET code = $2",
    )
    .bind(user_id.to_string())
    .bind(code)
    .execute(conn)
    .await?;
    Ok(())
}
