//! A user's devices (one row per client install, keyed by the client's device identifier).

use crate::{Result, StoreError};
use bulwark_domain::{DeviceId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DeviceRow {
    #[sqlx(try_from = "String")]
    pub id: DeviceId,
    #[sqlx(try_from = "String")]
    pub user_id: UserId,
    pub identifier: String,
    pub name: String,
    pub device_type: i64,
    pub push_token: Option<String>,
    pub creation_date: i64,
    pub last_activity_date: i64,
}

const COLUMNS: &str =
    "id, user_id, identifier, name, device_type, push_token, creation_date, last_activity_date";

/// Records a login from `identifier`: creates the device the first time, refreshes its name,
/// type and activity afterwards. Returns the device and whether it is new.
///
/// # Errors
/// Database failures.
pub async fn upsert(
    conn: &mut AnyConnection,
    user_id: UserId,
    identifier: &str,
    name: &str,
    device_type: i64,
    now: i64,
) -> Result<(DeviceRow, bool)> {
    let updated = sqlx::query(
        "UPDATE devices SET name = $3, device_type = $4, last_activity_date = $5 \
         WHERE user_id = $1 AND identifier = $2",
    )
    .bind(user_id.to_string())
    .bind(identifier)
    .bind(name)
    .bind(device_type)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let is_new = updated.rows_affected() == 0;
    if is_new {
        sqlx::query(
            "INSERT INTO devices (id, user_id, identifier, name, device_type, push_token, \
             creation_date, last_activity_date) VALUES ($1, $2, $3, $4, $5, NULL, $6, $6)",
        )
        .bind(DeviceId::new().to_string())
        .bind(user_id.to_string())
        .bind(identifier)
        .bind(name)
        .bind(device_type)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    let device = find_by_identifier(conn, user_id, identifier)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((device, is_new))
}

/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, user_id: UserId) -> Result<Vec<DeviceRow>> {
    let sql = format!("SELECT {COLUMNS} FROM devices WHERE user_id = $1 ORDER BY creation_date");
    Ok(sqlx::query_as(&sql)
        .bind(user_id.to_string())
        .fetch_all(conn)
        .await?)
}

/// # Errors
/// Database failures.
pub async fn find(
    conn: &mut AnyConnection,
    user_id: UserId,
    id: DeviceId,
) -> Result<Option<DeviceRow>> {
    let sql = format!("SELECT {COLUMNS} FROM devices WHERE user_id = $1 AND id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(user_id.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?)
}

/// # Errors
/// Database failures.
pub async fn find_by_identifier(
    conn: &mut AnyConnection,
    user_id: UserId,
    identifier: &str,
) -> Result<Option<DeviceRow>> {
    let sql = format!("SELECT {COLUMNS} FROM devices WHERE user_id = $1 AND identifier = $2");
    Ok(sqlx::query_as(&sql)
        .bind(user_id.to_string())
        .bind(identifier)
        .fetch_optional(conn)
        .await?)
}

/// Deletes one of the user's devices; its refresh tokens cascade with it.
///
/// # Errors
/// `StoreError::NotFound` when the user has no such device.
pub async fn delete(conn: &mut AnyConnection, user_id: UserId, id: DeviceId) -> Result<()> {
    let done = sqlx::query("DELETE FROM devices WHERE user_id = $1 AND id = $2")
        .bind(user_id.to_string())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// # Errors
/// Database failures.
pub async fn set_push_token(
    conn: &mut AnyConnection,
    user_id: UserId,
    identifier: &str,
    token: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE devices SET push_token = $3 WHERE user_id = $1 AND identifier = $2")
        .bind(user_id.to_string())
        .bind(identifier)
        .bind(token)
        .execute(conn)
        .await?;
    Ok(())
}
