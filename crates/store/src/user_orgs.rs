//! A user's organizations as the profile and sync show them: every membership that is Accepted
//! or Confirmed, with its org's settings and switches, in one query.

use crate::organizations::{
    qualified, CollectionSettingsRow, FeaturesRow, FEATURE_COLUMNS, SETTINGS_COLUMNS,
};
use crate::Result;
use bulwark_domain::{MembershipId, OrgId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileOrgRow {
    #[sqlx(try_from = "String")]
    pub membership_id: MembershipId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub status: i64,
    pub member_type: i64,
    pub permissions: Option<String>,
    pub member_key: Option<String>,
    pub reset_password_key: Option<String>,
    pub access_secrets_manager: i64,
    pub name: String,
    pub enabled: i64,
    pub plan_type: i64,
    pub seats: Option<i64>,
    pub max_collections: Option<i64>,
    pub max_storage_gb: Option<i64>,
    /// 1 when the org has both halves of its key pair.
    pub has_keys: i64,
    /// The provider that manages the org, if any: clients read it to leave the subscription
    /// and billing to the provider's people rather than the org's owners.
    pub provider_id: Option<String>,
    pub provider_name: Option<String>,
    pub provider_type: Option<i64>,
    #[sqlx(flatten)]
    pub settings: CollectionSettingsRow,
    #[sqlx(flatten)]
    pub features: FeaturesRow,
}

/// The user's Accepted and Confirmed memberships with their orgs (`profile.organizationsNew`;
/// `profile.organizations` keeps the Confirmed ones). Invited and Revoked ones are left out.
///
/// # Errors
/// Database failures.
pub async fn user_org_memberships(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<ProfileOrgRow>> {
    let sql = format!(
        "SELECT m.id AS membership_id, m.org_id, m.status, m.member_type, m.permissions, \
         m.member_key, m.reset_password_key, m.access_secrets_manager, o.name, o.enabled, \
         o.plan_type, o.seats, o.max_collections, o.max_storage_gb, \
         CASE WHEN o.public_key IS NOT NULL AND o.private_key IS NOT NULL THEN 1 ELSE 0 END \
         AS has_keys, p.id AS provider_id, p.name AS provider_name, \
         p.provider_type, {}, {} \
         FROM organization_users m JOIN organizations o ON o.id = m.org_id \
         LEFT JOIN provider_organizations l ON l.org_id = o.id \
         LEFT JOIN providers p ON p.id = l.provider_id \
         WHERE m.user_id = $1 AND m.status IN (1, 2) ORDER BY o.name, o.id",
        qualified(SETTINGS_COLUMNS, "o"),
        qualified(FEATURE_COLUMNS, "o"),
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// One membership with what its org enforces on joining (for the join rules): whether the
/// org, enabled and using policies, has Single organization (3) or Two-step login (0) on.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StandingRow {
    #[sqlx(try_from = "String")]
    pub membership_id: MembershipId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub member_type: i64,
    pub status: i64,
    pub plan_type: i64,
    pub single_org: i64,
    pub requires_two_factor: i64,
}

const ENFORCED: &str = "CASE WHEN o.enabled = 1 AND o.use_policies = 1 AND EXISTS \
    (SELECT 1 FROM policies p WHERE p.org_id = o.id AND p.policy_type = {t} AND p.enabled = 1) \
    THEN 1 ELSE 0 END";

fn enforced(policy_type: i64) -> String {
    ENFORCED.replace("{t}", &policy_type.to_string())
}

/// Every membership of `user` (any status) with its org's joining policies; one query.
///
/// # Errors
/// Database failures.
pub async fn standings(conn: &mut AnyConnection, user: UserId) -> Result<Vec<StandingRow>> {
    let sql = format!(
        "SELECT m.id AS membership_id, m.org_id, m.member_type, m.status, o.plan_type, \
         {} AS single_org, \
         {} AS requires_two_factor FROM organization_users m \
         JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1",
        enforced(3),
        enforced(0)
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// Whether `org` enforces Single organization and Two-step login, as `(single, two_step)`.
///
/// # Errors
/// Database failures; `StoreError::NotFound` for an unknown org.
pub async fn joining_policies(conn: &mut AnyConnection, org: OrgId) -> Result<(bool, bool)> {
    let sql = format!(
        "SELECT {}, {} FROM organizations o WHERE o.id = $1",
        enforced(3),
        enforced(0)
    );
    let (single, two_step): (i64, i64) = sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_one(conn)
        .await?;
    Ok((single != 0, two_step != 0))
}
