//! The admin console's reads of org items (spec §5.2): every item of the org with all its
//! collections (`organization-details`) and one item (`{id}/admin`), unassigned ones included.
//! Rendered as `cipherMiniDetails`: no per-user folder or favourite.

use super::parse_id;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AuthUser, Path, Query};
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::services::org_items::render_row;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::{CollectionAccess, CollectionType};
use bulwark_domain::{CipherId, CollectionId};
use bulwark_store::attachments::{self as attachment_store, AttachmentRow};
use bulwark_store::ciphers::CipherRow;
use bulwark_store::org_ciphers::{self, OrgCipherRow};
use bulwark_store::{collections, AnyConnection, StoreError};
use bulwark_wire::ListResponse;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OrgQuery {
    pub(super) organization_id: Option<String>,
    #[serde(default)]
    include_member_items: bool,
}

pub(super) fn mini_row(c: &OrgCipherRow) -> CipherRow {
    CipherRow {
        id: c.id,
        cipher_type: c.cipher_type,
        data: c.data.clone(),
        item_key: c.item_key.clone(),
        reprompt: c.reprompt,
        creation_date: c.creation_date,
        revision_date: c.revision_date,
        deleted_date: c.deleted_date,
        ..CipherRow::default()
    }
}

pub(super) fn render_mini(
    state: &AppState,
    ctx: &OrgContext,
    c: &OrgCipherRow,
    atts: &[&AttachmentRow],
    cols: &[CollectionId],
) -> Value {
    render_row(
        state,
        "cipherMiniDetails",
        &mini_row(c),
        ctx,
        atts,
        cols,
        CollectionAccess::EDIT,
    )
}

/// `GET /ciphers/organization-details?organizationId=`: items only in "My Items" collections
/// are left out unless `includeMemberItems`.
pub(super) async fn organization_details(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(q): Query<OrgQuery>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let org = parse_org_id(q.organization_id.as_deref().unwrap_or_default())?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org).await?;
    ctx.require(OrgAction::ListAllCiphers)?;
    let data = all_items(&mut conn, &state, &ctx, q.include_member_items).await?;
    Ok(Json(ListResponse::new(data)))
}

/// `GET /ciphers/{id}/admin`.
pub(super) async fn get_admin(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = parse_id(&id)?;
    let mut conn = state.store.conn().await?;
    let org = org_ciphers::org_of(&mut conn, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org).await?;
    ctx.require(OrgAction::ReadAnyCipher)?;
    let row = match org_ciphers::find(&mut conn, org, id).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let cols = org_ciphers::collections_of(&mut conn, org, id).await?;
    let atts = attachment_store::list_for_cipher(&mut conn, id).await?;
    let uploaded: Vec<&AttachmentRow> = atts.iter().filter(|a| a.validated != 0).collect();
    Ok(Json(render_mini(&state, &ctx, &row, &uploaded, &cols)))
}

/// Every item of the org as `cipherMiniDetails`; items only in "My Items" collections are left
/// out unless `include_member_items`. A fixed number of queries.
///
/// # Errors
/// Database failures.
pub(super) async fn all_items(
    conn: &mut AnyConnection,
    state: &AppState,
    ctx: &OrgContext,
    include_member_items: bool,
) -> ApiResult<Vec<Value>> {
    let org = ctx.org.id;
    let rows = org_ciphers::list_for_org(conn, org).await?;
    let pairs = org_ciphers::collection_pairs_for_org(conn, org).await?;
    let defaults: HashSet<CollectionId> = collections::list(conn, org)
        .await?
        .into_iter()
        .filter(|c| c.collection_type == CollectionType::DefaultUserCollection.number())
        .map(|c| c.id)
        .collect();
    let atts = attachment_store::list_for_org(conn, org).await?;
    let mut by_cipher: HashMap<CipherId, Vec<CollectionId>> = HashMap::new();
    for p in pairs {
        by_cipher
            .entry(p.cipher_id)
            .or_default()
            .push(p.collection_id);
    }
    let mut files: HashMap<CipherId, Vec<&AttachmentRow>> = HashMap::new();
    for a in &atts {
        files.entry(a.cipher_id).or_default().push(a);
    }
    let data = rows
        .iter()
        .filter_map(|c| {
            let cols = by_cipher.get(&c.id).map_or(&[][..], Vec::as_slice);
            let only_member_items = !cols.is_empty() && cols.iter().all(|x| defaults.contains(x));
            if only_member_items && !include_member_items {
                return None;
            }
            let a = files.get(&c.id).map_or(&[][..], Vec::as_slice);
            Some(render_mini(state, ctx, c, a, cols))
        })
        .collect();
    Ok(data)
}
