//! `GET /api/reports/member-access/{orgId}`: the admin console's member access report, one row
//! per member and collection they reach (directly, or through each group), with the items of
//! that collection; a member with no access gets one row without a collection. Owners,
//! Admins, Custom accessReports and provider staff. Seven queries whatever the org's size.

use crate::error::ApiResult;
use crate::extract::{AuthUser, Path};
use crate::services::org_access::{self, parse_org_id};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use bulwark_domain::authz::OrgAction;
use bulwark_domain::{CipherId, CollectionId, GroupId, MembershipId};
use bulwark_store::collections::AccessRow;
use bulwark_store::members::MemberDetailsRow;
use bulwark_store::{collections, groups, members, org_ciphers};
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new().route("/reports/member-access/{org_id}", get(member_access))
}

/// One grant a member holds, with the group it comes through (if any).
struct Grant {
    collection: CollectionId,
    group: Option<GroupId>,
    access: AccessRow,
}

fn row(
    m: &MemberDetailsRow,
    grant: Option<&Grant>,
    names: &HashMap<CollectionId, String>,
    group_names: &HashMap<GroupId, String>,
    items: &HashMap<CollectionId, Vec<CipherId>>,
) -> Value {
    let cipher_ids = grant
        .and_then(|g| items.get(&g.collection))
        .map_or(&[][..], Vec::as_slice);
    json!({
        "userGuid": m.member.user_id,
        "userName": m.user_name,
        "email": m.account_email.as_ref().or(m.member.email.as_ref()),
        "twoFactorEnabled": m.two_factor_enabled != 0,
        "accountRecoveryEnabled": m.member.reset_password_key.as_deref().is_some_and(|k| !k.is_empty()),
        "usesKeyConnector": false,
        "collectionId": grant.map(|g| g.collection.to_string()),
        "groupId": grant.and_then(|g| g.group.map(|x| x.to_string())),
        "groupName": grant.and_then(|g| g.group.and_then(|x| group_names.get(&x).cloned())),
        "collectionName": grant.and_then(|g| names.get(&g.collection).cloned()),
        "itemCount": cipher_ids.len(),
        "cipherIds": cipher_ids.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "readOnly": grant.map(|g| g.access.read_only != 0),
        "hidePasswords": grant.map(|g| g.access.hide_passwords != 0),
        "manage": grant.map(|g| g.access.manage != 0),
    })
}

async fn member_access(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Vec<Value>>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::AccessReports)?;
    let org = ctx.org.id;
    let people = members::list(&mut conn, org).await?;
    let names: HashMap<CollectionId, String> = collections::list(&mut conn, org)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let group_names: HashMap<GroupId, String> = groups::list(&mut conn, org)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let mut items: HashMap<CollectionId, Vec<CipherId>> = HashMap::new();
    for p in org_ciphers::collection_pairs_for_org(&mut conn, org).await? {
        items.entry(p.collection_id).or_default().push(p.cipher_id);
    }
    let mut grants: HashMap<MembershipId, Vec<Grant>> = HashMap::new();
    for g in collections::user_access(&mut conn, org).await? {
        grants.entry(g.membership_id).or_default().push(Grant {
            collection: g.collection_id,
            group: None,
            access: g.access,
        });
    }
    let mut by_group: HashMap<GroupId, Vec<(CollectionId, AccessRow)>> = HashMap::new();
    for g in collections::group_access(&mut conn, org).await? {
        by_group
            .entry(g.group_id)
            .or_default()
            .push((g.collection_id, g.access));
    }
    for gm in groups::all_members(&mut conn, org).await? {
        for (collection, access) in by_group.get(&gm.group_id).into_iter().flatten() {
            grants.entry(gm.membership_id).or_default().push(Grant {
                collection: *collection,
                group: Some(gm.group_id),
                access: *access,
            });
        }
    }
    let mut out = Vec::new();
    for m in &people {
        match grants.get(&m.member.id) {
            Some(list) if !list.is_empty() => {
                for g in list {
                    out.push(row(m, Some(g), &names, &group_names, &items));
                }
            }
            _ => out.push(row(m, None, &names, &group_names, &items)),
        }
    }
    Ok(Json(out))
}
