//! Organization items: `ciphers` rows with `organization_id` set and no owner, linked to
//! collections through `ciphers_collections`. Admin functions are scoped by org; the sync
//! functions are scoped by user and use the shared grant definition (`grants`), so what a
//! member receives is decided in one place and loaded in a fixed number of queries.

use crate::rows::{expect_one, placeholders};
use crate::{grants, Result, StoreError};
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::{CipherId, CollectionId, OrgId, UserId};
use futures::stream::BoxStream;
use futures::StreamExt;
use sqlx::AnyConnection;
use std::sync::OnceLock;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgCipherRow {
    #[sqlx(try_from = "String")]
    pub id: CipherId,
    #[sqlx(try_from = "String")]
    pub organization_id: OrgId,
    pub cipher_type: i64,
    /// The encrypted fields, a JSON object (see migration 0001).
    pub data: String,
    pub item_key: Option<String>,
    pub reprompt: i64,
    pub creation_date: i64,
    pub revision_date: i64,
    pub deleted_date: Option<i64>,
}

/// An org item as one member receives it in sync: the user's own folder and favourite, and
/// the best of their grants on it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VisibleCipherRow {
    #[sqlx(flatten)]
    pub cipher: OrgCipherRow,
    pub folder_id: Option<String>,
    pub favorite: i64,
    pub archived_date: Option<i64>,
    /// `CollectionAccess::item_rank` of the best grant; see [`VisibleCipherRow::access`].
    pub access_rank: i64,
}

impl VisibleCipherRow {
    /// The one grant upstream keeps for the item: highest manage, then edit, then
    /// viewPassword.
    #[must_use]
    pub fn access(&self) -> CollectionAccess {
        CollectionAccess::from_item_rank(self.access_rank)
    }
}

/// One (item, collection) link.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CipherCollectionRow {
    #[sqlx(try_from = "String")]
    pub cipher_id: CipherId,
    #[sqlx(try_from = "String")]
    pub collection_id: CollectionId,
}

const COLUMNS: &str = "c.id, c.organization_id, c.cipher_type, c.data, c.item_key, c.reprompt, \
    c.creation_date, c.revision_date, c.deleted_date";

