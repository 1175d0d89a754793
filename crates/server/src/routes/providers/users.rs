//! A provider's people (spec providers.md §2.2, §3.2): the list, public keys, confirmation
//! with the provider key wrapped for each member, type changes and removal. Only Provider
//! Admins manage people; a provider always keeps a Confirmed Provider Admin and nobody removes
//! themselves.

use super::outcome::{self, Outcome};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::events::{self, provider_event, ProviderSubject, RequestOrigin};
use crate::services::provider_access::{self, parse_provider_id, ProviderContext};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{ProviderAction, ProviderUserStatus, ProviderUserType};
use bulwark_domain::enc_string;
use bulwark_domain::event_type::EventType;
use bulwark_domain::provider::check_keeps_confirmed_admin;
use bulwark_domain::time::now_micros;
use bulwark_domain::{Permissions, ProviderId, ProviderUserId};
use bulwark_store::provider_users::{self, ProviderUserDetailsRow, ProviderUserRow};
use bulwark_store::{users, AnyConnection, StoreError};
use bulwark_wire::member::{BulkConfirmRequest, ConfirmRequest, IdsRequest};
use bulwark_wire::provider_user::ProviderUserUpdateRequest;
use bulwark_wire::ListResponse;
use serde_json::{json, Value};

fn permissions() -> Value {
    serde_json::to_value(Permissions::default()).unwrap_or(Value::Null)
}

fn user_json(m: &ProviderUserRow) -> Value {
    json!({
        "object": "providerUser",
        "id": m.id.to_string(),
        "userId": m.user_id,
        "type": m.user_type,
        "status": m.status,
        "permissions": permissions(),
    })
}

fn details_json(r: &ProviderUserDetailsRow) -> Value {
    let mut out = user_json(&r.member);
    out["object"] = json!("providerUserUserDetails");
    out["name"] = json!(r.user_name);
    out["email"] = json!(r.account_email.as_ref().or(r.member.email.as_ref()));
    out
}

pub(super) fn parse_user_id(id: &str) -> ApiResult<ProviderUserId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

/// Malformed ids in a bulk body name nothing: they are skipped like ids of other providers.
fn parse_user_ids(ids: &[String]) -> Vec<ProviderUserId> {
    ids.iter().filter_map(|i| i.parse().ok()).collect()
}

/// Resolves the caller and requires a Provider Admin.
async fn admin_context(
    conn: &mut AnyConnection,
    auth: &AuthUser,
    provider_id: &str,
) -> ApiResult<ProviderContext> {
    let ctx = provider_access::resolve(conn, auth.id(), parse_provider_id(provider_id)?).await?;
    ctx.require(ProviderAction::ManageUsers)?;
    Ok(ctx)
}

async fn find_member(
    conn: &mut AnyConnection,
    provider: ProviderId,
    id: ProviderUserId,
) -> ApiResult<ProviderUserRow> {
    match provider_users::find(conn, provider, id).await {
        Ok(m) => Ok(m),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `GET /providers/{id}/users`.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let ctx = admin_context(&mut conn, &auth, &provider_id).await?;
    let rows = provider_users::list(&mut conn, ctx.provider.id).await?;
    Ok(Json(ListResponse::new(
        rows.iter().map(details_json).collect(),
    )))
}

/// `GET /providers/{id}/users/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let id = parse_user_id(&id)?;
    let mut conn = state.store.conn().await?;
    let ctx = admin_context(&mut conn, &auth, &provider_id).await?;
    Ok(Json(user_json(
        &find_member(&mut conn, ctx.provider.id, id).await?,
    )))
}

/// `POST /providers/{id}/users/public-keys`: account keys of Accepted members.
pub async fn public_keys(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<IdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let ctx = admin_context(&mut conn, &auth, &provider_id).await?;
    let rows =
        provider_users::public_keys(&mut conn, ctx.provider.id, &parse_user_ids(&req.ids)).await?;
    let data = rows
        .iter()
        .map(|r| {
            json!({
                "object": "providerUserPublicKeyResponseModel",
                "id": r.id.to_string(),
                "userId": r.user_id,
                "key": r.public_key,
            })
        })
        .collect();
    Ok(Json(ListResponse::new(data)))
}

/// Confirms each `(id, key)` in one transaction.
async fn confirm_many(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    provider_id: &str,
    keys: &[(ProviderUserId, Option<String>)],
) -> ApiResult<Vec<(ProviderUserId, Outcome)>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = admin_context(&mut tx, auth, provider_id).await?;
    let ids: Vec<ProviderUserId> = keys.iter().map(|(id, _)| *id).collect();
    let rows = provider_users::find_many(&mut tx, ctx.provider.id, &ids).await?;
    let mut results = Vec::new();
    let mut events_out = Vec::new();
    for (id, key) in keys {
        let Some(m) = rows.iter().find(|m| m.id == *id) else {
            results.push((*id, Outcome::Unknown("Invalid user.")));
            continue;
        };
        let accepted = m.status == ProviderUserStatus::Accepted.number();
        let (Some(user), true) = (m.user()?, accepted) else {
            results.push((*id, Outcome::Refused("Invalid user.")));
            continue;
        };
        let Some(key) = key
            .as_deref()
            .filter(|k| k.starts_with("4.") && enc_string::is_valid(k))
        else {
            results.push((*id, Outcome::Refused("Invalid key.")));
            continue;
        };
        provider_users::confirm(&mut tx, ctx.provider.id, *id, key, now).await?;
        users::bump_revision(&mut tx, user, now).await?;
        events_out.push(provider_event(
            &ctx.provider,
            auth.id(),
            origin,
            EventType::ProviderUser_Confirmed,
            ProviderSubject {
                provider_user: Some(*id),
                ..ProviderSubject::default()
            },
        ));
        results.push((*id, Outcome::Done));
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    Ok(results)
}

