//! Organizations. The org id is the tenant scope for everything else in the org; these functions
//! take it as the key of the row they read or change.

use crate::rows::{expect_one, placeholders};
use crate::Result;
use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::OrgId;
use sqlx::AnyConnection;

/// The stored feature switches (0/1), flattened into the rows that carry them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct FeaturesRow {
    pub use_groups: i64,
    pub use_directory: i64,
    pub use_events: i64,
    pub use_totp: i64,
    pub use_2fa: i64,
    pub use_api: i64,
    pub use_scim: i64,
    pub users_get_premium: i64,
    pub use_policies: i64,
    pub use_sso: i64,
    pub use_organization_domains: i64,
    pub use_key_connector: i64,
    pub use_reset_password: i64,
    pub use_custom_permissions: i64,
    pub self_host: i64,
    pub use_my_items: i64,
    pub use_invite_links: i64,
    pub use_risk_insights: i64,
}

impl From<PlanFeatures> for FeaturesRow {
    fn from(f: PlanFeatures) -> Self {
        Self {
            use_groups: f.use_groups.into(),
            use_directory: f.use_directory.into(),
            use_events: f.use_events.into(),
            use_totp: f.use_totp.into(),
            use_2fa: f.use_2fa.into(),
            use_api: f.use_api.into(),
            use_scim: f.use_scim.into(),
            users_get_premium: f.users_get_premium.into(),
            use_policies: f.use_policies.into(),
            use_sso: f.use_sso.into(),
            use_organization_domains: f.use_organization_domains.into(),
            use_key_connector: f.use_key_connector.into(),
            use_reset_password: f.use_reset_password.into(),
            use_custom_permissions: f.use_custom_permissions.into(),
            self_host: f.self_host.into(),
            use_my_items: f.use_my_items.into(),
            use_invite_links: f.use_invite_links.into(),
            use_risk_insights: f.use_risk_insights.into(),
        }
    }
}

impl From<FeaturesRow> for PlanFeatures {
    fn from(r: FeaturesRow) -> Self {
        Self {
            use_groups: r.use_groups != 0,
            use_directory: r.use_directory != 0,
            use_events: r.use_events != 0,
            use_totp: r.use_totp != 0,
            use_2fa: r.use_2fa != 0,
            use_api: r.use_api != 0,
            use_scim: r.use_scim != 0,
            users_get_premium: r.users_get_premium != 0,
            use_policies: r.use_policies != 0,
            use_sso: r.use_sso != 0,
            use_organization_domains: r.use_organization_domains != 0,
            use_key_connector: r.use_key_connector != 0,
            use_reset_password: r.use_reset_password != 0,
            use_custom_permissions: r.use_custom_permissions != 0,
            self_host: r.self_host != 0,
            use_my_items: r.use_my_items != 0,
            use_invite_links: r.use_invite_links != 0,
            use_risk_insights: r.use_risk_insights != 0,
        }
    }
}

/// The feature columns, in [`FeaturesRow`] order.
pub(crate) const FEATURE_COLUMNS: &str = "use_groups, use_directory, use_events, use_totp, \
    use_2fa, use_api, use_scim, users_get_premium, use_policies, use_sso, \
    use_organization_domains, use_key_connector, use_reset_password, use_custom_permissions, \
    self_host, use_my_items, use_invite_links, use_risk_insights";

/// The four collection-management switches (0/1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct CollectionSettingsRow {
    pub limit_collection_creation: i64,
    pub limit_collection_deletion: i64,
    pub limit_item_deletion: i64,
    pub allow_admin_access_to_all_collection_items: i64,
}

pub(crate) const SETTINGS_COLUMNS: &str = "limit_collection_creation, \
    limit_collection_deletion, limit_item_deletion, allow_admin_access_to_all_collection_items";