/// Links an item of `org` to those of `collections` that belong to `org` (others, and items
/// of other orgs, are dropped).
async fn link(
    conn: &mut AnyConnection,
    org: OrgId,
    cipher: CipherId,
    collections: &[CollectionId],
) -> Result<u64> {
    let mut n = 0;
    for c in collections {
        n += sqlx::query(
            "INSERT INTO ciphers_collections (cipher_id, collection_id) SELECT c.id, col.id \
             FROM ciphers c JOIN collections col ON col.id = $2 AND col.org_id = $3 \
             WHERE c.id = $1 AND c.organization_id = $3 \
             ON CONFLICT (cipher_id, collection_id) DO NOTHING",
        )
        .bind(cipher.to_string())
        .bind(c.to_string())
        .bind(org.to_string())
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(n)
}

/// Stores a new org item (the row's `organization_id` must be `org`) in the given collections
/// of that org; returns how many collections it was linked to (0 = unassigned).
///
/// # Errors
/// Database failures.
pub async fn insert(
    conn: &mut AnyConnection,
    org: OrgId,
    c: &OrgCipherRow,
    collections: &[CollectionId],
) -> Result<u64> {
    if c.organization_id != org {
        return Err(StoreError::NotFound);
    }
    sqlx::query(
        "INSERT INTO ciphers (id, user_id, organization_id, cipher_type, data, item_key, \
         reprompt, creation_date, revision_date, deleted_date) \
         VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(c.id.to_string())
    .bind(org.to_string())
    .bind(c.cipher_type)
    .bind(&c.data)
    .bind(&c.item_key)
    .bind(c.reprompt)
    .bind(c.creation_date)
    .bind(c.revision_date)
    .bind(c.deleted_date)
    .execute(&mut *conn)
    .await?;
    link(conn, org, c.id, collections).await
}

/// Moves a personal item of `owner` into `org` (share): the client has re-encrypted it with
/// the org key, so the content is replaced too. The owner's folder and favourite stay theirs.
/// Returns how many of `collections` (those of `org`) it was linked to.
///
/// # Errors
/// `StoreError::NotFound` unless the item is `owner`'s and not already in an organization.
pub async fn share(
    conn: &mut AnyConnection,
    owner: UserId,
    org: OrgId,
    c: &OrgCipherRow,
    collections: &[CollectionId],
) -> Result<u64> {
    if c.organization_id != org {
        return Err(StoreError::NotFound);
    }
    let done = sqlx::query(
        "UPDATE ciphers SET user_id = NULL, organization_id = $3, cipher_type = $4, data = $5, \
         item_key = $6, reprompt = $7, revision_date = $8, deleted_date = $9 \
         WHERE id = $1 AND user_id = $2 AND organization_id IS NULL",
    )
    .bind(c.id.to_string())
    .bind(owner.to_string())
    .bind(org.to_string())
    .bind(c.cipher_type)
    .bind(&c.data)
    .bind(&c.item_key)
    .bind(c.reprompt)
    .bind(c.revision_date)
    .bind(c.deleted_date)
    .execute(&mut *conn)
    .await?;
    expect_one(done.rows_affected())?;
    link(conn, org, c.id, collections).await
}

/// Adds (or with `remove`, removes) the links between items and collections of `org`
/// (`ciphers/bulk-collections`); items and collections of other orgs are ignored. Returns how
/// many links changed.
///
/// # Errors
/// Database failures.
pub async fn change_collections(
    conn: &mut AnyConnection,
    org: OrgId,
    ciphers: &[CipherId],
    collections: &[CollectionId],
    remove: bool,
) -> Result<u64> {
    let mut n = 0;
    for cipher in ciphers {
        if remove {
            for col in collections {
                n += sqlx::query(
                    "DELETE FROM ciphers_collections WHERE cipher_id = $1 AND collection_id = $2 \
                     AND cipher_id IN (SELECT id FROM ciphers WHERE organization_id = $3)",
                )
                .bind(cipher.to_string())
                .bind(col.to_string())
                .bind(org.to_string())
                .execute(&mut *conn)
                .await?
                .rows_affected();
            }
        } else {
            n += link(conn, org, *cipher, collections).await?;
        }
    }
    Ok(n)
}

/// # Errors
/// `StoreError::NotFound` unless the item belongs to `org`.
pub async fn find(conn: &mut AnyConnection, org: OrgId, id: CipherId) -> Result<OrgCipherRow> {
    let sql = format!("SELECT {COLUMNS} FROM ciphers c WHERE c.organization_id = $1 AND c.id = $2");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_one(conn)
        .await?)
}

/// Replaces an org item's encrypted content.
///
/// # Errors
/// `StoreError::NotFound` unless the item belongs to `org`.
pub async fn update(conn: &mut AnyConnection, org: OrgId, c: &OrgCipherRow) -> Result<()> {
    let done = sqlx::query(
        "UPDATE ciphers SET cipher_type = $3, data = $4, item_key = $5, reprompt = $6, \
         revision_date = $7, deleted_date = $8 WHERE organization_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(c.id.to_string())
    .bind(c.cipher_type)
    .bind(&c.data)
    .bind(&c.item_key)
    .bind(c.reprompt)
    .bind(c.revision_date)
    .bind(c.deleted_date)
    .execute(conn)
    .await?;
    expect_one(done.rows_affected())
}

/// Replaces the collections of an org item with those of `collections` in `org`; returns how
/// many links were written.
///
/// # Errors
/// `StoreError::NotFound` unless the item belongs to `org`.
pub async fn set_collections(
    conn: &mut AnyConnection,
    org: OrgId,
    cipher: CipherId,
    collections: &[CollectionId],
    now: i64,
) -> Result<u64> {
    let done =
        sqlx::query("UPDATE ciphers SET revision_date = $3 WHERE organization_id = $1 AND id = $2")
            .bind(org.to_string())
            .bind(cipher.to_string())
            .bind(now)
            .execute(&mut *conn)
            .await?;
    expect_one(done.rows_affected())?;
    sqlx::query("DELETE FROM ciphers_collections WHERE cipher_id = $1")
        .bind(cipher.to_string())
        .execute(&mut *conn)
        .await?;
    link(conn, org, cipher, collections).await
}

/// The collections holding one org item.
///
/// # Errors
/// Database failures.
pub async fn collections_of(
    conn: &mut AnyConnection,
    org: OrgId,
    cipher: CipherId,
) -> Result<Vec<CollectionId>> {
    let rows: Vec<CipherCollectionRow> = sqlx::query_as(
        "SELECT cc.cipher_id, cc.collection_id FROM ciphers_collections cc \
         JOIN ciphers c ON c.id = cc.cipher_id WHERE c.organization_id = $1 AND c.id = $2 \
         ORDER BY cc.collection_id",
    )
    .bind(org.to_string())
    .bind(cipher.to_string())
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.collection_id).collect())
}

