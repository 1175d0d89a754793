//! Accounts.

use crate::{Result, StoreError};
use bulwark_domain::UserId;
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    #[sqlx(try_from = "String")]
    pub id: UserId,
    pub email: String,
    pub name: Option<String>,
    pub email_verified: i64,
    pub password_hash: String,
    pub password_hint: Option<String>,
    pub salt: String,
    pub kdf_type: i64,
    pub kdf_iterations: i64,
    pub kdf_memory: Option<i64>,
    pub kdf_parallelism: Option<i64>,
    pub user_key: String,
    pub private_key: Option<String>,
    pub public_key: Option<String>,
    pub user_key_id: Option<String>,
    pub security_stamp: String,
    pub api_key: String,
    pub culture: String,
    pub avatar_color: Option<String>,
    pub equivalent_domains: Option<String>,
    pub excluded_global_domains: Option<String>,
    pub creation_date: i64,
    pub revision_date: i64,
    pub account_revision_date: i64,
}

const COLUMNS: &str = "id, email, name, email_verified, password_hash, password_hint, salt, \
    kdf_type, kdf_iterations, kdf_memory, kdf_parallelism, user_key, private_key, public_key, \
    user_key_id, security_stamp, api_key, culture, avatar_color, equivalent_domains, \
    excluded_global_domains, creation_date, revision_date, account_revision_date";

/// Inserts a new account.
///
/// # Errors
/// `StoreError::Conflict` when the email is taken.
pub async fn insert(conn: &mut AnyConnection, u: &UserRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO users ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
    );
    sqlx::query(&sql)
        .bind(u.id.to_string())
        .bind(&u.email)
        .bind(&u.name)
        .bind(u.email_verified)
        .bind(&u.password_hash)
        .bind(&u.password_hint)
        .bind(&u.salt)
        .bind(u.kdf_type)
        .bind(u.kdf_iterations)
        .bind(u.kdf_memory)
        .bind(u.kdf_parallelism)
        .bind(&u.user_key)
        .bind(&u.private_key)
        .bind(&u.public_key)
        .bind(&u.user_key_id)
        .bind(&u.security_stamp)
        .bind(&u.api_key)
        .bind(&u.culture)
        .bind(&u.avatar_color)
        .bind(&u.equivalent_domains)
        .bind(&u.excluded_global_domains)
        .bind(u.creation_date)
        .bind(u.revision_date)
        .bind(u.account_revision_date)
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` when there is no such account.
pub async fn find(conn: &mut AnyConnection, id: UserId) -> Result<UserRow> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// Looks an account up by its normalized (trimmed, lower-cased) email.
///
/// # Errors
/// Database failures only; an unknown email is `Ok(None)`.
pub async fn find_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    Ok(sqlx::query_as(&sql)
        .bind(email)
        .fetch_optional(conn)
        .await?)
}

/// Writes back every mutable column of an account.
///
/// # Errors
/// `StoreError::NotFound` when the account is gone.
pub async fn update(conn: &mut AnyConnection, u: &UserRow) -> Result<()> {
    let done = sqlx::query(
        "UPDATE users SET email = $2, name = $3, email_verified = $4, password_hash = $5, \
         password_hint = $6, salt = $7, kdf_type = $8, kdf_iterations = $9, kdf_memory = $10, \
         kdf_parallelism = $11, user_key = $12, private_key = $13, public_key = $14, \
         user_key_id = $15, security_stamp = $16, api_key = $17, culture = $18, \
         avatar_color = $19, equivalent_domains = $20, excluded_global_domains = $21, \
         revision_date = $22, account_revision_date = $23 WHERE id = $1",
    )
    .bind(u.id.to_string())
    .bind(&u.email)
    .bind(&u.name)
    .bind(u.email_verified)
    .bind(&u.password_hash)
    .bind(&u.password_hint)
    .bind(&u.salt)
    .bind(u.kdf_type)
    .bind(u.kdf_iterations)
    .bind(u.kdf_memory)
    .bind(u.kdf_parallelism)
    .bind(&u.user_key)
    .bind(&u.private_key)
    .bind(&u.public_key)
    .bind(&u.user_key_id)
    .bind(&u.security_stamp)
    .bind(&u.api_key)
    .bind(&u.culture)
    .bind(&u.avatar_color)
    .bind(&u.equivalent_domains)
    .bind(&u.excluded_global_domains)
    .bind(u.revision_date)
    .bind(u.account_revision_date)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Moves the account's revision date so clients know to sync. Run it first in a write
/// transaction: on SQLite that takes the write lock up front.
///
/// # Errors
/// `StoreError::NotFound` when the account is gone.
pub async fn bump_revision(conn: &mut AnyConnection, id: UserId, now: i64) -> Result<()> {
    let done = sqlx::query(BUMP_REVISION)
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Moves the revision date of every account with a membership in `org` (any status), so each
/// member's client re-syncs after a change to what the org shares. One statement.
///
/// # Errors
/// Database failures.
pub async fn bump_revision_for_org(
    conn: &mut AnyConnection,
    org: bulwark_domain::OrgId,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET account_revision_date = $2 WHERE id IN \
         (SELECT user_id FROM organization_users WHERE org_id = $1 AND user_id IS NOT NULL)",
    )
    .bind(org.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves the revision date of every account with a membership in a client org of `provider`
/// (any status), so their clients re-sync after the provider changes for all its clients at
/// once (disabled or enabled). One statement.
///
/// # Errors
/// Database failures.
pub async fn bump_revision_for_provider_clients(
    conn: &mut AnyConnection,
    provider: bulwark_domain::ProviderId,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET account_revision_date = $2 WHERE id IN \
         (SELECT m.user_id FROM organization_users m \
          JOIN provider_organizations l ON l.org_id = m.org_id \
          WHERE l.provider_id = $1 AND m.user_id IS NOT NULL)",
    )
    .bind(provider.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) const BUMP_REVISION: &str = "UPDATE users SET account_revision_date = $2 WHERE id = $1";

/// Deletes the account; foreign keys cascade to its devices, sessions, folders and items.
///
/// # Errors
/// Database failures.
pub async fn delete(conn: &mut AnyConnection, id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}
