//! Organization items on the shared item routes: finding one for the caller (its org's
//! membership, the collections holding it and the caller's best grant on them) and rendering
//! it exactly as sync does. An item the caller reaches through no collection is not found,
//! whatever their role: Owners and Admins reach such items only through the admin routes.

use crate::error::{ApiError, ApiResult};
use crate::services::cipher_view::{write_cipher, AttachmentLinks, OrgItemView};
use crate::services::collection_view::Facts;
use crate::services::org_access::{self, OrgContext};
use crate::state::AppState;
use bulwark_domain::collection_access::{CollectionAccess, ItemPermissions};
use bulwark_domain::{CipherId, CollectionId, UserId};
use bulwark_store::attachments::{self as attachment_store, AttachmentRow};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{AnyConnection, StoreError};
use serde_json::Value;

/// An org item as the caller reaches it.
pub struct OrgItem {
    pub ctx: OrgContext,
    pub facts: Facts,
    pub row: OrgCipherRow,
    /// Every collection holding it (visible to the caller or not).
    pub collections: Vec<CollectionId>,
}

impl OrgItem {
    /// The caller's best grant on the item (upstream's one-row rule), if any.
    #[must_use]
    pub fn access(&self) -> Option<CollectionAccess> {
        self.collections
            .iter()
            .filter_map(|c| self.facts.grant(*c))
            .max_by_key(|a| a.item_rank())
    }

    #[must_use]
    pub fn permissions(&self) -> Option<ItemPermissions> {
        let limit = self.ctx.access.settings.limit_item_deletion;
        self.access().map(|a| a.item_permissions(limit))
    }

    #[must_use]
    pub fn visible_collections(&self) -> Vec<CollectionId> {
        self.collections
            .iter()
            .copied()
            .filter(|c| self.facts.grant(*c).is_some())
            .collect()
    }

    /// # Errors
    /// 400 `You do not have permissions to edit this.`
    pub fn require_edit(&self) -> ApiResult<()> {
        if self.permissions().is_some_and(|p| p.edit) {
            Ok(())
        } else {
            Err(ApiError::bad("You do not have permissions to edit this."))
        }
    }

    /// # Errors
    /// 400 `You do not have permissions to delete this.`
    pub fn require_delete(&self) -> ApiResult<()> {
        if self.permissions().is_some_and(|p| p.delete) {
            Ok(())
        } else {
            Err(ApiError::bad("You do not have permissions to delete this."))
        }
    }
}

/// Loads an item of `org` with the caller's standing; `None` access is left to the caller.
///
/// # Errors
/// 404 unless the caller is a confirmed member and the item is in that org.
pub async fn load_in_org(
    conn: &mut AnyConnection,
    user: UserId,
    org: bulwark_domain::OrgId,
    id: CipherId,
) -> ApiResult<OrgItem> {
    let ctx = org_access::resolve(conn, user, org).await?;
    let row = match org_ciphers::find(conn, org, id).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let collections = org_ciphers::collections_of(conn, org, id).await?;
    let facts = Facts::load(conn, &ctx).await?;
    Ok(OrgItem {
        ctx,
        facts,
        row,
        collections,
    })
}

/// The org item `id` as the caller sees it, or `Ok(None)` when `id` is not an org item at all
/// (the personal routes then handle it).
///
/// # Errors
/// 404 when it is an org item the caller cannot see.
pub async fn locate(
    conn: &mut AnyConnection,
    user: UserId,
    id: CipherId,
) -> ApiResult<Option<OrgItem>> {
    let Some(org) = org_ciphers::org_of(conn, id).await? else {
        return Ok(None);
    };
    let item = load_in_org(conn, user, org, id).await?;
    if item.access().is_none() {
        return Err(ApiError::NotFound);
    }
    Ok(Some(item))
}

