use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::accounts::require_enc_string;
use crate::services::profile;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_domain::UserId;
use bulwark_wire::account::{KeysResponse, UserKeyIdRequest};
use bulwark_wire::identity::KeysRequest;
use serde_json::{json, Value};

/// A key id is 32 lowercase hex digits.
///
/// # Errors
/// 400 naming the field.
pub fn validate_key_id(field: &str, id: &str) -> ApiResult<()> {
    if id.len() == 32
        && id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        Ok(())
    } else {
        Err(ApiError::field(
            field,
            format!("{field} is not a valid key id."),
        ))
    }
}

pub async fn get_keys(auth: AuthUser) -> Json<KeysResponse> {
    Json(profile::keys(&auth.user))
}

/// Sets the key pair of an account that has none yet.
pub async fn set_keys(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<KeysRequest>,
) -> ApiResult<Json<KeysResponse>> {
    if auth.user.private_key.is_some() {
        return Err(ApiError::bad("User has existing keypair"));
    }
    require_enc_string("EncryptedPrivateKey", &req.encrypted_private_key)?;
    let mut user = auth.user;
    user.public_key = Some(req.public_key);
    user.private_key = Some(req.encrypted_private_key);
    user.revision_date = now_micros();
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    Ok(Json(profile::keys(&user)))
}

/// The client derives an id from its user key and reports it once; sync echoes it back.
pub async fn set_user_key_id(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<UserKeyIdRequest>,
) -> ApiResult<()> {
    validate_key_id("UserKeyId", &req.user_key_id)?;
    if auth.user.user_key_id.is_some() {
        return Err(ApiError::bad("User key id is already set."));
    }
    let mut user = auth.user;
    user.user_key_id = Some(req.user_key_id);
    user.revision_date = now_micros();
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    Ok(())
}

/// Any signed-in user may read another user's public key (needed to share with them).
pub async fn public_key(
    State(state): State<AppState>,
    _auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id: UserId = id.parse().map_err(|_| ApiError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let user = bulwark_store::users::find(&mut conn, id).await?;
    let key = user.public_key.ok_or(ApiError::NotFound)?;
    Ok(Json(
        json!({ "object": "userKey", "userId": user.id.to_string(), "publicKey": key }),
    ))
}
