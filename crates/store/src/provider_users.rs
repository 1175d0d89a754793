//! Members of one provider (upstream `ProviderUser`). Every function that names a member takes
//! the provider and filters by it, so a member id of another provider is simply not found.

use crate::rows::{expect_one, placeholders};
use crate::{Result, StoreError};
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::{ProviderId, ProviderUserId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderUserRow {
    #[sqlx(try_from = "String")]
    pub id: ProviderUserId,
    #[sqlx(try_from = "String")]
    pub provider_id: ProviderId,
    /// `None` while Invited.
    pub user_id: Option<String>,
    /// The lower-cased invite address, only while Invited.
    pub email: Option<String>,
    /// The provider key wrapped for the member, from confirmation (or setup) on.
    pub provider_key: Option<String>,
    pub status: i64,
    pub user_type: i64,
    pub invite_token_hash: Option<String>,
    pub invite_expires_at: Option<i64>,
    pub creation_date: i64,
    pub revision_date: i64,
}

impl ProviderUserRow {
    /// # Errors
    /// When the stored user id is not a UUID.
    pub fn user(&self) -> Result<Option<UserId>> {
        crate::rows::parse_opt(self.user_id.as_deref(), "provider user id")
    }

    /// # Errors
    /// `StoreError::Corrupt` for an unknown stored type.
    pub fn user_type(&self) -> Result<ProviderUserType> {
        ProviderUserType::try_from(self.user_type)
            .map_err(|_| StoreError::Corrupt("provider user type".into()))
    }

    /// # Errors
    /// `StoreError::Corrupt` for an unknown stored status.
    pub fn status(&self) -> Result<ProviderUserStatus> {
        ProviderUserStatus::try_from(self.status)
            .map_err(|_| StoreError::Corrupt("provider user status".into()))
    }
}

/// A member with the account fields the people page shows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderUserDetailsRow {
    #[sqlx(flatten)]
    pub member: ProviderUserRow,
    pub user_name: Option<String>,
    pub account_email: Option<String>,
}

/// An Accepted member's public key, for wrapping the provider key.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderUserKeyRow {
    #[sqlx(try_from = "String")]
    pub id: ProviderUserId,
    pub user_id: String,
    pub public_key: Option<String>,
}

pub(crate) const COLUMNS: &str = "pu.id, pu.provider_id, pu.user_id, pu.email, pu.provider_key, \
    pu.status, pu.user_type, pu.invite_token_hash, pu.invite_expires_at, pu.creation_date, \
    pu.revision_date";

