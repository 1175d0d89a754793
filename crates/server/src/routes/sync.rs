//! `GET /api/sync`: everything a client caches. The item list is streamed: rows become JSON as
//! they arrive from the database and leave in chunks, so memory stays flat for any vault size,
//! and the number of queries does not depend on it (user, 2FA, folders, attachments, items).

use crate::error::ApiResult;
use crate::extract::{AuthUser, ClientInfo};
use crate::routes::folders::folder_response;
use crate::services::cipher_view::{write_cipher, AttachmentLinks};
use crate::services::{accounts, profile};
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bulwark_store::attachments::AttachmentRow;
use bulwark_store::users::UserRow;
use bulwark_store::{attachments, ciphers, folders};
use futures::StreamExt;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new().route("/sync", get(sync))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyncQuery {
    #[serde(default)]
    exclude_domains: bool,
}

const CHUNK_BYTES: usize = 64 * 1024;

fn user_decryption(user: &UserRow) -> Value {
    let mut unlock = json!({
        "kdf": {
            "kdfType": user.kdf_type,
            "iterations": user.kdf_iterations,
            "memory": user.kdf_memory,
            "parallelism": user.kdf_parallelism,
        },
        "masterKeyEncryptedUserKey": user.user_key,
        "masterKeyWrappedUserKey": user.user_key,
        "salt": user.salt,
    });
    let mut out = json!({});
    if let Some(id) = &user.user_key_id {
        unlock["containedKeyId"] = json!(id);
        out["userKeyId"] = json!(id);
    }
    out["masterPasswordUnlock"] = unlock;
    out
}

fn domains(user: &UserRow) -> Value {
    let equivalent: Value = user
        .equivalent_domains
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(Value::Null);
    json!({ "object": "domains", "equivalentDomains": equivalent, "globalEquivalentDomains": [] })
}

/// Which item types this client can show (upstream's filter: SSH keys need 2024.12; bank
/// accounts, licences and passports stay hidden while their feature flag is off).
fn visible_type(client: &ClientInfo, cipher_type: i64) -> bool {
    match cipher_type {
        5 => client.at_least((2024, 12, 0)),
        6..=8 => false,
        _ => true,
    }
}

async fn sync(
    State(state): State<AppState>,
    auth: AuthUser,
    client: ClientInfo,
    Query(q): Query<SyncQuery>,
) -> ApiResult<Response> {
    let user = auth.user;
    let two_factor = accounts::two_factor_enabled(&state, user.id).await?;
    let (folder_rows, attachment_rows) = {
        let mut conn = state.store.conn().await?;
        let f = folders::list(&mut conn, user.id).await?;
        let a = attachments::list_for_user(&mut conn, user.id).await?;
        (f, a)
    };
    let head = json!({
        "object": "sync",
        "profile": profile::profile(&user, two_factor),
        "folders": folder_rows.iter().map(folder_response).collect::<Vec<_>>(),
        "collections": [],
        "policies": [],
        "policiesNew": [],
        "sends": [],
        "domains": if q.exclude_domains { Value::Null } else { domains(&user) },
        "userDecryption": user_decryption(&user),
    });
    // `{…head…,"ciphers":[` + items + `]}`
    let mut head_text = serde_json::to_string(&head).map_err(anyhow::Error::from)?;
    head_text.pop();
    head_text.push_str(",\"ciphers\":[");

    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let store = state.store.clone();
    let link_key = state.jwt.derive_key("attachment-download");
    let base_url = state.config.public_url.clone();
    tokio::spawn(async move {
        let mut by_cipher: HashMap<String, Vec<&AttachmentRow>> = HashMap::new();
        for a in &attachment_rows {
            by_cipher
                .entry(a.cipher_id.to_string())
                .or_default()
                .push(a);
        }
        let links = AttachmentLinks {
            base_url: &base_url,
            key: &link_key,
        };
        let mut buf = head_text;
        let result: Result<(), String> = async {
            let mut conn = store.conn().await.map_err(|e| e.to_string())?;
            let mut rows = ciphers::stream_for_user(&mut conn, user.id);
            let mut first = true;
            while let Some(row) = rows.next().await {
                let row = row.map_err(|e| e.to_string())?;
                if !visible_type(&client, row.cipher_type) {
                    continue;
                }
                if !first {
                    buf.push(',');
                }
                first = false;
                let atts = by_cipher
                    .get(&row.id.to_string())
                    .map_or(&[][..], Vec::as_slice);
                write_cipher(&mut buf, "cipherDetails", &row, atts, &links);
                if buf.len() >= CHUNK_BYTES {
                    let chunk = std::mem::replace(&mut buf, String::with_capacity(CHUNK_BYTES * 2));
                    if tx.send(Ok(Bytes::from(chunk))).await.is_err() {
                        return Ok(()); // the client went away
                    }
                }
            }
            Ok(())
        }
        .await;
        match result {
            Ok(()) => {
                buf.push_str("]}");
                let _ = tx.send(Ok(Bytes::from(buf))).await;
            }
            Err(e) => {
                // The status line is gone already: abort the body so the client sees a broken
                // response instead of a truncated vault.
                tracing::error!(error = %e, "sync stream failed");
                let _ = tx.send(Err(std::io::Error::other("sync failed"))).await;
            }
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        Body::from_stream(stream),
    )
        .into_response())
}
