//! Vault items. Personal items are owned by `ciphers.user_id`; the per-user folder, favourite
//! and archive flags live in `cipher_user_state`. Every function filters by the owner.

use crate::{Result, SqliteReader, StoreError};
use bulwark_domain::{CipherId, FolderId, UserId};
use futures::stream::BoxStream;
use futures::StreamExt;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// An item as one user sees it.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct CipherRow {
    #[sqlx(try_from = "String")]
    pub id: CipherId,
    pub cipher_type: i64,
    /// The encrypted fields, a JSON object (see the migration).
    pub data: String,
    pub item_key: Option<String>,
    pub reprompt: i64,
    pub creation_date: i64,
    pub revision_date: i64,
    pub deleted_date: Option<i64>,
    pub folder_id: Option<String>,
    pub favorite: i64,
    pub archived_date: Option<i64>,
}

impl CipherRow {
    /// # Errors
    /// When the stored folder id is not a UUID.
    pub fn folder(&self) -> Result<Option<FolderId>> {
        self.folder_id
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|_| StoreError::Corrupt("folder id".into()))
    }
}

const SELECT: &str = "SELECT c.id, c.cipher_type, c.data, c.item_key, c.reprompt, \
    c.creation_date, c.revision_date, c.deleted_date, s.folder_id, \
    COALESCE(s.favorite, 0) AS favorite, s.archived_date \
    FROM ciphers c LEFT JOIN cipher_user_state s ON s.cipher_id = c.id AND s.user_id = c.user_id";

/// Stores a new personal item and the owner's view of it.
///
/// # Errors
/// Database failures.
pub async fn insert(conn: &mut AnyConnection, owner: UserId, c: &CipherRow) -> Result<()> {
    sqlx::query(INSERT)
        .bind(c.id.to_string())
        .bind(owner.to_string())
        .bind(c.cipher_type)
        .bind(&c.data)
        .bind(&c.item_key)
        .bind(c.reprompt)
        .bind(c.creation_date)
        .bind(c.revision_date)
        .bind(c.deleted_date)
        .execute(&mut *conn)
        .await?;
    if has_user_state(c) {
        set_user_state(conn, owner, c).await?;
    }
    Ok(())
}

const INSERT: &str = "INSERT INTO ciphers (id, user_id, cipher_type, data, item_key, reprompt, \
    creation_date, revision_date, deleted_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

const SET_STATE: &str = "INSERT INTO cipher_user_state \
    (cipher_id, user_id, folder_id, favorite, archived_date) VALUES ($1, $2, $3, $4, $5) \
    ON CONFLICT (cipher_id, user_id) DO UPDATE SET folder_id = $3, favorite = $4, archived_date = $5";

const FOLDER_OF_USER: &str = "SELECT id FROM folders WHERE user_id = $1 AND id = $2";

/// Reads treat a missing state row as "no folder, not a favourite, not archived", so most items
/// are stored with one statement fewer.
fn has_user_state(c: &CipherRow) -> bool {
    c.folder_id.is_some() || c.favorite != 0 || c.archived_date.is_some()
}

/// Whether an enabled "organization data ownership" policy (type 5) of an enabled org that
/// uses policies binds the user: Accepted or Confirmed, and neither Owner nor Admin (they are
/// exempt). Such a user may not keep items in their personal vault.
pub const PERSONAL_OWNERSHIP_BINDS: &str = "SELECT p.id FROM policies p \
    JOIN organization_users m ON m.org_id = p.org_id \
    JOIN organizations o ON o.id = p.org_id \
    WHERE m.user_id = $1 AND p.policy_type = 5 AND p.enabled = 1 AND o.enabled = 1 \
    AND o.use_policies = 1 AND m.status IN (1, 2) AND m.member_type NOT IN (0, 1)";

/// How a personal item creation ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    Yes,
    /// The folder is not the owner's; nothing was written.
    UnknownFolder,
    /// A data-ownership policy forbids personal items; nothing was written.
    PolicyForbids,
}

