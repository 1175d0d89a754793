//! What per-collection decisions and responses need: the caller's own effective grants in an
//! org and which collections nobody manages (two queries for the whole org), and the
//! `collection` / `collectionAccessDetails` renderings.

use crate::error::ApiResult;
use crate::services::org_access::OrgContext;
use bulwark_domain::authz::{CollectionAction, CollectionFacts};
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::CollectionId;
use bulwark_store::collections::{self, CollectionRow, GroupAccessRow, UserAccessRow};
use bulwark_store::AnyConnection;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// The caller's grants and the unmanaged collections of one org.
pub struct Facts {
    mine: HashMap<CollectionId, CollectionAccess>,
    unmanaged: HashSet<CollectionId>,
}

impl Facts {
    /// # Errors
    /// Database failures.
    pub async fn load(conn: &mut AnyConnection, ctx: &OrgContext) -> ApiResult<Self> {
        let mine = match ctx.access.membership() {
            Some(m) => collections::effective_for_member(conn, ctx.org.id, m)
                .await?
                .into_iter()
                .map(|r| (r.collection.id, r.access.into()))
                .collect(),
            None => HashMap::new(),
        };
        let unmanaged = collections::unmanaged_ids(conn, ctx.org.id)
            .await?
            .into_iter()
            .collect();
        Ok(Self { mine, unmanaged })
    }

    #[must_use]
    pub fn grant(&self, id: CollectionId) -> Option<CollectionAccess> {
        self.mine.get(&id).copied()
    }

    #[must_use]
    pub fn of(&self, id: CollectionId) -> CollectionFacts {
        CollectionFacts {
            grant: self.grant(id),
            unmanaged: self.unmanaged.contains(&id),
        }
    }

    #[must_use]
    pub fn can(&self, ctx: &OrgContext, action: CollectionAction, id: CollectionId) -> bool {
        ctx.access.can_on_collection(action, self.of(id))
    }

    /// Whether the caller may change items in the collection (a grant without `readOnly`).
    #[must_use]
    pub fn can_edit_items(&self, id: CollectionId) -> bool {
        self.grant(id).is_some_and(|g| !g.read_only)
    }
}

/// `collection`.
#[must_use]
pub fn collection(c: &CollectionRow) -> Value {
    json!({
        "object": "collection",
        "id": c.id.to_string(),
        "organizationId": c.org_id.to_string(),
        "name": c.name,
        "externalId": c.external_id,
        "type": c.collection_type,
        "defaultUserCollectionEmail": c.default_user_collection_email,
    })
}

fn selection(id: String, a: CollectionAccess) -> Value {
    json!({
        "id": id,
        "readOnly": a.read_only,
        "hidePasswords": a.hide_passwords,
        "manage": a.manage,
    })
}

/// The direct member grants of one collection (`…/users`, a bare array).
#[must_use]
pub fn user_selections(users: &[UserAccessRow], id: CollectionId) -> Vec<Value> {
    users
        .iter()
        .filter(|u| u.collection_id == id)
        .map(|u| selection(u.membership_id.to_string(), u.access.into()))
        .collect()
}

/// `collectionAccessDetails`: the admin view with access lists and the caller's own access.
#[must_use]
pub fn access_details(
    c: &CollectionRow,
    facts: &Facts,
    users: &[UserAccessRow],
    groups: &[GroupAccessRow],
) -> Value {
    let mut v = collection(c);
    let user_list = user_selections(users, c.id);
    let group_list: Vec<Value> = groups
        .iter()
        .filter(|g| g.collection_id == c.id)
        .map(|g| selection(g.group_id.to_string(), g.access.into()))
        .collect();
    let managed = users
        .iter()
        .any(|u| u.collection_id == c.id && u.access.manage != 0)
        || groups
            .iter()
            .any(|g| g.collection_id == c.id && g.access.manage != 0);
    let mine = facts.grant(c.id);
    let a = mine.unwrap_or_default();
    v["object"] = json!("collectionAccessDetails");
    v["users"] = json!(user_list);
    v["groups"] = json!(group_list);
    v["assigned"] = json!(mine.is_some());
    v["readOnly"] = json!(a.read_only);
    v["hidePasswords"] = json!(a.hide_passwords);
    v["manage"] = json!(a.manage);
    v["unmanaged"] = json!(!managed);
    v
}
