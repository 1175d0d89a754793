//! Client organizations of providers (upstream `ProviderOrganization`): the link rows, the
//! clients table, and the two lookups authorization and sync need (which provider manages an
//! org, and a provider member's client orgs). An org has at most one link (unique `org_id`).

use crate::organizations::{
    qualified, CollectionSettingsRow, FeaturesRow, FEATURE_COLUMNS, SETTINGS_COLUMNS,
};
use crate::rows::expect_one;
use crate::{Result, StoreError};
use bulwark_domain::provider::ProviderType;
use bulwark_domain::{OrgId, ProviderId, ProviderOrgId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderOrgRow {
    #[sqlx(try_from = "String")]
    pub id: ProviderOrgId,
    #[sqlx(try_from = "String")]
    pub provider_id: ProviderId,
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    /// The org key wrapped with the provider key.
    pub org_key: Option<String>,
    pub creation_date: i64,
    pub revision_date: i64,
}

/// One row of the clients table: the link, the org's name, plan and seats, and its member
/// counts (occupied = Invited + Accepted + Confirmed; confirmed alone).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ClientRow {
    #[sqlx(flatten)]
    pub link: ProviderOrgRow,
    pub org_name: String,
    pub plan_type: i64,
    pub seats: Option<i64>,
    pub org_enabled: i64,
    pub occupied_seats: i64,
    pub confirmed_members: i64,
}

/// The provider that manages an org, and the caller's membership in that provider (type and
/// status) when they have one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgLink {
    pub provider: ProviderId,
    pub link: ProviderOrgId,
    pub provider_type: ProviderType,
    pub member: Option<(i64, i64)>,
}

/// A client org as `profile.providerOrganizations` shows it to a confirmed provider member.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProfileProviderOrgRow {
    #[sqlx(try_from = "String")]
    pub org_id: OrgId,
    pub org_key: Option<String>,
    pub name: String,
    pub enabled: i64,
    pub plan_type: i64,
    pub seats: Option<i64>,
    pub max_collections: Option<i64>,
    pub max_storage_gb: Option<i64>,
    pub has_keys: i64,
    #[sqlx(try_from = "String")]
    pub provider_id: ProviderId,
    pub provider_name: Option<String>,
    pub provider_type: i64,
    #[sqlx(flatten)]
    pub settings: CollectionSettingsRow,
    #[sqlx(flatten)]
    pub features: FeaturesRow,
}

const COLUMNS: &str = "l.id, l.provider_id, l.org_id, l.org_key, l.creation_date, l.revision_date";

