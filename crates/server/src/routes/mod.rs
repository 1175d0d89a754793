//! The HTTP surface: one module per resource, assembled here.

pub mod accounts;
mod ciphers;
mod config;
mod devices;
mod folders;
mod identity;
mod settings_domains;
mod sync;
mod two_factor;

use crate::state::AppState;
use axum::routing::get;
use axum::{Json, Router};

async fn alive() -> Json<String> {
    Json(bulwark_domain::time::format_micros(
        bulwark_domain::time::now_micros(),
    ))
}

/// Routes under `/api`.
fn api_routes() -> Router<AppState> {
    Router::new()
        .route("/config", get(config::config))
        .route("/alive", get(alive))
        .merge(accounts::routes())
        .merge(ciphers::routes())
        .merge(folders::routes())
        .merge(sync::routes())
        .merge(devices::routes())
        .merge(settings_domains::routes())
        .merge(two_factor::routes())
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/alive", get(alive))
        .nest("/api", api_routes())
        .nest("/identity", identity::routes().route("/alive", get(alive)))
}
