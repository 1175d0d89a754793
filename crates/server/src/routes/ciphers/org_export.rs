//! `GET /organizations/{orgId}/export`: what the clients' organization export reads, the org's
//! shared collections and every item (`organizationExport`), still encrypted: the client
//! decrypts with the org key and writes the file. Owners, Admins, Custom accessImportExport and
//! provider staff.

use super::org_admin::all_items;
use crate::error::ApiResult;
use crate::extract::{AuthUser, Path};
use crate::services::collection_view;
use crate::services::org_access::{self, parse_org_id};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::collection_access::CollectionType;
use bulwark_store::collections;
use serde_json::{json, Value};

pub(super) async fn export(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::AccessImportExport)?;
    let shared: Vec<Value> = collections::list(&mut conn, ctx.org.id)
        .await?
        .iter()
        .filter(|c| c.collection_type == CollectionType::SharedCollection.number())
        .map(collection_view::collection)
        .collect();
    let items = all_items(&mut conn, &state, &ctx, false).await?;
    Ok(Json(json!({
        "object": "organizationExport",
        "collections": shared,
        "ciphers": items,
    })))
}
