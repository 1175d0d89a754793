//! `/api/ciphers` and the anonymous attachment download: the personal vault's items. All routes
//! are listed here; the handlers live in one module per concern. Every write runs in one
//! transaction that bumps the account revision date first (clients sync only when it moves,
//! and on SQLite writing first takes the write lock up front).

mod attachment_target;
mod attachments;
mod crud;
mod import;
mod import_org;
mod org_admin;
mod org_admin_write;
mod org_bulk;
mod org_export;
mod org_share;
mod org_trash;
mod org_write;
mod organize;
mod trash;

use crate::error::{ApiError, ApiResult};
use crate::services::cipher_input::CipherInput;
use crate::services::cipher_view::{cipher_value, AttachmentLinks};
use crate::state::AppState;
use axum::routing::{get, post, put};
use axum::Router;
use bulwark_domain::CipherId;
use bulwark_store::attachments::{self as attachment_store, AttachmentRow};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::AnyConnection;
use serde_json::Value;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/ciphers",
            get(crud::list)
                .post(crud::create)
                .delete(trash::delete_many),
        )
        .route("/ciphers/create", post(crud::create_with_collections))
        .route("/ciphers/import", post(import::import))
        .route("/ciphers/import-organization", post(import_org::import))
        .route("/ciphers/purge", post(trash::purge))
        .route(
            "/ciphers/delete",
            put(trash::soft_delete_many).post(trash::delete_many),
        )
        .route("/ciphers/restore", put(trash::restore_many))
        .route(
            "/ciphers/move",
            put(organize::move_many).post(organize::move_many),
        )
        .route("/ciphers/archive", put(organize::archive_many))
        .route("/ciphers/unarchive", put(organize::unarchive_many))
        .route(
            "/ciphers/{id}",
            get(crud::get_one)
                .put(crud::update)
                .post(crud::update)
                .delete(trash::delete_one),
        )
        .route("/ciphers/{id}/details", get(crud::get_details))
        .route(
            "/ciphers/organization-details",
            get(org_admin::organization_details),
        )
        .route(
            "/ciphers/{id}/admin",
            get(org_admin::get_admin)
                .put(org_admin_write::update)
                .post(org_admin_write::update)
                .delete(org_admin_write::delete_one),
        )
        .route(
            "/ciphers/admin",
            post(org_admin_write::create).delete(org_admin_write::delete_many),
        )
        .route(
            "/ciphers/delete-admin",
            put(org_admin_write::trash_many).post(org_admin_write::delete_many),
        )
        .route("/ciphers/restore-admin", put(org_admin_write::restore_many))
        .route(
            "/ciphers/bulk-collections",
            post(org_bulk::bulk_collections),
        )
        .route("/organizations/{org_id}/export", get(org_export::export))
        .route(
            "/ciphers/organization-details/assigned",
            get(org_bulk::assigned),
        )
        .route(
            "/ciphers/{id}/collections-admin",
            put(org_admin_write::collections).post(org_admin_write::collections),
        )
        .route(
            "/ciphers/{id}/delete-admin",
            put(org_admin_write::trash_one),
        )
        .route(
            "/ciphers/{id}/restore-admin",
            put(org_admin_write::restore_one),
        )
        .route(
            "/ciphers/{id}/share",
            put(org_share::share).post(org_share::share),
        )
        .route(
            "/ciphers/share",
            put(org_share::share_many).post(org_share::share_many),
        )
        .route(
            "/ciphers/{id}/collections",
            put(org_share::collections_v1).post(org_share::collections_v1),
        )
        .route(
            "/ciphers/{id}/collections_v2",
            put(org_share::collections_v2).post(org_share::collections_v2),
        )
        .route("/ciphers/{id}/full-details", get(crud::get_details))
        .route(
            "/ciphers/{id}/partial",
            put(crud::partial).post(crud::partial),
        )
        .route(
            "/ciphers/{id}/delete",
            put(trash::soft_delete).post(trash::delete_one),
        )
        .route("/ciphers/{id}/restore", put(trash::restore))
        .route("/ciphers/{id}/archive", put(organize::archive))
        .route("/ciphers/{id}/unarchive", put(organize::unarchive))
        .route(
            "/attachments/{id}/{attachment_id}",
            get(attachments::download),
        )
}