/// Links an org to a provider.
///
/// # Errors
/// `StoreError::Conflict` on `provider_organizations_org_key` when the org already belongs to
/// a provider (this one or another).
pub async fn insert(conn: &mut AnyConnection, l: &ProviderOrgRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO provider_organizations (id, provider_id, org_id, org_key, creation_date, \
         revision_date) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(l.id.to_string())
    .bind(l.provider_id.to_string())
    .bind(l.org_id.to_string())
    .bind(&l.org_key)
    .bind(l.creation_date)
    .bind(l.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the link exists in `provider`.
pub async fn find(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderOrgId,
) -> Result<ProviderOrgRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM provider_organizations l WHERE l.provider_id = $1 AND l.id = $2"
    );
    Ok(sqlx::query_as(&sql)
        .bind(provider.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The link of `org`, if a provider manages it.
///
/// # Errors
/// Database failures.
pub async fn find_by_org(conn: &mut AnyConnection, org: OrgId) -> Result<Option<ProviderOrgRow>> {
    let sql = format!("SELECT {COLUMNS} FROM provider_organizations l WHERE l.org_id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_optional(conn)
        .await?)
}

/// The clients table's rows for the links `filter` keeps, by org name. `filter` is written
/// against `{t}`, once the outer link (`l`) and once the link of the member counts (`pl`), so
/// the counts cover only the rows returned.
fn clients_sql(filter: &str) -> String {
    format!(
        "SELECT {COLUMNS}, o.name AS org_name, o.plan_type, o.seats, o.enabled AS org_enabled, \
         COALESCE(c.occupied, 0) AS occupied_seats, COALESCE(c.confirmed, 0) AS confirmed_members \
         FROM provider_organizations l JOIN organizations o ON o.id = l.org_id \
         LEFT JOIN (SELECT m.org_id, \
                SUM(CASE WHEN m.status IN (0, 1, 2) THEN 1 ELSE 0 END) AS occupied, \
                SUM(CASE WHEN m.status = 2 THEN 1 ELSE 0 END) AS confirmed \
             FROM organization_users m JOIN provider_organizations pl ON pl.org_id = m.org_id \
             WHERE {} GROUP BY m.org_id) c ON c.org_id = l.org_id \
         WHERE {} ORDER BY o.name, o.id",
        filter.replace("{t}", "pl"),
        filter.replace("{t}", "l"),
    )
}

/// The clients table of `provider`, by org name; one query whatever the number of clients.
///
/// # Errors
/// Database failures.
pub async fn list_clients(
    conn: &mut AnyConnection,
    provider: ProviderId,
) -> Result<Vec<ClientRow>> {
    Ok(sqlx::query_as(&clients_sql("{t}.provider_id = $1"))
        .bind(provider.to_string())
        .fetch_all(conn)
        .await?)
}

/// One row of the clients table, read on its own (its cost does not grow with the clients).
///
/// # Errors
/// `StoreError::NotFound` unless the link exists in `provider`.
pub async fn find_client(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderOrgId,
) -> Result<ClientRow> {
    sqlx::query_as(&clients_sql("{t}.provider_id = $1 AND {t}.id = $2"))
        .bind(provider.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Unlinks a client.
///
/// # Errors
/// `StoreError::NotFound` unless the link exists in `provider`.
pub async fn delete(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderOrgId,
) -> Result<()> {
    let done = sqlx::query("DELETE FROM provider_organizations WHERE provider_id = $1 AND id = $2")
        .bind(provider.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    expect_one(done.rows_affected())
}

/// The row behind [`OrgLink`], as stored.
#[derive(sqlx::FromRow)]
struct LinkRow {
    provider_id: String,
    id: String,
    provider_type: i64,
    user_type: Option<i64>,
    status: Option<i64>,
}

/// Which provider manages `org`, with `user`'s membership in it if any. One query: an org has
/// at most one link and a user at most one membership per provider.
///
/// # Errors
/// Database failures, or a stored id that is not a UUID.
pub async fn link_for(
    conn: &mut AnyConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<OrgLink>> {
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT l.provider_id, l.id, p.provider_type, pu.user_type, pu.status \
         FROM provider_organizations l JOIN providers p ON p.id = l.provider_id \
         LEFT JOIN provider_users pu ON pu.provider_id = l.provider_id AND pu.user_id = $2 \
         WHERE l.org_id = $1",
    )
    .bind(org.to_string())
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{what} id"));
        Ok(OrgLink {
            provider: r.provider_id.parse().map_err(|_| corrupt("provider"))?,
            link: r.id.parse().map_err(|_| corrupt("provider organization"))?,
            provider_type: ProviderType::try_from(r.provider_type)
                .map_err(|_| StoreError::Corrupt("provider type".into()))?,
            member: r.user_type.zip(r.status),
        })
    })
    .transpose()
}

/// The client orgs of every provider where the user is a Confirmed member
/// (`profile.providerOrganizations`); one query.
///
/// # Errors
/// Database failures.
pub async fn profile_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<ProfileProviderOrgRow>> {
    let sql = format!(
        "SELECT l.org_id, l.org_key, o.name, o.enabled, o.plan_type, o.seats, o.max_collections, \
         o.max_storage_gb, \
         CASE WHEN o.public_key IS NOT NULL AND o.private_key IS NOT NULL THEN 1 ELSE 0 END \
         AS has_keys, p.id AS provider_id, p.name AS provider_name, p.provider_type, {}, {} \
         FROM provider_users pu JOIN providers p ON p.id = pu.provider_id \
         JOIN provider_organizations l ON l.provider_id = pu.provider_id \
         JOIN organizations o ON o.id = l.org_id \
         WHERE pu.user_id = $1 AND pu.status = 2 ORDER BY o.name, o.id",
        qualified(SETTINGS_COLUMNS, "o"),
        qualified(FEATURE_COLUMNS, "o"),
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// The provider through which `user` acts in `org`: set when they are a Confirmed member of
/// the org's provider and not a Confirmed member of the org itself (their actions there then
/// belong in the provider's log too).
///
/// # Errors
/// Database failures, or a stored id that is not a UUID.
pub async fn acting_provider(
    conn: &mut AnyConnection,
    org: OrgId,
    user: UserId,
) -> Result<Option<ProviderId>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT l.provider_id FROM provider_organizations l \
         JOIN provider_users pu ON pu.provider_id = l.provider_id AND pu.user_id = $2 \
         AND pu.status = 2 WHERE l.org_id = $1 AND NOT EXISTS (SELECT 1 FROM organization_users m \
         WHERE m.org_id = $1 AND m.user_id = $2 AND m.status = 2)",
    )
    .bind(org.to_string())
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|(p,)| {
        p.parse()
            .map_err(|_| StoreError::Corrupt("provider id".into()))
    })
    .transpose()
}

/// Seats assigned to the provider's clients on `plan_type` (the allocation of that contract
/// line).
///
/// # Errors
/// Database failures.
pub async fn allocated_seats(
    conn: &mut AnyConnection,
    provider: ProviderId,
    plan_type: i64,
) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(o.seats), 0) AS BIGINT) FROM provider_organizations l \
         JOIN organizations o ON o.id = l.org_id WHERE l.provider_id = $1 AND o.plan_type = $2",
    )
    .bind(provider.to_string())
    .bind(plan_type)
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// An organization a user could attach to a provider.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AddableOrgRow {
    #[sqlx(try_from = "String")]
    pub id: OrgId,
    pub name: String,
    pub plan_type: i64,
    pub seats: Option<i64>,
}

/// The enabled orgs where `user` is a Confirmed Owner and that belong to no provider.
///
/// # Errors
/// Database failures.
pub async fn addable_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<AddableOrgRow>> {
    Ok(sqlx::query_as(
        "SELECT o.id, o.name, o.plan_type, o.seats FROM organization_users m \
         JOIN organizations o ON o.id = m.org_id \
         WHERE m.user_id = $1 AND m.status = 2 AND m.member_type = 0 AND o.enabled = 1 \
         AND NOT EXISTS (SELECT 1 FROM provider_organizations l WHERE l.org_id = o.id) \
         ORDER BY o.name, o.id",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await?)
}
