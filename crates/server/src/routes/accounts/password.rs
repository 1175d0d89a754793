//! Master-password and KDF changes. Both re-wrap the same user key, verify the current
//! password first, and end every other session (new security stamp, refresh tokens deleted).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::account_lifecycle::save_and_end_sessions;
use crate::services::accounts::{
    require_enc_string, validate_password_hash, verify_master_password,
};
use crate::state::AppState;
use axum::extract::State;
use bulwark_domain::KdfConfig;
use bulwark_store::users::UserRow;
use bulwark_wire::identity::{KdfSettings, MasterPasswordAuthentication, MasterPasswordUnlock};
use serde::Deserialize;

/// `PasswordRequestModel`: the legacy flat fields and/or the new nested pair.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordRequest {
    master_password_hash: Option<String>,
    new_master_password_hash: Option<String>,
    key: Option<String>,
    master_password_hint: Option<String>,
    authentication_data: Option<MasterPasswordAuthentication>,
    unlock_data: Option<MasterPasswordUnlock>,
}

/// `KdfRequestModel`. Clients may also send legacy flat fields; like upstream, they are ignored.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfRequest {
    master_password_hash: Option<String>,
    authentication_data: Option<MasterPasswordAuthentication>,
    unlock_data: Option<MasterPasswordUnlock>,
}

/// What a change request reduces to once validated.
struct NewCredentials {
    hash: String,
    user_key: String,
    kdf: Option<KdfConfig>,
}

fn current_hash(hash: Option<&str>) -> ApiResult<&str> {
    let hash = hash.filter(|h| !h.is_empty()).ok_or_else(|| {
        ApiError::field(
            "MasterPasswordHash",
            "The MasterPasswordHash field is required.",
        )
    })?;
    validate_password_hash("MasterPasswordHash", hash)?;
    Ok(hash)
}

fn stored_kdf(user: &UserRow) -> KdfSettings {
    KdfSettings {
        kdf_type: user.kdf_type,
        iterations: user.kdf_iterations,
        memory: user.kdf_memory,
        parallelism: user.kdf_parallelism,
    }
}

/// The rules both routes apply to the nested pair: same KDF in both halves, the account's salt
/// (changing it would need an email change), a valid wrapped key, and a matching key id.
fn check_nested(
    user: &UserRow,
    auth: &MasterPasswordAuthentication,
    unlock: &MasterPasswordUnlock,
) -> ApiResult<()> {
    if auth.kdf != unlock.kdf {
        return Err(ApiError::bad(
            "AuthenticationData and UnlockData must have the same KDF configuration.",
        ));
    }
    if auth.salt.is_empty() || unlock.salt.is_empty() {
        return Err(ApiError::bad("Master password salt must not be empty."));
    }
    if auth.salt != user.salt || unlock.salt != user.salt {
        return Err(ApiError::bad("Invalid master password salt."));
    }
    validate_password_hash(
        "MasterPasswordAuthenticationHash",
        &auth.master_password_authentication_hash,
    )?;
    require_enc_string(
        "MasterKeyWrappedUserKey",
        &unlock.master_key_wrapped_user_key,
    )?;
    if let (Some(sent), Some(stored)) = (&unlock.contained_key_id, &user.user_key_id) {
        if sent != stored {
            return Err(ApiError::bad(
                "The contained key id does not match the account's user key.",
            ));
        }
    }
    Ok(())
}

fn password_credentials(user: &UserRow, req: &PasswordRequest) -> ApiResult<NewCredentials> {
    if let (Some(auth), Some(unlock)) = (&req.authentication_data, &req.unlock_data) {
        check_nested(user, auth, unlock)?;
        // Upstream throws on a KDF change here; the KDF route is the place for that.
        if auth.kdf != stored_kdf(user) {
            return Err(ApiError::bad(
                "The KDF settings cannot change with the password. Change them separately.",
            ));
        }
        return Ok(NewCredentials {
            hash: auth.master_password_authentication_hash.clone(),
            user_key: unlock.master_key_wrapped_user_key.clone(),
            kdf: None,
        });
    }
    let (Some(hash), Some(key)) = (&req.new_master_password_hash, &req.key) else {
        return Err(ApiError::bad(
            "Must provide either new payloads (UnlockData/AuthenticationData) or legacy payloads (NewMasterPasswordHash/Key).",
        ));
    };
    validate_password_hash("NewMasterPasswordHash", hash)?;
    // Upstream leaves this key unchecked, but a malformed one would lock the user out for good.
    require_enc_string("Key", key)?;
    Ok(NewCredentials {
        hash: hash.clone(),
        user_key: key.clone(),
        kdf: None,
    })
}

fn kdf_credentials(user: &UserRow, req: &KdfRequest) -> ApiResult<NewCredentials> {
    let auth = req.authentication_data.as_ref().ok_or_else(|| {
        ApiError::field(
            "AuthenticationData",
            "The AuthenticationData field is required.",
        )
    })?;
    let unlock = req
        .unlock_data
        .as_ref()
        .ok_or_else(|| ApiError::field("UnlockData", "The UnlockData field is required."))?;
    check_nested(user, auth, unlock)?;
    let k = &auth.kdf;
    let kdf = KdfConfig::new(k.kdf_type, k.iterations, k.memory, k.parallelism)
        .map_err(|_| ApiError::bad("KDF settings are invalid."))?;
    Ok(NewCredentials {
        hash: auth.master_password_authentication_hash.clone(),
        user_key: unlock.master_key_wrapped_user_key.clone(),
        kdf: Some(kdf),
    })
}

async fn apply(state: &AppState, mut user: UserRow, new: NewCredentials) -> ApiResult<()> {
    user.password_hash = state.passwords.hash(new.hash).await?;
    user.user_key = new.user_key;
    if let Some(kdf) = new.kdf {
        user.kdf_type = kdf.type_number();
        user.kdf_iterations = kdf.iterations;
        user.kdf_memory = kdf.memory;
        user.kdf_parallelism = kdf.parallelism;
    }
    save_and_end_sessions(state, user).await?;
    Ok(())
}

/// `POST /accounts/password`.
pub async fn change_password(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<PasswordRequest>,
) -> ApiResult<()> {
    let current = current_hash(req.master_password_hash.as_deref())?;
    let new = password_credentials(&auth.user, &req)?;
    if req
        .master_password_hint
        .as_deref()
        .is_some_and(|h| h.chars().count() > 50)
    {
        return Err(ApiError::field(
            "MasterPasswordHint",
            "The field MasterPasswordHint must be a string with a maximum length of 50.",
        ));
    }
    verify_master_password(&state, &auth.user, current, "", "Incorrect password.").await?;
    let mut user = auth.user;
    user.password_hint = req.master_password_hint.filter(|h| !h.trim().is_empty());
    apply(&state, user, new).await
}

/// `POST /accounts/kdf`.
pub async fn change_kdf(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<KdfRequest>,
) -> ApiResult<()> {
    let current = current_hash(req.master_password_hash.as_deref())?;
    let new = kdf_credentials(&auth.user, &req)?;
    verify_master_password(&state, &auth.user, current, "", "Incorrect password.").await?;
    apply(&state, auth.user, new).await
}
