//! The member list, one member, and member updates (spec §2.2, §2.3, §2.7).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path, Query};
use crate::response::json_now;
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::member_input::{self, parse_member_id};
use crate::services::member_view::MemberExtras;
use crate::services::org_access::{self, parse_org_id};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use axum::Json;
use bulwark_domain::authz::{check_role_grant, OrgAction};
use bulwark_domain::event_type::EventType;
use bulwark_domain::member_rules::{check_keeps_confirmed_owner, MemberChange};
use bulwark_domain::time::now_micros;
use bulwark_domain::{CollectionId, OrgUserType};
use bulwark_store::{collections, groups, members, users, StoreError};
use bulwark_wire::member::MemberUpdateRequest;
use bulwark_wire::ListResponse;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashSet;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    #[serde(default)]
    include_groups: bool,
    #[serde(default)]
    include_collections: bool,
}

/// Direct grants on shared collections per member, and group ids per member (whole org, two
/// queries), loaded only when asked for.
async fn load_extras(
    conn: &mut bulwark_store::AnyConnection,
    org: bulwark_domain::OrgId,
    with_collections: bool,
    with_groups: bool,
) -> ApiResult<MemberExtras> {
    let grants = if with_collections {
        let defaults: HashSet<CollectionId> = collections::list(conn, org)
            .await?
            .into_iter()
            .filter(|c| c.collection_type != 0)
            .map(|c| c.id)
            .collect();
        collections::user_access(conn, org)
            .await?
            .into_iter()
            .filter(|g| !defaults.contains(&g.collection_id))
            .collect()
    } else {
        Vec::new()
    };
    let groups = if with_groups {
        groups::all_members(conn, org).await?
    } else {
        Vec::new()
    };
    Ok(MemberExtras::new(grants, groups))
}

/// `GET /organizations/{orgId}/users`: ManageUsers sees everyone; ManageResetPassword only
/// Confirmed members enrolled in account recovery.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Response> {
    let org_id = parse_org_id(&org_id)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
    let everyone = ctx.access.can(OrgAction::ManageUsers);
    if !everyone {
        ctx.require(OrgAction::ManageResetPassword)?;
    }
    let rows = members::list(&mut conn, org_id).await?;
    let extras = load_extras(&mut conn, org_id, q.include_collections, q.include_groups).await?;
    drop(conn);
    let data: Vec<_> = rows
        .iter()
        .filter(|r| {
            everyone
                || (r.member.status == bulwark_domain::OrgUserStatus::Confirmed.number()
                    && r.member
                        .reset_password_key
                        .as_deref()
                        .is_some_and(|k| !k.is_empty()))
        })
        .map(|r| extras.listed(r))
        .collect();
    json_now(&ListResponse::new(data))
}

/// `GET /organizations/{orgId}/users/mini-details`: any confirmed member.
pub async fn mini_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
    ctx.require(OrgAction::ViewMemberSummaries)?;
    let data: Vec<Value> = members::list(&mut conn, org_id)
        .await?
        .into_iter()
        .map(|r| {
            json!({
                "object": "organizationUserUserMiniDetails",
                "id": r.member.id.to_string(),
                "userId": r.member.user_id,
                "type": r.member.member_type,
                "status": r.member.status,
                "name": r.user_name,
                "email": r.account_email.or(r.member.email),
            })
        })
        .collect();
    Ok(Json(
        json!({ "object": "list", "data": data, "continuationToken": null }),
    ))
}

fn not_found(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => ApiError::NotFound,
        e => e.into(),
    }
}

/// `GET /organizations/{orgId}/users/{id}?includeGroups=`: ManageUsers (403 for other
/// members, 404 for outsiders and other orgs' ids).
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Response> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
    if !ctx.access.can(OrgAction::ManageUsers) {
        return Err(ApiError::Forbidden);
    }
    let m = members::find(&mut conn, org_id, id)
        .await
        .map_err(not_found)?;
    let extras = load_extras(&mut conn, org_id, true, q.include_groups).await?;
    json_now(&extras.details(&m, q.include_groups))
}

/// `PUT /organizations/{orgId}/users/{id}` (and `POST`): role, permissions, collections and
/// groups.
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<MemberUpdateRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    let new_type = member_input::parse_type(req.member_type)?;
    let permissions = member_input::parse_permissions(new_type, req.permissions.as_ref());
    let posted = member_input::parse_selections(req.collections.as_deref())?;
    let new_groups = member_input::parse_groups(req.groups.as_deref())?;
    let now = now_micros();

    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    let m = members::find(&mut tx, org_id, id)
        .await
        .map_err(not_found)?;
    let old_type = OrgUserType::try_from(m.member_type).unwrap_or(OrgUserType::User);
    let rights = member_input::collection_rights(&mut tx, &ctx).await?;
    rights.check_all_modifiable(&posted)?;
    let editing_self = ctx.access.membership() == Some(id);
    let current: Vec<_> = collections::user_access(&mut tx, org_id)
        .await?
        .into_iter()
        .filter(|g| g.membership_id == id)
        .collect();
    if editing_self
        && !ctx
            .access
            .settings
            .allow_admin_access_to_all_collection_items
    {
        let had: HashSet<CollectionId> = current.iter().map(|g| g.collection_id).collect();
        if posted.iter().any(|(c, _)| !had.contains(c)) {
            return Err(ApiError::bad("You cannot add yourself to a collection."));
        }
    }
    // Grants the caller may not touch, and default collections, stay as they are.
    let mut grants = posted;
    for g in &current {
        if !rights.modifiable.contains(&g.collection_id) {
            grants.push((g.collection_id, g.access.into()));
        }
    }
    if let Some(gs) = &new_groups {
        member_input::check_groups(&mut tx, &ctx, gs).await?;
    }
    check_role_grant(&ctx.access, Some(old_type), new_type, permissions).map_err(ApiError::bad)?;
    member_input::check_custom_allowed(&ctx, new_type)?;
    let roles = members::roles(&mut tx, org_id).await?;
    check_keeps_confirmed_owner(&roles, MemberChange::SetType(id, new_type), false)
        .map_err(ApiError::bad)?;

    let user = m.user()?;
    if let Some(u) = user {
        users::bump_revision(&mut tx, u, now).await?;
    }
    members::update_role(
        &mut tx,
        org_id,
        id,
        new_type,
        member_input::stored_permissions(new_type, permissions).as_deref(),
        req.access_secrets_manager,
        now,
    )
    .await?;
    collections::set_member_access(&mut tx, org_id, id, &grants, now).await?;
    // Upstream ignores `groups` when members edit themselves.
    if let (Some(gs), false) = (&new_groups, editing_self) {
        groups::set_member_groups(&mut tx, org_id, id, gs, now).await?;
    }
    let event = org_event(
        &ctx.org,
        auth.id(),
        &origin,
        EventType::OrganizationUser_Updated,
        Subject {
            membership: Some(id),
            user,
            ..Subject::default()
        },
    );
    events::record(&mut tx, [event]).await?;
    tx.commit().await?;
    Ok(())
}