/// `o.a, o.b, …` for a comma-separated column list, so org columns stay unambiguous next to
/// a joined provider's own (both have `use_events`).
pub(crate) fn qualified(columns: &str, table: &str) -> String {
    columns
        .split(',')
        .map(|c| format!("{table}.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgRow {
    #[sqlx(try_from = "String")]
    pub id: OrgId,
    pub name: String,
    pub billing_email: String,
    pub plan_type: i64,
    pub seats: Option<i64>,
    pub max_collections: Option<i64>,
    pub max_storage_gb: Option<i64>,
    pub enabled: i64,
    pub status: i64,
    pub public_key: Option<String>,
    pub private_key: Option<String>,
    pub api_key: String,
    pub api_key_revision_date: i64,
    #[sqlx(flatten)]
    pub settings: CollectionSettingsRow,
    #[sqlx(flatten)]
    pub features: FeaturesRow,
    pub creation_date: i64,
    pub revision_date: i64,
}

fn columns() -> String {
    format!(
        "id, name, billing_email, plan_type, seats, max_collections, max_storage_gb, enabled, \
         status, public_key, private_key, api_key, api_key_revision_date, {SETTINGS_COLUMNS}, \
         {FEATURE_COLUMNS}, creation_date, revision_date"
    )
}

/// Stores a new organization.
///
/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, o: &OrgRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO organizations ({}) VALUES ({})",
        columns(),
        placeholders(1, 37)
    );
    let s = &o.settings;
    let f = &o.features;
    sqlx::query(&sql)
        .bind(o.id.to_string())
        .bind(&o.name)
        .bind(&o.billing_email)
        .bind(o.plan_type)
        .bind(o.seats)
        .bind(o.max_collections)
        .bind(o.max_storage_gb)
        .bind(o.enabled)
        .bind(o.status)
        .bind(&o.public_key)
        .bind(&o.private_key)
        .bind(&o.api_key)
        .bind(o.api_key_revision_date)
        .bind(s.limit_collection_creation)
        .bind(s.limit_collection_deletion)
        .bind(s.limit_item_deletion)
        .bind(s.allow_admin_access_to_all_collection_items)
        .bind(f.use_groups)
        .bind(f.use_directory)
        .bind(f.use_events)
        .bind(f.use_totp)
        .bind(f.use_2fa)
        .bind(f.use_api)
        .bind(f.use_scim)
        .bind(f.users_get_premium)
        .bind(f.use_policies)
        .bind(f.use_sso)
        .bind(f.use_organization_domains)
        .bind(f.use_key_connector)
        .bind(f.use_reset_password)
        .bind(f.use_custom_permissions)
        .bind(f.self_host)
        .bind(f.use_my_items)
        .bind(f.use_invite_links)
        .bind(f.use_risk_insights)
        .bind(o.creation_date)
        .bind(o.revision_date)
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` when there is no such organization.
pub async fn find(conn: &mut AnyConnection, org: OrgId) -> Result<OrgRow> {
    let sql = format!("SELECT {} FROM organizations WHERE id = $1", columns());
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_one(conn)
        .await?)
}

/// Renames the org and sets its billing e-mail.
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn update_details(
    conn: &mut AnyConnection,
    org: OrgId,
    name: &str,
    billing_email: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organizations SET name = $2, billing_email = $3, revision_date = $4 WHERE id = $1",
    )
    .bind(org.to_string())
    .bind(name)
    .bind(billing_email)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Stores the org key pair, only if the org has none yet (`keys` back-fill never replaces).
/// Returns whether they were stored.
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn set_keys_if_missing(
    conn: &mut AnyConnection,
    org: OrgId,
    public_key: &str,
    private_key: &str,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE organizations SET public_key = $2, private_key = $3, revision_date = $4 \
         WHERE id = $1 AND public_key IS NULL AND private_key IS NULL",
    )
    .bind(org.to_string())
    .bind(public_key)
    .bind(private_key)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(true);
    }
    find(conn, org).await.map(|_| false)
}

/// Writes the four collection-management switches.
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn set_collection_settings(
    conn: &mut AnyConnection,
    org: OrgId,
    s: CollectionSettingsRow,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organizations SET limit_collection_creation = $2, limit_collection_deletion = $3, \
         limit_item_deletion = $4, allow_admin_access_to_all_collection_items = $5, \
         revision_date = $6 WHERE id = $1",
    )
    .bind(org.to_string())
    .bind(s.limit_collection_creation)
    .bind(s.limit_collection_deletion)
    .bind(s.limit_item_deletion)
    .bind(s.allow_admin_access_to_all_collection_items)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Replaces the Default API key (rotate).
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn set_api_key(
    conn: &mut AnyConnection,
    org: OrgId,
    api_key: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organizations SET api_key = $2, api_key_revision_date = $3 WHERE id = $1",
    )
    .bind(org.to_string())
    .bind(api_key)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Enables or disables the org (operator action; members keep their rows).
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn set_enabled(
    conn: &mut AnyConnection,
    org: OrgId,
    enabled: bool,
    now: i64,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE organizations SET enabled = $2, revision_date = $3 WHERE id = $1")
            .bind(org.to_string())
            .bind(i64::from(enabled))
            .bind(now)
            .execute(conn)
            .await?;
    expect_one(done.rows_affected())
}

/// Deletes the org; memberships, collections, groups, policies, org items and the org's events
/// go with it by cascade.
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn delete(conn: &mut AnyConnection, org: OrgId) -> Result<()> {
    let done = sqlx::query("DELETE FROM organizations WHERE id = $1")
        .bind(org.to_string())
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// Takes the org row's lock for the rest of the transaction, so checks over the whole
/// membership (seats) and the writes that depend on them cannot interleave with another
/// request's. PostgreSQL needs `FOR UPDATE`; on SQLite `Store::begin` already admits one writer
/// at a time, so a plain read is enough (and SQLite has no `FOR UPDATE`).
///
/// # Errors
/// `StoreError::NotFound` when there is no such organization.
pub async fn lock_for_update(
    conn: &mut AnyConnection,
    backend: crate::Backend,
    org: OrgId,
) -> Result<()> {
    let sql = match backend {
        crate::Backend::Postgres => "SELECT id FROM organizations WHERE id = $1 FOR UPDATE",
        crate::Backend::Sqlite => "SELECT id FROM organizations WHERE id = $1",
    };
    let found: Option<(String,)> = sqlx::query_as(sql)
        .bind(org.to_string())
        .fetch_optional(conn)
        .await?;
    found.map(|_| ()).ok_or(crate::StoreError::NotFound)
}

/// Renames an org and sets its seats (a provider managing its client).
///
/// # Errors
/// `StoreError::NotFound` when the org is gone.
pub async fn set_name_and_seats(
    conn: &mut AnyConnection,
    org: OrgId,
    name: &str,
    seats: i64,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organizations SET name = $2, seats = $3, revision_date = $4 WHERE id = $1",
    )
    .bind(org.to_string())
    .bind(name)
    .bind(seats)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}