/// Every item of `org`, for the admin console and export.
///
/// # Errors
/// Database failures.
pub async fn list_for_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<OrgCipherRow>> {
    let sql = format!("SELECT {COLUMNS} FROM ciphers c WHERE c.organization_id = $1 ORDER BY c.id");
    Ok(sqlx::query_as(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?)
}

/// Every (item, collection) link of `org`, to go with [`list_for_org`].
///
/// # Errors
/// Database failures.
pub async fn collection_pairs_for_org(
    conn: &mut AnyConnection,
    org: OrgId,
) -> Result<Vec<CipherCollectionRow>> {
    Ok(sqlx::query_as(
        "SELECT cc.cipher_id, cc.collection_id FROM ciphers_collections cc \
         JOIN ciphers c ON c.id = cc.cipher_id WHERE c.organization_id = $1 \
         ORDER BY cc.cipher_id, cc.collection_id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?)
}

/// Permanently deletes the items of `org` among `ids`; returns how many.
///
/// # Errors
/// Database failures.
pub async fn delete_many(conn: &mut AnyConnection, org: OrgId, ids: &[CipherId]) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "DELETE FROM ciphers WHERE organization_id = $1 AND id IN ({})",
        placeholders(2, ids.len())
    );
    let mut q = sqlx::query(&sql).bind(org.to_string());
    for id in ids {
        q = q.bind(id.to_string());
    }
    Ok(q.execute(conn).await?.rows_affected())
}

/// Deletes every item of `org` (purge).
///
/// # Errors
/// Database failures.
pub async fn delete_all(conn: &mut AnyConnection, org: OrgId) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM ciphers WHERE organization_id = $1")
            .bind(org.to_string())
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// The visibility query, built once: streaming needs SQL text that outlives the call.
pub(crate) fn visible_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "{}, ranked AS (\
                SELECT cc.cipher_id, g.org_id, \
                MAX(g.manage * 4 + (1 - g.read_only) * 2 + (1 - g.hide_passwords)) AS access_rank \
                FROM grants g JOIN ciphers_collections cc ON cc.collection_id = g.collection_id \
                GROUP BY cc.cipher_id, g.org_id\
             ) SELECT {COLUMNS}, s.folder_id, COALESCE(s.favorite, 0) AS favorite, \
             s.archived_date, r.access_rank FROM ranked r \
             JOIN ciphers c ON c.id = r.cipher_id AND c.organization_id = r.org_id \
             LEFT JOIN cipher_user_state s ON s.cipher_id = c.id AND s.user_id = $1",
            grants::for_user()
        )
    })
}

/// Streams every org item the user can see: items in at least one collection the user reaches
/// directly or through a group, in orgs where they are a Confirmed member of an enabled org
/// (Owners and Admins are not special here; they use the admin routes). Trashed items included.
/// One query, whatever the number of orgs, collections and items. The rank arithmetic is
/// `CollectionAccess::item_rank`, so the best grant per item is one `MAX`.
pub fn stream_visible_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> BoxStream<'_, Result<VisibleCipherRow>> {
    sqlx::query_as::<_, VisibleCipherRow>(visible_sql())
        .bind(user.to_string())
        .fetch(conn)
        .map(|r| r.map_err(StoreError::from))
        .boxed()
}

/// [`stream_visible_for_user`], collected.
///
/// # Errors
/// Database failures.
pub async fn visible_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<VisibleCipherRow>> {
    Ok(sqlx::query_as(visible_sql())
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// The (item, collection) pairs behind `collectionIds` of the items the user sees: only the
/// collections the user reaches. One query.
///
/// # Errors
/// Database failures.
pub async fn visible_pairs_for_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<CipherCollectionRow>> {
    Ok(sqlx::query_as(pairs_sql())
        .bind(user.to_string())
        .fetch_all(conn)
        .await?)
}

/// The pairs query of [`visible_pairs_for_user`], built once.
pub(crate) fn pairs_sql() -> &'static str {
    static SQL: OnceLock<String> = OnceLock::new();
    SQL.get_or_init(|| {
        format!(
            "{}SELECT DISTINCT cc.cipher_id, cc.collection_id FROM grants g \
             JOIN ciphers_collections cc ON cc.collection_id = g.collection_id \
             ORDER BY cc.cipher_id, cc.collection_id",
            grants::for_user()
        )
    })
}

/// The org an item belongs to, or `None` for a personal (or unknown) item: how the shared item
/// routes tell an org item from a personal one before any authorization.
///
/// # Errors
/// Database failures.
pub async fn org_of(conn: &mut AnyConnection, id: CipherId) -> Result<Option<OrgId>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT organization_id FROM ciphers WHERE id = $1 AND organization_id IS NOT NULL",
    )
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.map(|(o,)| {
        o.parse()
            .map_err(|_| StoreError::Corrupt("organization id".into()))
    })
    .transpose()
}

/// One user's own flags on an item (folder, favourite, archive date); defaults when unset.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct UserStateRow {
    pub folder_id: Option<String>,
    pub favorite: i64,
    pub archived_date: Option<i64>,
}

/// # Errors
/// Database failures.
pub async fn user_state(
    conn: &mut AnyConnection,
    user: UserId,
    cipher: CipherId,
) -> Result<UserStateRow> {
    Ok(sqlx::query_as(
        "SELECT folder_id, favorite, archived_date FROM cipher_user_state \
         WHERE cipher_id = $1 AND user_id = $2",
    )
    .bind(cipher.to_string())
    .bind(user.to_string())
    .fetch_optional(conn)
    .await?
    .unwrap_or_default())
}
