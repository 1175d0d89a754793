//! What sync adds for a member of organizations: the collections they reach and the org items
//! in them, loaded in a fixed number of queries (collections, item-collection pairs, items)
//! whatever the number of orgs, collections or items, and nothing at all for a user without
//! a confirmed membership in an enabled org. Sync streams the items (see routes/sync.rs);
//! `GET /ciphers` collects them.

use crate::error::ApiResult;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::{CipherId, CollectionId, OrgId, OrgUserStatus, UserId};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::collections::MemberCollectionRow;
use bulwark_store::org_ciphers::VisibleCipherRow;
use bulwark_store::user_orgs::ProfileOrgRow;
use bulwark_store::{collections, org_ciphers, AnyConnection, StoreError};
use serde_json::{json, Value};
use std::collections::HashMap;

/// An org item ready to render.
#[derive(Default)]
pub struct OrgItem {
    pub row: CipherRow,
    pub org_id: String,
    pub collection_ids: Vec<CollectionId>,
    pub access: CollectionAccess,
    pub limit_item_deletion: bool,
    pub use_totp: bool,
}

/// `collectionDetails`: a collection with the caller's effective access.
#[must_use]
pub fn collection_details(c: &MemberCollectionRow) -> Value {
    json!({
        "object": "collectionDetails",
        "id": c.collection.id.to_string(),
        "organizationId": c.collection.org_id.to_string(),
        "name": c.collection.name,
        "externalId": c.collection.external_id,
        "type": c.collection.collection_type,
        "defaultUserCollectionEmail": c.collection.default_user_collection_email,
        "readOnly": c.access.read_only != 0,
        "hidePasswords": c.access.hide_passwords != 0,
        "manage": c.access.manage != 0,
    })
}

/// The per-org switches org items render with, and whether the user receives any org data:
/// nothing at all without a confirmed membership in an enabled org.
pub struct OrgItemShaper {
    orgs: HashMap<OrgId, (bool, bool)>,
    receives_org_data: bool,
}

impl OrgItemShaper {
    #[must_use]
    pub fn new(memberships: &[ProfileOrgRow]) -> Self {
        Self {
            orgs: memberships
                .iter()
                .map(|m| {
                    let switches = (
                        m.settings.limit_item_deletion != 0,
                        m.features.use_totp != 0,
                    );
                    (m.org_id, switches)
                })
                .collect(),
            receives_org_data: memberships
                .iter()
                .any(|m| m.status == OrgUserStatus::Confirmed.number() && m.enabled != 0),
        }
    }

    #[must_use]
    pub fn receives_org_data(&self) -> bool {
        self.receives_org_data
    }

    /// An org item with its collections, ready to render.
    #[must_use]
    pub fn item(&self, v: VisibleCipherRow, collection_ids: Vec<CollectionId>) -> OrgItem {
        let access = v.access();
        let (limit_item_deletion, use_totp) = self
            .orgs
            .get(&v.cipher.organization_id)
            .copied()
            .unwrap_or_default();
        let c = v.cipher;
        OrgItem {
            collection_ids,
            org_id: c.organization_id.to_string(),
            access,
            limit_item_deletion,
            use_totp,
            row: CipherRow {
                id: c.id,
                cipher_type: c.cipher_type,
                data: c.data,
                item_key: c.item_key,
                reprompt: c.reprompt,
                creation_date: c.creation_date,
                revision_date: c.revision_date,
                deleted_date: c.deleted_date,
                folder_id: v.folder_id,
                favorite: v.favorite,
                archived_date: v.archived_date,
            },
        }
    }
}

/// The collections the user reaches, as sync lists them.
///
/// # Errors
/// Database failures.
pub async fn collections(
    conn: &mut AnyConnection,
    user: UserId,
    shaper: &OrgItemShaper,
) -> ApiResult<Vec<Value>> {
    if !shaper.receives_org_data() {
        return Ok(Vec::new());
    }
    let rows = collections::visible_for_user(conn, user).await?;
    Ok(rows.iter().map(collection_details).collect())
}

/// The caller-visible collections of each visible item: read before the items stream, so each
/// item is rendered complete as it arrives.
///
/// # Errors
/// Database failures.
pub async fn collections_by_item(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<HashMap<CipherId, Vec<CollectionId>>, StoreError> {
    let mut by_cipher: HashMap<CipherId, Vec<CollectionId>> = HashMap::new();
    for p in org_ciphers::visible_pairs_for_user(conn, user).await? {
        by_cipher
            .entry(p.cipher_id)
            .or_default()
            .push(p.collection_id);
    }
    Ok(by_cipher)
}

/// Every org item the user sees, collected (for `GET /ciphers`; sync streams them instead).
///
/// # Errors
/// Database failures.
pub async fn load_items(
    conn: &mut AnyConnection,
    user: UserId,
    shaper: &OrgItemShaper,
) -> ApiResult<Vec<OrgItem>> {
    if !shaper.receives_org_data() {
        return Ok(Vec::new());
    }
    let mut by_cipher = collections_by_item(conn, user).await?;
    let rows = org_ciphers::visible_for_user(conn, user).await?;
    Ok(rows
        .into_iter()
        .map(|v| {
            let cols = by_cipher.remove(&v.cipher.id).unwrap_or_default();
            shaper.item(v, cols)
        })
        .collect())
}
