//! `GET /api/sync`: everything a client caches. The item list is streamed: rows become JSON as
//! they arrive from the database and leave in chunks, so memory stays flat for any vault size,
//! and the number of queries does not depend on it (user, 2FA, folders, attachments, items).

use crate::error::ApiResult;
use crate::extract::{AuthUser, ClientInfo, Query};
use crate::routes::folders::folder_response;
use crate::services::cipher_view::{write_cipher, AttachmentLinks, OrgItemView};
use crate::services::sync_orgs::{self, OrgItem, OrgItemShaper};
use crate::services::{accounts, policy_view, profile};
use crate::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use bulwark_domain::CipherId;
use bulwark_domain::OrgUserStatus;
use bulwark_store::attachments::AttachmentRow;
use bulwark_store::ciphers::CipherRow;
use bulwark_store::users::UserRow;
use bulwark_store::{
    attachments, ciphers, folders, org_ciphers, org_ciphers_blocking, policies, user_orgs,
    StoreError,
};
use bulwark_wire::account::ProfileResponse;
use bulwark_wire::folder::FolderResponse;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Everything of the sync response before its items, serialised as it stands: the profile
/// can list thousands of provider clients, which a `json!` tree would copy once more.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SyncHead<'a> {
    object: &'static str,
    profile: &'a ProfileResponse,
    folders: Vec<FolderResponse>,
    collections: &'a [Value],
    policies: Vec<Value>,
    policies_new: Vec<Value>,
    sends: [Value; 0],
    domains: Value,
    user_decryption: Value,
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/sync", get(sync))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyncQuery {
    #[serde(default)]
    exclude_domains: bool,
}

/// Chunks this large keep the hand-overs between the reading thread and the connection few
/// (about 60 for a 10,000-item vault) while the channel holds at most a megabyte.
const CHUNK_BYTES: usize = 256 * 1024;

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

fn attachments_by_cipher(rows: Vec<AttachmentRow>) -> HashMap<CipherId, Vec<AttachmentRow>> {
    let mut by_cipher: HashMap<CipherId, Vec<AttachmentRow>> = HashMap::new();
    for a in rows {
        by_cipher.entry(a.cipher_id).or_default().push(a);
    }
    by_cipher
}

/// Renders the item list into chunks of about `CHUNK_BYTES`, whichever way the rows are read.
struct ItemsWriter {
    buf: String,
    first: bool,
    attachments: HashMap<CipherId, Vec<AttachmentRow>>,
    base_url: String,
    link_key: Vec<u8>,
    client: ClientInfo,
    shaper: OrgItemShaper,
}

impl ItemsWriter {
    /// Appends one personal item; returns a chunk to send once enough has gathered.
    fn push(&mut self, row: &CipherRow) -> Option<Bytes> {
        self.render(row, None)
    }

    /// Appends one org item.
    fn push_org(&mut self, item: &OrgItem) -> Option<Bytes> {
        let view = OrgItemView {
            org_id: &item.org_id,
            collection_ids: &item.collection_ids,
            access: item.access,
            limit_item_deletion: item.limit_item_deletion,
            use_totp: item.use_totp,
        };
        self.render(&item.row, Some(&view))
    }

    fn render(&mut self, row: &CipherRow, org: Option<&OrgItemView<'_>>) -> Option<Bytes> {
        if !visible_type(&self.client, row.cipher_type) {
            return None;
        }
        if !self.first {
            self.buf.push(',');
        }
        self.first = false;
        let atts: Vec<&AttachmentRow> = self
            .attachments
            .get(&row.id)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let links = AttachmentLinks {
            base_url: &self.base_url,
            key: &self.link_key,
        };
        write_cipher(&mut self.buf, "cipherDetails", row, &atts, &links, org);
        (self.buf.len() >= CHUNK_BYTES).then(|| {
            let chunk = std::mem::replace(&mut self.buf, String::with_capacity(CHUNK_BYTES * 2));
            Bytes::from(chunk)
        })
    }

