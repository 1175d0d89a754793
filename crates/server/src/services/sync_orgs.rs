//! What sync adds for a member of organizations: the collections they reach and the org items
//! in them, loaded in a fixed number of queries (collections, items, item-collection pairs)
//! whatever the number of orgs, collections or items, and nothing at all for a user without
//! a confirmed membership in an enabled org.

use crate::error::ApiResult;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::{CipherId, CollectionId, OrgId, OrgUserStatus};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::collections::MemberCollectionRow;
use bulwark_store::org_ciphers::{CipherCollectionRow, VisibleCipherRow};
use bulwark_store::user_orgs::ProfileOrgRow;
use bulwark_store::{collections, org_ciphers, AnyConnection};
use serde_json::{json, Value};
use std::collections::HashMap;

pub struct OrgData {
    collections: Vec<MemberCollectionRow>,
    items: Vec<VisibleCipherRow>,
    pairs: Vec<CipherCollectionRow>,
}

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

impl OrgData {
    /// # Errors
    /// Database failures.
    pub async fn load(
        conn: &mut AnyConnection,
        user: bulwark_domain::UserId,
        memberships: &[ProfileOrgRow],
    ) -> ApiResult<Self> {
        let any = memberships
            .iter()
            .any(|m| m.status == OrgUserStatus::Confirmed.number() && m.enabled != 0);
        if !any {
            return Ok(Self {
                collections: Vec::new(),
                items: Vec::new(),
                pairs: Vec::new(),
            });
        }
        Ok(Self {
            collections: collections::visible_for_user(conn, user).await?,
            items: org_ciphers::visible_for_user(conn, user).await?,
            pairs: org_ciphers::visible_pairs_for_user(conn, user).await?,
        })
    }

    #[must_use]
    pub fn collections_json(&self) -> Vec<Value> {
        self.collections.iter().map(collection_details).collect()
    }

    /// The items with their collections and the per-org switches they render with.
    #[must_use]
    pub fn items(self, memberships: &[ProfileOrgRow]) -> Vec<OrgItem> {
        let orgs: HashMap<OrgId, &ProfileOrgRow> =
            memberships.iter().map(|m| (m.org_id, m)).collect();
        let mut by_cipher: HashMap<CipherId, Vec<CollectionId>> = HashMap::new();
        for p in self.pairs {
            by_cipher
                .entry(p.cipher_id)
                .or_default()
                .push(p.collection_id);
        }
        self.items
            .into_iter()
            .map(|v| {
                let access = v.access();
                let org = orgs.get(&v.cipher.organization_id);
                let c = v.cipher;
                OrgItem {
                    collection_ids: by_cipher.remove(&c.id).unwrap_or_default(),
                    org_id: c.organization_id.to_string(),
                    access,
                    limit_item_deletion: org.is_some_and(|o| o.settings.limit_item_deletion != 0),
                    use_totp: org.is_some_and(|o| o.features.use_totp != 0),
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
            })
            .collect()
    }
}
