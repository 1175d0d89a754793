//! Organization policies: at most one row per (org, type), written by upsert so the policy id
//! stays stable (clients key synced policies by id).

use crate::Result;
use bulwark_domain::policy_type::PolicyType;
use bulwark_domain::{OrgId, PolicyId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PolicyRow {
    #[sqlx(try_from = "String")]
    pub id: PolicyId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub policy_type: i64,
    pub enabled: i64,
    /// The data object as JSON text, as sent.
    pub data: Option<String>,
    pub creation_date: i64,
    pub revision_date: i64,
}

/// A policy of one of the user's orgs, with the user's standing there (for sync and for
/// server-side enforcement, which exempts some roles).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserPolicyRow {
    #[sqlx(flatten)]
    pub policy: PolicyRow,
    pub member_status: i64,
    pub member_type: i64,
    pub org_enabled: i64,
    pub org_use_policies: i64,
}

const COLUMNS: &str =
    "p.id, p.org_id, p.policy_type, p.enabled, p.data, p.creation_date, p.revision_date";

/// Creates the org's policy of this type or updates its `enabled` and `data`; returns the row
/// as stored (with the id of the existing row when there was one).
///
/// # Errors
/// Database failures.
pub async fn upsert(
    conn: &mut AnyConnection,
    org: OrgId,
    policy_type: PolicyType,
    enabled: bool,
    data: Option<&str>,
    now: i64,
) -> Result<PolicyRow> {
    sqlx::query(
        "INSERT INTO policies (id, org_id, policy_type, enabled, data, creation_date, \
         revision_date) VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (org_id, policy_type) DO UPDATE SET enabled = $4, data = $5, \
         revision_date = $6",
    )
    .bind(PolicyId::new().to_string())
    .bind(org.to_string())
    .bind(policy_type.number())
    .bind(i64::from(enabled))
    .bind(data)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    find(conn, org, policy_type)
        .await?
        .ok_or(crate::StoreError::NotFound)
}

/// # Errors
/// Database failures; a missing policy is `Ok(None)`.
pub async fn find(
    conn: &mut AnyConnection,
    org: OrgId,
    policy_type: PolicyType,
) -> Result<Option<PolicyRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM policies p WHERE p.org_id = $1 AND p.policy_type = $2");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(policy_type.number())
        .fetch_optional(conn)
        .await?)
}

/// Every saved policy of `org`, by type.
///
/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<PolicyRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM policies p WHERE p.org_id = $1 ORDER BY p.policy_type");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// The policies (enabled or not) of every org where the user is Accepted or Confirmed, in one
/// query. Sync sends the Confirmed ones as `policies` and both as `policiesNew`.
///
/// # Errors
/// Database failures.
pub async fn list_for_user(conn: &mut AnyConnection, user: UserId) -> Result<Vec<UserPolicyRow>> {
    let sql = format!(
        "SELECT {COLUMNS}, m.status AS member_status, m.member_type, o.enabled AS org_enabled, \
         o.use_policies AS org_use_policies FROM policies p \
         JOIN organization_users m ON m.org_id = p.org_id \
         JOIN organizations o ON o.id = p.org_id \
         WHERE m.user_id = $1 AND m.status IN (1, 2) ORDER BY p.org_id, p.policy_type"
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}