/// The stored item with `user`'s own folder, favourite and archive flags.
///
/// # Errors
/// Database failures.
pub async fn as_user_row(
    conn: &mut AnyConnection,
    user: UserId,
    c: &OrgCipherRow,
) -> ApiResult<CipherRow> {
    let s = org_ciphers::user_state(conn, user, c.id).await?;
    Ok(CipherRow {
        id: c.id,
        cipher_type: c.cipher_type,
        data: c.data.clone(),
        item_key: c.item_key.clone(),
        reprompt: c.reprompt,
        creation_date: c.creation_date,
        revision_date: c.revision_date,
        deleted_date: c.deleted_date,
        folder_id: s.folder_id,
        favorite: s.favorite,
        archived_date: s.archived_date,
    })
}

/// Renders `row` as an org item with the given collections and access.
#[must_use]
pub fn render_row(
    state: &AppState,
    object: &str,
    row: &CipherRow,
    ctx: &OrgContext,
    atts: &[&AttachmentRow],
    collection_ids: &[CollectionId],
    access: CollectionAccess,
) -> Value {
    let key = state.jwt.derive_key("attachment-download");
    let links = AttachmentLinks {
        base_url: &state.config.public_url,
        key: &key,
    };
    let org_id = ctx.org.id.to_string();
    let view = OrgItemView {
        org_id: &org_id,
        collection_ids,
        access,
        limit_item_deletion: ctx.access.settings.limit_item_deletion,
        use_totp: ctx.org.features.use_totp != 0,
    };
    let mut out = String::with_capacity(1024);
    write_cipher(&mut out, object, row, atts, &links, Some(&view));
    serde_json::from_str(&out).unwrap_or(Value::Null)
}

/// Renders the item as the caller sees it (their collections, flags and access), with its
/// uploaded attachments.
///
/// # Errors
/// Database failures.
pub async fn render(
    conn: &mut AnyConnection,
    state: &AppState,
    user: UserId,
    item: &OrgItem,
    object: &str,
) -> ApiResult<Value> {
    let row = as_user_row(conn, user, &item.row).await?;
    let atts = attachment_store::list_for_cipher(conn, row.id).await?;
    let uploaded: Vec<&AttachmentRow> = atts.iter().filter(|a| a.validated != 0).collect();
    Ok(render_row(
        state,
        object,
        &row,
        &item.ctx,
        &uploaded,
        &item.visible_collections(),
        item.access().unwrap_or_default(),
    ))
}

/// Every org item the user sees, rendered as sync renders them (`GET /ciphers`): the same
/// fixed set of queries as sync.
///
/// # Errors
/// Database failures.
pub async fn list_visible(
    conn: &mut AnyConnection,
    state: &AppState,
    user: UserId,
) -> ApiResult<Vec<Value>> {
    use crate::services::sync_orgs::{self, OrgItemShaper};
    let memberships = bulwark_store::user_orgs::user_org_memberships(conn, user).await?;
    let shaper = OrgItemShaper::new(&memberships);
    if !shaper.receives_org_data() {
        return Ok(Vec::new());
    }
    let items = sync_orgs::load_items(conn, user, &shaper).await?;
    let atts = attachment_store::list_visible_in_orgs(conn, user).await?;
    let key = state.jwt.derive_key("attachment-download");
    let links = AttachmentLinks {
        base_url: &state.config.public_url,
        key: &key,
    };
    let mut by_cipher: std::collections::HashMap<CipherId, Vec<&AttachmentRow>> =
        std::collections::HashMap::new();
    for a in &atts {
        by_cipher.entry(a.cipher_id).or_default().push(a);
    }
    let mut out = Vec::new();
    for item in items {
        let mine = by_cipher.remove(&item.row.id).unwrap_or_default();
        let view = OrgItemView {
            org_id: &item.org_id,
            collection_ids: &item.collection_ids,
            access: item.access,
            limit_item_deletion: item.limit_item_deletion,
            use_totp: item.use_totp,
        };
        let mut s = String::with_capacity(1024);
        write_cipher(
            &mut s,
            "cipherDetails",
            &item.row,
            &mine,
            &links,
            Some(&view),
        );
        out.push(serde_json::from_str(&s).unwrap_or(Value::Null));
    }
    Ok(out)
}
