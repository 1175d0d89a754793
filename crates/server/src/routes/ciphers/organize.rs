//! The owner's arrangement of items: moving between folders and archiving.

use super::{parse_id, parse_ids, render};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::cipher_checks::check_folder;
use crate::services::cipher_input::parse_folder;
use crate::services::org_items::{self, OrgItem};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_domain::CipherId;
use bulwark_store::ciphers::CipherRow;
use bulwark_store::{ciphers, users, AnyConnection};
use bulwark_wire::cipher::{CipherIdsRequest, CipherMoveRequest};
use bulwark_wire::ListResponse;
use serde_json::Value;

/// `PUT /ciphers/move` (and POST) `{ids, folderId}`: ids that are not the caller's are skipped.
pub(super) async fn move_many(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<CipherMoveRequest>,
) -> ApiResult<()> {
    let folder = parse_folder(req.folder_id.as_deref())?;
    let ids = parse_ids(&req.ids, "move")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    check_folder(&mut tx, auth.id(), folder).await?;
    let personal = ciphers::find_many(&mut tx, auth.id(), &ids).await?;
    for mut row in personal.iter().cloned() {
        row.folder_id = folder.map(|f| f.to_string());
        row.revision_date = now;
        ciphers::update(&mut tx, auth.id(), &row).await?;
    }
    // Org items the caller sees keep their folder per user.
    for (_, mut row) in org_rows(&mut tx, &auth, &ids, &personal).await? {
        row.folder_id = folder.map(|f| f.to_string());
        ciphers::set_user_state(&mut tx, auth.id(), &row).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The org items among `ids` (those not in `personal`) that the caller sees, each with the
/// caller's own folder, favourite and archive flags; others are skipped.
async fn org_rows(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    ids: &[CipherId],
    personal: &[CipherRow],
) -> ApiResult<Vec<(OrgItem, CipherRow)>> {
    let mut out = Vec::new();
    for id in ids
        .iter()
        .filter(|id| !personal.iter().any(|p| p.id == **id))
    {
        match org_items::locate(conn, auth.id(), *id).await {
            Ok(Some(item)) => {
                let row = org_items::as_user_row(conn, auth.id(), &item.row).await?;
                out.push((item, row));
            }
            Ok(None) | Err(ApiError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Which way an archive request goes, with upstream's "nothing changed" text.
#[derive(Clone, Copy)]
enum Archive {
    Set,
    Clear,
}

impl Archive {
    /// Sets or clears `row`'s archive date; false when it already was so.
    fn apply(self, row: &mut CipherRow, now: i64) -> bool {
        match (self, row.archived_date.is_some()) {
            (Self::Set, false) => row.archived_date = Some(now),
            (Self::Clear, true) => row.archived_date = None,
            _ => return false,
        }
        true
    }

    fn unchanged(self) -> ApiError {
        ApiError::bad(match self {
            Self::Set => "Cipher was not archived. Ensure the provided ID is correct and you have permission to archive it.",
            Self::Clear => "Cipher was not unarchived. Ensure the provided ID is correct and you have permission to unarchive it.",
        })
    }
}

/// Sets or clears the archive date of the caller's items among `ids`; the changed items as
/// `cipher`, or 400 when nothing changed.
async fn set_archived(
    state: &AppState,
    auth: &AuthUser,
    ids: &[CipherId],
    way: Archive,
) -> ApiResult<Vec<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut out = Vec::new();
    let personal = ciphers::find_many(&mut tx, auth.id(), ids).await?;
    for mut row in personal.iter().cloned() {
        if !way.apply(&mut row, now) {
            continue;
        }
        row.revision_date = now;
        ciphers::update(&mut tx, auth.id(), &row).await?;
        out.push(render(&mut tx, state, &row, "cipher").await?);
    }
    // An org item is archived for the caller alone: the archive date is a per-user flag.
    for (item, mut row) in org_rows(&mut tx, auth, ids, &personal).await? {
        if !way.apply(&mut row, now) {
            continue;
        }
        ciphers::set_user_state(&mut tx, auth.id(), &row).await?;
        out.push(org_items::render(&mut tx, state, auth.id(), &item, "cipher").await?);
    }
    if out.is_empty() {
        return Err(way.unchanged());
    }
    tx.commit().await?;
    Ok(out)
}

async fn one(state: &AppState, auth: &AuthUser, id: &str, way: Archive) -> ApiResult<Value> {
    let id = parse_id(id)?;
    let mut conn = state.store.conn().await?;
    // Someone else's (or no) item is a 404, not "was not archived".
    if ciphers::find(&mut conn, auth.id(), id).await.is_err()
        && org_items::locate(&mut conn, auth.id(), id).await?.is_none()
    {
        return Err(ApiError::NotFound);
    }
    drop(conn);
    let mut changed = set_archived(state, auth, &[id], way).await?;
    changed.pop().ok_or_else(|| way.unchanged())
}

/// `PUT /ciphers/{id}/archive`.
pub(super) async fn archive(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    one(&state, &auth, &id, Archive::Set).await.map(Json)
}

/// `PUT /ciphers/{id}/unarchive`.
pub(super) async fn unarchive(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    one(&state, &auth, &id, Archive::Clear).await.map(Json)
}

/// `PUT /ciphers/archive` `{ids}`.
pub(super) async fn archive_many(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<CipherIdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids = parse_ids(&req.ids, "archive")?;
    let out = set_archived(&state, &auth, &ids, Archive::Set).await?;
    Ok(Json(ListResponse::new(out)))
}

/// `PUT /ciphers/unarchive` `{ids}`.
pub(super) async fn unarchive_many(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<CipherIdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids = parse_ids(&req.ids, "unarchive")?;
    let out = set_archived(&state, &auth, &ids, Archive::Clear).await?;
    Ok(Json(ListResponse::new(out)))
}
