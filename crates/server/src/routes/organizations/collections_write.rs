//! Creating, changing and deleting collections and their access lists. Each request is one
//! transaction: the access rule ("someone must manage it") is checked after the writes, against
//! what was actually stored (ids of other orgs dropped), and a refusal rolls everything back.
//! Every change moves the revision date of the org's members, whose clients then re-sync.

use super::collections::{find_in_org, parse_collection_id};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::collection_input::{check_external_id, check_name, selections};
use crate::services::collection_view::{self, Facts};
use crate::services::events::{self, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{CollectionAction, OrgAction};
use bulwark_domain::collection_access::{CollectionAccess, CollectionType};
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CollectionId, GroupId, MembershipId, UserId};
use bulwark_store::collections::{self, CollectionRow};
use bulwark_store::{groups, members, users, AnyConnection};
use bulwark_wire::collection::{BulkAccessRequest, CollectionIdsRequest, CollectionRequest};
use serde_json::Value;

const NEEDS_MANAGER: &str = "At least one member or group must have can manage permission.";

type UserGrants = Vec<(MembershipId, CollectionAccess)>;
type GroupGrants = Vec<(GroupId, CollectionAccess)>;

fn is_default(c: &CollectionRow) -> bool {
    c.collection_type == CollectionType::DefaultUserCollection.number()
}

/// Whether the org requires a manager on every collection: only when admins do not reach all
/// collection items anyway.
fn requires_manager(ctx: &OrgContext) -> bool {
    !ctx.access
        .settings
        .allow_admin_access_to_all_collection_items
}

/// Whether anyone (member or group) manages `id`, as stored now.
async fn is_managed(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    id: CollectionId,
) -> ApiResult<bool> {
    let unmanaged = collections::unmanaged_ids(conn, ctx.org.id).await?;
    Ok(!unmanaged.contains(&id))
}

/// The request's access lists, parsed; groups are dropped when the org has no groups feature.
fn access_lists(
    ctx: &OrgContext,
    users: Option<&[bulwark_wire::collection::SelectionRequest]>,
    groups: Option<&[bulwark_wire::collection::SelectionRequest]>,
) -> ApiResult<(Option<UserGrants>, Option<GroupGrants>)> {
    let u = users.map(|l| selections(l, "Users")).transpose()?;
    let g = groups.map(|l| selections(l, "Groups")).transpose()?;
    let g = if ctx.org.features.use_groups == 0 {
        None
    } else {
        g
    };
    Ok((u, g))
}

/// Records one collection event and moves the members' revision dates.
async fn after_change(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    actor: UserId,
    origin: &RequestOrigin,
    event: EventType,
    ids: &[CollectionId],
    now: i64,
) -> ApiResult<()> {
    events::record(
        conn,
        ids.iter().map(|id| {
            events::org_event(
                &ctx.org,
                actor,
                origin,
                event,
                Subject {
                    collection: Some(*id),
                    ..Subject::default()
                },
            )
        }),
    )
    .await?;
    users::bump_revision_for_org(conn, ctx.org.id, now).await?;
    Ok(())
}

/// The caller's view of one collection after a write.
async fn view(conn: &mut AnyConnection, ctx: &OrgContext, id: CollectionId) -> ApiResult<Value> {
    let c = find_in_org(conn, ctx, id).await?;
    let facts = Facts::load(conn, ctx).await?;
    let users = collections::user_access(conn, ctx.org.id).await?;
    let groups = collections::group_access(conn, ctx.org.id).await?;
    Ok(collection_view::access_details(&c, &facts, &users, &groups))
}

