//! Creating and editing organization items on the member routes (`POST /ciphers/create`,
//! `POST /ciphers`, `PUT /ciphers/{id}`). The client encrypts with the org key; the server
//! checks membership, the target collections and the caller's grants, and writes the item, its
//! links and the caller's own folder/favourite in one transaction that also moves every
//! member's revision date.

use super::crud::rename_attachments;
use crate::error::{ApiError, ApiResult};
use crate::extract::AuthUser;
use crate::services::cipher_checks::{check_encryption, check_folder, check_fresh};
use crate::services::cipher_input::{self, CipherInput};
use crate::services::collection_view::Facts;
use crate::services::events::{self, RequestOrigin, Subject};
use crate::services::org_access::{self, OrgContext};
use crate::services::org_items::{self, OrgItem};
use crate::state::AppState;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, CollectionId, OrgId, UserId};
use bulwark_store::ciphers::{self, CipherRow};
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{collections, users, AnyConnection};
use bulwark_wire::cipher::CipherRequest;
use serde_json::Value;

pub(super) const NO_COLLECTION: &str = "You must select at least one collection.";
pub(super) const UNKNOWN_COLLECTION: &str =
    "Specified CollectionId does not exist on the specified Organization.";
const MISMATCH: &str =
    "Organization mismatch. Re-sync if you recently moved this item, then try again.";

/// The org named by a request body; a malformed id names no org the caller belongs to.
pub(super) fn body_org(req: &CipherRequest) -> ApiResult<Option<OrgId>> {
    match req.organization_id.as_deref() {
        Some(o) if !o.is_empty() => o.parse().map(Some).map_err(|_| ApiError::NotFound),
        _ => Ok(None),
    }
}

