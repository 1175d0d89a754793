//! `/api/organizations/…` and `/api/plans`: organizations themselves (create, read, settings,
//! delete, leave, public key) and their members. Collections, policies and events live in their own
//! modules as they arrive.

mod account_recovery;
mod collections;
mod collections_write;
mod groups;
mod lifecycle;
mod member_bulk;
mod member_confirm;
mod member_invite;
mod members;
mod plans;
mod policies;
mod settings;

use crate::state::AppState;
use axum::routing::{get, post, put};

/// Collections: reads in `collections`, writes in `collections_write`.
fn collection_routes() -> Router<AppState> {
    use collections as r;
    use collections_write as w;
    Router::new()
        .route("/collections", get(r::mine))
        .route(
            "/organizations/{org_id}/collections",
            get(r::list).post(w::create).delete(w::delete_many),
        )
        .route(
            "/organizations/{org_id}/collections/details",
            get(r::list_details),
        )
        .route(
            "/organizations/{org_id}/collections/bulk-access",
            post(w::bulk_access),
        )
        .route(
            "/organizations/{org_id}/collections/delete",
            post(w::delete_many),
        )
        .route(
            "/organizations/{org_id}/collections/{id}",
            get(r::get_one)
                .put(w::update)
                .post(w::update)
                .delete(w::delete_one),
        )
        .route(
            "/organizations/{org_id}/collections/{id}/details",
            get(r::get_details),
        )
        .route(
            "/organizations/{org_id}/collections/{id}/users",
            get(r::users),
        )
        .route(
            "/organizations/{org_id}/collections/{id}/delete",
            post(w::delete_one),
        )
}
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
            "/organizations/{org_id}/policies/token",
            get(policies::by_invite_token),
        )
        .route(
            "/organizations/{org_id}/policies/{policy_type}",
            get(policies::get_one).put(policies::put),
        )
        .route(
            "/organizations/{org_id}/policies/{policy_type}/vnext",
            axum::routing::put(policies::put),
        )
        .merge(collection_routes())
        .merge(member_routes())
}

/// `/organizations/{orgId}/users/…` (spec §2.2), with the deprecated aliases the spec lists.
fn member_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/organizations/{org_id}/users",
            get(members::list).delete(member_bulk::remove_bulk),
        )
        .route(
            "/organizations/{org_id}/users/invite",
            post(member_invite::invite),
        )
        .route(
            "/organizations/{org_id}/users/reinvite",
            post(member_invite::reinvite_bulk),
        )
        .route(
            "/organizations/{org_id}/users/mini-details",
            get(members::mini_details),
        )
        .route(
            "/organizations/{org_id}/users/public-keys",
            post(member_confirm::public_keys),
        )
        .route(
            "/organizations/{org_id}/users/confirm",
            post(member_confirm::confirm_bulk),
        )
        .route(
            "/organizations/{org_id}/users/remove",
            post(member_bulk::remove_bulk),
        )
        .route(
            "/organizations/{org_id}/users/delete",
            post(member_bulk::remove_bulk),
        )
        .route(
            "/organizations/{org_id}/users/revoke",
            put(member_bulk::revoke_bulk).patch(member_bulk::revoke_bulk),
        )
        .route(
            "/organizations/{org_id}/users/restore",
            put(member_bulk::restore_bulk).patch(member_bulk::restore_bulk),
        )
        .route(
            "/organizations/{org_id}/users/{id}",
            get(members::get_one)
                .put(members::update)
                .post(members::update)
                .delete(member_bulk::remove_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/remove",
            post(member_bulk::remove_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/delete",
            post(member_bulk::remove_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/reinvite",
            post(member_invite::reinvite_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/accept",
            post(member_invite::accept),
        )
        .route(
            "/organizations/{org_id}/users/{id}/confirm",
            post(member_confirm::confirm_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/revoke",
            put(member_bulk::revoke_one).patch(member_bulk::revoke_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/restore",
            put(member_bulk::restore_one).patch(member_bulk::restore_one),
        )
        .route(
            "/organizations/{org_id}/users/{id}/restore/vnext",
            put(member_bulk::restore_one),
        )
        .merge(recovery_routes())
}

/// Account recovery: enrolment by the member, recovery by an administrator.
fn recovery_routes() -> Router<AppState> {
    use account_recovery as r;
    Router::new()
        .route(
            "/organizations/{org_id}/users/{id}/reset-password-enrollment",
            put(r::enrollment),
        )
        .route(
            "/organizations/{org_id}/users/{id}/reset-password-details",
            get(r::details),
        )
        .route(
            "/organizations/{org_id}/users/{id}/reset-password",
            put(r::recover),
        )
        .route(
            "/organizations/{org_id}/users/{id}/recover-account",
            put(r::recover),
        )
}