/// `POST /organizations/{orgId}/collections`. When nobody would manage the new collection
/// (and the org needs a manager), the creator becomes its manager, so a creator who sends no
/// access list (the CLI does that) keeps control of what they made.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<CollectionRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let name = check_name(req.name.as_deref(), true)?.unwrap_or_default();
    let external_id = check_external_id(req.external_id.as_deref())?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::CreateCollection)?;
    let (user_grants, group_grants) =
        access_lists(&ctx, req.users.as_deref(), req.groups.as_deref())?;
    if let Some(max) = ctx.org.max_collections {
        if collections::count(&mut tx, org_id).await? >= max {
            return Err(ApiError::bad(format!(
                "You have reached the maximum number of collections ({max}) for this organization."
            )));
        }
    }
    let row = CollectionRow {
        id: CollectionId::new(),
        org_id,
        name,
        external_id,
        collection_type: CollectionType::SharedCollection.number(),
        default_user_collection_email: None,
        creation_date: now,
        revision_date: now,
    };
    collections::insert(&mut tx, org_id, &row).await?;
    collections::set_user_access(
        &mut tx,
        org_id,
        row.id,
        &user_grants.unwrap_or_default(),
        now,
    )
    .await?;
    collections::set_group_access(
        &mut tx,
        org_id,
        row.id,
        &group_grants.unwrap_or_default(),
        now,
    )
    .await?;
    if requires_manager(&ctx) && !is_managed(&mut tx, &ctx, row.id).await? {
        let me = ctx
            .access
            .membership()
            .ok_or_else(|| ApiError::bad(NEEDS_MANAGER))?;
        collections::upsert_access(
            &mut tx,
            org_id,
            &[row.id],
            &[(me, CollectionAccess::MANAGE)],
            &[],
            now,
        )
        .await?;
    }
    after_change(
        &mut tx,
        &ctx,
        auth.id(),
        &origin,
        EventType::Collection_Created,
        &[row.id],
        now,
    )
    .await?;
    let value = view(&mut tx, &ctx, row.id).await?;
    tx.commit().await?;
    Ok(Json(value))
}

/// `PUT /organizations/{orgId}/collections/{id}` (and POST): null members stay as they are.
pub(super) async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<CollectionRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_collection_id(&id)?;
    let name = check_name(req.name.as_deref(), false)?;
    let external_id = check_external_id(req.external_id.as_deref())?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    let c = find_in_org(&mut tx, &ctx, id).await?;
    let facts = Facts::load(&mut tx, &ctx).await?;
    if !facts.can(&ctx, CollectionAction::Update, id) {
        return Err(ApiError::NotFound);
    }
    if is_default(&c) {
        return Err(ApiError::bad(
            "You cannot edit a collection with the type as DefaultUserCollection.",
        ));
    }
    let (user_grants, group_grants) =
        access_lists(&ctx, req.users.as_deref(), req.groups.as_deref())?;
    let name = name.unwrap_or(c.name);
    collections::update(&mut tx, org_id, id, &name, external_id.as_deref(), now).await?;
    if let Some(u) = user_grants {
        collections::set_user_access(&mut tx, org_id, id, &u, now).await?;
    }
    if let Some(g) = group_grants {
        collections::set_group_access(&mut tx, org_id, id, &g, now).await?;
    }
    if requires_manager(&ctx) && !is_managed(&mut tx, &ctx, id).await? {
        return Err(ApiError::bad(NEEDS_MANAGER));
    }
    after_change(
        &mut tx,
        &ctx,
        auth.id(),
        &origin,
        EventType::Collection_Updated,
        &[id],
        now,
    )
    .await?;
    let value = view(&mut tx, &ctx, id).await?;
    tx.commit().await?;
    Ok(Json(value))
}

/// Parses and loads the collections of a bulk body; any id that is malformed or not in the
/// org, or that the caller may not `action`, makes the whole request a 404.
async fn bulk_targets(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    ids: &[String],
    actions: &[CollectionAction],
) -> ApiResult<Vec<CollectionRow>> {
    let mut parsed = ids
        .iter()
        .map(|s| parse_collection_id(s))
        .collect::<ApiResult<Vec<_>>>()?;
    parsed.sort_unstable();
    parsed.dedup();
    let rows = collections::find_many(conn, ctx.org.id, &parsed).await?;
    if rows.len() != parsed.len() {
        return Err(ApiError::NotFound);
    }
    let facts = Facts::load(conn, ctx).await?;
    if rows
        .iter()
        .any(|c| actions.iter().any(|a| !facts.can(ctx, *a, c.id)))
    {
        return Err(ApiError::NotFound);
    }
    Ok(rows)
}

