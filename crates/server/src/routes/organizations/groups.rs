//! `/api/organizations/{orgId}/groups`: groups of members and the collections they grant.
//! Every id in a body or route must belong to the org in the route: a group, member or
//! collection of another org is 404, never touched.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, OptionalJson, Path};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::{CollectionAccess, CollectionType};
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CollectionId, GroupId, MembershipId};
use bulwark_store::collections::GroupAccessRow;
use bulwark_store::groups::GroupRow;
use bulwark_store::{collections, groups, members, users, AnyConnection, StoreError};
use bulwark_wire::group::{GroupRequest, IdsRequest};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

fn group_json(g: &GroupRow) -> Value {
    json!({
        "object": "group",
        "id": g.id.to_string(),
        "organizationId": g.org_id.to_string(),
        "name": g.name,
        "externalId": g.external_id,
    })
}

fn details_json(g: &GroupRow, grants: &[&GroupAccessRow]) -> Value {
    let mut v = group_json(g);
    v["object"] = json!("groupDetails");
    v["collections"] = grants
        .iter()
        .map(|a| {
            json!({
                "id": a.collection_id.to_string(),
                "readOnly": a.access.read_only != 0,
                "hidePasswords": a.access.hide_passwords != 0,
                "manage": a.access.manage != 0,
            })
        })
        .collect();
    v
}

fn parse_group_id(text: &str) -> ApiResult<GroupId> {
    text.parse().map_err(|_| ApiError::NotFound)
}

async fn context(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    org_id: &str,
    action: OrgAction,
) -> ApiResult<OrgContext> {
    let ctx = org_access::resolve(conn, auth.id(), parse_org_id(org_id)?).await?;
    ctx.require(action)?;
    Ok(ctx)
}

async fn find(conn: &mut AnyConnection, ctx: &OrgContext, id: &str) -> ApiResult<GroupRow> {
    match groups::find(conn, ctx.org.id, parse_group_id(id)?).await {
        Ok(g) => Ok(g),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

fn list_json(data: Vec<Value>) -> Json<Value> {
    Json(json!({ "object": "list", "data": data, "continuationToken": null }))
}

/// `GET /groups`: anyone who may pick groups for a collection.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id, OrgAction::ListGroups).await?;
    let rows = groups::list(&mut conn, ctx.org.id).await?;
    Ok(list_json(rows.iter().map(group_json).collect()))
}

/// `GET /groups/details`.
pub async fn list_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(
        &mut conn,
        &auth,
        &org_id,
        OrgAction::ReadAllCollectionsWithAccess,
    )
    .await?;
    // Two queries for any number of groups: the groups, and every group grant of the org.
    let rows = groups::list(&mut conn, ctx.org.id).await?;
    let grants = collections::group_access(&mut conn, ctx.org.id).await?;
    let mut by_group: HashMap<GroupId, Vec<&GroupAccessRow>> = HashMap::new();
    for a in &grants {
        by_group.entry(a.group_id).or_default().push(a);
    }
    let data = rows
        .iter()
        .map(|g| details_json(g, by_group.get(&g.id).map_or(&[][..], Vec::as_slice)))
        .collect();
    Ok(list_json(data))
}

/// `GET /groups/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id, OrgAction::ManageGroups).await?;
    Ok(Json(group_json(&find(&mut conn, &ctx, &id).await?)))
}

/// `GET /groups/{id}/details`.
pub async fn get_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id, OrgAction::ManageGroups).await?;
    let g = find(&mut conn, &ctx, &id).await?;
    let grants = groups::collections(&mut conn, ctx.org.id, g.id).await?;
    Ok(Json(details_json(&g, &grants.iter().collect::<Vec<_>>())))
}

/// `GET /groups/{id}/users`: a bare array of membership ids.
pub async fn get_users(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id, OrgAction::ManageGroups).await?;
    let g = find(&mut conn, &ctx, &id).await?;
    let ids = groups::members(&mut conn, ctx.org.id, g.id).await?;
    Ok(Json(json!(ids
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>())))
}

/// The checked parts of a body: name, grants on collections of this org, members of it.
struct Checked {
    name: String,
    external_id: Option<String>,
    grants: Option<Vec<(CollectionId, CollectionAccess)>>,
    users: Option<Vec<MembershipId>>,
}

async fn check_body(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    req: &GroupRequest,
) -> ApiResult<Checked> {
    if ctx.org.features.use_groups == 0 {
        return Err(ApiError::bad("This organization cannot use groups."));
    }
    let name = req.name.as_deref().map(str::trim).unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::field("Name", "The Name field is required."));
    }
    if name.chars().count() > 100 {
        return Err(ApiError::field(
            "Name",
            "The field Name must be a string with a maximum length of 100.",
        ));
    }
    if req
        .external_id
        .as_deref()
        .is_some_and(|e| e.chars().count() > 300)
    {
        return Err(ApiError::field(
            "ExternalId",
            "The field ExternalId must be a string with a maximum length of 300.",
        ));
    }
    let grants = match &req.collections {
        None => None,
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for s in list {
                let id: CollectionId = s.id.parse().map_err(|_| ApiError::NotFound)?;
                let access = CollectionAccess {
                    read_only: s.read_only,
                    hide_passwords: s.hide_passwords,
                    manage: s.manage,
                }
                .validate()
                .map_err(ApiError::bad)?;
                out.push((id, access));
            }
            let ids: Vec<CollectionId> = out.iter().map(|(id, _)| *id).collect();
            let found = collections::find_many(conn, ctx.org.id, &ids).await?;
            if found.len() != ids.iter().collect::<HashSet<_>>().len() {
                return Err(ApiError::NotFound);
            }
            if found
                .iter()
                .any(|c| c.collection_type == CollectionType::DefaultUserCollection.number())
            {
                return Err(ApiError::bad(
                    "You cannot modify group access for collections with the type as \
                     DefaultUserCollection.",
                ));
            }
            Some(out)
        }
    };
    let users = match &req.users {
        None => None,
        Some(list) => {
            let ids = list
                .iter()
                .map(|u| u.parse::<MembershipId>().map_err(|_| ApiError::NotFound))
                .collect::<ApiResult<Vec<_>>>()?;
            let found = members::find_many(conn, ctx.org.id, &ids).await?;
            if found.len() != ids.iter().collect::<HashSet<_>>().len() {
                return Err(ApiError::NotFound);
            }
            Some(ids)
        }
    };
    Ok(Checked {
        name: name.to_owned(),
        external_id: req.external_id.clone(),
        grants,
        users,
    })
}