    /// The last chunk, or an error that aborts the body: the status line is gone already, so
    /// the client must see a broken response rather than a vault with items missing.
    fn finish(mut self, read: Result<(), StoreError>) -> Result<Bytes, std::io::Error> {
        match read {
            Ok(()) => {
                self.buf.push_str("]}");
                Ok(Bytes::from(self.buf))
            }
            Err(e) => {
                tracing::error!(error = %e, "sync stream failed");
                Err(std::io::Error::other("sync failed"))
            }
        }
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
    let (folder_rows, attachment_rows, memberships, collections, policy_rows) = {
        let mut conn = state.store.conn().await?;
        let f = folders::list(&mut conn, user.id).await?;
        let mut a = attachments::list_for_user(&mut conn, user.id).await?;
        let m = user_orgs::user_org_memberships(&mut conn, user.id).await?;
        // Attachments of org items: one more query, only for members of some org.
        if !m.is_empty() {
            a.extend(attachments::list_visible_in_orgs(&mut conn, user.id).await?);
        }
        let c = sync_orgs::collections(&mut conn, user.id, &OrgItemShaper::new(&m)).await?;
        let p = if m.is_empty() {
            Vec::new()
        } else {
            policies::list_for_user(&mut conn, user.id).await?
        };
        (f, a, m, c, p)
    };
    // Clients key policies by id; `policies` holds those of orgs where the user is Confirmed,
    // `policiesNew` those where they are Accepted too.
    let policies_new: Vec<Value> = policy_rows
        .iter()
        .map(|r| policy_view::policy(&r.policy))
        .collect();
    let policies_confirmed: Vec<Value> = policy_rows
        .iter()
        .zip(&policies_new)
        .filter(|(r, _)| r.member_status == OrgUserStatus::Confirmed.number())
        .map(|(_, v)| v.clone())
        .collect();
    let mut profile = profile::profile(&user, two_factor);
    {
        let mut conn = state.store.conn().await?;
        profile::fill_lists(&mut conn, &mut profile, &user, &memberships).await?;
    }
    let head = SyncHead {
        object: "sync",
        profile: &profile,
        folders: folder_rows.iter().map(folder_response).collect(),
        collections: &collections,
        policies: policies_confirmed,
        policies_new,
        sends: [],
        domains: if q.exclude_domains {
            Value::Null
        } else {
            domains(&user)
        },
        user_decryption: user_decryption(&user),
    };
    // `{…head…,"ciphers":[` + items + `]}`
    let mut head_text = serde_json::to_string(&head).map_err(anyhow::Error::from)?;
    head_text.pop();
    head_text.push_str(",\"ciphers\":[");

    let mut items = ItemsWriter {
        buf: head_text,
        first: true,
        attachments: attachments_by_cipher(attachment_rows),
        base_url: state.config.public_url.clone(),
        link_key: state.jwt.derive_key("attachment-download"),
        client,
        shaper: OrgItemShaper::new(&memberships),
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let store = state.store.clone();
    if let Some(reader) = store.sqlite_reader().cloned() {
        tokio::task::spawn_blocking(move || {
            // A failed send means the client went away: stop reading.
            let mut open = true;
            let read = ciphers::visit_for_user_blocking(&reader, user.id, |row| {
                open = items
                    .push(&row)
                    .is_none_or(|chunk| tx.blocking_send(Ok(chunk)).is_ok());
                open
            });
            let read = read.and_then(|()| {
                if !open || !items.shaper.receives_org_data() {
                    return Ok(());
                }
                org_ciphers_blocking::visit_visible_for_user(&reader, user.id, |row, cols| {
                    let item = items.shaper.item(row, cols);
                    items
                        .push_org(&item)
                        .is_none_or(|chunk| tx.blocking_send(Ok(chunk)).is_ok())
                })
            });
            let _ = tx.blocking_send(items.finish(read));
        });
    } else {
        tokio::spawn(async move {
            let read = async {
                let mut conn = store.conn().await?;
                let mut rows = ciphers::stream_for_user(&mut conn, user.id);
                while let Some(row) = rows.next().await {
                    if let Some(chunk) = items.push(&row?) {
                        if tx.send(Ok(chunk)).await.is_err() {
                            return Ok(());
                        }
                    }
                }
                drop(rows);
                if !items.shaper.receives_org_data() {
                    return Ok(());
                }
                let mut by_cipher = sync_orgs::collections_by_item(&mut conn, user.id).await?;
                let mut rows = org_ciphers::stream_visible_for_user(&mut conn, user.id);
                while let Some(row) = rows.next().await {
                    let row = row?;
                    let cols = by_cipher.remove(&row.cipher.id).unwrap_or_default();
                    let item = items.shaper.item(row, cols);
                    if let Some(chunk) = items.push_org(&item) {
                        if tx.send(Ok(chunk)).await.is_err() {
                            return Ok(());
                        }
                    }
                }
                Ok(())
            }
            .await;
            let _ = tx.send(items.finish(read)).await;
        });
    }
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        Body::from_stream(stream),
    )
        .into_response())
}
