//! Attachments: the v2 flow (declare, then upload the encrypted bytes), legacy one-step uploads,
//! metadata with fresh download links, the anonymous signed download, and deletion.
//! Metadata is written in transactions; bytes land on disk only complete (see
//! `services::attachment_files`), and a row is marked uploaded only once its file is in place.

use super::{parse_id, render};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::attachment_files::{self as files, Received};
use crate::services::attachment_links::token_valid;
use crate::services::cipher_checks::check_fresh;
use crate::services::cipher_view::{write_attachment, AttachmentLinks};
use crate::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bulwark_domain::time::{now_micros, parse_rfc3339};
use bulwark_domain::{AttachmentId, CipherId};
use bulwark_store::attachments::{self as store, AttachmentRow};
use bulwark_store::{ciphers, users};
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

/// `attachment-fileUpload`: where and how to upload (always directly to this server).
fn upload_response(cipher: CipherId, attachment: &str, cipher_value: Value) -> Value {
    json!({
        "object": "attachment-fileUpload",
        "attachmentId": attachment,
        "url": format!("{cipher}/attachment/{attachment}"),
        "fileUploadType": 0,
        "cipherResponse": cipher_value,
        "cipherMiniResponse": null,
    })
}

/// `POST /ciphers/{id}/attachment/v2`: records a not-yet-uploaded attachment.
pub(super) async fn create_v2(
    State(state): State<AppState>,
    auth: AuthUser,
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
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    check_fresh(last_known, row.revision_date)?;
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
    ciphers::touch(&mut tx, auth.id(), id, now).await?;
    row.revision_date = now;
    let value = render(&mut tx, &state, &row, "cipher").await?;
    tx.commit().await?;
    Ok(Json(upload_response(id, &attachment.id, value)))
}

/// `GET /ciphers/{id}/attachment/{attachmentId}/renew`: the upload instructions again.
pub(super) async fn renew(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let (id, att) = parse_ids(&id, &att)?;
    let mut conn = state.store.conn().await?;
    let a = store::find(&mut conn, auth.id(), id, att.as_str()).await?;
    if a.validated != 0 {
        return Err(ApiError::bad("Attachment has already been uploaded."));
    }
    let row = ciphers::find(&mut conn, auth.id(), id).await?;
    let value = render(&mut conn, &state, &row, "cipher").await?;
    Ok(Json(upload_response(id, &a.id, value)))
}

/// Marks the upload done and moves the item's revision, after the file is in place; if that
/// fails the file goes again, so no file exists without its row.
async fn commit_upload(
    state: &AppState,
    auth: &AuthUser,
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
        ciphers::touch(&mut tx, auth.id(), row.cipher_id, now).await?;
        if new {
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
        } else {
            store::mark_uploaded(&mut tx, row.cipher_id, &row.id, size).await?;
        }
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
    Path((id, att)): Path<(String, String)>,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<()> {
    let (id, att) = parse_ids(&id, &att)?;
    let row = {
        let mut conn = state.store.conn().await?;
        store::find(&mut conn, auth.id(), id, att.as_str()).await?
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
    commit_upload(&state, &auth, &row, false, received)
        .await
        .map(|_| ())
}

/// `POST /ciphers/{id}/attachment` (legacy v1): metadata and bytes in one multipart body.
pub(super) async fn upload_legacy(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
    body: Result<Multipart, MultipartRejection>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    {
        let mut conn = state.store.conn().await?;
        ciphers::find(&mut conn, auth.id(), id).await?;
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
    commit_upload(&state, &auth, &row, true, received).await?;
    let mut conn = state.store.conn().await?;
    let cipher = ciphers::find(&mut conn, auth.id(), id).await?;
    render(&mut conn, &state, &cipher, "cipher").await.map(Json)
}

/// `GET /ciphers/{id}/attachment/{attachmentId}`: metadata with a fresh signed `url`.
pub(super) async fn metadata(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Response> {
    let (id, att) = parse_ids(&id, &att)?;
    let mut conn = state.store.conn().await?;
    let a = store::find(&mut conn, auth.id(), id, att.as_str()).await?;
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

/// `DELETE /ciphers/{id}/attachment/{attachmentId}` (and POST `…/delete`).
pub(super) async fn remove(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let (id, att) = parse_ids(&id, &att)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let mut row = ciphers::find(&mut tx, auth.id(), id).await?;
    store::find(&mut tx, auth.id(), id, att.as_str()).await?;
    store::delete(&mut tx, id, att.as_str()).await?;
    ciphers::touch(&mut tx, auth.id(), id, now).await?;
    row.revision_date = now;
    let mini = render(&mut tx, &state, &row, "cipherMini").await?;
    tx.commit().await?;
    files::remove_file(&state.config, id, &att).await;
    Ok(Json(
        json!({ "object": "deleteAttachment", "cipher": mini }),
    ))
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