/// # Errors
/// `StoreError::Conflict` on `provider_users_provider_user_key` or
/// `provider_users_provider_email_key` (already a member, already invited).
pub async fn insert(conn: &mut AnyConnection, m: &ProviderUserRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO provider_users (id, provider_id, user_id, email, provider_key, status, \
         user_type, invite_token_hash, invite_expires_at, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(m.id.to_string())
    .bind(m.provider_id.to_string())
    .bind(&m.user_id)
    .bind(&m.email)
    .bind(&m.provider_key)
    .bind(m.status)
    .bind(m.user_type)
    .bind(&m.invite_token_hash)
    .bind(m.invite_expires_at)
    .bind(m.creation_date)
    .bind(m.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`.
pub async fn find(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
) -> Result<ProviderUserRow> {
    let sql =
        format!("SELECT {COLUMNS} FROM provider_users pu WHERE pu.provider_id = $1 AND pu.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(provider.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The user's membership in `provider`, if any (authz resolves the caller with this).
///
/// # Errors
/// Database failures.
pub async fn find_by_user(
    conn: &mut AnyConnection,
    provider: ProviderId,
    user: UserId,
) -> Result<Option<ProviderUserRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM provider_users pu WHERE pu.provider_id = $1 AND pu.user_id = $2"
    );
    Ok(sqlx::query_as(&sql)
        .bind(provider.to_string())
        .bind(user.to_string())
        .fetch_optional(conn)
        .await?)
}

/// The members of `provider` among `ids` (others silently left out).
///
/// # Errors
/// Database failures.
pub async fn find_many(
    conn: &mut AnyConnection,
    provider: ProviderId,
    ids: &[ProviderUserId],
) -> Result<Vec<ProviderUserRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM provider_users pu WHERE pu.provider_id = $1 AND pu.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query_as(&sql).bind(provider.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// Every member of `provider` with account name and e-mail; one query.
///
/// # Errors
/// Database failures.
pub async fn list(
    conn: &mut AnyConnection,
    provider: ProviderId,
) -> Result<Vec<ProviderUserDetailsRow>> {
    let sql = format!(
        "SELECT {COLUMNS}, u.name AS user_name, u.email AS account_email \
         FROM provider_users pu LEFT JOIN users u ON u.id = pu.user_id \
         WHERE pu.provider_id = $1 ORDER BY pu.creation_date, pu.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(provider.to_string())
        .fetch_all(conn)
        .await?)
}

/// Every address already in `provider` (invite addresses and linked accounts' e-mails).
///
/// # Errors
/// Database failures.
pub async fn taken_emails(conn: &mut AnyConnection, provider: ProviderId) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT pu.email FROM provider_users pu WHERE pu.provider_id = $1 AND pu.email IS NOT NULL \
         UNION SELECT u.email FROM provider_users pu JOIN users u ON u.id = pu.user_id \
         WHERE pu.provider_id = $1",
    )
    .bind(provider.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

/// Stores a fresh invite (or setup) token hash and its expiry.
///
/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`.
pub async fn set_invite_token(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    token_hash: &str,
    expires_at: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET invite_token_hash = $3, invite_expires_at = $4 \
         WHERE provider_id = $1 AND id = $2",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(token_hash)
    .bind(expires_at)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Invited → Accepted: links the user, clears the invite address and token.
///
/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider` and is Invited;
/// `StoreError::Conflict` if the user is already a member of the provider.
pub async fn accept(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    user: UserId,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET status = 1, user_id = $3, email = NULL, \
         invite_token_hash = NULL, invite_expires_at = NULL, revision_date = $4 \
         WHERE provider_id = $1 AND id = $2 AND status = 0",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Invited → Confirmed for the owner row of a provider created for an address without an
/// account, once that account exists and presents the setup token. The token's hash stays:
/// setup checks it again.
///
/// # Errors
/// `StoreError::NotFound` unless the row is an Invited Provider Admin of `provider`.
pub async fn claim_owner(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    user: UserId,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET status = 2, user_id = $3, email = NULL, revision_date = $4 \
         WHERE provider_id = $1 AND id = $2 AND status = 0 AND user_type = 0 AND user_id IS NULL",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Accepted → Confirmed with the provider key wrapped for the member.
///
/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`, is Accepted and has a user.
pub async fn confirm(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    provider_key: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET status = 2, provider_key = $3, email = NULL, \
         revision_date = $4 WHERE provider_id = $1 AND id = $2 AND status = 1 \
         AND user_id IS NOT NULL",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(provider_key)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Stores the owner's wrapped provider key at setup (the owner is Confirmed from creation).
///
/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`.
pub async fn set_key(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    provider_key: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET provider_key = $3, invite_token_hash = NULL, \
         invite_expires_at = NULL, revision_date = $4 WHERE provider_id = $1 AND id = $2",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(provider_key)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`.
pub async fn set_type(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
    user_type: ProviderUserType,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_users SET user_type = $3, revision_date = $4 \
         WHERE provider_id = $1 AND id = $2",
    )
    .bind(provider.to_string())
    .bind(id.to_string())
    .bind(user_type.number())
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// # Errors
/// `StoreError::NotFound` unless the member exists in `provider`.
pub async fn delete(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM provider_users WHERE provider_id = $1 AND id = $2")
        .bind(provider.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// The ids of the Confirmed Provider Admins of `provider` (the last-admin rule).
///
/// # Errors
/// Database failures, or a stored id that is not a UUID.
pub async fn confirmed_admins(
    conn: &mut AnyConnection,
    provider: ProviderId,
) -> Result<Vec<ProviderUserId>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM provider_users WHERE provider_id = $1 AND user_type = 0 AND status = 2",
    )
    .bind(provider.to_string())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id,)| {
            id.parse()
                .map_err(|_| StoreError::Corrupt("provider user id".into()))
        })
        .collect()
}

/// Public keys of the Accepted members of `provider` among `ids`.
///
/// # Errors
/// Database failures.
pub async fn public_keys(
    conn: &mut AnyConnection,
    provider: ProviderId,
    ids: &[ProviderUserId],
) -> Result<Vec<ProviderUserKeyRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT pu.id, pu.user_id, u.public_key FROM provider_users pu \
         JOIN users u ON u.id = pu.user_id \
         WHERE pu.provider_id = $1 AND pu.status = 1 AND pu.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query_as(&sql).bind(provider.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// Bumps the account revision of every confirmed member of `provider` (their clients re-sync
/// when a provider or client link changes).
///
/// # Errors
/// Database failures.
pub async fn bump_revision_of_members(
    conn: &mut AnyConnection,
    provider: ProviderId,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE users SET account_revision_date = $2 WHERE id IN \
         (SELECT user_id FROM provider_users WHERE provider_id = $1 AND user_id IS NOT NULL)",
    )
    .bind(provider.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// A provider as `profile.providers` shows it to one of its Confirmed members.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileProviderRow {
    #[sqlx(try_from = "String")]
    pub provider_id: ProviderId,
    pub name: Option<String>,
    pub provider_key: Option<String>,
    pub status: i64,
    pub user_type: i64,
    pub enabled: i64,
    pub use_events: i64,
    pub provider_status: i64,
    pub provider_type: i64,
}

/// The user's Confirmed memberships of providers that are set up (Pending ones are left out,
/// as upstream does: their owner reaches them through the setup link); one query.
///
/// # Errors
/// Database failures.
pub async fn profile_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<ProfileProviderRow>> {
    Ok(sqlx::query_as(
        "SELECT p.id AS provider_id, p.name, pu.provider_key, pu.status, pu.user_type, p.enabled, \
         p.use_events, p.status AS provider_status, p.provider_type \
         FROM provider_users pu JOIN providers p ON p.id = pu.provider_id \
         WHERE pu.user_id = $1 AND pu.status = 2 AND p.status <> 0 ORDER BY p.name, p.id",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await?)
}

/// An Invited provider member by id, in whatever provider (registration from an invitation
/// link names only the member; the token binds it to its address).
///
/// # Errors
/// Database failures.
pub async fn find_invited(
    conn: &mut AnyConnection,
    id: ProviderUserId,
) -> Result<Option<ProviderUserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM provider_users pu WHERE pu.id = $1 AND pu.status = 0");
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?)
}
