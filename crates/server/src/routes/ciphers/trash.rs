//! Trash (soft delete, restore), permanent deletion and purge. Permanent deletion removes the
//! attachment files after the rows are committed: a crash in between leaves an orphaned file,
//! never a row pointing at a missing one.

use super::org_trash::{self, Change};
use super::org_write::is_org_item;
use super::{parse_id, parse_ids, render};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, OptionalJson, Path, Query};
use crate::services::events::RequestOrigin;
use crate::services::{accounts, attachment_files};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_domain::CipherId;
use bulwark_store::{ciphers, folders, users};
use bulwark_wire::account::SecretVerification;
use bulwark_wire::cipher::CipherIdsRequest;
use bulwark_wire::ListResponse;
use serde::Deserialize;
use serde_json::Value;

/// `PUT /ciphers/{id}/delete`: to the trash. Already trashed items stay as they are.
pub(super) async fn soft_delete(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let id = parse_id(&id)?;
    if is_org_item(&state, id).await? {
        return org_trash::apply(&state, &auth, &origin, id, Change::Trash)
            .await
            .map(|_| ());
    }
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    if row.deleted_date.is_none() {
        row.deleted_date = Some(now);
        row.revision_date = now;
        ciphers::update(&mut tx, auth.id(), &row).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `PUT /ciphers/delete` `{ids}`: bulk trash; ids that are not the caller's are skipped.
pub(super) async fn soft_delete_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherIdsRequest>,
) -> ApiResult<()> {
    let ids = parse_ids(&req.ids, "delete")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    org_trash::apply_many(&mut tx, &state, &auth, &origin, &ids, Change::Trash, now).await?;
    for mut row in ciphers::find_many(&mut tx, auth.id(), &ids).await? {
        if row.deleted_date.is_none() {
            row.deleted_date = Some(now);
            row.revision_date = now;
            ciphers::update(&mut tx, auth.id(), &row).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// `PUT /ciphers/{id}/restore`: out of the trash.
pub(super) async fn restore(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    if is_org_item(&state, id).await? {
        let v = org_trash::apply(&state, &auth, &origin, id, Change::Restore).await?;
        return Ok(Json(v.unwrap_or(Value::Null)));
    }
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    row.deleted_date = None;
    row.revision_date = now;
    ciphers::update(&mut tx, auth.id(), &row).await?;
    let value = render(&mut tx, &state, &row, "cipher").await?;
    tx.commit().await?;
    Ok(Json(value))
}

/// `PUT /ciphers/restore` `{ids}`: the restored items as `cipherMini`.
pub(super) async fn restore_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherIdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids = parse_ids(&req.ids, "restore")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let (mut out, _) =
        org_trash::apply_many(&mut tx, &state, &auth, &origin, &ids, Change::Restore, now).await?;
    for mut row in ciphers::find_many(&mut tx, auth.id(), &ids).await? {
        if row.deleted_date.is_some() {
            row.deleted_date = None;
            row.revision_date = now;
            ciphers::update(&mut tx, auth.id(), &row).await?;
            out.push(render(&mut tx, &state, &row, "cipherMini").await?);
        }
    }
    tx.commit().await?;
    Ok(Json(ListResponse::new(out)))
}

/// Deletes the caller's items among `ids` for good (others' are skipped), then their files.
/// With `single`, finding none of them is a 404.
async fn delete_owned(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    ids: &[CipherId],
    single: bool,
) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let (_, org_deleted) =
        org_trash::apply_many(&mut tx, state, auth, origin, ids, Change::Delete, now).await?;
    let owned: Vec<CipherId> = ciphers::find_many(&mut tx, auth.id(), ids)
        .await?
        .iter()
        .map(|r| r.id)
        .collect();
    if single && owned.is_empty() {
        return Err(ApiError::NotFound);
    }
    ciphers::delete_many(&mut tx, auth.id(), &owned).await?;
    tx.commit().await?;
    attachment_files::remove_cipher_dirs(&state.config, &owned).await;
    attachment_files::remove_cipher_dirs(&state.config, &org_deleted).await;
    Ok(())
}

/// `DELETE /ciphers/{id}` and `POST /ciphers/{id}/delete`: permanent.
pub(super) async fn delete_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let id = parse_id(&id)?;
    if is_org_item(&state, id).await? {
        return org_trash::apply(&state, &auth, &origin, id, Change::Delete)
            .await
            .map(|_| ());
    }
    delete_owned(&state, &auth, &origin, &[id], true).await
}

/// `DELETE /ciphers` and `POST /ciphers/delete` `{ids}`: bulk permanent delete.
pub(super) async fn delete_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherIdsRequest>,
) -> ApiResult<()> {
    let ids = parse_ids(&req.ids, "delete")?;
    delete_owned(&state, &auth, &origin, &ids, false).await
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct PurgeQuery {
    organization_id: Option<String>,
}

/// `POST /ciphers/purge`: after the master password is confirmed, every personal item and
/// folder of the user goes (the web vault warns "all items and folders").
pub(super) async fn purge(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Query(q): Query<PurgeQuery>,
    OptionalJson(body): OptionalJson<SecretVerification>,
) -> ApiResult<()> {
    if let Some(org) = q.organization_id.as_deref().filter(|o| !o.is_empty()) {
        let org = crate::services::org_access::parse_org_id(org)?;
        let secret = body.unwrap_or_default();
        return super::org_bulk::purge_org(&state, &auth, &origin, org, &secret).await;
    }
    accounts::verify_secret(&state, &auth.user, &body.unwrap_or_default()).await?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ids: Vec<CipherId> = ciphers::list_for_user(&mut tx, auth.id())
        .await?
        .iter()
        .map(|r| r.id)
        .collect();
    ciphers::delete_all(&mut tx, auth.id()).await?;
    folders::delete_all(&mut tx, auth.id()).await?;
    tx.commit().await?;
    attachment_files::remove_cipher_dirs(&state.config, &ids).await;
    Ok(())
}
