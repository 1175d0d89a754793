//! Moving personal items into an organization (`PUT /ciphers/{id}/share`, `PUT /ciphers/share`;
//! `bw move` sends the single form) and changing which collections hold an org item
//! (`/collections`, `/collections_v2`). The client re-encrypts with the org key; the server
//! replaces the content, hands ownership to the org and links only collections the caller may
//! put items in.

use super::crud::rename_attachments;
use super::org_write::{
    body_org, parse_collection_ids, record, save_user_state, writable_collections, NO_COLLECTION,
};
use super::parse_id;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::cipher_checks::{check_encryption, check_fresh};
use crate::services::cipher_input;
use crate::services::collection_view::Facts;
use crate::services::events::RequestOrigin;
use crate::services::org_access::{self, OrgContext};
use crate::services::org_items;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, CollectionId, OrgId};
use bulwark_store::attachments as attachment_store;
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{ciphers, collections, users, AnyConnection, StoreError};
use bulwark_wire::cipher::{
    CipherBulkShareRequest, CipherCollectionsRequest, CipherCreateRequest, CipherRequest,
};
use bulwark_wire::ListResponse;
use serde_json::{json, Value};

const ALREADY_SHARED: &str = "One or more ciphers already belong to an organization.";

/// The org of a share and the collections it may link, checked once per request.
struct Target {
    ctx: OrgContext,
    linked: Vec<CollectionId>,
}

async fn target(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    org: OrgId,
    ids: &[String],
) -> ApiResult<Target> {
    let ids = parse_collection_ids(ids, "CollectionIds")?;
    if ids.is_empty() {
        return Err(ApiError::bad(NO_COLLECTION));
    }
    let ctx = org_access::resolve(conn, auth.id(), org).await?;
    ctx.require(OrgAction::UseVault)?;
    let facts = Facts::load(conn, &ctx).await?;
    let linked = writable_collections(conn, &ctx, &facts, &ids).await?;
    if linked.is_empty() {
        return Err(ApiError::bad("Unable to save."));
    }
    Ok(Target { ctx, linked })
}

