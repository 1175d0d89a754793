//! The admin console's writes to organization items (spec §5.2): create, edit, re-assign,
//! trash, restore and delete any item of the org, one or many. The rule for an existing item:
//! the caller enters the admin routes (Owner, Admin, Custom editAnyCollection, provider staff)
//! and either may edit every item, or could edit (delete) it as a member, or it sits in no
//! collection at all (only admins can reach those).

use super::org_admin::render_mini;
use super::org_trash::{change_one, Change};
use super::org_write::{parse_collection_ids, record, UNKNOWN_COLLECTION};
use super::{parse_id, parse_ids};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::attachment_files;
use crate::services::cipher_checks::check_encryption;
use crate::services::cipher_input;
use crate::services::events::RequestOrigin;
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::services::org_items::{self, OrgItem};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, CollectionId, OrgId};
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{collections, users, AnyConnection};
use bulwark_wire::cipher::{
    CipherAdminIdsRequest, CipherCollectionsRequest, CipherCreateRequest, CipherRequest,
};
use bulwark_wire::ListResponse;
use serde_json::Value;

/// What the caller wants to do with an existing item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Need {
    Edit,
    Delete,
}

/// Whether the admin rule lets the caller `need` on `item`.
fn admin_may(item: &OrgItem, need: Need) -> bool {
    if item.ctx.access.can(OrgAction::EditAllCiphers) || item.collections.is_empty() {
        return true;
    }
    item.permissions().is_some_and(|p| match need {
        Need::Edit => p.edit,
        Need::Delete => p.delete,
    })
}

/// Loads an item of its org for the admin routes; 404 when the caller may not reach it.
async fn admin_item(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    id: CipherId,
    org: Option<OrgId>,
    need: Need,
) -> ApiResult<OrgItem> {
    let Some(stored_org) = org_ciphers::org_of(conn, id).await? else {
        return Err(ApiError::NotFound);
    };
    if org.is_some_and(|o| o != stored_org) {
        return Err(ApiError::NotFound);
    }
    let item = org_items::load_in_org(conn, auth.id(), stored_org, id).await?;
    item.ctx.require(OrgAction::AdminCipherRoutes)?;
    if !admin_may(&item, need) {
        return Err(ApiError::NotFound);
    }
    Ok(item)
}

/// Collection ids that must all belong to the org.
async fn org_collections(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    ids: &[String],
) -> ApiResult<Vec<CollectionId>> {
    let ids = parse_collection_ids(ids, "CollectionIds")?;
    if collections::find_many(conn, ctx.org.id, &ids).await?.len() != ids.len() {
        return Err(ApiError::bad(UNKNOWN_COLLECTION));
    }
    Ok(ids)
}

fn mini(state: &AppState, item: &OrgItem, object: &str) -> Value {
    let mut v = render_mini(state, &item.ctx, &item.row, &[], &item.collections);
    v["object"] = Value::from(object);
    v
}

/// `POST /ciphers/admin`: an item in any collections of the org, whatever the caller's grants.
pub(super) async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherCreateRequest>,
) -> ApiResult<Json<Value>> {
    check_encryption(&req.cipher, &auth.user)?;
    let input = cipher_input::validate(&req.cipher, "Cipher.")?;
    let org = super::org_write::body_org(&req.cipher)?.ok_or_else(|| {
        ApiError::field(
            "Cipher.OrganizationId",
            "The OrganizationId field is required.",
        )
    })?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org).await?;
    ctx.require(OrgAction::AdminCipherRoutes)?;
    let linked = org_collections(&mut tx, &ctx, &req.collection_ids.unwrap_or_default()).await?;
    let row = OrgCipherRow {
        id: CipherId::new(),
        organization_id: org,
        cipher_type: input.cipher_type as i64,
        data: input.data,
        item_key: input.item_key,
        reprompt: input.reprompt,
        creation_date: now,
        revision_date: now,
        deleted_date: None,
    };
    org_ciphers::insert(&mut tx, org, &row, &linked).await?;
    record(
        &mut tx,
        &ctx,
        auth.id(),
        &origin,
        EventType::Cipher_Created,
        row.id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    let mut v = render_mini(&state, &ctx, &row, &[], &linked);
    v["object"] = Value::from("cipherMini");
    Ok(Json(v))
}

/// `PUT /ciphers/{id}/admin` (and `POST`).
pub(super) async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    check_encryption(&req, &auth.user)?;
    let input = cipher_input::validate(&req, "")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let mut item = admin_item(
        &mut tx,
        &auth,
        id,
        super::org_write::body_org(&req)?,
        Need::Edit,
    )
    .await?;
    item.row.cipher_type = input.cipher_type as i64;
    item.row.data = input.data;
    item.row.item_key = input.item_key;
    item.row.reprompt = input.reprompt;
    item.row.revision_date = now;
    let org = item.row.organization_id;
    org_ciphers::update(&mut tx, org, &item.row).await?;
    record(
        &mut tx,
        &item.ctx,
        auth.id(),
        &origin,
        EventType::Cipher_Updated,
        id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    Ok(Json(mini(&state, &item, "cipherMini")))
}