/// The attachment routes, which take file uploads: the server gives them the attachment size
/// limit instead of the smaller limit of JSON bodies.
pub fn attachment_routes() -> Router<AppState> {
    Router::new()
        .route("/ciphers/{id}/attachment", post(attachments::upload_legacy))
        .route("/ciphers/{id}/attachment/v2", post(attachments::create_v2))
        .route(
            "/ciphers/{id}/attachment-admin",
            post(attachments::upload_legacy_admin),
        )
        .route(
            "/ciphers/{id}/attachment/{attachment_id}/admin",
            get(attachments::metadata_admin).delete(attachments::remove_admin),
        )
        .route(
            "/ciphers/{id}/attachment/{attachment_id}/delete-admin",
            post(attachments::remove_admin),
        )
        .route(
            "/ciphers/{id}/attachment/{attachment_id}",
            get(attachments::metadata)
                .post(attachments::upload)
                .delete(attachments::remove),
        )
        .route(
            "/ciphers/{id}/attachment/{attachment_id}/delete",
            post(attachments::remove),
        )
        .route(
            "/ciphers/{id}/attachment/{attachment_id}/renew",
            get(attachments::renew),
        )
}

/// Bulk requests are capped as on Bitwarden's cloud.
const BULK_MAX: usize = 500;

/// A path id that is not a UUID cannot name anything: 404, like an unknown one.
fn parse_id(id: &str) -> ApiResult<CipherId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// The ids of a bulk body, de-duplicated; `verb` completes "You can only … up to 500 items".
fn parse_ids(ids: &[String], verb: &str) -> ApiResult<Vec<CipherId>> {
    if ids.len() > BULK_MAX {
        return Err(ApiError::bad(format!(
            "You can only {verb} up to {BULK_MAX} items at a time."
        )));
    }
    let mut parsed = ids
        .iter()
        .map(|s| {
            s.parse()
                .map_err(|_| ApiError::field("Ids", format!("'{s}' is not a valid id.")))
        })
        .collect::<ApiResult<Vec<CipherId>>>()?;
    parsed.sort_unstable();
    parsed.dedup();
    Ok(parsed)
}

/// A new item row from validated input.
fn new_row(input: CipherInput, id: CipherId, now: i64) -> CipherRow {
    CipherRow {
        id,
        cipher_type: input.cipher_type as i64,
        data: input.data,
        item_key: input.item_key,
        reprompt: input.reprompt,
        creation_date: now,
        revision_date: now,
        deleted_date: None,
        folder_id: input.folder.map(|f| f.to_string()),
        favorite: i64::from(input.favorite),
        archived_date: input.archived_date,
    }
}

/// Replaces an item's content and the owner's flags; trash state and creation stay.
fn apply(row: &mut CipherRow, input: CipherInput, now: i64) {
    let CipherRow {
        id,
        creation_date,
        deleted_date,
        ..
    } = *row;
    *row = new_row(input, id, now);
    row.creation_date = creation_date;
    row.deleted_date = deleted_date;
}

/// Renders with the given (validated) attachments and fresh download links.
fn render_with(state: &AppState, row: &CipherRow, atts: &[&AttachmentRow], object: &str) -> Value {
    let key = state.jwt.derive_key("attachment-download");
    let links = AttachmentLinks {
        base_url: &state.config.public_url,
        key: &key,
    };
    cipher_value(object, row, atts, &links)
}

/// Renders an item with its uploaded attachments (`object`: cipher, cipherDetails, cipherMini).
async fn render(
    conn: &mut AnyConnection,
    state: &AppState,
    row: &CipherRow,
    object: &str,
) -> ApiResult<Value> {
    let atts = attachment_store::list_for_cipher(conn, row.id).await?;
    let uploaded: Vec<&AttachmentRow> = atts.iter().filter(|a| a.validated != 0).collect();
    Ok(render_with(state, row, &uploaded, object))
}