/// Moves one of the caller's items into the target org; `Ok(None)` when it is not theirs.
async fn share_one(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    origin: &RequestOrigin,
    t: &Target,
    id: CipherId,
    req: &CipherRequest,
    now: i64,
) -> ApiResult<Option<OrgCipherRow>> {
    check_encryption(req, &auth.user)?;
    let input = cipher_input::validate(req, "Cipher.")?;
    if org_ciphers::org_of(conn, id).await?.is_some() {
        // Only an item the caller can see is reported as shared; others' stay unknown.
        return match org_items::locate(conn, auth.id(), id).await {
            Ok(_) => Err(ApiError::bad(ALREADY_SHARED)),
            Err(ApiError::NotFound) => Ok(None),
            Err(e) => Err(e),
        };
    }
    let personal = match ciphers::find(conn, auth.id(), id).await {
        Ok(p) => p,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let has_files = !attachment_store::list_for_cipher(conn, id)
        .await?
        .is_empty();
    if has_files && t.ctx.org.max_storage_gb.unwrap_or(0) <= 0 {
        return Err(ApiError::bad("This organization cannot use attachments."));
    }
    check_fresh(input.last_known_revision, personal.revision_date)?;
    let org = t.ctx.org.id;
    let row = OrgCipherRow {
        id,
        organization_id: org,
        cipher_type: input.cipher_type as i64,
        data: input.data.clone(),
        item_key: input.item_key.clone(),
        reprompt: input.reprompt,
        creation_date: personal.creation_date,
        revision_date: now,
        deleted_date: personal.deleted_date,
    };
    org_ciphers::share(conn, auth.id(), org, &row, &t.linked).await?;
    save_user_state(conn, auth.id(), id, &input).await?;
    rename_attachments(conn, id, req).await?;
    record(
        conn,
        &t.ctx,
        auth.id(),
        origin,
        EventType::Cipher_Shared,
        id,
    )
    .await?;
    Ok(Some(row))
}

/// `PUT /ciphers/{id}/share` (and POST) `{cipher, collectionIds}`.
pub(super) async fn share(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherCreateRequest>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let org = body_org(&req.cipher)?
        .ok_or_else(|| ApiError::bad("Cipher OrganizationId is required."))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ids = req.collection_ids.clone().unwrap_or_default();
    let t = target(&mut tx, &auth, org, &ids).await?;
    share_one(&mut tx, &auth, &origin, &t, id, &req.cipher, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    let item = org_items::load_in_org(&mut tx, auth.id(), org, id).await?;
    let value = org_items::render(&mut tx, &state, auth.id(), &item, "cipher").await?;
    tx.commit().await?;
    Ok(Json(value))
}

/// `PUT /ciphers/share` (and POST) `{ciphers: [{id, …}], collectionIds}`: all into one org.
pub(super) async fn share_many(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<CipherBulkShareRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut orgs = req.ciphers.iter().map(|c| body_org(&c.cipher));
    let org = match orgs.next() {
        Some(first) => first?.ok_or_else(|| ApiError::bad("Cipher OrganizationId is required."))?,
        None => return Err(ApiError::bad("You must select at least one cipher.")),
    };
    for o in orgs {
        if o? != Some(org) {
            return Err(ApiError::bad(
                "All ciphers must be for the same organization.",
            ));
        }
    }
    let ids = req
        .ciphers
        .iter()
        .map(|c| c.id.as_deref().unwrap_or_default().parse::<CipherId>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| ApiError::bad("Trying to share ciphers that you do not own."))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let t = target(&mut tx, &auth, org, &req.collection_ids).await?;
    let mut out = Vec::with_capacity(ids.len());
    for (id, c) in ids.iter().zip(&req.ciphers) {
        share_one(&mut tx, &auth, &origin, &t, *id, &c.cipher, now)
            .await?
            .ok_or_else(|| ApiError::bad("Trying to share ciphers that you do not own."))?;
        let item = org_items::load_in_org(&mut tx, auth.id(), org, *id).await?;
        out.push(org_items::render(&mut tx, &state, auth.id(), &item, "cipherMini").await?);
    }
    users::bump_revision_for_org(&mut tx, org, now).await?;
    tx.commit().await?;
    Ok(Json(ListResponse::new(out)))
}

/// Sets the collections of an org item the caller may edit: among the collections the caller
/// may put items in, those listed are linked and the others unlinked; the rest stay. Returns the
/// item as the caller now sees it, `None` when they no longer reach it.
async fn change_collections(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: &str,
    req: &CipherCollectionsRequest,
    need_view_password: bool,
) -> ApiResult<Option<Value>> {
    let id = parse_id(id)?;
    let wanted = parse_collection_ids(&req.collection_ids, "CollectionIds")?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let item = org_items::locate(&mut tx, auth.id(), id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if need_view_password && item.access().is_none_or(|a| a.hide_passwords) {
        return Err(ApiError::NotFound);
    }
    item.require_edit()?;
    let org = item.row.organization_id;
    let existing: Vec<CollectionId> = collections::find_many(&mut tx, org, &wanted)
        .await?
        .iter()
        .map(|c| c.id)
        .collect();
    let mut next: Vec<CollectionId> = item
        .collections
        .iter()
        .copied()
        .filter(|c| !item.facts.can_edit_items(*c))
        .collect();
    next.extend(
        existing
            .into_iter()
            .filter(|c| item.facts.can_edit_items(*c)),
    );
    next.sort_unstable();
    next.dedup();
    org_ciphers::set_collections(&mut tx, org, id, &next, now).await?;
    record(
        &mut tx,
        &item.ctx,
        auth.id(),
        origin,
        EventType::Cipher_UpdatedCollections,
        id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    let after = org_items::load_in_org(&mut tx, auth.id(), org, id).await?;
    let value = if after.access().is_some() {
        Some(org_items::render(&mut tx, state, auth.id(), &after, "cipherDetails").await?)
    } else {
        None
    };
    tx.commit().await?;
    Ok(value)
}

/// `PUT /ciphers/{id}/collections` (and POST): the item as `cipherDetails`.
pub(super) async fn collections_v1(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherCollectionsRequest>,
) -> ApiResult<Json<Value>> {
    let v = change_collections(&state, &auth, &origin, &id, &req, false).await?;
    Ok(Json(v.unwrap_or(Value::Null)))
}

/// `PUT /ciphers/{id}/collections_v2` (and POST): `optionalCipherDetails`.
pub(super) async fn collections_v2(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(id): Path<String>,
    AppJson(req): AppJson<CipherCollectionsRequest>,
) -> ApiResult<Json<Value>> {
    let v = change_collections(&state, &auth, &origin, &id, &req, true).await?;
    Ok(Json(json!({
        "object": "optionalCipherDetails",
        "unavailable": v.is_none(),
        "cipher": v,
    })))
}