/// `PUT /ciphers/{id}/collections-admin` (and `POST`): replaces the item's collections; each
/// must be one the caller may put items in, unless they may edit every item.
pub(super) async fn collections(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherCollectionsRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let mut item = admin_item(&mut tx, &auth, id, None, Need::Edit).await?;
    let ids = org_collections(&mut tx, &item.ctx, &req.collection_ids).await?;
    if !item.ctx.access.can(OrgAction::EditAllCiphers)
        && !ids.iter().all(|c| item.facts.can_edit_items(*c))
    {
        return Err(ApiError::NotFound);
    }
    let org = item.row.organization_id;
    org_ciphers::set_collections(&mut tx, org, id, &ids, now).await?;
    item.collections = ids;
    item.row.revision_date = now;
    record(
        &mut tx,
        &item.ctx,
        auth.id(),
        &origin,
        EventType::Cipher_UpdatedCollections,
        id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    Ok(Json(mini(&state, &item, "cipherMiniDetails")))
}

/// Applies `change` to each id (all in `org` when given); ids the caller may not touch are
/// skipped in bulk and 404 alone.
async fn change_many(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    ids: &[CipherId],
    org: Option<OrgId>,
    change: Change,
    single: bool,
) -> ApiResult<Vec<Value>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    if let Some(org) = org {
        // A bulk call names its org: one the caller cannot administer items of is not found,
        // as each item would be alone, instead of a 200 that skipped everything.
        org_access::resolve(&mut tx, auth.id(), org)
            .await?
            .require(OrgAction::AdminCipherRoutes)?;
    }
    let mut restored = Vec::new();
    let mut deleted = Vec::new();
    for id in ids {
        let item = match admin_item(&mut tx, auth, *id, org, Need::Delete).await {
            Ok(item) => item,
            Err(ApiError::NotFound) if !single => continue,
            Err(e) => return Err(e),
        };
        if matches!(change, Change::Restore) {
            let mut back = mini(state, &item, "cipherMini");
            back["deletedDate"] = Value::Null;
            restored.push(back);
        }
        change_one(&mut tx, state, auth, origin, item, change, now).await?;
        deleted.push(*id);
    }
    tx.commit().await?;
    if matches!(change, Change::Delete) {
        attachment_files::remove_cipher_dirs(&state.config, &deleted).await;
    }
    Ok(restored)
}

/// `DELETE /ciphers/{id}/admin`.
pub(super) async fn delete_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let id = parse_id(&id)?;
    change_many(&state, &auth, &origin, &[id], None, Change::Delete, true).await?;
    Ok(())
}

/// `PUT /ciphers/{id}/delete-admin`: to the trash.
pub(super) async fn trash_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let id = parse_id(&id)?;
    change_many(&state, &auth, &origin, &[id], None, Change::Trash, true).await?;
    Ok(())
}

/// `PUT /ciphers/{id}/restore-admin` → `cipherMini`.
pub(super) async fn restore_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let mut out = change_many(&state, &auth, &origin, &[id], None, Change::Restore, true).await?;
    out.pop().map(Json).ok_or(ApiError::NotFound)
}

fn bulk_org(req: &CipherAdminIdsRequest) -> ApiResult<OrgId> {
    parse_org_id(req.organization_id.as_deref().unwrap_or_default())
}

/// `DELETE /ciphers/admin` and `POST /ciphers/delete-admin`.
pub(super) async fn delete_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherAdminIdsRequest>,
) -> ApiResult<()> {
    let ids = parse_ids(&req.ids, "delete")?;
    let org = bulk_org(&req)?;
    change_many(
        &state,
        &auth,
        &origin,
        &ids,
        Some(org),
        Change::Delete,
        false,
    )
    .await?;
    Ok(())
}

/// `PUT /ciphers/delete-admin`: to the trash.
pub(super) async fn trash_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherAdminIdsRequest>,
) -> ApiResult<()> {
    let ids = parse_ids(&req.ids, "delete")?;
    let org = bulk_org(&req)?;
    change_many(
        &state,
        &auth,
        &origin,
        &ids,
        Some(org),
        Change::Trash,
        false,
    )
    .await?;
    Ok(())
}

/// `PUT /ciphers/restore-admin` → list of `cipherMini`.
pub(super) async fn restore_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherAdminIdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids = parse_ids(&req.ids, "restore")?;
    let org = bulk_org(&req)?;
    let out = change_many(
        &state,
        &auth,
        &origin,
        &ids,
        Some(org),
        Change::Restore,
        false,
    )
    .await?;
    Ok(Json(ListResponse::new(out)))
}
