//! An organization's settings beyond its name: the API key (view, rotate, information), the
//! four collection-management switches, and the billing read-outs the members page asks for.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, OptionalJson, Path};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id};
use crate::services::{accounts, org_view};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::{format_micros, now_micros};
use bulwark_store::organizations::CollectionSettingsRow;
use bulwark_store::{members, organizations, users};
use bulwark_wire::account::SecretVerification;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKeyRequest {
    #[serde(rename = "type", default)]
    key_type: i64,
    #[serde(flatten)]
    secret: SecretVerification,
}

async fn api_key(
    state: &AppState,
    auth: &AuthUser,
    org_id: &str,
    body: ApiKeyRequest,
    rotate: bool,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(org_id)?;
    {
        let mut conn = state.store.conn().await?;
        let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
        ctx.require(OrgAction::ManageApiKey)?;
    }
    // Only the default key type exists here (billing-sync and SCIM keys are out of scope).
    if body.key_type != 0 {
        return Err(ApiError::NotFound);
    }
    accounts::verify_secret(state, &auth.user, &body.secret).await?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    if rotate {
        let key = crate::auth::tokens::random_alphanumeric(30);
        organizations::set_api_key(&mut tx, org_id, &key, now).await?;
    }
    let org = organizations::find(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(Json(json!({
        "object": "apiKey",
        "apiKey": org.api_key,
        "revisionDate": format_micros(org.api_key_revision_date),
    })))
}

/// `POST /organizations/{id}/api-key`: owners, with their master password.
pub async fn view_api_key(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    OptionalJson(body): OptionalJson<ApiKeyRequest>,
) -> ApiResult<Json<Value>> {
    api_key(&state, &auth, &org_id, body.unwrap_or_default(), false).await
}

/// `POST /organizations/{id}/rotate-api-key`.
pub async fn rotate_api_key(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    OptionalJson(body): OptionalJson<ApiKeyRequest>,
) -> ApiResult<Json<Value>> {
    api_key(&state, &auth, &org_id, body.unwrap_or_default(), true).await
}

/// `GET /organizations/{id}/api-key-information[/{type}]`.
pub async fn api_key_information(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(params): Path<Vec<(String, String)>>,
) -> ApiResult<Json<Value>> {
    let org_id = params
        .iter()
        .find(|(k, _)| k == "org_id")
        .map(|(_, v)| v.as_str())
        .unwrap_or_default();
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(org_id)?).await?;
    ctx.require(OrgAction::ManageApiKey)?;
    let wanted = params
        .iter()
        .find(|(k, _)| k == "key_type")
        .map(|(_, v)| v.as_str());
    let data: Vec<Value> = if wanted.is_none_or(|t| t == "0") {
        vec![json!({
            "object": "keyInformation",
            "keyType": 0,
            "revisionDate": format_micros(ctx.org.api_key_revision_date),
        })]
    } else {
        Vec::new()
    };
    Ok(Json(
        json!({ "object": "list", "data": data, "continuationToken": null }),
    ))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // the four upstream switches
pub struct CollectionManagementRequest {
    #[serde(default)]
    limit_collection_creation: bool,
    #[serde(default)]
    limit_collection_deletion: bool,
    #[serde(default)]
    limit_item_deletion: bool,
    #[serde(default)]
    allow_admin_access_to_all_collection_items: bool,
}

/// `PUT /organizations/{id}/collection-management`: owners; one event per changed switch.
pub async fn collection_management(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<CollectionManagementRequest>,
) -> ApiResult<Json<Value>> {
    use EventType as E;
    let org_id = parse_org_id(&org_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageCollectionSettings)?;
    let old = ctx.org.settings;
    let new = CollectionSettingsRow {
        limit_collection_creation: req.limit_collection_creation.into(),
        limit_collection_deletion: req.limit_collection_deletion.into(),
        limit_item_deletion: req.limit_item_deletion.into(),
        allow_admin_access_to_all_collection_items: req
            .allow_admin_access_to_all_collection_items
            .into(),
    };
    organizations::set_collection_settings(&mut tx, org_id, new, now).await?;
    let switches = [
        (
            old.limit_collection_creation,
            new.limit_collection_creation,
            E::Organization_CollectionManagement_LimitCollectionCreationEnabled,
            E::Organization_CollectionManagement_LimitCollectionCreationDisabled,
        ),
        (
            old.limit_collection_deletion,
            new.limit_collection_deletion,
            E::Organization_CollectionManagement_LimitCollectionDeletionEnabled,
            E::Organization_CollectionManagement_LimitCollectionDeletionDisabled,
        ),
        (
            old.limit_item_deletion,
            new.limit_item_deletion,
            E::Organization_CollectionManagement_LimitItemDeletionEnabled,
            E::Organization_CollectionManagement_LimitItemDeletionDisabled,
        ),
        (
            old.allow_admin_access_to_all_collection_items,
            new.allow_admin_access_to_all_collection_items,
            E::Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsEnabled,
            E::Organization_CollectionManagement_AllowAdminAccessToAllCollectionItemsDisabled,
        ),
    ];
    let changed: Vec<_> = switches
        .iter()
        .filter(|(was, is, _, _)| was != is)
        .map(|(_, is, on, off)| {
            let event = if *is != 0 { *on } else { *off };
            org_event(&ctx.org, auth.id(), &origin, event, Subject::default())
        })
        .collect();
    events::record(&mut tx, changed).await?;
    users::bump_revision_for_org(&mut tx, org_id, now).await?;
    let org = organizations::find(&mut tx, org_id).await?;
    tx.commit().await?;
    Ok(Json(org_view::organization(&org)))
}

/// `GET /organizations/{id}/billing/vnext/metadata` (and the self-host variant): what the
/// members page shows about seats. Any confirmed member.
pub async fn billing_metadata(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::ViewMemberSummaries)?;
    let occupied = members::count_seats(&mut conn, ctx.org.id).await?;
    Ok(Json(json!({
        "isOnSecretsManagerStandalone": false,
        "organizationOccupiedSeats": occupied,
    })))
}

/// `GET /organizations/{id}/billing/vnext/warnings`: a self-hosted org has none.
pub async fn billing_warnings(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::ViewMemberSummaries)?;
    Ok(Json(json!({
        "freeTrial": null,
        "inactiveSubscription": null,
        "resellerRenewal": null,
        "taxId": null,
    })))
}
