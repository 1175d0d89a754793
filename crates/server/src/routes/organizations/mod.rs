//! `/api/organizations/…` and `/api/plans`: organizations themselves (create, read, settings,
//! delete, leave, public key). Members, collections, policies and events live in their own
//! modules as they arrive.

mod groups;
mod lifecycle;
mod plans;
mod policies;
mod settings;

use crate::state::AppState;
use axum::routing::{get, post};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plans", get(plans::list))
        .route(
            "/organizations",
            get(lifecycle::list).post(lifecycle::create),
        )
        .route(
            "/organizations/create-without-payment",
            post(lifecycle::create),
        )
        .route(
            "/organizations/{org_id}",
            get(lifecycle::get_one)
                .put(lifecycle::update)
                .post(lifecycle::update)
                .delete(lifecycle::delete),
        )
        .route("/organizations/{org_id}/delete", post(lifecycle::delete))
        .route("/organizations/{org_id}/leave", post(lifecycle::leave))
        .route(
            "/organizations/{org_id}/public-key",
            get(lifecycle::public_key),
        )
        .route("/organizations/{org_id}/keys", get(lifecycle::public_key))
        .route(
            "/organizations/{org_id}/groups",
            get(groups::list)
                .post(groups::create)
                .delete(groups::delete_many),
        )
        .route(
            "/organizations/{org_id}/groups/delete",
            post(groups::delete_many),
        )
        .route(
            "/organizations/{org_id}/groups/details",
            get(groups::list_details),
        )
        .route(
            "/organizations/{org_id}/groups/{id}",
            get(groups::get_one)
                .put(groups::update)
                .post(groups::update)
                .delete(groups::delete_one),
        )
        .route(
            "/organizations/{org_id}/groups/{id}/delete",
            post(groups::delete_one),
        )
        .route(
            "/organizations/{org_id}/groups/{id}/details",
            get(groups::get_details),
        )
        .route(
            "/organizations/{org_id}/groups/{id}/users",
            get(groups::get_users),
        )
        .route(
            "/organizations/{org_id}/groups/{id}/user/{member_id}",
            axum::routing::delete(groups::remove_user),
        )
        .route(
            "/organizations/{org_id}/groups/{id}/delete-user/{member_id}",
            post(groups::remove_user),
        )
        .route(
            "/organizations/{org_id}/api-key",
            post(settings::view_api_key),
        )
        .route(
            "/organizations/{org_id}/rotate-api-key",
            post(settings::rotate_api_key),
        )
        .route(
            "/organizations/{org_id}/api-key-information",
            get(settings::api_key_information),
        )
        .route(
            "/organizations/{org_id}/api-key-information/{key_type}",
            get(settings::api_key_information),
        )
        .route(
            "/organizations/{org_id}/collection-management",
            axum::routing::put(settings::collection_management),
        )
        .route(
            "/organizations/{org_id}/billing/vnext/metadata",
            get(settings::billing_metadata),
        )
        .route(
            "/organizations/{org_id}/billing/vnext/self-host/metadata",
            get(settings::billing_metadata),
        )
        .route(
            "/organizations/{org_id}/billing/vnext/warnings",
            get(settings::billing_warnings),
        )
        .route("/organizations/{org_id}/policies", get(policies::list))
        .route(
            "/organizations/{org_id}/policies/master-password",
            get(policies::master_password),
        )
        .route(
            "/organizations/{org_id}/policies/{policy_type}",
            get(policies::get_one).put(policies::put),
        )
        .route(
            "/organizations/{org_id}/policies/{policy_type}/vnext",
            axum::routing::put(policies::put),
        )
}
