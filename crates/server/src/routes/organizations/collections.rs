//! Reading collections: the caller's own (`GET /collections`) and an org's, as the admin
//! console and the CLI list them. Every single-collection read looks the collection up inside
//! the route's org, so an id of another org is simply not found.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AuthUser, Path};
use crate::services::collection_view::{self, Facts};
use crate::services::events::RequestOrigin;
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::services::sync_orgs::collection_details;
use crate::services::vault_access;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{CollectionAction, OrgAction};
use bulwark_domain::collection_access::CollectionType;
use bulwark_domain::CollectionId;
use bulwark_store::collections::{self, CollectionRow};
use bulwark_store::{AnyConnection, StoreError};
use bulwark_wire::ListResponse;
use serde_json::Value;

/// A route's collection id; anything but a UUID names nothing.
pub(super) fn parse_collection_id(text: &str) -> ApiResult<CollectionId> {
    text.parse().map_err(|_| ApiError::NotFound)
}

/// The collection `id` of the context's org, or 404.
pub(super) async fn find_in_org(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    id: CollectionId,
) -> ApiResult<CollectionRow> {
    match collections::find(conn, ctx.org.id, id).await {
        Ok(c) => Ok(c),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

fn is_shared(c: &CollectionRow) -> bool {
    c.collection_type == CollectionType::SharedCollection.number()
}

/// `GET /collections`: every collection assigned to the caller, in all their orgs.
pub(super) async fn mine(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let rows = collections::visible_for_user(&mut conn, auth.id()).await?;
    Ok(Json(ListResponse::new(
        rows.iter().map(collection_details).collect(),
    )))
}

/// `GET /organizations/{orgId}/collections`: all shared collections for those who may read
/// them all, otherwise the ones the caller manages.
pub(super) async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    let all = ctx.access.can(OrgAction::ReadAllCollections);
    let facts = Facts::load(&mut conn, &ctx).await?;
    let rows = collections::list(&mut conn, ctx.org.id).await?;
    let data = rows
        .iter()
        .filter(|c| {
            if all {
                is_shared(c)
            } else {
                facts.grant(c.id).is_some_and(|g| g.manage)
            }
        })
        .map(collection_view::collection)
        .collect();
    Ok(Json(ListResponse::new(data)))
}

/// `GET /organizations/{orgId}/collections/details`: with access lists.
pub(super) async fn list_details(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    vault_access::record_if_provider(&mut conn, &ctx, auth.id(), &origin).await?;
    let all = ctx.access.can(OrgAction::ReadAllCollectionsWithAccess);
    let facts = Facts::load(&mut conn, &ctx).await?;
    let rows = collections::list(&mut conn, ctx.org.id).await?;
    let users = collections::user_access(&mut conn, ctx.org.id).await?;
    let groups = collections::group_access(&mut conn, ctx.org.id).await?;
    let data = rows
        .iter()
        .filter(|c| {
            if all {
                is_shared(c)
            } else {
                facts.grant(c.id).is_some_and(|g| g.manage)
            }
        })
        .map(|c| collection_view::access_details(c, &facts, &users, &groups))
        .collect();
    Ok(Json(ListResponse::new(data)))
}

/// Resolves the org and the collection, and requires `action` on it (else 404).
async fn readable(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    org_id: &str,
    id: &str,
    action: CollectionAction,
) -> ApiResult<(OrgContext, Facts, CollectionRow)> {
    let ctx = org_access::resolve(conn, auth.id(), parse_org_id(org_id)?).await?;
    let c = find_in_org(conn, &ctx, parse_collection_id(id)?).await?;
    let facts = Facts::load(conn, &ctx).await?;
    if !facts.can(&ctx, action, c.id) {
        return Err(ApiError::NotFound);
    }
    Ok((ctx, facts, c))
}

/// `GET /organizations/{orgId}/collections/{id}`.
pub(super) async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let (_, _, c) = readable(&mut conn, &auth, &org_id, &id, CollectionAction::Read).await?;
    Ok(Json(collection_view::collection(&c)))
}

/// `GET /organizations/{orgId}/collections/{id}/details`.
pub(super) async fn get_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let (ctx, facts, c) = readable(
        &mut conn,
        &auth,
        &org_id,
        &id,
        CollectionAction::ReadWithAccess,
    )
    .await?;
    let users = collections::user_access(&mut conn, ctx.org.id).await?;
    let groups = collections::group_access(&mut conn, ctx.org.id).await?;
    Ok(Json(collection_view::access_details(
        &c, &facts, &users, &groups,
    )))
}

/// `GET /organizations/{orgId}/collections/{id}/users`: a bare array of direct grants.
pub(super) async fn users(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Vec<Value>>> {
    let mut conn = state.store.conn().await?;
    let (ctx, _, c) = readable(&mut conn, &auth, &org_id, &id, CollectionAction::Read).await?;
    let users = collections::user_access(&mut conn, ctx.org.id).await?;
    Ok(Json(collection_view::user_selections(&users, c.id)))
}
