//! Providers themselves and their contracted seat minimums. Members are in `provider_users`,
//! client links in `provider_orgs`.

use crate::rows::expect_one;
use crate::{Result, StoreError};
use bulwark_domain::ProviderId;
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderRow {
    #[sqlx(try_from = "String")]
    pub id: ProviderId,
    /// `None` until set up; stored HTML-encoded.
    pub name: Option<String>,
    pub business_name: Option<String>,
    pub billing_email: Option<String>,
    pub status: i64,
    pub provider_type: i64,
    pub enabled: i64,
    pub use_events: i64,
    pub creation_date: i64,
    pub revision_date: i64,
}

/// A provider with the counts the operator's list shows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderSummaryRow {
    #[sqlx(flatten)]
    pub provider: ProviderRow,
    pub client_count: i64,
    pub admin_count: i64,
}

/// One contracted plan line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ProviderPlanRow {
    pub plan_type: i64,
    pub seat_minimum: i64,
}

const COLUMNS: &str = "p.id, p.name, p.business_name, p.billing_email, p.status, \
    p.provider_type, p.enabled, p.use_events, p.creation_date, p.revision_date";

/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, p: &ProviderRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO providers (id, name, business_name, billing_email, status, provider_type, \
         enabled, use_events, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(p.id.to_string())
    .bind(&p.name)
    .bind(&p.business_name)
    .bind(&p.billing_email)
    .bind(p.status)
    .bind(p.provider_type)
    .bind(p.enabled)
    .bind(p.use_events)
    .bind(p.creation_date)
    .bind(p.revision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` for an unknown provider.
pub async fn find(conn: &mut AnyConnection, id: ProviderId) -> Result<ProviderRow> {
    let sql = format!("SELECT {COLUMNS} FROM providers p WHERE p.id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// Every provider with its client and confirmed-admin counts, oldest first; one query.
///
/// # Errors
/// Database failures.
pub async fn list_summaries(conn: &mut AnyConnection) -> Result<Vec<ProviderSummaryRow>> {
    let sql = format!(
        "SELECT {COLUMNS}, \
         (SELECT COUNT(*) FROM provider_organizations l WHERE l.provider_id = p.id) AS client_count, \
         (SELECT COUNT(*) FROM provider_users u WHERE u.provider_id = p.id \
            AND u.user_type = 0 AND u.status = 2) AS admin_count \
         FROM providers p ORDER BY p.creation_date, p.id"
    );
    Ok(sqlx::query_as(&sql).fetch_all(conn).await?)
}

/// Name, business name and billing e-mail (settings and setup).
///
/// # Errors
/// `StoreError::NotFound` for an unknown provider.
pub async fn update_details(
    conn: &mut AnyConnection,
    id: ProviderId,
    name: &str,
    business_name: Option<&str>,
    billing_email: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE providers SET name = $2, business_name = $3, billing_email = $4, \
         revision_date = $5 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(name)
    .bind(business_name)
    .bind(billing_email)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Moves a provider from `from` to `to` status; `NotFound` when it was not in `from` (so two
/// concurrent setups cannot both succeed).
///
/// # Errors
/// `StoreError::NotFound` unless the provider exists with status `from`.
pub async fn transition_status(
    conn: &mut AnyConnection,
    id: ProviderId,
    from: i64,
    to: i64,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE providers SET status = $3, revision_date = $4 WHERE id = $1 AND status = $2",
    )
    .bind(id.to_string())
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Enables or disables a provider and, with it, every client organization it manages.
///
/// # Errors
/// `StoreError::NotFound` for an unknown provider.
pub async fn set_enabled(
    conn: &mut AnyConnection,
    id: ProviderId,
    enabled: bool,
    now: i64,
) -> Result<()> {
    let done = sqlx::query("UPDATE providers SET enabled = $2, revision_date = $3 WHERE id = $1")
        .bind(id.to_string())
        .bind(i64::from(enabled))
        .bind(now)
        .execute(&mut *conn)
        .await?;
    expect_one(done.rows_affected())?;
    sqlx::query(
        "UPDATE organizations SET enabled = $2, revision_date = $3 WHERE id IN \
         (SELECT org_id FROM provider_organizations WHERE provider_id = $1)",
    )
    .bind(id.to_string())
    .bind(i64::from(enabled))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes a provider that has no client left; its members and plans go with it.
///
/// # Errors
/// `StoreError::NotFound` for an unknown provider; `StoreError::Conflict("provider_clients")`
/// while clients are linked (checked in the same statement, so a link added concurrently
/// cannot be orphaned).
pub async fn delete_without_clients(conn: &mut AnyConnection, id: ProviderId) -> Result<()> {
    let done = sqlx::query(
        "DELETE FROM providers WHERE id = $1 AND NOT EXISTS \
         (SELECT 1 FROM provider_organizations l WHERE l.provider_id = $1)",
    )
    .bind(id.to_string())
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(());
    }
    find(conn, id).await?;
    Err(StoreError::Conflict("provider_clients".into()))
}

/// Sets the seat minimum of one contracted plan (creating the line).
///
/// # Errors
/// Database failures; `StoreError::ForeignKey` for an unknown provider.
pub async fn set_plan(
    conn: &mut AnyConnection,
    id: ProviderId,
    plan_type: i64,
    seat_minimum: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO provider_plans (provider_id, plan_type, seat_minimum) VALUES ($1, $2, $3) \
         ON CONFLICT (provider_id, plan_type) DO UPDATE SET seat_minimum = $3",
    )
    .bind(id.to_string())
    .bind(plan_type)
    .bind(seat_minimum)
    .execute(conn)
    .await?;
    Ok(())
}

/// The contracted plan lines, by plan number.
///
/// # Errors
/// Database failures.
pub async fn plans(conn: &mut AnyConnection, id: ProviderId) -> Result<Vec<ProviderPlanRow>> {
    Ok(sqlx::query_as(
        "SELECT plan_type, seat_minimum FROM provider_plans WHERE provider_id = $1 \
         ORDER BY plan_type",
    )
    .bind(id.to_string())
    .fetch_all(conn)
    .await?)
}
