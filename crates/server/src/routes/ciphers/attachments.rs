//! Attachments of personal and org items: the v2 flow (declare, then upload the encrypted
//! bytes), legacy one-step uploads, metadata with fresh download links, the anonymous signed
//! download, and deletion, with the admin variants for org items. Who may do what on which
//! item is `attachment_target`'s job.
//! Metadata is written in transactions; bytes land on disk only complete (see
//! `services::attachment_files`), and a row is marked uploaded only once its file is in place.

use super::attachment_target::{Need, Target, Via};
use super::parse_id;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path, Query};
use crate::services::attachment_files::{self as files, Received};
use crate::services::attachment_links::token_valid;
use crate::services::cipher_checks::check_fresh;
use crate::services::cipher_view::{write_attachment, AttachmentLinks};
use crate::services::events::RequestOrigin;
use crate::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::{now_micros, parse_rfc3339};
use bulwark_domain::{AttachmentId, CipherId};
use bulwark_store::attachments::{self as store, AttachmentRow};
use bulwark_store::users;
use bulwark_wire::cipher::AttachmentRequest;
use serde::Deserialize;
use serde_json::{json, Value};

fn parse_ids(id: &str, attachment: &str) -> ApiResult<(CipherId, AttachmentId)> {
    Ok((
        parse_id(id)?,
        attachment.parse().map_err(|_| ApiError::NotFound)?,
    ))
}

fn multipart(m: Result<Multipart, MultipartRejection>) -> ApiResult<Multipart> {
    m.map_err(|e| ApiError::field("", format!("A multipart/form-data body is required: {e}")))
}

/// The encrypted name and key are stored as sent (upstream does not shape-check them here);
/// only their size is bounded.
fn bounded(field: &str, value: Option<String>, required: bool) -> ApiResult<Option<String>> {
    match value.filter(|v| !v.is_empty()) {
        Some(v) if v.len() > 1000 => Err(ApiError::field(
            field,
            format!(
                "The field {field} exceeds the maximum encrypted value length of 1000 characters."
            ),
        )),
        None if required => Err(ApiError::field(
            field,
            format!("The {field} field is required."),
        )),
        v => Ok(v),
    }
}

/// `attachment-fileUpload`: where and how to upload (always directly to this server). Admin
/// requests get the item as `cipherMiniResponse` instead of `cipherResponse`.
fn upload_response(cipher: CipherId, attachment: &str, cipher_value: Value, via: Via) -> Value {
    let (full, mini) = match via {
        Via::Member => (cipher_value, Value::Null),
        Via::Admin => (Value::Null, cipher_value),
    };
    json!({
        "object": "attachment-fileUpload",
        "attachmentId": attachment,
        "url": format!("{cipher}/attachment/{attachment}"),
        "fileUploadType": 0,
        "cipherResponse": full,
        "cipherMiniResponse": mini,
    })
}

/// The rendering the admin routes answer with, else the member one.
fn object_for(via: Via) -> &'static str {
    match via {
        Via::Member => "cipher",
        Via::Admin => "cipherMini",
    }
}

/// `POST /ciphers/{id}/attachment/v2`: records a not-yet-uploaded attachment.
pub(super) async fn create_v2(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<AttachmentRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let size = req
        .file_size
        .ok_or_else(|| ApiError::field("FileSize", "The FileSize field is required."))?;
    if size < 1 {
        return Err(ApiError::bad("No data to attach."));
    }
    if u64::try_from(size).unwrap_or(u64::MAX) > state.config.attachment_max_bytes {
        return Err(ApiError::bad(files::max_size_message(&state.config)));
    }
    let file_name = bounded("FileName", req.file_name, true)?.unwrap_or_default();
    let key = bounded("Key", req.key, false)?;
    let last_known = req
        .last_known_revision_date
        .as_deref()
        .map(|d| {
            parse_rfc3339(d).ok_or_else(|| {
                ApiError::field(
                    "LastKnownRevisionDate",
                    "The field LastKnownRevisionDate is not a valid date.",
                )
            })
        })
        .transpose()?;
    let via = if req.admin_request == Some(true) {
        Via::Admin
    } else {
        Via::Member
    };
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut target = Target::load(&mut tx, auth.id(), id, Need::Edit, via).await?;
    check_fresh(last_known, target.revision_date())?;
    target.check_storage(&mut tx, size).await?;
    let attachment = AttachmentRow {
        id: AttachmentId::generate().to_string(),
        cipher_id: id,
        file_name,
        attachment_key: key,
        declared_size: size,
        size: 0,
        validated: 0,
    };
    store::insert(&mut tx, &attachment, now).await?;
    target
        .touch(
            &mut tx,
            auth.id(),
            &origin,
            Some(EventType::Cipher_AttachmentCreated),
            now,
        )
        .await?;
    // The clients store this cipher as it is and show it (`bw create attachment` prints it,
    // `bw get attachment` looks the file up in it), so it lists the attachment being uploaded,
    // as the official server's and Vaultwarden's do. Sync and the other reads show uploaded
    // files only.
    let atts = store::list_for_cipher(&mut tx, id).await?;
    let shown: Vec<&AttachmentRow> = atts
        .iter()
        .filter(|a| a.validated != 0 || a.id == attachment.id)
        .collect();
    let value = target
        .render_with(&mut tx, &state, auth.id(), &shown, object_for(via))
        .await?;
    tx.commit().await?;
    Ok(Json(upload_response(id, &attachment.id, value, via)))
}

