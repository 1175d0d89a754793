//! Daily seat snapshots of providers' clients, the source of monthly statements: one row per
//! provider, UTC day (`YYYYMMDD`) and client, holding the client's name, plan, seats assigned
//! and seats used (Invited + Accepted + Confirmed members) as last seen that day.

use crate::Result;
use bulwark_domain::provider_statement::ClientDay;
use bulwark_domain::ProviderId;
use sqlx::AnyConnection;

/// Records `day` for every client of every provider in one statement, whatever the number of
/// providers and clients; taken again the same day, the rows are updated, so the day's last
/// snapshot stands. Returns the number of rows written.
///
/// # Errors
/// Database failures.
pub async fn record_day(conn: &mut AnyConnection, day: i64) -> Result<u64> {
    let done = sqlx::query(
        "INSERT INTO provider_seat_snapshots \
             (provider_id, day, org_id, org_name, plan_type, assigned_seats, used_seats) \
         SELECT l.provider_id, $1, o.id, o.name, o.plan_type, COALESCE(o.seats, 0), \
                COALESCE(c.used, 0) \
         FROM provider_organizations l JOIN organizations o ON o.id = l.org_id \
         LEFT JOIN (SELECT m.org_id, COUNT(*) AS used FROM organization_users m \
                    JOIN provider_organizations pl ON pl.org_id = m.org_id \
                    WHERE m.status IN (0, 1, 2) GROUP BY m.org_id) c ON c.org_id = l.org_id \
         WHERE true \
         ON CONFLICT (provider_id, day, org_id) DO UPDATE SET org_name = excluded.org_name, \
             plan_type = excluded.plan_type, assigned_seats = excluded.assigned_seats, \
             used_seats = excluded.used_seats",
    )
    .bind(day)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Seat-days per month and plan of `provider`: `(YYYYMM, plan type, SUM(assigned seats))`,
/// newest month first. One grouped query however many days and clients.
///
/// # Errors
/// Database failures.
pub async fn seat_days_by_month(
    conn: &mut AnyConnection,
    provider: ProviderId,
) -> Result<Vec<(i64, i64, i64)>> {
    // `day / 100` is integer division on both databases (the column is an integer).
    Ok(sqlx::query_as(
        "SELECT CAST(day / 100 AS BIGINT) AS month, plan_type, CAST(SUM(assigned_seats) AS BIGINT) AS seat_days \
         FROM provider_seat_snapshots WHERE provider_id = $1 \
         GROUP BY day / 100, plan_type ORDER BY month DESC, plan_type",
    )
    .bind(provider.to_string())
    .fetch_all(conn)
    .await?)
}

/// Every snapshot row of `provider` from `first_day` to `last_day` (inclusive).
///
/// # Errors
/// Database failures.
pub async fn days(
    conn: &mut AnyConnection,
    provider: ProviderId,
    first_day: i64,
    last_day: i64,
) -> Result<Vec<ClientDay>> {
    let rows: Vec<(i64, String, String, i64, i64, i64)> = sqlx::query_as(
        "SELECT day, org_id, org_name, plan_type, assigned_seats, used_seats \
         FROM provider_seat_snapshots WHERE provider_id = $1 AND day BETWEEN $2 AND $3",
    )
    .bind(provider.to_string())
    .bind(first_day)
    .bind(last_day)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(day, org_id, org_name, plan_type, assigned, used)| ClientDay {
                day,
                org_id,
                org_name,
                plan_type,
                assigned,
                used,
            },
        )
        .collect())
}
