//! Folders: private to their owner.

use crate::{Result, StoreError};
use bulwark_domain::{FolderId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FolderRow {
    #[sqlx(try_from = "String")]
    pub id: FolderId,
    pub name: String,
    pub revision_date: i64,
}

/// # Errors
/// Database failures.
pub async fn insert(
    conn: &mut AnyConnection,
    user_id: UserId,
    id: FolderId,
    name: &str,
    now: i64,
) -> Result<FolderRow> {
    sqlx::query(
        "INSERT INTO folders (id, user_id, name, creation_date, revision_date) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(id.to_string())
    .bind(user_id.to_string())
    .bind(name)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(FolderRow {
        id,
        name: name.to_owned(),
        revision_date: now,
    })
}

/// # Errors
/// Database failures.
pub async fn list(conn: &mut AnyConnection, user_id: UserId) -> Result<Vec<FolderRow>> {
    Ok(sqlx::query_as(
        "SELECT id, name, revision_date FROM folders WHERE user_id = $1 ORDER BY creation_date",
    )
    .bind(user_id.to_string())
    .fetch_all(conn)
    .await?)
}

/// # Errors
/// `StoreError::NotFound` unless the folder exists and is the user's.
pub async fn find(conn: &mut AnyConnection, user_id: UserId, id: FolderId) -> Result<FolderRow> {
    Ok(
        sqlx::query_as(
            "SELECT id, name, revision_date FROM folders WHERE user_id = $1 AND id = $2",
        )
        .bind(user_id.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?,
    )
}

/// # Errors
/// `StoreError::NotFound` unless the folder exists and is the user's.
pub async fn rename(
    conn: &mut AnyConnection,
    user_id: UserId,
    id: FolderId,
    name: &str,
    now: i64,
) -> Result<FolderRow> {
    let done = sqlx::query(
        "UPDATE folders SET name = $3, revision_date = $4 WHERE user_id = $1 AND id = $2",
    )
    .bind(user_id.to_string())
    .bind(id.to_string())
    .bind(name)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(FolderRow {
        id,
        name: name.to_owned(),
        revision_date: now,
    })
}

/// Deletes a folder; items in it become folder-less (ON DELETE SET NULL).
///
/// # Errors
/// `StoreError::NotFound` unless the folder exists and is the user's.
pub async fn delete(conn: &mut AnyConnection, user_id: UserId, id: FolderId) -> Result<()> {
    let done = sqlx::query("DELETE FROM folders WHERE user_id = $1 AND id = $2")
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
pub async fn delete_all(conn: &mut AnyConnection, user_id: UserId) -> Result<()> {
    sqlx::query("DELETE FROM folders WHERE user_id = $1")
        .bind(user_id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}
