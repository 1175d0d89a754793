//! Registration: the two-step flow of the current clients, and the legacy one-step route.

use crate::auth::tokens::hash_token;
use crate::error::{ApiError, ApiResult};
use crate::extract::AppJson;
use crate::services::accounts::{
    self, kdf_from_settings, normalize_email, require_enc_string, validate_email,
    validate_password_hash, NewAccount,
};
use crate::services::invite_token;
use crate::services::registration_token;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bulwark_domain::KdfConfig;
use bulwark_wire::identity::{RegisterFinishRequest, SendVerificationEmailRequest};
use serde_json::json;

const SIGNUPS_DISABLED: &str = "Open registration has been disabled by the system administrator.";

fn token_secret(state: &AppState) -> Vec<u8> {
    state.jwt.derive_key("registration")
}

pub async fn send_verification_email(
    State(state): State<AppState>,
    AppJson(req): AppJson<SendVerificationEmailRequest>,
) -> ApiResult<Response> {
    if !state.config.signups_allowed {
        return Err(ApiError::bad(SIGNUPS_DISABLED));
    }
    let email = normalize_email(&req.email);
    validate_email(&email)?;
    if req.name.as_deref().is_some_and(|n| n.chars().count() > 50) {
        return Err(ApiError::field(
            "Name",
            "The field Name must be a string with a maximum length of 50.",
        ));
    }
    let mut conn = state.store.conn().await?;
    let exists = bulwark_store::users::find_by_email(&mut conn, &email)
        .await?
        .is_some();
    let secret = token_secret(&state);
    let token = registration_token::issue(&secret, &email, req.name.as_deref())?;
    if state.config.signups_verify_email {
        // Verification on: the token goes out of band, and an existing account gets the same
        // answer as a new one (no enumeration).
        if !exists {
            let mail = crate::mail::templates::registration_verification(
                &email,
                &token,
                &state.config.public_url,
            );
            state.mailer.send(mail).await;
        }
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    if exists {
        return Err(ApiError::bad(format!("Email {email} is already taken")));
    }
    Ok(Json(json!(token)).into_response())
}

pub async fn finish(
    State(state): State<AppState>,
    AppJson(req): AppJson<RegisterFinishRequest>,
) -> ApiResult<Json<serde_json::Value>> {
    if let (Some(token), Some(membership)) = (&req.org_invite_token, &req.organization_user_id) {
        let email = normalize_email(&req.email);
        invited_email(&state, token, membership, &email).await?;
        let name = req.name.clone();
        register(&state, req, email, name).await?;
        return Ok(Json(json!({ "object": "registerFinish" })));
    }
    if let (Some(token), Some(member)) = (&req.provider_invite_token, &req.provider_user_id) {
        let email = normalize_email(&req.email);
        provider_invited_email(&state, token, member, &email).await?;
        let name = req.name.clone();
        register(&state, req, email, name).await?;
        return Ok(Json(json!({ "object": "registerFinish" })));
    }
    if !state.config.signups_allowed {
        return Err(ApiError::bad(SIGNUPS_DISABLED));
    }
    let token = req
        .email_verification_token
        .as_deref()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::bad("No valid registration token provided"))?;
    let claims = registration_token::verify(&token_secret(&state), token)?;
    let email = normalize_email(&req.email);
    if claims.email != email {
        return Err(ApiError::bad("Invalid email verification token."));
    }
    let name = claims.name.or_else(|| req.name.clone());
    register(&state, req, email, name).await?;
    Ok(Json(json!({ "object": "registerFinish" })))
}

/// Checks an organization invitation presented at registration: a genuine, unexpired token
/// for a membership that is still Invited at exactly this address, and the membership's
/// current token (a re-sent invitation retires the older link). An invited person may
/// register even where open signups are off: that is what invitations are for.
async fn invited_email(
    state: &AppState,
    token: &str,
    membership: &str,
    email: &str,
) -> ApiResult<()> {
    let invalid = || ApiError::bad("Invalid organization invitation.");
    let now = bulwark_domain::time::now_micros() / 1_000_000;
    let secret = state.jwt.derive_key(invite_token::KEY_PURPOSE);
    let token_email =
        invite_token::email_of(&secret, token, membership, now).ok_or_else(invalid)?;
    if !token_email.eq_ignore_ascii_case(email) {
        return Err(invalid());
    }
    let id: bulwark_domain::MembershipId = membership.parse().map_err(|_| invalid())?;
    let mut conn = state.store.conn().await?;
    let row = bulwark_store::members::find_invited(&mut conn, id)
        .await?
        .ok_or_else(invalid)?;
    let current = row.invite_token_hash.as_deref() == Some(hash_token(token).as_str());
    if !current
        || !row
            .email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(email))
    {
        return Err(invalid());
    }
    Ok(())
}

/// The provider twin of [`invited_email`]: the current invitation of an Invited provider
/// member at exactly this address (a member's invitation or an owner's setup link).
async fn provider_invited_email(
    state: &AppState,
    token: &str,
    member: &str,
    email: &str,
) -> ApiResult<()> {
    let invalid = || ApiError::bad("Invalid provider invitation.");
    let id: bulwark_domain::ProviderUserId = member.parse().map_err(|_| invalid())?;
    let mut conn = state.store.conn().await?;
    let row = bulwark_store::provider_users::find_invited(&mut conn, id)
        .await?
        .ok_or_else(invalid)?;
    let invited = row.email.as_deref().unwrap_or_default();
    if !invited.eq_ignore_ascii_case(email) {
        return Err(invalid());
    }
    use crate::services::provider_token;
    let secret = state.jwt.derive_key(provider_token::KEY_PURPOSE);
    let stored = row.invite_token_hash.as_deref();
    let now = bulwark_domain::time::now_micros() / 1_000_000;
    // A member's invitation, or the setup link of a provider made for this address (its owner
    // row waits Invited until the account exists).
    provider_token::verify_user_invite(&secret, token, id, invited, stored, now)
        .or_else(|_| {
            provider_token::verify_setup(&secret, token, row.provider_id, id, invited, stored, now)
        })
        .map_err(|_| invalid())
}

