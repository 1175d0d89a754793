//! `/api/two-factor`: authenticator-app (TOTP) setup, the recovery code, and disabling
//! providers. Upstream allows only the web vault here (403 otherwise); any first-party client is
//! accepted, since refusing would only log the others out.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::accounts::{verify_master_password, verify_secret};
use crate::services::events::RequestOrigin;
use crate::services::two_factor_compliance;
use crate::services::{totp, two_factor_setup};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bulwark_domain::time::now_micros;
use bulwark_store::two_factor;
use bulwark_store::users::UserRow;
use bulwark_wire::account::SecretVerification;
use bulwark_wire::list::ListResponse;
use serde::Deserialize;
use serde_json::{json, Value};

const AUTHENTICATOR: i64 = 0;
const VERIFICATION_FAILED: &str = "User verification failed.";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/two-factor", get(list))
        .route("/two-factor/get-authenticator", post(get_authenticator))
        .route(
            "/two-factor/authenticator",
            post(enable_authenticator)
                .put(enable_authenticator)
                .delete(disable_authenticator),
        )
        .route("/two-factor/get-recover", post(get_recover))
        .route("/two-factor/disable", post(disable).put(disable))
        .route(
            "/two-factor/get-device-verification-settings",
            get(device_verification_settings),
        )
        .route(
            "/two-factor/device-verification-settings",
            post(set_device_verification).put(set_device_verification),
        )
}

fn now_secs() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ListResponse<Value>>> {
    let mut conn = state.store.conn().await?;
    let rows = two_factor::list(&mut conn, auth.id()).await?;
    let data = rows
        .into_iter()
        .map(|p| json!({ "object": "twoFactorProvider", "enabled": p.enabled != 0, "type": p.provider_type }))
        .collect();
    Ok(Json(ListResponse::new(data)))
}

/// The nested shape of current clients plus top-level copies for older ones.
fn authenticator_body(object: &str, enabled: bool, key: &str) -> Value {
    json!({
        "object": object,
        "authenticator": { "enabled": enabled, "key": key },
        "enabled": enabled,
        "key": key,
    })
}

/// `POST /two-factor/get-authenticator`: the stored key, or a fresh one to set up, plus the
/// token that lets the follow-up request skip the password.
async fn get_authenticator(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<Json<Value>> {
    verify_secret(&state, &auth.user, &req).await?;
    let mut conn = state.store.conn().await?;
    let stored = two_factor::list(&mut conn, auth.id())
        .await?
        .into_iter()
        .find(|p| p.provider_type == AUTHENTICATOR && p.enabled != 0);
    let (enabled, key) = match stored {
        Some(p) => (true, p.secret),
        None => (false, totp::new_secret()),
    };
    let mut body = authenticator_body("twoFactorAuthenticator", enabled, &key);
    body["userVerificationToken"] = json!(two_factor_setup::issue(
        &state,
        &auth.user,
        &key,
        now_secs()
    ));
    Ok(Json(body))
}

/// The proof of identity for changing the authenticator: the token from get-authenticator
/// (bound to this key), or, from older clients, the master password.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetupProof {
    user_verification_token: Option<String>,
    master_password_hash: Option<String>,
}

