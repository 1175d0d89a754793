//! `/api/organizations/…` and `/api/plans`: organizations themselves (create, read, settings,
//! delete, leave, public key). Members, collections, policies and events live in their own
//! modules as they arrive.

mod collections;
mod collections_write;
mod lifecycle;
mod plans;

use crate::state::AppState;
use axum::routing::{get, post};

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
        .merge(collection_routes())
}