/// `GET /ciphers/{id}/attachment/{attachmentId}/renew`: the upload instructions again.
pub(super) async fn renew(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let (id, att) = parse_ids(&id, &att)?;
    let mut conn = state.store.conn().await?;
    let target = Target::load(&mut conn, auth.id(), id, Need::EditOrAdmin, Via::Member).await?;
    let a = store::find_unscoped(&mut conn, id, att.as_str()).await?;
    if a.validated != 0 {
        return Err(ApiError::bad("Attachment has already been uploaded."));
    }
    let value = target
        .render(&mut conn, &state, auth.id(), "cipher")
        .await?;
    Ok(Json(upload_response(id, &a.id, value, Via::Member)))
}

/// How an upload reaches its item, re-checked in the transaction that records it.
#[derive(Clone, Copy)]
struct Access {
    need: Need,
    via: Via,
}

/// Marks the upload done and moves the item's revision, after the file is in place; if that
/// fails the file goes again, so no file exists without its row.
async fn commit_upload(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    access: Access,
    row: &AttachmentRow,
    new: bool,
    received: Received,
) -> ApiResult<CipherId> {
    let att: AttachmentId = row.id.parse().map_err(|_| ApiError::NotFound)?;
    let size = i64::try_from(received.size).unwrap_or(i64::MAX);
    received
        .persist(&files::file_path(&state.config, row.cipher_id, &att))
        .await?;
    let result: ApiResult<()> = async {
        let now = now_micros();
        let mut tx = state.store.begin().await?;
        users::bump_revision(&mut tx, auth.id(), now).await?;
        let mut target =
            Target::load(&mut tx, auth.id(), row.cipher_id, access.need, access.via).await?;
        target.check_storage(&mut tx, size).await?;
        let event = if new {
            store::insert(
                &mut tx,
                &AttachmentRow {
                    size,
                    declared_size: size,
                    validated: 1,
                    ..row.clone()
                },
                now,
            )
            .await?;
            Some(EventType::Cipher_AttachmentCreated)
        } else {
            store::mark_uploaded(&mut tx, row.cipher_id, &row.id, size).await?;
            None
        };
        target.touch(&mut tx, auth.id(), origin, event, now).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    if result.is_err() {
        files::remove_file(&state.config, row.cipher_id, &att).await;
    }
    result.map(|()| row.cipher_id)
}

/// Drops a declared attachment whose upload did not match (upstream deletes it too).
async fn discard(state: &AppState, auth: &AuthUser, row: &AttachmentRow) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    store::delete(&mut tx, row.cipher_id, &row.id).await?;
    tx.commit().await?;
    Ok(())
}