/// Parses collection ids (`key` names the field in errors), de-duplicated.
pub(super) fn parse_collection_ids(ids: &[String], key: &str) -> ApiResult<Vec<CollectionId>> {
    let mut out = ids
        .iter()
        .map(|s| {
            s.parse()
                .map_err(|_| ApiError::field(key, format!("'{s}' is not a valid id.")))
        })
        .collect::<ApiResult<Vec<CollectionId>>>()?;
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// Of `ids` (all required to exist in the org), the collections the caller may put items in.
pub(super) async fn writable_collections(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    facts: &Facts,
    ids: &[CollectionId],
) -> ApiResult<Vec<CollectionId>> {
    if collections::find_many(conn, ctx.org.id, ids).await?.len() != ids.len() {
        return Err(ApiError::bad(UNKNOWN_COLLECTION));
    }
    Ok(ids
        .iter()
        .copied()
        .filter(|c| facts.can_edit_items(*c))
        .collect())
}

/// Records one cipher event of the org (when it logs events).
pub(super) async fn record(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    actor: UserId,
    origin: &RequestOrigin,
    event: EventType,
    cipher: CipherId,
) -> ApiResult<()> {
    let subject = Subject {
        cipher: Some(cipher),
        ..Subject::default()
    };
    events::record(
        conn,
        [events::org_event(&ctx.org, actor, origin, event, subject)],
    )
    .await
}

/// Stores the caller's own folder/favourite for an org item (after checking the folder).
pub(super) async fn save_user_state(
    conn: &mut AnyConnection,
    user: UserId,
    id: CipherId,
    input: &CipherInput,
) -> ApiResult<()> {
    check_folder(conn, user, input.folder).await?;
    let state = CipherRow {
        id,
        folder_id: input.folder.map(|f| f.to_string()),
        favorite: i64::from(input.favorite),
        archived_date: input.archived_date,
        ..CipherRow::default()
    };
    ciphers::set_user_state(conn, user, &state).await?;
    Ok(())
}

/// The best of the caller's grants over `ids` (the creator's view of a new item).
fn best_grant(facts: &Facts, ids: &[CollectionId]) -> CollectionAccess {
    ids.iter()
        .filter_map(|c| facts.grant(*c))
        .max_by_key(|a| a.item_rank())
        .unwrap_or(CollectionAccess::EDIT)
}

/// Creates an org item. `collection_ids` is `None` for `POST /ciphers` (unassigned item);
/// `/create` requires at least one collection.
pub(super) async fn create(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org: OrgId,
    req: &CipherRequest,
    collection_ids: Option<&[String]>,
    prefix: &str,
) -> ApiResult<Value> {
    check_encryption(req, &auth.user)?;
    let input = cipher_input::validate(req, prefix)?;
    let wanted = match collection_ids {
        Some(ids) => {
            let ids = parse_collection_ids(ids, "CollectionIds")?;
            if ids.is_empty() {
                return Err(ApiError::bad(NO_COLLECTION));
            }
            ids
        }
        None => Vec::new(),
    };
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org).await?;
    ctx.require(OrgAction::UseVault)?;
    let facts = Facts::load(&mut tx, &ctx).await?;
    let linked = writable_collections(&mut tx, &ctx, &facts, &wanted).await?;
    let row = OrgCipherRow {
        id: CipherId::new(),
        organization_id: org,
        cipher_type: input.cipher_type as i64,
        data: input.data.clone(),
        item_key: input.item_key.clone(),
        reprompt: input.reprompt,
        creation_date: now,
        revision_date: now,
        deleted_date: None,
    };
    org_ciphers::insert(&mut tx, org, &row, &linked).await?;
    save_user_state(&mut tx, auth.id(), row.id, &input).await?;
    record(
        &mut tx,
        &ctx,
        auth.id(),
        origin,
        EventType::Cipher_Created,
        row.id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    let user_row = org_items::as_user_row(&mut tx, auth.id(), &row).await?;
    let value = org_items::render_row(
        state,
        "cipher",
        &user_row,
        &ctx,
        &[],
        &linked,
        best_grant(&facts, &linked),
    );
    tx.commit().await?;
    Ok(value)
}

/// `PUT /ciphers/{id}` for an org item: needs edit; the body's org must be the item's.
pub(super) async fn update(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    id: CipherId,
    req: &CipherRequest,
) -> ApiResult<Value> {
    check_encryption(req, &auth.user)?;
    let input = cipher_input::validate(req, "")?;
    let body_org = body_org(req).map_err(|_| ApiError::bad(MISMATCH))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let Some(mut item) = org_items::locate(&mut tx, auth.id(), id).await? else {
        return Err(ApiError::NotFound);
    };
    item.require_edit()?;
    if body_org != Some(item.row.organization_id) {
        return Err(ApiError::bad(MISMATCH));
    }
    check_fresh(input.last_known_revision, item.row.revision_date)?;
    item.row.cipher_type = input.cipher_type as i64;
    item.row.data.clone_from(&input.data);
    item.row.item_key.clone_from(&input.item_key);
    item.row.reprompt = input.reprompt;
    item.row.revision_date = now;
    let org = item.row.organization_id;
    org_ciphers::update(&mut tx, org, &item.row).await?;
    save_user_state(&mut tx, auth.id(), id, &input).await?;
    rename_attachments(&mut tx, id, req).await?;
    record(
        &mut tx,
        &item.ctx,
        auth.id(),
        origin,
        EventType::Cipher_Updated,
        id,
    )
    .await?;
    users::bump_revision_for_org(&mut tx, org, now).await?;
    let value = org_items::render(&mut tx, state, auth.id(), &item, "cipher").await?;
    tx.commit().await?;
    Ok(value)
}

/// Whether `id` is an org item (so the personal handler should hand over).
pub(super) async fn is_org_item(state: &AppState, id: CipherId) -> ApiResult<bool> {
    let mut conn = state.store.conn().await?;
    Ok(org_ciphers::org_of(&mut conn, id).await?.is_some())
}

/// An org item the caller can see, for the read routes.
pub(super) async fn read(
    state: &AppState,
    auth: &AuthUser,
    id: CipherId,
    object: &str,
) -> ApiResult<Option<Value>> {
    let mut conn = state.store.conn().await?;
    let Some(item): Option<OrgItem> = org_items::locate(&mut conn, auth.id(), id).await? else {
        return Ok(None);
    };
    org_items::render(&mut conn, state, auth.id(), &item, object)
        .await
        .map(Some)
}
