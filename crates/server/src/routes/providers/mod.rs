//! `/api/providers/…`: the Provider Portal's server side (spec providers.md §2). The provider
//! itself in `settings`, its clients in `clients`; the event log lives with the other logs in
//! `routes::events`.

mod billing;
mod clients;
mod input;
mod invites;
mod outcome;
mod settings;
mod users;

use crate::state::AppState;
use axum::routing::{get, post, put};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/providers/{provider_id}",
            get(settings::get_one)
                .put(settings::update)
                .post(settings::update)
                .delete(settings::delete),
        )
        .route("/providers/{provider_id}/delete", post(settings::delete))
        .route("/providers/{provider_id}/setup", post(invites::setup))
        .route(
            "/providers/{provider_id}/billing/subscription",
            get(billing::subscription),
        )
        .route(
            "/providers/{provider_id}/billing/invoices",
            get(billing::invoices),
        )
        .route(
            "/providers/{provider_id}/billing/invoices/{month}",
            get(billing::invoice),
        )
        .route(
            "/providers/{provider_id}/billing/vnext/warnings",
            get(billing::warnings),
        )
        .route("/providers/{provider_id}/organizations", get(clients::list))
        .route(
            "/providers/{provider_id}/organizations/add",
            post(clients::add_existing),
        )
        .route(
            "/providers/{provider_id}/organizations/{id}",
            axum::routing::delete(clients::remove),
        )
        .route(
            "/providers/{provider_id}/organizations/{id}/delete",
            post(clients::remove),
        )
        .route("/providers/{provider_id}/clients", post(clients::create))
        .route(
            "/providers/{provider_id}/clients/addable",
            get(clients::addable),
        )
        .route(
            "/providers/{provider_id}/clients/existing",
            post(clients::add_existing),
        )
        .route(
            "/providers/{provider_id}/clients/{id}",
            put(clients::update),
        )
        .merge(user_routes())
}

/// `/providers/{id}/users/…`.
fn user_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/providers/{provider_id}/users",
            get(users::list).delete(users::remove_bulk),
        )
        .route(
            "/providers/{provider_id}/users/delete",
            post(users::remove_bulk),
        )
        .route(
            "/providers/{provider_id}/users/invite",
            post(invites::invite),
        )
        .route(
            "/providers/{provider_id}/users/reinvite",
            post(invites::reinvite_bulk),
        )
        .route(
            "/providers/{provider_id}/users/{id}/reinvite",
            post(invites::reinvite_one),
        )
        .route(
            "/providers/{provider_id}/users/{id}/accept",
            post(invites::accept),
        )
        .route(
            "/providers/{provider_id}/users/public-keys",
            post(users::public_keys),
        )
        .route(
            "/providers/{provider_id}/users/confirm",
            post(users::confirm_bulk),
        )
        .route(
            "/providers/{provider_id}/users/{id}",
            get(users::get_one)
                .put(users::update)
                .post(users::update)
                .delete(users::remove_one),
        )
        .route(
            "/providers/{provider_id}/users/{id}/delete",
            post(users::remove_one),
        )
        .route(
            "/providers/{provider_id}/users/{id}/confirm",
            post(users::confirm_one),
        )
}
