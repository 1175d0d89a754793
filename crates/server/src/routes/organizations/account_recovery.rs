//! Account recovery (spec §2.9 and upstream's recovery routes): members enrol by handing the org
//! their user key wrapped with the org public key; an administrator's browser later unwraps it
//! with the org private key and wraps it under a new master password. The server never sees a
//! key in the clear: it checks who may do what, stores what the browser sends, and ends the
//! member's sessions.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::mail::recovery_templates;
use crate::services::account_lifecycle::save_and_end_sessions;
use crate::services::account_recovery::{
    self as recovery, recoverable_user, require_may_recover, require_offered,
};
use crate::services::accounts::{
    require_enc_string, validate_password_hash, verify_master_password,
};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::member_input::parse_member_id;
use crate::services::org_access::{self, parse_org_id};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::enc_string;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{MembershipId, OrgId, UserId};
use bulwark_store::members::{self, MemberRow};
use bulwark_store::users::{self, UserRow};
use bulwark_store::StoreError;
use bulwark_wire::account_recovery::{EnrollmentRequest, RecoverRequest};
use bulwark_wire::identity::KdfSettings;
use serde_json::{json, Value};

/// The target membership, in this org only: an id from another org is not found.
async fn target_in_org(
    conn: &mut bulwark_store::AnyConnection,
    org_id: OrgId,
    id: MembershipId,
) -> ApiResult<MemberRow> {
    match members::find(conn, org_id, id).await {
        Ok(m) => Ok(m),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `GET /organizations/{orgId}/users/{id}/reset-password-details`: what the administrator's
/// browser needs to recover the member: the member's KDF and salt, the user key wrapped for the
/// org, and the org private key (under the org key, which the administrator holds).
pub async fn details(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageResetPassword)?;
    let target = target_in_org(&mut conn, org_id, id).await?;
    require_may_recover(&mut conn, &ctx, auth.id(), &target).await?;
    require_offered(&mut conn, &ctx.org).await?;
    let user = users::find(&mut conn, recoverable_user(&target)?).await?;
    Ok(Json(json!({
        "object": "organizationUserResetPasswordDetails",
        "organizationUserId": target.id.to_string(),
        "kdf": user.kdf_type,
        "kdfIterations": user.kdf_iterations,
        "kdfMemory": user.kdf_memory,
        "kdfParallelism": user.kdf_parallelism,
        "masterPasswordSalt": user.salt,
        "resetPasswordKey": target.reset_password_key,
        "encryptedPrivateKey": ctx.org.private_key,
    })))
}

/// The new master password hash and wrapped user key a recovery request carries.
fn new_credentials(user: &UserRow, req: &RecoverRequest) -> ApiResult<(String, String)> {
    if req.reset_two_factor == Some(true) {
        return Err(ApiError::bad(
            "Resetting two-step login through account recovery is not supported.",
        ));
    }
    // The older `reset-password` body has no flag: resetting the password is all it does.
    if req.reset_master_password == Some(false) {
        return Err(ApiError::bad(
            "At least one recovery action must be requested.",
        ));
    }
    let (hash, key) = match (&req.authentication_data, &req.unlock_data) {
        (Some(auth), Some(unlock)) => {
            // The member keeps their KDF and salt: the browser derived with the ones we sent.
            let stored = KdfSettings {
                kdf_type: user.kdf_type,
                iterations: user.kdf_iterations,
                memory: user.kdf_memory,
                parallelism: user.kdf_parallelism,
            };
            if auth.kdf != stored || unlock.kdf != stored {
                return Err(ApiError::bad("The KDF settings must be the member's own."));
            }
            if auth.salt != user.salt || unlock.salt != user.salt {
                return Err(ApiError::bad("Invalid master password salt."));
            }
            (
                auth.master_password_authentication_hash.clone(),
                unlock.master_key_wrapped_user_key.clone(),
            )
        }
        _ => match (&req.new_master_password_hash, &req.key) {
            (Some(h), Some(k)) if !h.is_empty() && !k.is_empty() => (h.clone(), k.clone()),
            _ => {
                return Err(ApiError::bad(
                    "Master password hash and key are required when resetting master password.",
                ))
            }
        },
    };
    validate_password_hash("NewMasterPasswordHash", &hash)?;
    require_enc_string("Key", &key)?;
    // The user key is wrapped with the stretched master key (AES-CBC + HMAC): anything else
    // would lock the member out for good.
    if !key.starts_with("2.") {
        return Err(ApiError::field(
            "Key",
            "The Key field must be the user key encrypted with the new master key.",
        ));
    }
    Ok((hash, key))
}

/// `PUT /organizations/{orgId}/users/{id}/reset-password` (and `…/recover-account`): sets the
/// member's new master password. Their sessions end; an event and a mail record it.
pub async fn recover(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<RecoverRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    let (ctx, target, user) = {
        let mut conn = state.store.conn().await?;
        let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
        ctx.require(OrgAction::ManageResetPassword)?;
        let target = target_in_org(&mut conn, org_id, id).await?;
        require_may_recover(&mut conn, &ctx, auth.id(), &target).await?;
        require_offered(&mut conn, &ctx.org).await?;
        let user = users::find(&mut conn, recoverable_user(&target)?).await?;
        (ctx, target, user)
    };
    let (hash, key) = new_credentials(&user, &req)?;
    let mut user = user;
    user.password_hash = state.passwords.hash(hash).await?;
    user.user_key = key;
    let user = save_and_end_sessions(&state, user).await?;
    let mut tx = state.store.begin().await?;
    events::record(
        &mut tx,
        [org_event(
            &ctx.org,
            auth.id(),
            &origin,
            EventType::OrganizationUser_AdminResetPassword,
            Subject {
                membership: Some(target.id),
                user: Some(user.id),
                ..Subject::default()
            },
        )],
    )
    .await?;
    tx.commit().await?;
    tracing::info!(org = %org_id, member = %target.id, "account recovered");
    let name = user.name.clone().unwrap_or_else(|| user.email.clone());
    state
        .mailer
        .send(recovery_templates::account_recovered(
            &user.email,
            &name,
            &ctx.org.name,
            &state.config.public_url,
        ))
        .await;
    Ok(())
}

/// `PUT /organizations/{orgId}/users/{userId}/reset-password-enrollment` (spec §2.9): the
/// member themself enrols (a wrapped user key) or withdraws (blank or null).
pub async fn enrollment(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, user_id)): Path<(String, String)>,
    AppJson(req): AppJson<EnrollmentRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let user_id: UserId = user_id.parse().map_err(|_| ApiError::NotFound)?;
    let key = req
        .reset_password_key
        .as_deref()
        .filter(|k| !k.trim().is_empty());
    let mut conn = state.store.conn().await?;
    let member = members::find_by_user(&mut conn, org_id, auth.id())
        .await?
        .filter(|_| user_id == auth.id())
        .ok_or_else(|| ApiError::bad("User not valid."))?;
    if let Some(key) = key {
        // Wrapped with the org public key: RSA-OAEP.
        if !(key.starts_with("4.") && enc_string::is_valid(key)) {
            return Err(ApiError::field(
                "ResetPasswordKey",
                "The ResetPasswordKey field must be the user key encrypted with the organization's public key.",
            ));
        }
        let hash = req.master_password_hash.as_deref().unwrap_or_default();
        verify_master_password(&state, &auth.user, hash, "", "Incorrect password").await?;
    }
    let org = org_access_org(&mut conn, org_id).await?;
    if org.features.use_reset_password == 0 {
        return Err(ApiError::bad(
            "Organization does not allow password reset enrollment.",
        ));
    }
    let Some(auto_enroll) = recovery::policy(&mut conn, &org).await? else {
        return Err(ApiError::bad(
            "Organization does not have the password reset policy enabled.",
        ));
    };
    if key.is_none() && auto_enroll {
        return Err(ApiError::bad(
            "Due to an Enterprise policy, you are not allowed to withdraw from account recovery.",
        ));
    }
    drop(conn);
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    members::set_reset_password_key(&mut tx, org_id, member.id, key, now).await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    events::record(
        &mut tx,
        [org_event(
            &org,
            auth.id(),
            &origin,
            if key.is_some() {
                EventType::OrganizationUser_ResetPassword_Enroll
            } else {
                EventType::OrganizationUser_ResetPassword_Withdraw
            },
            Subject {
                membership: Some(member.id),
                user: Some(auth.id()),
                ..Subject::default()
            },
        )],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn org_access_org(
    conn: &mut bulwark_store::AnyConnection,
    org_id: OrgId,
) -> ApiResult<bulwark_store::organizations::OrgRow> {
    match bulwark_store::organizations::find(conn, org_id).await {
        Ok(o) => Ok(o),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}
