//! Refresh tokens, stored only as hashes.

use crate::Result;
use bulwark_domain::{DeviceId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RefreshTokenRow {
    pub token_hash: String,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    #[sqlx(try_from = "String")]
    pub device_id: DeviceId,
    pub client_id: String,
    pub security_stamp: String,
    pub expires_at: i64,
}

/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, t: &RefreshTokenRow, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO refresh_tokens (token_hash, user_id, device_id, client_id, security_stamp, \
         expires_at, creation_date) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&t.token_hash)
    .bind(t.user_id.to_string())
    .bind(t.device_id.to_string())
    .bind(&t.client_id)
    .bind(&t.security_stamp)
    .bind(t.expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes and returns the token with this hash: a refresh token is good for one use only, so
/// two concurrent refreshes with the same token cannot both succeed.
///
/// # Errors
/// Database failures; an unknown token is `Ok(None)`.
pub async fn take(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<RefreshTokenRow>> {
    Ok(sqlx::query_as(
        "DELETE FROM refresh_tokens WHERE token_hash = $1 RETURNING token_hash, user_id, \
         device_id, client_id, security_stamp, expires_at",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?)
}

/// Ends every session of the user (password, KDF or security-stamp change).
///
/// # Errors
/// Database failures.
pub async fn delete_for_user(conn: &mut AnyConnection, user_id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM refresh_tokens WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Drops expired tokens so the table does not grow without bound.
///
/// # Errors
/// Database failures.
pub async fn delete_expired(conn: &mut AnyConnection, now: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM refresh_tokens WHERE expires_at < $1")
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
