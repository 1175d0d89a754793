//! Trash, restore and permanent deletion of one organization item on the member routes:
//! allowed with `manage` on a collection holding it, or `edit` while the org does not limit
//! item deletion (the item's `permissions.delete`). Everyone who sees the item re-syncs.

use super::org_write::record;
use crate::error::ApiResult;
use crate::extract::AuthUser;
use crate::services::events::RequestOrigin;
use crate::services::{attachment_files, org_items};
use crate::state::AppState;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::CipherId;
use bulwark_store::{org_ciphers, users};
use serde_json::Value;

/// What happens to the item.
#[derive(Clone, Copy)]
pub(super) enum Change {
    Trash,
    Restore,
    Delete,
}

/// Applies `change` to the org item `id` (the caller has checked it is one). Returns the
/// restored item for `Restore`.
pub(super) async fn apply(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: CipherId,
    change: Change,
) -> ApiResult<Option<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let mut item = org_items::locate(&mut tx, auth.id(), id)
        .await?
        .ok_or(crate::error::ApiError::NotFound)?;
    item.require_delete()?;
    let org = item.row.organization_id;
    let mut out = None;
    let event = match change {
        Change::Trash => {
            if item.row.deleted_date.is_none() {
                item.row.deleted_date = Some(now);
                item.row.revision_date = now;
                org_ciphers::update(&mut tx, org, &item.row).await?;
            }
            EventType::Cipher_SoftDeleted
        }
        Change::Restore => {
            item.row.deleted_date = None;
            item.row.revision_date = now;
            org_ciphers::update(&mut tx, org, &item.row).await?;
            out = Some(org_items::render(&mut tx, state, auth.id(), &item, "cipher").await?);
            EventType::Cipher_Restored
        }
        Change::Delete => {
            org_ciphers::delete_many(&mut tx, org, &[id]).await?;
            EventType::Cipher_Deleted
        }
    };
    record(&mut tx, &item.ctx, auth.id(), origin, event, id).await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    if matches!(change, Change::Delete) {
        attachment_files::remove_cipher_dirs(&state.config, &[id]).await;
    }
    Ok(out)
}
