//! Attachment metadata. The encrypted bytes live in files under the data directory.

use crate::{Result, StoreError};
use bulwark_domain::{CipherId, UserId};
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub cipher_id: CipherId,
    pub file_name: String,
    pub attachment_key: Option<String>,
    pub declared_size: i64,
    pub size: i64,
    pub validated: i64,
}

const COLUMNS: &str =
    "a.id, a.cipher_id, a.file_name, a.attachment_key, a.declared_size, a.size, a.validated";

/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, a: &AttachmentRow, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO attachments (id, cipher_id, file_name, attachment_key, declared_size, size, \
         validated, creation_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&a.id)
    .bind(a.cipher_id.to_string())
    .bind(&a.file_name)
    .bind(&a.attachment_key)
    .bind(a.declared_size)
    .bind(a.size)
    .bind(a.validated)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// One attachment of one of the user's items.
///
/// # Errors
/// `StoreError::NotFound` unless the attachment belongs to that item and the item to the user.
pub async fn find(
    conn: &mut AnyConnection,
    owner: UserId,
    cipher: CipherId,
    id: &str,
) -> Result<AttachmentRow> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attachments a JOIN ciphers c ON c.id = a.cipher_id \
         WHERE c.user_id = $1 AND a.cipher_id = $2 AND a.id = $3"
    );
    Ok(sqlx::query_as(&sql)
        .bind(owner.to_string())
        .bind(cipher.to_string())
        .bind(id)
        .fetch_one(conn)
        .await?)
}

/// Looks an attachment up by item and id alone, for the signed download link (the signature
/// is the authorization there).
///
/// # Errors
/// `StoreError::NotFound` when there is no such attachment.
pub async fn find_unscoped(
    conn: &mut AnyConnection,
    cipher: CipherId,
    id: &str,
) -> Result<AttachmentRow> {
    let sql = format!("SELECT {COLUMNS} FROM attachments a WHERE a.cipher_id = $1 AND a.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(cipher.to_string())
        .bind(id)
        .fetch_one(conn)
        .await?)
}

/// Validated attachments of every item the user owns, in one query (sync, lists).
///
/// # Errors
/// Database failures.
pub async fn list_for_user(conn: &mut AnyConnection, owner: UserId) -> Result<Vec<AttachmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attachments a JOIN ciphers c ON c.id = a.cipher_id \
         WHERE c.user_id = $1 AND a.validated = 1 ORDER BY a.creation_date"
    );
    Ok(sqlx::query_as(&sql)
        .bind(owner.to_string())
        .fetch_all(conn)
        .await?)
}

/// Validated attachments of the org items the user can see (the visibility of sync, through
/// the shared grant definition), in one query.
///
/// # Errors
/// Database failures.
pub async fn list_visible_in_orgs(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<AttachmentRow>> {
    let sql = format!(
        "{}SELECT {COLUMNS} FROM attachments a JOIN ciphers c ON c.id = a.cipher_id \
         WHERE a.validated = 1 AND c.id IN (SELECT cc.cipher_id FROM grants g \
         JOIN ciphers_collections cc ON cc.collection_id = g.collection_id \
         WHERE c.organization_id = g.org_id) ORDER BY a.creation_date",
        crate::grants::for_user()
    );
    Ok(sqlx::query_as(&sql)
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// Validated attachments of every item of `org` (admin listing), in one query.
///
/// # Errors
/// Database failures.
pub async fn list_for_org(
    conn: &mut AnyConnection,
    org: bulwark_domain::OrgId,
) -> Result<Vec<AttachmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attachments a JOIN ciphers c ON c.id = a.cipher_id \
         WHERE c.organization_id = $1 AND a.validated = 1 ORDER BY a.creation_date"
    );
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// # Errors
/// Database failures.
pub async fn list_for_cipher(
    conn: &mut AnyConnection,
    cipher: CipherId,
) -> Result<Vec<AttachmentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attachments a WHERE a.cipher_id = $1 ORDER BY a.creation_date"
    );
    Ok(sqlx::query_as(&sql)
        .bind(cipher.to_string())
        .fetch_all(conn)
        .await?)
}

/// # Errors
/// `StoreError::NotFound` when the attachment is gone.
pub async fn mark_uploaded(
    conn: &mut AnyConnection,
    cipher: CipherId,
    id: &str,
    size: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE attachments SET validated = 1, size = $3 WHERE cipher_id = $1 AND id = $2",
    )
    .bind(cipher.to_string())
    .bind(id)
    .bind(size)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Re-encrypted name and key (sharing, key rotation); unknown ids change nothing.
///
/// # Errors
/// Database failures.
pub async fn update_names(
    conn: &mut AnyConnection,
    cipher: CipherId,
    id: &str,
    file_name: &str,
    key: Option<&str>,
) -> Result<()> {
    sqlx::query("UPDATE attachments SET file_name = $3, attachment_key = $4 WHERE cipher_id = $1 AND id = $2")
        .bind(cipher.to_string())
        .bind(id)
        .bind(file_name)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` when the attachment is gone.
pub async fn delete(conn: &mut AnyConnection, cipher: CipherId, id: &str) -> Result<()> {
    let done = sqlx::query("DELETE FROM attachments WHERE cipher_id = $1 AND id = $2")
        .bind(cipher.to_string())
        .bind(id)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Bytes of uploaded files held by the items of `org` (what its storage limit counts).
///
/// # Errors
/// Database failures.
pub async fn org_storage_bytes(
    conn: &mut AnyConnection,
    org: bulwark_domain::OrgId,
) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(a.size), 0) AS BIGINT) FROM attachments a \
         JOIN ciphers c ON c.id = a.cipher_id WHERE c.organization_id = $1 AND a.validated = 1",
    )
    .bind(org.to_string())
    .fetch_one(conn)
    .await?;
    Ok(n)
}
