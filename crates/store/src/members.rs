//! Memberships of one organization (upstream `OrganizationUser`). Every function takes the org
//! and filters by it, so a membership id from another org is simply not found.

use crate::rows::{expect_one, parse_opt, placeholders};
use crate::{Result, StoreError};
use bulwark_domain::member_rules::MemberRole;
use bulwark_domain::{MembershipId, OrgId, OrgUserStatus, OrgUserType, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    #[sqlx(try_from = "String")]
    pub id: MembershipId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    /// `None` while Invited.
    pub user_id: Option<String>,
    /// The lower-cased invite address, only while Invited.
    pub email: Option<String>,
    /// The org key wrapped to the member, from confirmation on.
    pub member_key: Option<String>,
    pub status: i64,
    pub member_type: i64,
    /// Custom permissions as JSON text.
    pub permissions: Option<String>,
    pub reset_password_key: Option<String>,
    pub external_id: Option<String>,
    pub access_secrets_manager: i64,
    pub revocation_reason: Option<i64>,
    pub invite_token_hash: Option<String>,
    pub invite_expires_at: Option<i64>,
    pub creation_date: i64,
    pub revision_date: i64,
}

impl MemberRow {
    /// # Errors
    /// When the stored user id is not a UUID.
    pub fn user(&self) -> Result<Option<UserId>> {
        parse_opt(self.user_id.as_deref(), "membership user id")
    }
}

/// A membership with the account fields the members page shows, loaded in one query.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberDetailsRow {
    #[sqlx(flatten)]
    pub member: MemberRow,
    pub user_name: Option<String>,
    /// The account e-mail (`None` while Invited: the invite address is `member.email`).
    pub account_email: Option<String>,
    pub avatar_color: Option<String>,
    /// 1 when the account has an enabled two-step login method.
    pub two_factor_enabled: i64,
}

pub(crate) const MEMBER_COLUMNS: &str = "m.id, m.org_id, m.user_id, m.email, m.member_key, \
    m.status, m.member_type, m.permissions, m.reset_password_key, m.external_id, \
    m.access_secrets_manager, m.revocation_reason, m.invite_token_hash, m.invite_expires_at, \
    m.creation_date, m.revision_date";

/// Stores a new membership in `org` (the row's own `org_id` must be `org`).
///
/// # Errors
/// `StoreError::Conflict` on `organization_users_org_user_key` (the user is already a member)
/// or `organization_users_org_email_key` (the address is already invited).
pub async fn insert(conn: &mut AnyConnection, org: OrgId, m: &MemberRow) -> Result<()> {
    if m.org_id != org {
        return Err(StoreError::NotFound);
    }
    sqlx::query(
        "INSERT INTO organization_users (id, org_id, user_id, email, member_key, status, \
         member_type, permissions, reset_password_key, external_id, access_secrets_manager, \
         revocation_reason, invite_token_hash, invite_expires_at, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(m.id.to_string())
    .bind(org.to_string())
    .bind(&m.user_id)
    .bind(&m.email)
    .bind(&m.member_key)
    .bind(m.status)
    .bind(m.member_type)
    .bind(&m.permissions)
    .bind(&m.reset_password_key)
    .bind(&m.external_id)
    .bind(m.access_secrets_manager)
    .bind(m.revocation_reason)
    .bind(&m.invite_token_hash)
    .bind(m.invite_expires_at)
    .bind(m.creation_date)
    .bind(m.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn find(conn: &mut AnyConnection, org: OrgId, id: MembershipId) -> Result<MemberRow> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM organization_users m WHERE m.org_id = $1 AND m.id = $2"
    );
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The user's membership in `org`, if any (authz resolves the caller with this).
///
/// # Errors
/// Database failures.
pub async fn find_by_user(
    conn: &mut AnyConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<MemberRow>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM organization_users m WHERE m.org_id = $1 AND m.user_id = $2"
    );
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(user.to_string())
        .fetch_optional(conn)
        .await?)
}

/// The memberships of `org` among `ids`; ids of other orgs are silently left out, as the bulk
/// routes require.
///
/// # Errors
/// Database failures.
pub async fn find_many(
    conn: &mut AnyConnection,
    org: OrgId,
    ids: &[MembershipId],
) -> Result<Vec<MemberRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM organization_users m WHERE m.org_id = $1 AND m.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query_as(&sql).bind(org.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// Every membership of `org` with its account's name, e-mail, avatar and 2FA flag, in one
/// query (no query per member).
///
/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<MemberDetailsRow>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS}, u.name AS user_name, u.email AS account_email, u.avatar_color, \
         CASE WHEN EXISTS (SELECT 1 FROM two_factor t WHERE t.user_id = m.user_id \
         AND t.enabled = 1) THEN 1 ELSE 0 END AS two_factor_enabled \
         FROM organization_users m LEFT JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 ORDER BY m.creation_date, m.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// The role and status of every membership of `org`, for the confirmed-owner rule.
