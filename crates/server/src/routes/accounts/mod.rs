//! `/api/accounts/*` and the other per-account routes.

pub mod keys;
mod profile;

use crate::state::AppState;
use axum::routing::{get, post, put};
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
}
