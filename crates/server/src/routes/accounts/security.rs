//! Re-authenticated account actions: security stamp, password check, API key, deletion; and
//! the anonymous password-hint request.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::account_lifecycle::{delete_account, save_and_end_sessions};
use crate::services::accounts::{verify_master_password, verify_secret};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::{format_micros, now_micros};
use bulwark_store::users::UserRow;
use bulwark_wire::account::SecretVerification;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyPasswordRequest {
    master_password_hash: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct PasswordHintRequest {
    #[allow(dead_code)] // Read only to insist on the documented shape; nothing is mailed.
    email: String,
}

/// `POST /accounts/security-stamp`: logs every client out.
pub async fn rotate_security_stamp(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<()> {
    verify_secret(&state, &auth.user, &req).await?;
    save_and_end_sessions(&state, auth.user).await?;
    Ok(())
}

/// `POST /accounts/verify-password`: answers the (empty) master-password policy.
pub async fn verify_password(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<VerifyPasswordRequest>,
) -> ApiResult<Json<Value>> {
    let hash = req
        .master_password_hash
        .as_deref()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| {
            ApiError::field(
                "MasterPasswordHash",
                "The MasterPasswordHash field is required.",
            )
        })?;
    verify_master_password(
        &state,
        &auth.user,
        hash,
        "MasterPasswordHash",
        "Invalid password.",
    )
    .await?;
    Ok(Json(json!({
        "object": "masterPasswordPolicy",
        "minComplexity": null, "minLength": null,
        "requireLower": null, "requireUpper": null,
        "requireNumbers": null, "requireSpecial": null,
        "enforceOnLogin": null,
    })))
}

/// `DELETE /accounts` and `POST /accounts/delete`.
pub async fn delete(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<()> {
    verify_secret(&state, &auth.user, &req).await?;
    delete_account(&state, &auth.user).await
}

fn api_key_body(user: &UserRow) -> Json<Value> {
    Json(json!({
        "object": "apiKey",
        "apiKey": user.api_key,
        "revisionDate": format_micros(user.revision_date),
    }))
}

/// `POST /accounts/api-key`: shows the key behind `client_id = user.<id>`.
pub async fn api_key(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<Json<Value>> {
    verify_secret(&state, &auth.user, &req).await?;
    Ok(api_key_body(&auth.user))
}

/// `POST /accounts/rotate-api-key`: the old secret stops working at once.
pub async fn rotate_api_key(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<SecretVerification>,
) -> ApiResult<Json<Value>> {
    verify_secret(&state, &auth.user, &req).await?;
    let mut user = auth.user;
    user.api_key = crate::auth::tokens::random_alphanumeric(30);
    user.revision_date = now_micros();
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    Ok(api_key_body(&user))
}

/// `POST /accounts/password-hint` (anonymous). Always the same empty 200, whether or not the
/// account exists, so it cannot be used to discover accounts. There is no mailer yet, so the
/// hint is never sent anywhere, and never logged.
pub async fn password_hint(AppJson(_req): AppJson<PasswordHintRequest>) -> ApiResult<()> {
    tracing::info!("master password hint requested; no mailer is configured, nothing was sent");
    Ok(())
}
