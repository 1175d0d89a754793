//! Applications to become a provider (table `provider_applications`). At most one pending
//! application per user, enforced by a partial unique index.

use crate::rows::expect_one;
use crate::{Result, StoreError};
use bulwark_domain::{ProviderApplicationId, ProviderId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationRow {
    #[sqlx(try_from = "String")]
    pub id: ProviderApplicationId,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub business_name: String,
    pub billing_email: String,
    pub provider_type: i64,
    pub expected_clients: i64,
    /// `ApplicationStatus`: 0 pending, 1 approved, 2 rejected.
    pub status: i64,
    /// The provider an approval created (NULL again if that provider is deleted).
    pub provider_id: Option<String>,
    pub creation_date: i64,
    pub decision_date: Option<i64>,
}

/// An application with the applicant's account e-mail (the operator's list).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ApplicationDetailsRow {
    #[sqlx(flatten)]
    pub application: ApplicationRow,
    pub applicant_email: String,
}

const COLUMNS: &str = "a.id, a.user_id, a.business_name, a.billing_email, a.provider_type, \
    a.expected_clients, a.status, a.provider_id, a.creation_date, a.decision_date";

impl StoreError {
    /// Whether this is the "user already has a pending application" violation.
    #[must_use]
    pub fn is_second_pending_application(&self) -> bool {
        self.is_conflict_on(
            "provider_applications_one_pending_idx",
            "provider_applications.user_id",
        )
    }
}

/// # Errors
/// A conflict for which [`StoreError::is_second_pending_application`] holds when the user
/// already has a pending application.
pub async fn insert(conn: &mut AnyConnection, a: &ApplicationRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO provider_applications (id, user_id, business_name, billing_email, \
         provider_type, expected_clients, status, provider_id, creation_date, decision_date) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(a.id.to_string())
    .bind(a.user_id.to_string())
    .bind(&a.business_name)
    .bind(&a.billing_email)
    .bind(a.provider_type)
    .bind(a.expected_clients)
    .bind(a.status)
    .bind(&a.provider_id)
    .bind(a.creation_date)
    .bind(a.decision_date)
    .execute(conn)
    .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` for an unknown application.
pub async fn find(conn: &mut AnyConnection, id: ProviderApplicationId) -> Result<ApplicationRow> {
    let sql = format!("SELECT {COLUMNS} FROM provider_applications a WHERE a.id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The user's own applications, newest first.
///
/// # Errors
/// Database failures.
pub async fn list_for_user(conn: &mut AnyConnection, user: UserId) -> Result<Vec<ApplicationRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM provider_applications a WHERE a.user_id = $1 \
         ORDER BY a.creation_date DESC, a.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// Applications with `status` (all when `None`), oldest first, with the applicant's e-mail.
///
/// # Errors
/// Database failures.
pub async fn list(
    conn: &mut AnyConnection,
    status: Option<i64>,
) -> Result<Vec<ApplicationDetailsRow>> {
    let filter = if status.is_some() {
        "WHERE a.status = $1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {COLUMNS}, u.email AS applicant_email FROM provider_applications a \
         JOIN users u ON u.id = a.user_id {filter} ORDER BY a.creation_date, a.id"
    );
    let mut q = sqlx::query_as(&sql);
    if let Some(s) = status {
        q = q.bind(s);
    }
    Ok(q.fetch_all(conn).await?)
}

/// Pending → `status` (approved or rejected), with the provider an approval created.
///
/// # Errors
/// `StoreError::NotFound` unless the application exists and is still pending (so two
/// operators deciding at once cannot both win).
pub async fn decide(
    conn: &mut AnyConnection,
    id: ProviderApplicationId,
    status: i64,
    provider: Option<ProviderId>,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE provider_applications SET status = $2, provider_id = $3, decision_date = $4 \
         WHERE id = $1 AND status = 0",
    )
    .bind(id.to_string())
    .bind(status)
    .bind(provider.map(|p| p.to_string()))
    .bind(now)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}
