//! Issuing a session: device row, access token, refresh token, and the token response with the
//! fields the clients need to unlock.

use super::token::DeviceFields;
use crate::auth::jwt::{Claims, ACCESS_TOKEN_SECONDS};
use crate::auth::tokens::{hash_token, new_refresh_token};
use crate::error::ApiResult;
use crate::state::AppState;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_store::tokens::RefreshTokenRow;
use bulwark_store::users::UserRow;
use bulwark_store::{devices, tokens};
use serde_json::{json, Value};

/// Refresh tokens slide: each use issues a new one valid this long.
const REFRESH_TOKEN_DAYS: i64 = 30;

pub enum SessionGrant {
    Password {
        client_id: String,
        two_factor_remember_token: Option<String>,
    },
    Refresh {
        client_id: String,
    },
    ApiKey {
        client_id: String,
    },
}

impl SessionGrant {
    fn client_id(&self) -> &str {
        match self {
            Self::Password { client_id, .. }
            | Self::Refresh { client_id }
            | Self::ApiKey { client_id } => client_id,
        }
    }
}

fn kdf_json(user: &UserRow) -> Value {
    let mut kdf = json!({ "KdfType": user.kdf_type, "Iterations": user.kdf_iterations });
    if let (Some(m), Some(p)) = (user.kdf_memory, user.kdf_parallelism) {
        kdf["Memory"] = json!(m);
        kdf["Parallelism"] = json!(p);
    }
    kdf
}

/// The Bitwarden fields of a login response (PascalCase, nulls omitted inside objects).
fn unlock_fields(user: &UserRow, body: &mut Value) {
    body["Key"] = json!(user.user_key);
    body["PrivateKey"] = json!(user.private_key);
    if let (Some(private_key), Some(public_key)) = (&user.private_key, &user.public_key) {
        body["AccountKeys"] = json!({
            "Object": "privateKeys",
            "publicKeyEncryptionKeyPair": {
                "Object": "publicKeyEncryptionKeyPair",
                "wrappedPrivateKey": private_key,
                "publicKey": public_key,
            }
        });
    }
    body["Kdf"] = json!(user.kdf_type);
    body["KdfIterations"] = json!(user.kdf_iterations);
    body["KdfMemory"] = json!(user.kdf_memory);
    body["KdfParallelism"] = json!(user.kdf_parallelism);
    body["ResetMasterPassword"] = json!(false);
    body["ForcePasswordReset"] = json!(false);
    body["MasterPasswordPolicy"] = json!({ "Object": "masterPasswordPolicy" });
    let mut unlock = json!({
        "Kdf": kdf_json(user),
        "MasterKeyEncryptedUserKey": user.user_key,
        "MasterKeyWrappedUserKey": user.user_key,
        "Salt": user.salt,
    });
    if let Some(id) = &user.user_key_id {
        unlock["ContainedKeyId"] = json!(id);
    }
    body["UserDecryptionOptions"] = json!({
        "Object": "userDecryptionOptions",
        "HasMasterPassword": true,
        "MasterPasswordUnlock": unlock,
    });
}

/// Records the device, signs the access token, stores the refresh token's hash, and answers.
///
/// # Errors
/// Database failures.
pub async fn issue_session(
    state: &AppState,
    user: &UserRow,
    device: &DeviceFields,
    grant: SessionGrant,
) -> ApiResult<Response> {
    let now = now_micros();
    let secs = now / 1_000_000;
    let with_refresh = !matches!(grant, SessionGrant::ApiKey { .. });
    let mut tx = state.store.begin().await?;
    let (device_row, _is_new) = devices::upsert(
        &mut tx,
        user.id,
        &device.identifier,
        &device.name,
        device.device_type.number(),
        now,
    )
    .await?;
    let refresh = if with_refresh {
        let token = new_refresh_token();
        tokens::insert(
            &mut tx,
            &RefreshTokenRow {
                token_hash: hash_token(&token),
                user_id: user.id,
                device_id: device_row.id,
                client_id: grant.client_id().to_owned(),
                security_stamp: user.security_stamp.clone(),
                expires_at: now + REFRESH_TOKEN_DAYS * 86_400 * 1_000_000,
            },
            now,
        )
        .await?;
        Some(token)
    } else {
        None
    };
    tx.commit().await?;
    let scope: Vec<String> = if with_refresh {
        vec!["api".into(), "offline_access".into()]
    } else {
        vec!["api".into()]
    };
    let claims = Claims {
        nbf: secs,
        iat: secs,
        exp: secs + ACCESS_TOKEN_SECONDS,
        iss: state.jwt.issuer().to_owned(),
        sub: user.id.to_string(),
        email: user.email.clone(),
        email_verified: user.email_verified != 0,
        name: user.name.clone().filter(|n| !n.is_empty()),
        premium: true,
        sstamp: user.security_stamp.clone(),
        device: device.identifier.clone(),
        devicetype: device.device_type.name().to_owned(),
        client_id: grant.client_id().to_owned(),
        scope: scope.clone(),
        amr: vec!["Application".into()],
        idp: "bitwarden".into(),
        jti: uuid::Uuid::new_v4().to_string(),
    };
    let mut body = json!({
        "access_token": state.jwt.sign(&claims)?,
        "expires_in": ACCESS_TOKEN_SECONDS,
        "token_type": "Bearer",
        "scope": scope.join(" "),
    });
    if let Some(r) = refresh {
        body["refresh_token"] = json!(r);
    }
    match grant {
        SessionGrant::Refresh { .. } => {}
        SessionGrant::Password {
            two_factor_remember_token,
            ..
        } => {
            unlock_fields(user, &mut body);
            if let Some(t) = two_factor_remember_token {
                body["TwoFactorToken"] = json!(t);
            }
        }
        SessionGrant::ApiKey { .. } => unlock_fields(user, &mut body),
    }
    Ok(Json(body).into_response())
}