async fn apply_links(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    group: GroupId,
    checked: &Checked,
    now: i64,
) -> ApiResult<()> {
    if let Some(grants) = &checked.grants {
        groups::set_collections(conn, ctx.org.id, group, grants, now).await?;
    }
    if let Some(users) = &checked.users {
        groups::set_members(conn, ctx.org.id, group, users, now).await?;
    }
    Ok(())
}

/// `POST /groups`.
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<GroupRequest>,
) -> ApiResult<Json<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = context(&mut tx, &auth, &org_id, OrgAction::ManageGroups).await?;
    let checked = check_body(&mut tx, &ctx, &req).await?;
    let group = GroupRow {
        id: GroupId::new(),
        org_id: ctx.org.id,
        name: checked.name.clone(),
        external_id: checked.external_id.clone(),
        creation_date: now,
        revision_date: now,
    };
    groups::insert(&mut tx, ctx.org.id, &group).await?;
    apply_links(&mut tx, &ctx, group.id, &checked, now).await?;
    let subject = Subject {
        group: Some(group.id),
        ..Subject::default()
    };
    let event = org_event(
        &ctx.org,
        auth.id(),
        &origin,
        EventType::Group_Created,
        subject,
    );
    events::record(&mut tx, [event]).await?;
    users::bump_revision_for_org(&mut tx, ctx.org.id, now).await?;
    tx.commit().await?;
    Ok(Json(group_json(&group)))
}

/// `PUT /groups/{id}` (and POST).
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<GroupRequest>,
) -> ApiResult<Json<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = context(&mut tx, &auth, &org_id, OrgAction::ManageGroups).await?;
    let group = find(&mut tx, &ctx, &id).await?;
    let checked = check_body(&mut tx, &ctx, &req).await?;
    groups::update(
        &mut tx,
        ctx.org.id,
        group.id,
        &checked.name,
        checked.external_id.as_deref(),
        now,
    )
    .await?;
    apply_links(&mut tx, &ctx, group.id, &checked, now).await?;
    let subject = Subject {
        group: Some(group.id),
        ..Subject::default()
    };
    let event = org_event(
        &ctx.org,
        auth.id(),
        &origin,
        EventType::Group_Updated,
        subject,
    );
    events::record(&mut tx, [event]).await?;
    users::bump_revision_for_org(&mut tx, ctx.org.id, now).await?;
    let group = groups::find(&mut tx, ctx.org.id, group.id).await?;
    tx.commit().await?;
    Ok(Json(group_json(&group)))
}

async fn delete_ids(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: &str,
    ids: &[String],
) -> ApiResult<()> {
    let ids = ids
        .iter()
        .map(|i| parse_group_id(i))
        .collect::<ApiResult<Vec<_>>>()?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = context(&mut tx, auth, org_id, OrgAction::ManageGroups).await?;
    let unique: HashSet<GroupId> = ids.iter().copied().collect();
    let deleted = groups::delete_many(&mut tx, ctx.org.id, &ids).await?;
    if usize::try_from(deleted).unwrap_or(0) != unique.len() {
        // One id was unknown or another org's: nothing is deleted.
        return Err(ApiError::NotFound);
    }
    let recorded = unique.iter().map(|g| {
        org_event(
            &ctx.org,
            auth.id(),
            origin,
            EventType::Group_Deleted,
            Subject {
                group: Some(*g),
                ..Subject::default()
            },
        )
    });
    events::record(&mut tx, recorded.collect::<Vec<_>>()).await?;
    users::bump_revision_for_org(&mut tx, ctx.org.id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// `DELETE /groups/{id}` (and `POST /groups/{id}/delete`).
pub async fn delete_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    delete_ids(&state, &auth, &origin, &org_id, &[id]).await
}

/// `DELETE /groups` (and `POST /groups/delete`) `{ids}`.
pub async fn delete_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    OptionalJson(body): OptionalJson<IdsRequest>,
) -> ApiResult<()> {
    let ids = body.map(|b| b.ids).unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::bad("No groups were provided."));
    }
    delete_ids(&state, &auth, &origin, &org_id, &ids).await
}

/// `DELETE /groups/{id}/user/{orgUserId}` (and `POST …/delete-user/{orgUserId}`).
pub async fn remove_user(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id, member)): Path<(String, String, String)>,
) -> ApiResult<()> {
    let member: MembershipId = member.parse().map_err(|_| ApiError::NotFound)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = context(&mut tx, &auth, &org_id, OrgAction::ManageGroups).await?;
    let group = find(&mut tx, &ctx, &id).await?;
    match groups::remove_member(&mut tx, ctx.org.id, group.id, member).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    }
    users::bump_revision_for_org(&mut tx, ctx.org.id, now).await?;
    tx.commit().await?;
    Ok(())
}
