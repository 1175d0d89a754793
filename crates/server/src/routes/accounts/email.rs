//! Changing the account's e-mail address, in two steps: a code mailed to the new address, then
//! the change itself with credentials the client re-derived using the new address as salt. The
//! e-mail is the salt of the master key, so the hash and the wrapped user key change with it;
//! the KDF and the user key do not. Without mail the first step would hand the code to nobody,
//! so both routes refuse.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::mail::email_change_templates::{email_change_address_taken, email_change_code};
use crate::services::accounts::{
    normalize_email, require_enc_string, validate_email, validate_password_hash,
    verify_master_password,
};
use crate::services::email_change_token::{self, Holder, INVALID};
use crate::state::AppState;
use axum::extract::State;
use bulwark_domain::time::now_micros;
use bulwark_store::tokens;
use bulwark_store::users::{self, UserRow};
use bulwark_wire::email_change::{EmailChangeRequest, EmailTokenRequest};

const NO_MAIL: &str =
    "Changing the e-mail address needs mail, and this server has no mail configured. Ask your administrator.";
/// Longer than any token `issue` makes; refused before any work is done.
const MAX_TOKEN_LEN: usize = 2000;

fn require_mail(state: &AppState) -> ApiResult<()> {
    if state.mailer.is_enabled() {
        Ok(())
    } else {
        Err(ApiError::bad(NO_MAIL))
    }
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

/// The new address, normalized as accounts store it, and different from the current one.
fn new_address(user: &UserRow, sent: &str) -> ApiResult<String> {
    let email = normalize_email(sent);
    validate_email(&email).map_err(|_| {
        ApiError::field(
            "NewEmail",
            "The NewEmail field is not a supported e-mail address format.",
        )
    })?;
    if email == user.email {
        return Err(ApiError::field(
            "NewEmail",
            "This is already the account's e-mail address.",
        ));
    }
    Ok(email)
}

fn token_secret(state: &AppState) -> Vec<u8> {
    state.jwt.derive_key(email_change_token::KEY_PURPOSE)
}

fn holder(user: &UserRow) -> Holder<'_> {
    Holder {
        user: user.id,
        security_stamp: &user.security_stamp,
    }
}

/// `POST /accounts/email-token`. Answers the same whether or not the address is taken; the
/// owner of a taken address is told of the attempt instead of getting a code.
pub async fn send_token(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<EmailTokenRequest>,
) -> ApiResult<()> {
    require_mail(&state)?;
    let current = current_hash(req.master_password_hash.as_deref())?;
    let email = new_address(&auth.user, &req.new_email)?;
    verify_master_password(
        &state,
        &auth.user,
        current,
        "MasterPasswordHash",
        "Invalid password.",
    )
    .await?;
    let mut conn = state.store.conn().await?;
    let taken = users::find_by_email(&mut conn, &email).await?.is_some();
    drop(conn);
    let public_url = &state.config.public_url;
    let mail = if taken {
        email_change_address_taken(&email, public_url)
    } else {
        let token = email_change_token::issue(&token_secret(&state), &holder(&auth.user), &email)?;
        email_change_code(&email, &token, public_url)
    };
    state.mailer.send(mail).await;
    Ok(())
}

/// `POST /accounts/email`. The token is checked before the address is looked up, so only the
/// reader of the new address's mail learns whether someone took it meanwhile.
pub async fn change_email(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<EmailChangeRequest>,
) -> ApiResult<()> {
    require_mail(&state)?;
    let current = current_hash(req.master_password_hash.as_deref())?;
    let email = new_address(&auth.user, &req.new_email)?;
    validate_password_hash("NewMasterPasswordHash", &req.new_master_password_hash)?;
    // A malformed key would lock the account out for good.
    require_enc_string("Key", &req.key)?;
    if req.token.is_empty() || req.token.len() > MAX_TOKEN_LEN {
        return Err(ApiError::field("", INVALID));
    }
    verify_master_password(&state, &auth.user, current, "", "Incorrect password.").await?;
    if !email_change_token::is_valid(
        &token_secret(&state),
        &req.token,
        &holder(&auth.user),
        &email,
    ) {
        return Err(ApiError::field("", INVALID));
    }
    let mut user = auth.user;
    user.password_hash = state.passwords.hash(req.new_master_password_hash).await?;
    user.user_key = req.key;
    user.salt.clone_from(&email);
    user.email = email;
    user.email_verified = 1;
    save_and_end_sessions(&state, user).await
}

/// Like `account_lifecycle::save_and_end_sessions`, but a lost race for the address (someone
/// registered it after the check) is the "taken" answer, not a server error.
async fn save_and_end_sessions(state: &AppState, mut user: UserRow) -> ApiResult<()> {
    let taken = || ApiError::field("", format!("Email '{}' is already taken.", user.email));
    let mut conn = state.store.conn().await?;
    if users::find_by_email(&mut conn, &user.email)
        .await?
        .is_some()
    {
        return Err(taken());
    }
    drop(conn);
    user.security_stamp = crate::auth::tokens::new_security_stamp();
    let now = now_micros();
    user.revision_date = now;
    user.account_revision_date = now;
    let mut tx = state.store.begin().await?;
    match users::update(&mut tx, &user).await {
        Ok(()) => {}
        Err(e) if e.is_conflict_on("users_email_key", "users.email") => return Err(taken()),
        Err(e) => return Err(e.into()),
    }
    tokens::delete_for_user(&mut tx, user.id).await?;
    tx.commit().await?;
    tracing::info!(user = %user.id, "e-mail address changed");
    Ok(())
}