///
/// # Errors
/// `StoreError::Corrupt` for an unknown stored type or status.
pub async fn roles(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<MemberRole>> {
    let rows: Vec<(String, i64, i64)> =
        sqlx::query_as("SELECT id, member_type, status FROM organization_users WHERE org_id = $1")
            .bind(org.to_string())
            .fetch_all(conn)
            .await?;
    rows.into_iter()
        .map(|(id, t, s)| {
            Ok(MemberRole {
                id: id
                    .parse()
                    .map_err(|_| StoreError::Corrupt("membership id".into()))?,
                user_type: OrgUserType::try_from(t)
                    .map_err(|_| StoreError::Corrupt("member type".into()))?,
                status: OrgUserStatus::try_from(s)
                    .map_err(|_| StoreError::Corrupt("member status".into()))?,
            })
        })
        .collect()
}

/// Seats taken in `org`: Invited, Accepted and Confirmed memberships (not Revoked).
///
/// # Errors
/// Database failures.
pub async fn count_seats(conn: &mut AnyConnection, org: OrgId) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM organization_users WHERE org_id = $1 AND status IN (0, 1, 2)",
    )
    .bind(org.to_string())
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// Every address already in `org`: pending invite addresses and the account e-mails of linked
/// members, lower-cased. Invites skip these.
///
/// # Errors
/// Database failures.
pub async fn taken_emails(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT m.email FROM organization_users m WHERE m.org_id = $1 AND m.email IS NOT NULL \
         UNION SELECT u.email FROM organization_users m JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(e,)| e).collect())
}

/// Changes a member's role, custom permissions (JSON) and Secrets Manager access.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn update_role(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    member_type: OrgUserType,
    permissions: Option<&str>,
    access_secrets_manager: bool,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET member_type = $3, permissions = $4, \
         access_secrets_manager = $5, revision_date = $6 WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(member_type.number())
    .bind(permissions)
    .bind(i64::from(access_secrets_manager))
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Records a fresh invite token (its hash) and when it expires.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org` and is still Invited.
pub async fn set_invite_token(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    token_hash: &str,
    expires_at: i64,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET invite_token_hash = $3, invite_expires_at = $4, \
         revision_date = $5 WHERE org_id = $1 AND id = $2 AND status = 0",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(token_hash)
    .bind(expires_at)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Invited → Accepted: links the user, clears the invite address and token.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org` and is Invited;
/// `StoreError::Conflict` on `organization_users_org_user_key` if the user already has a
/// membership there.
pub async fn accept(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    user: UserId,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET status = 1, user_id = $3, email = NULL, \
         invite_token_hash = NULL, invite_expires_at = NULL, revision_date = $4 \
         WHERE org_id = $1 AND id = $2 AND status = 0",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(user.to_string())
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Accepted → Confirmed with the org key wrapped to the member.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`, is Accepted and has a user.
pub async fn confirm(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    member_key: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET status = 2, member_key = $3, email = NULL, \
         revision_date = $4 WHERE org_id = $1 AND id = $2 AND status = 1 AND user_id IS NOT NULL",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(member_key)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Sets the status directly: revoke (with a reason) and restore (reason cleared; the status to
/// restore comes from `bulwark_domain::member::restored_status`).
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn set_status(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    status: OrgUserStatus,
    revocation_reason: Option<i64>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET status = $3, revocation_reason = $4, revision_date = $5 \
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(status.number())
    .bind(revocation_reason)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Enrolls in (`Some`) or withdraws from (`None`) account recovery.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn set_reset_password_key(
    conn: &mut AnyConnection,
    org: OrgId,
    id: MembershipId,
    key: Option<&str>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organization_users SET reset_password_key = $3, revision_date = $4 \
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .bind(key)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Removes a membership; its collection and group links cascade.
///
/// # Errors
/// `StoreError::NotFound` unless the membership exists in `org`.
pub async fn delete(conn: &mut AnyConnection, org: OrgId, id: MembershipId) -> Result<()> {
    let done = sqlx::query("DELETE FROM organization_users WHERE org_id = $1 AND id = $2")
        .bind(org.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// A member's account public key, for the admin to wrap the org key on confirm.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberPublicKeyRow {
    #[sqlx(try_from = "String")]
    pub id: MembershipId,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub public_key: Option<String>,
}

/// Public keys of the Accepted members of `org` among `ids` (others silently left out).
///
/// # Errors
/// Database failures.
pub async fn public_keys(
    conn: &mut AnyConnection,
    org: OrgId,
    ids: &[MembershipId],
) -> Result<Vec<MemberPublicKeyRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT m.id, m.user_id, u.public_key FROM organization_users m \
         JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 AND m.status = 1 AND m.id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query_as(&sql).bind(org.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// The users of `org`'s memberships who also hold a membership (Accepted, Confirmed or
/// Revoked) in another org: whom enabling the Single organization policy concerns. One query.
///
/// # Errors
/// Database failures, or a stored user id that is not a UUID.
pub async fn users_in_other_orgs(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<UserId>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT mine.user_id FROM organization_users mine \
         JOIN organization_users other ON other.user_id = mine.user_id AND other.org_id <> $1 \
         WHERE mine.org_id = $1 AND other.status IN (-1, 1, 2)",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|(id,)| {
            id.parse()
                .map_err(|_| StoreError::Corrupt("membership user id".into()))
        })
        .collect()
}

/// An Invited membership by id, in whatever org (registration from an invitation link names
/// only the membership; the token binds it to its address).
///
/// # Errors
/// Database failures.
pub async fn find_invited(conn: &mut AnyConnection, id: MembershipId) -> Result<Option<MemberRow>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM organization_users m WHERE m.id = $1 AND m.status = 0"
    );
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?)
}
