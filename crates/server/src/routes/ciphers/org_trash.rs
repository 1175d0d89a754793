//! Trash, restore and permanent deletion of organization items on the member routes:
//! allowed with `manage` on a collection holding the item, or `edit` while the org does not
//! limit item deletion (the item's `permissions.delete`). Everyone who sees the item re-syncs.
//! The bulk forms skip items the caller may not touch, as they skip others' personal items.

use super::org_write::record;
use crate::error::{ApiError, ApiResult};
use crate::extract::AuthUser;
use crate::services::attachment_files;
use crate::services::events::RequestOrigin;
use crate::services::org_items::{self, OrgItem};
use crate::state::AppState;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::CipherId;
use bulwark_store::{org_ciphers, users, AnyConnection};
use serde_json::Value;

/// What happens to the item.
#[derive(Clone, Copy)]
pub(super) enum Change {
    Trash,
    Restore,
    Delete,
}

/// Applies `change` to an item the caller may delete; returns the item (`cipher`) when
/// restored.
pub(super) async fn change_one(
    conn: &mut AnyConnection,
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    mut item: OrgItem,
    change: Change,
    now: i64,
) -> ApiResult<Option<Value>> {
    let org = item.row.organization_id;
    let id = item.row.id;
    let mut out = None;
    let event = match change {
        Change::Trash => {
            if item.row.deleted_date.is_none() {
                item.row.deleted_date = Some(now);
                item.row.revision_date = now;
                org_ciphers::update(conn, org, &item.row).await?;
            }
            EventType::Cipher_SoftDeleted
        }
        Change::Restore => {
            item.row.deleted_date = None;
            item.row.revision_date = now;
            org_ciphers::update(conn, org, &item.row).await?;
            out = Some(org_items::render(conn, state, auth.id(), &item, "cipher").await?);
            EventType::Cipher_Restored
        }
        Change::Delete => {
            org_ciphers::delete_many(conn, org, &[id]).await?;
            EventType::Cipher_Deleted
        }
    };
    record(conn, &item.ctx, auth.id(), origin, event, id).await?;
    users::bump_revision_for_org(conn, org, now).await?;
    Ok(out)
}

/// One org item (the caller has checked it is one): 404 when not visible, 400 when the
/// caller may not delete it.
pub(super) async fn apply(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: CipherId,
    change: Change,
) -> ApiResult<Option<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let item = org_items::locate(&mut tx, auth.id(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    item.require_delete()?;
    let out = change_one(&mut tx, state, auth, origin, item, change, now).await?;
    tx.commit().await?;
    if matches!(change, Change::Delete) {
        attachment_files::remove_cipher_dirs(&state.config, &[id]).await;
    }
    Ok(out)
}

/// The org items among `ids` that the caller may delete, changed inside the caller's
/// transaction; others (personal, invisible, not deletable) are skipped. Returns the restored
/// items and the ids changed.
pub(super) async fn apply_many(
    conn: &mut AnyConnection,
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    ids: &[CipherId],
    change: Change,
    now: i64,
) -> ApiResult<(Vec<Value>, Vec<CipherId>)> {
    let mut restored = Vec::new();
    let mut changed = Vec::new();
    for id in ids {
        let item = match org_items::locate(conn, auth.id(), *id).await {
            Ok(Some(item)) if item.require_delete().is_ok() => item,
            Ok(_) | Err(ApiError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        if matches!(change, Change::Restore) && item.row.deleted_date.is_none() {
            continue;
        }
        if let Some(v) = change_one(conn, state, auth, origin, item, change, now).await? {
            restored.push(v);
        }
        changed.push(*id);
    }
    Ok((restored, changed))
}