/// Creates a personal item as one unit of work: checks the data-ownership policy and the
/// folder, bumps the owner's revision date, stores the item. On SQLite it runs on the blocking
/// writer (one hand-over for the whole transaction: item creation is the write clients repeat
/// most).
///
/// # Errors
/// Database failures; `NotFound` when the owner is gone.
pub async fn create_personal(
    store: &crate::Store,
    owner: UserId,
    row: CipherRow,
    now: i64,
) -> Result<Created> {
    let folder = row.folder()?;
    let blocking_row = row.clone();
    let done = store
        .write_blocking(move |tx| {
            let c = &blocking_row;
            let owner = owner.to_string();
            if crate::sqlite_reader::exists(tx, PERSONAL_OWNERSHIP_BINDS, &[&owner])? {
                return Ok(Created::PolicyForbids);
            }
            if let Some(f) = &c.folder_id {
                if !crate::sqlite_reader::exists(tx, FOLDER_OF_USER, &[&owner, f])? {
                    return Ok(Created::UnknownFolder);
                }
            }
            if crate::sqlite_reader::execute(tx, crate::users::BUMP_REVISION, &[&owner, &now])? == 0
            {
                return Err(StoreError::NotFound);
            }
            let id = c.id.to_string();
            crate::sqlite_reader::execute(
                tx,
                INSERT,
                &[
                    &id,
                    &owner,
                    &c.cipher_type,
                    &c.data,
                    &c.item_key,
                    &c.reprompt,
                    &c.creation_date,
                    &c.revision_date,
                    &c.deleted_date,
                ],
            )?;
            if has_user_state(c) {
                crate::sqlite_reader::execute(
                    tx,
                    SET_STATE,
                    &[&id, &owner, &c.folder_id, &c.favorite, &c.archived_date],
                )?;
            }
            Ok(Created::Yes)
        })
        .await?;
    if let Some(done) = done {
        return Ok(done);
    }
    let mut tx = store.begin().await?;
    if personal_ownership_binds(&mut tx, owner).await? {
        return Ok(Created::PolicyForbids);
    }
    if let Some(f) = folder {
        if !folder_belongs_to(&mut tx, owner, f).await? {
            return Ok(Created::UnknownFolder);
        }
    }
    crate::users::bump_revision(&mut tx, owner, now).await?;
    insert(&mut tx, owner, &row).await?;
    tx.commit().await?;
    Ok(Created::Yes)
}

/// See [`PERSONAL_OWNERSHIP_BINDS`].
///
/// # Errors
/// Database failures.
pub async fn personal_ownership_binds(conn: &mut AnyConnection, user: UserId) -> Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(PERSONAL_OWNERSHIP_BINDS)
        .bind(user.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// Writes the owner's folder, favourite and archive flags for the item.
///
/// # Errors
/// Database failures.
pub async fn set_user_state(conn: &mut AnyConnection, user: UserId, c: &CipherRow) -> Result<()> {
    sqlx::query(SET_STATE)
        .bind(c.id.to_string())
        .bind(user.to_string())
        .bind(&c.folder_id)
        .bind(c.favorite)
        .bind(c.archived_date)
        .execute(conn)
        .await?;
    Ok(())
}

/// # Errors
/// `StoreError::NotFound` unless the item exists and is the user's.
pub async fn find(conn: &mut AnyConnection, owner: UserId, id: CipherId) -> Result<CipherRow> {
    let sql = format!("{SELECT} WHERE c.user_id = $1 AND c.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(owner.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// The user's items among `ids` (others' ids are silently left out, as upstream does for bulk).
///
/// # Errors
/// Database failures.
pub async fn find_many(
    conn: &mut AnyConnection,
    owner: UserId,
    ids: &[CipherId],
) -> Result<Vec<CipherRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (0..ids.len())
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("{SELECT} WHERE c.user_id = $1 AND c.id IN ({placeholders})");
    let mut q = sqlx::query_as(&sql).bind(owner.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.fetch_all(conn).await?)
}

/// Streams all of the user's items, trashed ones included, for sync: rows are turned into JSON
/// as they arrive instead of being collected first.
pub fn stream_for_user(
    conn: &mut AnyConnection,
    owner: UserId,
) -> BoxStream<'_, Result<CipherRow>> {
    let sql = "SELECT c.id, c.cipher_type, c.data, c.item_key, c.reprompt, \
        c.creation_date, c.revision_date, c.deleted_date, s.folder_id, \
        COALESCE(s.favorite, 0) AS favorite, s.archived_date \
        FROM ciphers c LEFT JOIN cipher_user_state s ON s.cipher_id = c.id AND s.user_id = c.user_id \
        WHERE c.user_id = $1";
    sqlx::query_as::<_, CipherRow>(sql)
        .bind(owner.to_string())
        .fetch(conn)
        .map(|r| r.map_err(StoreError::from))
        .boxed()
}

/// The blocking twin of [`stream_for_user`] on SQLite's blocking reader (call it from
/// `spawn_blocking`): `visit` gets each of the user's items, trashed ones included, and stops
/// the read by returning false. The user's flags are read first into a map, because most items
/// have none and a map lookup is cheaper than a join probe per row.
///
/// # Errors
/// Database failures, or a stored id that is not a UUID.
pub fn visit_for_user_blocking(
    reader: &SqliteReader,
    owner: UserId,
    mut visit: impl FnMut(CipherRow) -> bool,
) -> Result<()> {
    reader.with_conn(|conn| {
        let owner = owner.to_string();
        let mut flags: HashMap<String, (Option<String>, i64, Option<i64>)> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT cipher_id, folder_id, favorite, archived_date FROM cipher_user_state \
             WHERE user_id = ?1",
        )?;
        let mut rows = stmt.query([&owner])?;
        while let Some(r) = rows.next()? {
            flags.insert(r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?));
        }
        let mut stmt = conn.prepare_cached(
            "SELECT id, cipher_type, data, item_key, reprompt, creation_date, revision_date, \
             deleted_date FROM ciphers WHERE user_id = ?1",
        )?;
        let mut rows = stmt.query([&owner])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let (folder_id, favorite, archived_date) = flags.remove(&id).unwrap_or_default();
            let row = CipherRow {
                id: id
                    .parse()
                    .map_err(|_| StoreError::Corrupt("cipher id".into()))?,
                cipher_type: r.get(1)?,
                data: r.get(2)?,
                item_key: r.get(3)?,
                reprompt: r.get(4)?,
                creation_date: r.get(5)?,
                revision_date: r.get(6)?,
                deleted_date: r.get(7)?,
                folder_id,
                favorite,
                archived_date,
            };
            if !visit(row) {
                break;
            }
        }
        Ok(())
    })
}