/// `POST /organizations/{orgId}/collections/bulk-access`: adds or overwrites grants on several
/// collections, keeping the others.
pub(super) async fn bulk_access(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<BulkAccessRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let ids = req.collection_ids.unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::bad("No collections were provided."));
    }
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    let targets = bulk_targets(
        &mut tx,
        &ctx,
        &ids,
        &[
            CollectionAction::ModifyUserAccess,
            CollectionAction::ModifyGroupAccess,
        ],
    )
    .await?;
    if targets.iter().any(is_default) {
        return Err(ApiError::bad(
            "You cannot add access to collections with the type as DefaultUserCollection.",
        ));
    }
    let (user_grants, group_grants) =
        access_lists(&ctx, req.users.as_deref(), req.groups.as_deref())?;
    let user_grants = user_grants.unwrap_or_default();
    let group_grants = group_grants.unwrap_or_default();
    let member_ids: Vec<MembershipId> = user_grants.iter().map(|(m, _)| *m).collect();
    // Ids of other orgs are reported the same way as unknown ones: no hint they exist.
    if members::find_many(&mut tx, org_id, &member_ids)
        .await?
        .len()
        != member_ids.len()
    {
        return Err(ApiError::bad("One or more users do not exist."));
    }
    if !group_grants.is_empty() {
        let known = groups::list(&mut tx, org_id).await?;
        if group_grants
            .iter()
            .any(|(g, _)| !known.iter().any(|k| k.id == *g))
        {
            return Err(ApiError::bad("One or more groups do not exist."));
        }
    }
    let target_ids: Vec<CollectionId> = targets.iter().map(|c| c.id).collect();
    collections::upsert_access(
        &mut tx,
        org_id,
        &target_ids,
        &user_grants,
        &group_grants,
        now,
    )
    .await?;
    if requires_manager(&ctx) {
        let unmanaged = collections::unmanaged_ids(&mut tx, org_id).await?;
        if target_ids.iter().any(|id| unmanaged.contains(id)) {
            return Err(ApiError::bad(NEEDS_MANAGER));
        }
    }
    after_change(
        &mut tx,
        &ctx,
        auth.id(),
        &origin,
        EventType::Collection_Updated,
        &target_ids,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes collections (their items stay, unlinked).
async fn delete_ids(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: &str,
    ids: &[String],
    single: bool,
) -> ApiResult<()> {
    let org_id = parse_org_id(org_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    let targets = bulk_targets(&mut tx, &ctx, ids, &[CollectionAction::Delete]).await?;
    if targets.iter().any(is_default) {
        return Err(ApiError::bad(if single {
            "You cannot delete a collection with the type as DefaultUserCollection."
        } else {
            "You cannot delete collections with the type as DefaultUserCollection."
        }));
    }
    let target_ids: Vec<CollectionId> = targets.iter().map(|c| c.id).collect();
    for id in &target_ids {
        collections::delete(&mut tx, org_id, *id).await?;
    }
    after_change(
        &mut tx,
        &ctx,
        auth.id(),
        origin,
        EventType::Collection_Deleted,
        &target_ids,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `DELETE /organizations/{orgId}/collections/{id}` (and `POST …/{id}/delete`).
pub(super) async fn delete_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    delete_ids(&state, &auth, &origin, &org_id, &[id], true).await
}

/// `DELETE /organizations/{orgId}/collections` (and `POST …/delete`) `{ids}`.
pub(super) async fn delete_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<CollectionIdsRequest>,
) -> ApiResult<()> {
    delete_ids(&state, &auth, &origin, &org_id, &req.ids, false).await
}