/// The one-step route older clients and Vaultwarden's tooling use. Refused when email
/// verification is on, since it would skip it.
pub async fn legacy_register(
    State(state): State<AppState>,
    AppJson(req): AppJson<RegisterFinishRequest>,
) -> ApiResult<Json<serde_json::Value>> {
    if !state.config.signups_allowed || state.config.signups_verify_email {
        return Err(ApiError::bad(SIGNUPS_DISABLED));
    }
    let email = normalize_email(&req.email);
    validate_email(&email)?;
    let name = req.name.clone();
    register(&state, req, email, name).await?;
    Ok(Json(json!({ "object": "register" })))
}

/// The parts of a registration body that both variants reduce to.
struct Credentials {
    hash: String,
    kdf: KdfConfig,
    user_key: String,
    user_key_id: Option<String>,
}

fn credentials(req: &RegisterFinishRequest, email: &str) -> ApiResult<Credentials> {
    let nested = match (
        &req.master_password_authentication,
        &req.master_password_unlock,
    ) {
        (Some(auth), Some(unlock)) => Some((auth, unlock)),
        (Some(_), None) => {
            return Err(ApiError::bad(
                "MasterPasswordUnlock not found on RequestModel",
            ))
        }
        (None, Some(_)) => {
            return Err(ApiError::bad(
                "MasterPasswordAuthentication not found on RequestModel",
            ))
        }
        (None, None) => None,
    };
    if let Some((auth, unlock)) = nested {
        if let Some(flat) = &req.master_password_hash {
            if flat != &auth.master_password_authentication_hash {
                return Err(ApiError::bad(
                    "MasterPasswordAuthenticationHash and MasterPasswordHash provided and are not equal. Only provide one.",
                ));
            }
        }
        if auth.kdf != unlock.kdf {
            return Err(ApiError::bad(
                "AuthenticationData and UnlockData must have the same KDF configuration.",
            ));
        }
        if auth.salt.is_empty() || unlock.salt.is_empty() {
            return Err(ApiError::bad("Master password salt must not be empty."));
        }
        if auth.salt != unlock.salt || auth.salt.trim().to_lowercase() != email {
            return Err(ApiError::bad("Invalid master password salt."));
        }
        require_enc_string(
            "MasterKeyWrappedUserKey",
            &unlock.master_key_wrapped_user_key,
        )?;
        return Ok(Credentials {
            hash: auth.master_password_authentication_hash.clone(),
            kdf: kdf_from_settings(&auth.kdf)?,
            user_key: unlock.master_key_wrapped_user_key.clone(),
            user_key_id: unlock.contained_key_id.clone(),
        });
    }
    let hash = req.master_password_hash.clone().ok_or_else(|| {
        ApiError::bad(
            "MasterPasswordAuthenticationHash and MasterPasswordHash not found on request, one needs to be defined.",
        )
    })?;
    let user_key = req.user_symmetric_key.clone().ok_or_else(|| {
        ApiError::field(
            "UserSymmetricKey",
            "The UserSymmetricKey field is required.",
        )
    })?;
    require_enc_string("UserSymmetricKey", &user_key)?;
    let (Some(kdf), Some(iterations)) = (req.kdf, req.kdf_iterations) else {
        return Err(ApiError::field(
            "Kdf",
            "The Kdf and KdfIterations fields are required.",
        ));
    };
    Ok(Credentials {
        hash,
        kdf: KdfConfig::new(kdf, iterations, req.kdf_memory, req.kdf_parallelism)
            .map_err(ApiError::bad)?,
        user_key,
        user_key_id: None,
    })
}

async fn register(
    state: &AppState,
    req: RegisterFinishRequest,
    email: String,
    name: Option<String>,
) -> ApiResult<()> {
    let creds = credentials(&req, &email)?;
    validate_password_hash("MasterPasswordHash", &creds.hash)?;
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
    if let Some(id) = &creds.user_key_id {
        crate::routes::accounts::keys::validate_key_id("ContainedKeyId", id)?;
    }
    let (public_key, private_key) = match (&req.user_asymmetric_keys, &req.account_keys) {
        (Some(k), _) => (k.public_key.clone(), k.encrypted_private_key.clone()),
        (None, Some(k)) => match (
            &k.account_public_key,
            &k.user_key_encrypted_account_private_key,
        ) {
            (Some(p), Some(e)) => (p.clone(), e.clone()),
            _ => {
                return Err(ApiError::bad(
                    "PublicKey and WrappedPrivateKey not found in RequestModel",
                ))
            }
        },
        (None, None) => {
            return Err(ApiError::bad(
                "PublicKey and WrappedPrivateKey not found in RequestModel",
            ))
        }
    };
    require_enc_string("EncryptedPrivateKey", &private_key)?;
    if public_key.is_empty() || public_key.len() > 2000 {
        return Err(ApiError::field(
            "PublicKey",
            "The PublicKey field is required.",
        ));
    }
    accounts::create(
        state,
        NewAccount {
            email,
            name: name.map(|n| n.chars().take(50).collect()),
            hint: req.master_password_hint.clone(),
            master_password_hash: creds.hash,
            kdf: creds.kdf,
            user_key: creds.user_key,
            public_key: Some(public_key),
            private_key: Some(private_key),
            user_key_id: creds.user_key_id,
        },
    )
    .await?;
    Ok(())
}
