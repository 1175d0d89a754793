//! Server-wide values that every server process sharing the database must agree on (the token
//! signing key), so they live in the database rather than in one process's memory.

use crate::Result;
use sqlx::AnyConnection;

/// Returns the stored value for `name`, storing `make()` first if there is none. Concurrent
/// first starts agree on one value: the insert ignores a conflict and the read follows it.
///
/// # Errors
/// Database failures.
pub async fn get_or_create(
    conn: &mut AnyConnection,
    name: &str,
    make: impl FnOnce() -> String,
) -> Result<String> {
    sqlx::query(
        "INSERT INTO server_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(make())
    .execute(&mut *conn)
    .await?;
    let (value,): (String,) = sqlx::query_as("SELECT value FROM server_settings WHERE name = $1")
        .bind(name)
        .fetch_one(conn)
        .await?;
    Ok(value)
}