/// `POST /ciphers/{id}/attachment/{attachmentId}`: multipart part `data` with the bytes.
pub(super) async fn upload(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((id, att)): Path<(String, String)>,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<()> {
    let (id, att) = parse_ids(&id, &att)?;
    let access = Access {
        need: Need::EditOrAdmin,
        via: Via::Member,
    };
    let row = {
        let mut conn = state.store.conn().await?;
        Target::load(&mut conn, auth.id(), id, access.need, access.via).await?;
        store::find_unscoped(&mut conn, id, att.as_str()).await?
    };
    if row.validated != 0 {
        return Err(ApiError::bad("Attachment has already been uploaded."));
    }
    let declared = u64::try_from(row.declared_size).unwrap_or(0);
    let dir = files::cipher_dir(&state.config, id);
    let received = match files::receive(&state.config, &dir, multipart(body)?, Some(declared)).await
    {
        Ok(r) if files::matches_declared(row.declared_size, r.size) => r,
        Ok(_) => {
            discard(&state, &auth, &row).await?;
            return Err(files::length_mismatch());
        }
        Err(e) => return Err(e),
    };
    commit_upload(&state, &auth, &origin, access, &row, false, received)
        .await
        .map(|_| ())
}

/// The legacy one-step upload, as a member (`cipher`) or an admin (`cipherMini`).
async fn legacy(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: &str,
    via: Via,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<Value> {
    let id = parse_id(id)?;
    let access = Access {
        need: Need::Edit,
        via,
    };
    {
        // Refuse before reading the body: no access, or an org without storage.
        let mut conn = state.store.conn().await?;
        let target = Target::load(&mut conn, auth.id(), id, access.need, via).await?;
        target.check_storage(&mut conn, 1).await?;
    }
    let dir = files::cipher_dir(&state.config, id);
    let received = files::receive(&state.config, &dir, multipart(body)?, None).await?;
    if received.size == 0 {
        return Err(ApiError::bad("No data to attach."));
    }
    let row = AttachmentRow {
        id: AttachmentId::generate().to_string(),
        cipher_id: id,
        file_name: bounded("FileName", received.file_name.clone(), true)?.unwrap_or_default(),
        attachment_key: bounded("Key", received.key.clone(), false)?,
        declared_size: 0,
        size: 0,
        validated: 0,
    };
    commit_upload(state, auth, origin, access, &row, true, received).await?;
    let mut conn = state.store.conn().await?;
    let target = Target::load(&mut conn, auth.id(), id, Need::Read, via).await?;
    target
        .render(&mut conn, state, auth.id(), object_for(via))
        .await
}

/// `POST /ciphers/{id}/attachment` (legacy v1): metadata and bytes in one multipart body.
pub(super) async fn upload_legacy(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<Value>> {
    legacy(&state, &auth, &origin, &id, Via::Member, body)
        .await
        .map(Json)
}

/// `POST /ciphers/{id}/attachment-admin`: the legacy upload for admins (org items only).
pub(super) async fn upload_legacy_admin(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<Value>> {
    legacy(&state, &auth, &origin, &id, Via::Admin, body)
        .await
        .map(Json)
}

async fn read_metadata(
    state: &AppState,
    auth: &AuthUser,
    id: &str,
    att: &str,
    via: Via,
) -> ApiResult<Response> {
    let (id, att) = parse_ids(id, att)?;
    let mut conn = state.store.conn().await?;
    Target::load(&mut conn, auth.id(), id, Need::Read, via).await?;
    let a = store::find_unscoped(&mut conn, id, att.as_str()).await?;
    if a.validated == 0 {
        return Err(ApiError::NotFound);
    }
    let key = state.jwt.derive_key("attachment-download");
    let links = AttachmentLinks {
        base_url: &state.config.public_url,
        key: &key,
    };
    let mut body = String::new();
    write_attachment(&mut body, &a, &links);
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response())
}

/// `GET /ciphers/{id}/attachment/{attachmentId}`: metadata with a fresh signed `url`.
pub(super) async fn metadata(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Response> {
    read_metadata(&state, &auth, &id, &att, Via::Member).await
}

/// `GET /ciphers/{id}/attachment/{attachmentId}/admin`.
pub(super) async fn metadata_admin(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Response> {
    read_metadata(&state, &auth, &id, &att, Via::Admin).await
}

async fn delete_file(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: &str,
    att: &str,
    via: Via,
) -> ApiResult<Value> {
    let (id, att) = parse_ids(id, att)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut target = Target::load(&mut tx, auth.id(), id, Need::Delete, via).await?;
    store::find_unscoped(&mut tx, id, att.as_str()).await?;
    store::delete(&mut tx, id, att.as_str()).await?;
    target
        .touch(
            &mut tx,
            auth.id(),
            origin,
            Some(EventType::Cipher_AttachmentDeleted),
            now,
        )
        .await?;
    let mini = target
        .render(&mut tx, state, auth.id(), "cipherMini")
        .await?;
    tx.commit().await?;
    files::remove_file(&state.config, id, &att).await;
    Ok(json!({ "object": "deleteAttachment", "cipher": mini }))
}

/// `DELETE /ciphers/{id}/attachment/{attachmentId}` (and POST `…/delete`).
pub(super) async fn remove(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    delete_file(&state, &auth, &origin, &id, &att, Via::Member)
        .await
        .map(Json)
}

/// `DELETE /ciphers/{id}/attachment/{attachmentId}/admin` (and POST `…/delete-admin`).
pub(super) async fn remove_admin(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    delete_file(&state, &auth, &origin, &id, &att, Via::Admin)
        .await
        .map(Json)
}

#[derive(Deserialize)]
pub(super) struct DownloadQuery {
    token: Option<String>,
}

/// `GET /attachments/{cipherId}/{attachmentId}?token=`: anonymous; the signed token is the
/// authorization, and anything wrong with it is a 404 that reveals nothing.
pub(super) async fn download(
    State(state): State<AppState>,
    Path((id, att)): Path<(String, String)>,
    Query(q): Query<DownloadQuery>,
) -> ApiResult<Response> {
    let (id, att) = parse_ids(&id, &att)?;
    let key = state.jwt.derive_key("attachment-download");
    let now = chrono::Utc::now().timestamp();
    let token = q.token.unwrap_or_default();
    if !token_valid(&key, &token, &id.to_string(), att.as_str(), now) {
        return Err(ApiError::NotFound);
    }
    let row = {
        let mut conn = state.store.conn().await?;
        store::find_unscoped(&mut conn, id, att.as_str()).await?
    };
    if row.validated == 0 {
        return Err(ApiError::NotFound);
    }
    let body = files::open(&files::file_path(&state.config, id, &att)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_LENGTH, row.size.to_string()),
        ],
        body,
    )
        .into_response())
}
