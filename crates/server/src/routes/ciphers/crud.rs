//! Reading, creating and editing items.

use super::{apply, new_row, org_write, parse_id, render, render_with};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::cipher_checks::{check_encryption, check_folder, check_fresh, check_personal};
use crate::services::cipher_input::{self, parse_folder};
use crate::services::events::RequestOrigin;
use crate::services::org_items;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_domain::CipherId;
use bulwark_store::attachments::{self as attachment_store, AttachmentRow};
use bulwark_store::{ciphers, users, AnyConnection};
use bulwark_wire::cipher::{CipherCreateRequest, CipherPartialRequest, CipherRequest};
use bulwark_wire::ListResponse;
use serde_json::Value;
use std::collections::HashMap;

/// `GET /ciphers`: every item of the user, trashed ones included, as `cipherDetails`.
pub(super) async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let rows = ciphers::list_for_user(&mut conn, auth.id()).await?;
    let atts = attachment_store::list_for_user(&mut conn, auth.id()).await?;
    let mut by_cipher: HashMap<CipherId, Vec<&AttachmentRow>> = HashMap::new();
    for a in &atts {
        by_cipher.entry(a.cipher_id).or_default().push(a);
    }
    let mut data: Vec<Value> = rows
        .iter()
        .map(|r| {
            let a = by_cipher.get(&r.id).map_or(&[][..], Vec::as_slice);
            render_with(&state, r, a, "cipherDetails")
        })
        .collect();
    data.extend(org_items::list_visible(&mut conn, &state, auth.id()).await?);
    Ok(Json(ListResponse::new(data)))
}

async fn get_as(state: &AppState, auth: &AuthUser, id: &str, object: &str) -> ApiResult<Value> {
    let id = parse_id(id)?;
    if let Some(v) = org_write::read(state, auth, id, object).await? {
        return Ok(v);
    }
    let mut conn = state.store.conn().await?;
    let row = ciphers::find(&mut conn, auth.id(), id).await?;
    render(&mut conn, state, &row, object).await
}

/// `GET /ciphers/{id}`.
pub(super) async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    get_as(&state, &auth, &id, "cipher").await.map(Json)
}

/// `GET /ciphers/{id}/details` and the obsolete `/full-details`.
pub(super) async fn get_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    get_as(&state, &auth, &id, "cipherDetails").await.map(Json)
}

/// The refusal of the data-ownership policy (upstream text).
pub(super) const PERSONAL_OWNERSHIP: &str =
    "Due to an Enterprise Policy, you are restricted from saving items to your personal vault.";

/// Creates a personal item; `prefix` starts validation keys (`Cipher.` inside `/create`).
async fn insert_new(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    req: &CipherRequest,
    prefix: &str,
) -> ApiResult<Value> {
    // An org item without a collection list is created unassigned.
    if let Some(org) = org_write::body_org(req)? {
        return org_write::create(state, auth, origin, org, req, None, prefix).await;
    }
    check_personal(req)?;
    check_encryption(req, &auth.user)?;
    let input = cipher_input::validate(req, prefix)?;
    let now = now_micros();
    let row = new_row(input, CipherId::new(), now);
    match ciphers::create_personal(&state.store, auth.id(), row.clone(), now).await? {
        ciphers::Created::Yes => {}
        ciphers::Created::UnknownFolder => return Err(ApiError::bad("Invalid folder.")),
        ciphers::Created::PolicyForbids => return Err(ApiError::bad(PERSONAL_OWNERSHIP)),
    }
    Ok(render_with(state, &row, &[], "cipher"))
}

/// `POST /ciphers`.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherRequest>,
) -> ApiResult<Json<Value>> {
    insert_new(&state, &auth, &origin, &req, "").await.map(Json)
}

/// `POST /ciphers/create`: `{cipher, collectionIds}`; collections need organizations.
pub(super) async fn create_with_collections(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherCreateRequest>,
) -> ApiResult<Json<Value>> {
    if let Some(org) = org_write::body_org(&req.cipher)? {
        let ids = req.collection_ids.unwrap_or_default();
        return org_write::create(
            &state,
            &auth,
            &origin,
            org,
            &req.cipher,
            Some(&ids),
            "Cipher.",
        )
        .await
        .map(Json);
    }
    insert_new(&state, &auth, &origin, &req.cipher, "Cipher.")
        .await
        .map(Json)
}

/// Applies the re-encrypted names of existing attachments (`attachments2` wins when
/// non-empty; the legacy map clears the key). Never adds or removes attachments.
pub(super) async fn rename_attachments(
    conn: &mut AnyConnection,
    cipher: CipherId,
    req: &CipherRequest,
) -> ApiResult<()> {
    match req.attachments2.as_ref().filter(|m| !m.is_empty()) {
        Some(names) => {
            for (id, n) in names {
                let file_name = n.file_name.as_deref().unwrap_or_default();
                attachment_store::update_names(conn, cipher, id, file_name, n.key.as_deref())
                    .await?;
            }
        }
        None => {
            for (id, file_name) in req.attachments.iter().flatten() {
                attachment_store::update_names(conn, cipher, id, file_name, None).await?;
            }
        }
    }
    Ok(())
}

/// `PUT /ciphers/{id}` (and POST): replaces the item.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    if org_write::is_org_item(&state, id).await? {
        return org_write::update(&state, &auth, &origin, id, &req)
            .await
            .map(Json);
    }
    check_encryption(&req, &auth.user)?;
    let input = cipher_input::validate(&req, "")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    // The stored item is personal, so any organization in the body disagrees with it.
    check_personal(&req).map_err(|_| {
        ApiError::bad(
            "Organization mismatch. Re-sync if you recently moved this item, then try again.",
        )
    })?;
    check_fresh(input.last_known_revision, row.revision_date)?;
    check_folder(&mut tx, auth.id(), input.folder).await?;
    apply(&mut row, input, now);
    ciphers::update(&mut tx, auth.id(), &row).await?;
    rename_attachments(&mut tx, row.id, &req).await?;
    let value = render(&mut tx, &state, &row, "cipher").await?;
    tx.commit().await?;
    Ok(Json(value))
}

/// `PUT /ciphers/{id}/partial` (and POST): only the owner's folder and favourite.
pub(super) async fn partial(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherPartialRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let folder = parse_folder(req.folder_id.as_deref())?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    // Folder and favourite are the caller's own, also on an org item they can see: only the
    // caller's state row changes, so only the caller re-syncs.
    if let Some(item) = org_items::locate(&mut tx, auth.id(), id).await? {
        check_folder(&mut tx, auth.id(), folder).await?;
        let mut mine = org_items::as_user_row(&mut tx, auth.id(), &item.row).await?;
        mine.folder_id = folder.map(|f| f.to_string());
        mine.favorite = i64::from(req.favorite.unwrap_or(false));
        ciphers::set_user_state(&mut tx, auth.id(), &mine).await?;
        let value = org_items::render(&mut tx, &state, auth.id(), &item, "cipher").await?;
        tx.commit().await?;
        return Ok(Json(value));
    }
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    check_folder(&mut tx, auth.id(), folder).await?;
    row.folder_id = folder.map(|f| f.to_string());
    row.favorite = i64::from(req.favorite.unwrap_or(false));
    row.revision_date = now;
    ciphers::update(&mut tx, auth.id(), &row).await?;
    let value = render(&mut tx, &state, &row, "cipher").await?;
    tx.commit().await?;
    Ok(Json(value))
}