/// `POST /providers/{id}/users/{id}/confirm`: unlike upstream, a member who could not be
/// confirmed is an error, not a silent 200.
pub async fn confirm_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((provider_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<ConfirmRequest>,
) -> ApiResult<()> {
    let id = parse_user_id(&id)?;
    let results = confirm_many(&state, &auth, &origin, &provider_id, &[(id, req.key)]).await?;
    outcome::single(&results)
}

/// `POST /providers/{id}/users/confirm`.
pub async fn confirm_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<BulkConfirmRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let keys: Vec<(ProviderUserId, Option<String>)> = req
        .keys
        .into_iter()
        .filter_map(|k| Some((k.id.parse().ok()?, k.key)))
        .collect();
    let results = confirm_many(&state, &auth, &origin, &provider_id, &keys).await?;
    Ok(Json(ListResponse::new(outcome::bulk_entries(&results))))
}

/// `PUT /providers/{id}/users/{id}`: Provider Admin or Service User; the last Confirmed
/// Provider Admin stays one.
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((provider_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<ProviderUserUpdateRequest>,
) -> ApiResult<()> {
    let id = parse_user_id(&id)?;
    let user_type = req
        .user_type
        .and_then(|t| ProviderUserType::try_from(t).ok())
        .ok_or_else(|| ApiError::field("Type", "The Type field is required."))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = admin_context(&mut tx, &auth, &provider_id).await?;
    let m = find_member(&mut tx, ctx.provider.id, id).await?;
    if user_type != ProviderUserType::ProviderAdmin {
        let admins = provider_users::confirmed_admins(&mut tx, ctx.provider.id).await?;
        check_keeps_confirmed_admin(&admins, &[id]).map_err(ApiError::bad)?;
    }
    provider_users::set_type(&mut tx, ctx.provider.id, id, user_type, now).await?;
    if let Some(user) = m.user()? {
        users::bump_revision(&mut tx, user, now).await?;
    }
    events::record(
        &mut tx,
        [provider_event(
            &ctx.provider,
            auth.id(),
            &origin,
            EventType::ProviderUser_Updated,
            ProviderSubject {
                provider_user: Some(id),
                ..ProviderSubject::default()
            },
        )],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes each id of the provider; the batch as a whole must leave a Confirmed Provider
/// Admin.
async fn remove_many(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    provider_id: &str,
    ids: &[ProviderUserId],
) -> ApiResult<Vec<(ProviderUserId, Outcome)>> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = admin_context(&mut tx, auth, provider_id).await?;
    let rows = provider_users::find_many(&mut tx, ctx.provider.id, ids).await?;
    let found: Vec<ProviderUserId> = rows.iter().map(|m| m.id).collect();
    let admins = provider_users::confirmed_admins(&mut tx, ctx.provider.id).await?;
    check_keeps_confirmed_admin(&admins, &found).map_err(ApiError::bad)?;
    let mut results = Vec::new();
    let mut events_out = Vec::new();
    for id in ids {
        let Some(m) = rows.iter().find(|m| m.id == *id) else {
            results.push((*id, Outcome::Unknown("Invalid user.")));
            continue;
        };
        if m.id == ctx.access.membership {
            results.push((*id, Outcome::Refused("You cannot remove yourself.")));
            continue;
        }
        provider_users::delete(&mut tx, ctx.provider.id, *id).await?;
        if let Some(user) = m.user()? {
            users::bump_revision(&mut tx, user, now).await?;
        }
        events_out.push(provider_event(
            &ctx.provider,
            auth.id(),
            origin,
            EventType::ProviderUser_Removed,
            ProviderSubject {
                provider_user: Some(*id),
                ..ProviderSubject::default()
            },
        ));
        results.push((*id, Outcome::Done));
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    Ok(results)
}

/// `DELETE /providers/{id}/users/{id}` (and `POST …/delete`).
pub async fn remove_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((provider_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    let id = parse_user_id(&id)?;
    let results = remove_many(&state, &auth, &origin, &provider_id, &[id]).await?;
    outcome::single(&results)
}

/// `DELETE /providers/{id}/users` with `{ids}` (and `POST …/users/delete`).
pub async fn remove_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<IdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids = parse_user_ids(&req.ids);
    let results = remove_many(&state, &auth, &origin, &provider_id, &ids).await?;
    Ok(Json(ListResponse::new(outcome::bulk_entries(&results))))
}