async fn check_proof(
    state: &AppState,
    user: &UserRow,
    key: &str,
    proof: &SetupProof,
) -> ApiResult<()> {
    if let Some(token) = proof
        .user_verification_token
        .as_deref()
        .filter(|t| !t.is_empty())
    {
        return if two_factor_setup::is_valid(state, user, key, token, now_secs()) {
            Ok(())
        } else {
            Err(ApiError::field(
                "UserVerificationToken",
                VERIFICATION_FAILED,
            ))
        };
    }
    match proof
        .master_password_hash
        .as_deref()
        .filter(|h| !h.is_empty())
    {
        Some(hash) => verify_master_password(state, user, hash, "", VERIFICATION_FAILED).await,
        None => Err(ApiError::field(
            "UserVerificationToken",
            "The UserVerificationToken field is required.",
        )),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EnableRequest {
    token: Option<String>,
    key: Option<String>,
    #[serde(flatten)]
    proof: SetupProof,
}

fn required(field: &str, value: Option<&str>) -> ApiResult<String> {
    match value.filter(|v| !v.trim().is_empty()) {
        Some(v) if v.chars().count() <= 50 => Ok(v.to_owned()),
        Some(_) => Err(ApiError::field(
            field,
            format!("The field {field} must be a string with a maximum length of 50."),
        )),
        None => Err(ApiError::field(
            field,
            format!("The {field} field is required."),
        )),
    }
}

/// `PUT`/`POST /two-factor/authenticator`: proves the app holds `key` with a current code.
async fn enable_authenticator(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<EnableRequest>,
) -> ApiResult<Json<Value>> {
    let code = required("Token", req.token.as_deref())?;
    let key = two_factor_setup::normalize_key(&required("Key", req.key.as_deref())?);
    check_proof(&state, &auth.user, &key, &req.proof).await?;
    if !two_factor_setup::key_is_usable(&key) {
        return Err(ApiError::field("Key", "Invalid key."));
    }
    let now = u64::try_from(now_secs()).unwrap_or(0);
    if totp::matching_step(&key, &code, now).is_none() {
        return Err(ApiError::field("Token", "Invalid token."));
    }
    let mut tx = state.store.begin().await?;
    two_factor::upsert(&mut tx, auth.id(), AUTHENTICATOR, &key).await?;
    if two_factor::recovery_code(&mut tx, auth.id())
        .await?
        .is_none()
    {
        let code = crate::auth::tokens::new_recovery_code();
        two_factor::set_recovery_code(&mut tx, auth.id(), &code).await?;
    }
    tx.commit().await?;
    Ok(Json(authenticator_body(
        "twoFactorAuthenticatorUpdate",
        true,
        &key,
    )))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DisableAuthenticatorRequest {
    key: Option<String>,
    #[serde(flatten)]
    proof: SetupProof,
}

/// `DELETE /two-factor/authenticator` → 204.
async fn disable_authenticator(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<DisableAuthenticatorRequest>,
) -> ApiResult<StatusCode> {
    let key = two_factor_setup::normalize_key(req.key.as_deref().unwrap_or_default());
    check_proof(&state, &auth.user, &key, &req.proof).await?;
    let mut tx = state.store.begin().await?;
    two_factor::delete(&mut tx, auth.id(), AUTHENTICATOR).await?;
    two_factor_compliance::revoke_if_non_compliant(&mut tx, auth.id(), &origin, now_micros())
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /two-factor/get-recover`: the current recovery code (null before any 2FA setup).
async fn get_recover(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<Json<Value>> {
    verify_secret(&state, &auth.user, &req).await?;
    let mut conn = state.store.conn().await?;
    let code = two_factor::recovery_code(&mut conn, auth.id()).await?;
    Ok(Json(json!({ "object": "twoFactorRecover", "code": code })))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DisableRequest {
    #[serde(rename = "type")]
    provider_type: i64,
    #[serde(flatten)]
    secret: SecretVerification,
}

/// `POST`/`PUT /two-factor/disable`: removes one provider.
async fn disable(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(req): AppJson<DisableRequest>,
) -> ApiResult<Json<Value>> {
    verify_secret(&state, &auth.user, &req.secret).await?;
    let mut tx = state.store.begin().await?;
    two_factor::delete(&mut tx, auth.id(), req.provider_type).await?;
    two_factor_compliance::revoke_if_non_compliant(&mut tx, auth.id(), &origin, now_micros())
        .await?;
    tx.commit().await?;
    Ok(Json(json!({
        "object": "twoFactorProvider",
        "enabled": false,
        "type": req.provider_type,
    })))
}

/// Obsolete settings the web vault still reads; new-device verification is off.
async fn device_verification_settings(_auth: AuthUser) -> Json<Value> {
    Json(json!({
        "isDeviceVerificationSectionEnabled": false,
        "unknownDeviceVerificationEnabled": false,
    }))
}

/// `UnknownDeviceVerificationRequestModel`: the one flag, required.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceVerificationRequest {
    #[allow(dead_code)]
    unknown_device_verification_enabled: bool,
}

/// New-device verification by e-mail is not offered, so the answer is the setting in force
/// whatever was asked; the body is still read strictly, so a malformed one is a 400.
async fn set_device_verification(
    auth: AuthUser,
    AppJson(_): AppJson<DeviceVerificationRequest>,
) -> Json<Value> {
    device_verification_settings(auth).await
}