/// # Errors
/// Database failures.
pub async fn list_for_user(conn: &mut AnyConnection, owner: UserId) -> Result<Vec<CipherRow>> {
    let sql = format!("{SELECT} WHERE c.user_id = $1");
    Ok(sqlx::query_as(&sql)
        .bind(owner.to_string())
        .fetch_all(conn)
        .await?)
}

/// Replaces the item's encrypted content and the owner's flags.
///
/// # Errors
/// `StoreError::NotFound` unless the item exists and is the user's.
pub async fn update(conn: &mut AnyConnection, owner: UserId, c: &CipherRow) -> Result<()> {
    let done = sqlx::query(
        "UPDATE ciphers SET cipher_type = $3, data = $4, item_key = $5, reprompt = $6, \
         revision_date = $7, deleted_date = $8 WHERE user_id = $1 AND id = $2",
    )
    .bind(owner.to_string())
    .bind(c.id.to_string())
    .bind(c.cipher_type)
    .bind(&c.data)
    .bind(&c.item_key)
    .bind(c.reprompt)
    .bind(c.revision_date)
    .bind(c.deleted_date)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    set_user_state(conn, owner, c).await
}

/// Moves only the revision date (attachment changes).
///
/// # Errors
/// `StoreError::NotFound` unless the item exists and is the user's.
pub async fn touch(conn: &mut AnyConnection, owner: UserId, id: CipherId, now: i64) -> Result<()> {
    let done = sqlx::query("UPDATE ciphers SET revision_date = $3 WHERE user_id = $1 AND id = $2")
        .bind(owner.to_string())
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Permanently deletes the user's items among `ids`; attachments rows cascade.
///
/// # Errors
/// Database failures.
pub async fn delete_many(conn: &mut AnyConnection, owner: UserId, ids: &[CipherId]) -> Result<u64> {
    let mut n = 0;
    for id in ids {
        n += sqlx::query("DELETE FROM ciphers WHERE user_id = $1 AND id = $2")
            .bind(owner.to_string())
            .bind(id.to_string())
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(n)
}

/// Deletes every personal item of the user (purge).
///
/// # Errors
/// Database failures.
pub async fn delete_all(conn: &mut AnyConnection, owner: UserId) -> Result<()> {
    sqlx::query("DELETE FROM ciphers WHERE user_id = $1")
        .bind(owner.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether `folder` is one of the user's folders.
///
/// # Errors
/// Database failures.
pub async fn folder_belongs_to(
    conn: &mut AnyConnection,
    owner: UserId,
    folder: FolderId,
) -> Result<bool> {
    let row: Option<(String,)> = sqlx::query_as(FOLDER_OF_USER)
        .bind(owner.to_string())
        .bind(folder.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}
