//! The blocking twin of the sync reads in `org_ciphers`, on SQLite's blocking reader: a
//! member's org items stream from one connection on one thread (call it from
//! `spawn_blocking`), with the same SQL text as the sqlx path so both databases agree on who
//! sees what.

use crate::org_ciphers::{pairs_sql, visible_sql, OrgCipherRow, VisibleCipherRow};
use crate::sqlite_reader::{bind_numbered, SqliteReader};
use crate::{Result, StoreError};
use bulwark_domain::{CipherId, CollectionId, UserId};
use std::collections::HashMap;
use std::str::FromStr;

/// Column `i` of `row` as an id, read in place.
fn id<T: FromStr>(row: &rusqlite::Row<'_>, i: usize, what: &str) -> Result<T> {
    row.get_ref(i)?
        .as_str()
        .ok()
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| StoreError::Corrupt(format!("{what} id")))
}

/// Calls `visit` with each org item the user sees and the ids of the collections (among those
/// the user reaches) that hold it; `visit` stops the read by returning false. The pairs are
/// read first into a map (one row per link), then the items stream: two queries in all.
///
/// # Errors
/// Database failures, or a stored id that is not a UUID.
pub fn visit_visible_for_user(
    reader: &SqliteReader,
    user: UserId,
    mut visit: impl FnMut(VisibleCipherRow, Vec<CollectionId>) -> bool,
) -> Result<()> {
    reader.with_conn(|conn| {
        let user = user.to_string();
        let mut by_cipher: HashMap<CipherId, Vec<CollectionId>> = HashMap::new();
        let mut stmt = conn.prepare_cached(pairs_sql())?;
        bind_numbered(&mut stmt, &[&user])?;
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            let cipher: CipherId = id(r, 0, "cipher")?;
            let collection: CollectionId = id(r, 1, "collection")?;
            by_cipher.entry(cipher).or_default().push(collection);
        }
        drop(rows);
        let mut stmt = conn.prepare_cached(visible_sql())?;
        bind_numbered(&mut stmt, &[&user])?;
        let mut rows = stmt.raw_query();
        while let Some(r) = rows.next()? {
            let cipher_id: CipherId = id(r, 0, "cipher")?;
            let row = VisibleCipherRow {
                cipher: OrgCipherRow {
                    id: cipher_id,
                    organization_id: id(r, 1, "organization")?,
                    cipher_type: r.get(2)?,
                    data: r.get(3)?,
                    item_key: r.get(4)?,
                    reprompt: r.get(5)?,
                    creation_date: r.get(6)?,
                    revision_date: r.get(7)?,
                    deleted_date: r.get(8)?,
                },
                folder_id: r.get(9)?,
                favorite: r.get(10)?,
                archived_date: r.get(11)?,
                access_rank: r.get(12)?,
            };
            let collections = by_cipher.remove(&cipher_id).unwrap_or_default();
            if !visit(row, collections) {
                break;
            }
        }
        Ok(())
    })
}
