//! The audit log: batch inserts, and the four read routes, each newest first and paged by a
//! (date, id) keyset so a page boundary inside one microsecond neither repeats nor skips rows.

use crate::rows::placeholders;
use crate::Result;
use bulwark_domain::{CipherId, EventId, OrgId, ProviderId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRow {
    pub id: String,
    pub event_type: i64,
    pub user_id: Option<String>,
    pub org_id: Option<String>,
    pub provider_id: Option<String>,
    pub cipher_id: Option<String>,
    pub collection_id: Option<String>,
    pub group_id: Option<String>,
    pub policy_id: Option<String>,
    pub membership_id: Option<String>,
    pub acting_user_id: Option<String>,
    pub system_user: Option<i64>,
    pub device_type: Option<i64>,
    pub ip_address: Option<String>,
    pub date: i64,
    /// Provider events: the provider member and the client link they concern.
    pub provider_user_id: Option<String>,
    pub provider_org_id: Option<String>,
}

const COLUMNS: &str = "id, event_type, user_id, org_id, provider_id, cipher_id, collection_id, \
    group_id, policy_id, membership_id, acting_user_id, system_user, device_type, ip_address, date, \
    provider_user_id, provider_org_id";
const NCOLS: usize = 17;
/// Rows per INSERT statement: 50 × 17 parameters stays far below every backend's limit.
const CHUNK: usize = 50;

/// Which rows to read: `start..=end` (microseconds), older than `before` when continuing, at
/// most `limit` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub start: i64,
    pub end: i64,
    /// The (date, id) of the last row of the previous page.
    pub before: Option<(i64, EventId)>,
    pub limit: i64,
}

/// Stores events in batches of [`CHUNK`] rows per statement.
///
/// # Errors
/// Database failures.
pub async fn insert_many(conn: &mut AnyConnection, events: &[EventRow]) -> Result<()> {
    for chunk in events.chunks(CHUNK) {
        let values = (0..chunk.len())
            .map(|i| format!("({})", placeholders(i * NCOLS + 1, NCOLS)))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO events ({COLUMNS}) VALUES {values}");
        let mut q = sqlx::query(&sql);
        for e in chunk {
            q = q
                .bind(&e.id)
                .bind(e.event_type)
                .bind(&e.user_id)
                .bind(&e.org_id)
                .bind(&e.provider_id)
                .bind(&e.cipher_id)
                .bind(&e.collection_id)
                .bind(&e.group_id)
                .bind(&e.policy_id)
                .bind(&e.membership_id)
                .bind(&e.acting_user_id)
                .bind(e.system_user)
                .bind(e.device_type)
                .bind(&e.ip_address)
                .bind(e.date)
                .bind(&e.provider_user_id)
                .bind(&e.provider_org_id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Runs `filter` (which uses `$1`, and `$2` when `binds` has two values) with the page bounds.
async fn read(
    conn: &mut AnyConnection,
    filter: &str,
    binds: &[String],
    page: Page,
) -> Result<Vec<EventRow>> {
    let n = binds.len();
    let mut sql = format!(
        "SELECT {COLUMNS} FROM events WHERE {filter} AND date >= ${} AND date <= ${}",
        n + 1,
        n + 2
    );
    if page.before.is_some() {
        sql.push_str(&format!(
            " AND (date < ${a} OR (date = ${a} AND id < ${b}))",
            a = n + 3,
            b = n + 4
        ));
    }
    sql.push_str(&format!(
        " ORDER BY date DESC, id DESC LIMIT ${}",
        n + 3 + if page.before.is_some() { 2 } else { 0 }
    ));
    let mut q = sqlx::query_as(&sql);
    for b in binds {
        q = q.bind(b.clone());
    }
    q = q.bind(page.start).bind(page.end);
    if let Some((date, id)) = page.before {
        q = q.bind(date).bind(id.to_string());
    }
    Ok(q.bind(page.limit).fetch_all(conn).await?)
}

/// The org's log.
///
/// # Errors
/// Database failures.
pub async fn list_for_org(
    conn: &mut AnyConnection,
    org: OrgId,
    page: Page,
) -> Result<Vec<EventRow>> {
    read(conn, "org_id = $1", &[org.to_string()], page).await
}

/// The org's log entries that `acting_user` caused (member events route).
///
/// # Errors
/// Database failures.
pub async fn list_for_org_user(
    conn: &mut AnyConnection,
    org: OrgId,
    acting_user: UserId,
    page: Page,
) -> Result<Vec<EventRow>> {
    let binds = [org.to_string(), acting_user.to_string()];
    read(conn, "org_id = $1 AND acting_user_id = $2", &binds, page).await
}

/// The log of one org item (cipher events are recorded only for org items).
///
/// # Errors
/// Database failures.
pub async fn list_for_cipher(
    conn: &mut AnyConnection,
    org: OrgId,
    cipher: CipherId,
    page: Page,
) -> Result<Vec<EventRow>> {
    let binds = [org.to_string(), cipher.to_string()];
    read(conn, "org_id = $1 AND cipher_id = $2", &binds, page).await
}

/// The user's own account events (the copies written into org logs are left out).
///
/// # Errors
/// Database failures.
pub async fn list_for_user(
    conn: &mut AnyConnection,
    user: UserId,
    page: Page,
) -> Result<Vec<EventRow>> {
    read(
        conn,
        "user_id = $1 AND org_id IS NULL",
        &[user.to_string()],
        page,
    )
    .await
}

/// The provider's log: its own events and its members' actions in client orgs.
///
/// # Errors
/// Database failures.
pub async fn list_for_provider(
    conn: &mut AnyConnection,
    provider: ProviderId,
    page: Page,
) -> Result<Vec<EventRow>> {
    read(conn, "provider_id = $1", &[provider.to_string()], page).await
}

/// The provider's log entries that `acting_user` caused.
///
/// # Errors
/// Database failures.
pub async fn list_for_provider_user(
    conn: &mut AnyConnection,
    provider: ProviderId,
    acting_user: UserId,
    page: Page,
) -> Result<Vec<EventRow>> {
    let binds = [provider.to_string(), acting_user.to_string()];
    read(
        conn,
        "provider_id = $1 AND acting_user_id = $2",
        &binds,
        page,
    )
    .await
}
