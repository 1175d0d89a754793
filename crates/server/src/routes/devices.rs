//! `/api/devices`: the user's client installs (one per device identifier, recorded at login).
//! Deleting a device also ends its refresh tokens (foreign-key cascade).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::accounts::normalize_email;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use base64::Engine;
use bulwark_domain::time::format_micros;
use bulwark_domain::DeviceId;
use bulwark_store::devices::{self, DeviceRow};
use bulwark_wire::account::DeviceResponse;
use bulwark_wire::list::ListResponse;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/devices", get(list))
        .route("/devices/knowndevice", get(known_device))
        .route("/devices/{id}", get(get_one).delete(deactivate))
        .route("/devices/{id}/deactivate", post(deactivate))
        .route("/devices/identifier/{identifier}", get(by_identifier))
        .route(
            "/devices/identifier/{identifier}/token",
            put(set_push_token).post(set_push_token),
        )
        .route(
            "/devices/identifier/{identifier}/clear-token",
            put(clear_push_token).post(clear_push_token),
        )
}

fn response(d: DeviceRow) -> DeviceResponse {
    DeviceResponse {
        object: "device",
        id: d.id.to_string(),
        name: d.name,
        device_type: d.device_type,
        identifier: d.identifier,
        creation_date: format_micros(d.creation_date),
        last_activity_date: format_micros(d.last_activity_date),
        is_trusted: false,
        encrypted_user_key: None,
        encrypted_public_key: None,
        // Auth requests (passwordless login) are not implemented.
        device_pending_auth_request: None,
    }
}

async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ListResponse<DeviceResponse>>> {
    let mut conn = state.store.conn().await?;
    let rows = devices::list(&mut conn, auth.id()).await?;
    Ok(Json(ListResponse::new(
        rows.into_iter().map(response).collect(),
    )))
}

/// Someone else's device and a malformed id are both plain 404s.
fn device_id(id: &str) -> ApiResult<DeviceId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<DeviceResponse>> {
    let mut conn = state.store.conn().await?;
    let row = devices::find(&mut conn, auth.id(), device_id(&id)?)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(response(row)))
}

async fn by_identifier(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(identifier): Path<String>,
) -> ApiResult<Json<DeviceResponse>> {
    let mut conn = state.store.conn().await?;
    let row = devices::find_by_identifier(&mut conn, auth.id(), &identifier)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(response(row)))
}

/// `DELETE /devices/{id}` and `POST /devices/{id}/deactivate`.
async fn deactivate(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let mut conn = state.store.conn().await?;
    devices::delete(&mut conn, auth.id(), device_id(&id)?).await?;
    Ok(())
}

/// `GET /devices/knowndevice` (anonymous): whether this install has logged in to the account
/// before. Missing or undecodable headers answer `false`: there is nothing to know.
async fn known_device(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Json<bool>> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let email = header("x-request-email").and_then(|e| {
        let e = e.trim().trim_end_matches('=');
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(e)
            .ok()?;
        String::from_utf8(bytes).ok()
    });
    let (Some(email), Some(identifier)) = (email, header("x-device-identifier")) else {
        return Ok(Json(false));
    };
    let mut conn = state.store.conn().await?;
    let Some(user) =
        bulwark_store::users::find_by_email(&mut conn, &normalize_email(&email)).await?
    else {
        return Ok(Json(false));
    };
    let known = devices::find_by_identifier(&mut conn, user.id, identifier)
        .await?
        .is_some();
    Ok(Json(known))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PushTokenRequest {
    push_token: Option<String>,
}

/// Mobile push registration. There is no push relay, but the token is kept so one can be added
/// without every phone registering again.
async fn set_push_token(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(identifier): Path<String>,
    AppJson(req): AppJson<PushTokenRequest>,
) -> ApiResult<()> {
    let token = req.push_token.filter(|t| !t.is_empty());
    if token.as_deref().is_some_and(|t| t.len() > 1000) {
        return Err(ApiError::field("PushToken", "The PushToken is too long."));
    }
    let mut conn = state.store.conn().await?;
    devices::set_push_token(&mut conn, auth.id(), &identifier, token.as_deref()).await?;
    Ok(())
}

/// Upstream takes this anonymously; without a token there is no telling whose device it is, so
/// an anonymous call is accepted and changes nothing.
async fn clear_push_token(
    State(state): State<AppState>,
    auth: Result<AuthUser, ApiError>,
    Path(identifier): Path<String>,
) -> ApiResult<()> {
    if let Ok(auth) = auth {
        let mut conn = state.store.conn().await?;
        devices::set_push_token(&mut conn, auth.id(), &identifier, None).await?;
    }
    Ok(())
}
