//! `/api/accounts/*` and the other per-account routes.

mod email;
pub mod keys;
mod password;
mod profile;
mod security;

use crate::state::AppState;
use axum::routing::{delete, get, post, put};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/accounts/profile",
            get(profile::get_profile)
                .put(profile::update_profile)
                .post(profile::update_profile),
        )
        .route(
            "/accounts/avatar",
            put(profile::update_avatar).post(profile::update_avatar),
        )
        .route("/accounts/revision-date", get(profile::revision_date))
        .route("/accounts/keys", get(keys::get_keys).post(keys::set_keys))
        .route(
            "/accounts/key-management/user-key-id",
            post(keys::set_user_key_id),
        )
        .route("/users/{id}/public-key", get(keys::public_key))
        .merge(security_routes())
}

/// Password, KDF, security stamp, API key and deletion.
fn security_routes() -> Router<AppState> {
    Router::new()
        .route("/accounts/password", post(password::change_password))
        .route("/accounts/kdf", post(password::change_kdf))
        .route(
            "/accounts/security-stamp",
            post(security::rotate_security_stamp),
        )
        .route("/accounts/verify-password", post(security::verify_password))
        .route("/accounts", delete(security::delete))
        .route("/accounts/delete", post(security::delete))
        .route("/accounts/api-key", post(security::api_key))
        .route("/accounts/rotate-api-key", post(security::rotate_api_key))
        .route("/accounts/password-hint", post(security::password_hint))
        .route("/accounts/email-token", post(email::send_token))
        .route("/accounts/email", post(email::change_email))
}
