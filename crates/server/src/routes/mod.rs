//! The HTTP surface: one module per resource, assembled here.

pub mod accounts;
mod admin;
mod ciphers;
mod config;
mod devices;
pub mod events;
mod folders;
mod identity;
mod organizations;
pub mod provider_applications;
mod providers;
mod reports;
mod settings_domains;
mod sync;
mod two_factor;

use crate::config::Config;
use crate::error::ApiError;
use crate::state::AppState;
use crate::uniform_errors;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{Json, Router};

/// JSON bodies are small except imports (7,000 items of a few KiB); anything larger is refused
/// before it is buffered.
const JSON_BODY_LIMIT: usize = 32 * 1024 * 1024;

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
        .merge(organizations::routes())
        .merge(providers::routes())
        .merge(reports::routes())
        .merge(sync::routes())
        .merge(devices::routes())
        .merge(events::routes())
        .merge(settings_domains::routes())
        .merge(two_factor::routes())
        .merge(provider_applications::routes())
}

pub fn router(config: &Config) -> Router<AppState> {
    // Multipart overhead on top of the largest attachment.
    let upload_limit = usize::try_from(config.attachment_max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(1024 * 1024);
    let uploads = ciphers::attachment_routes().layer(DefaultBodyLimit::max(upload_limit));
    let mut router = Router::new()
        .route("/alive", get(alive))
        .nest("/api", api_routes().merge(uploads));
    // Without an admin token hash the operator API does not exist (404 from the fallback).
    if let Some(admin) = admin::routes(config) {
        router = router.nest("/admin", admin);
    }
    router
        .nest("/identity", identity::routes().route("/alive", get(alive)))
        .merge(events::collect_routes())
        // The portal's files; any other unknown route answers in Bitwarden's error shape too.
        .fallback(crate::portal::fallback)
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::map_response(
            uniform_errors::json_error_bodies,
        ))
        .layer(axum::middleware::from_fn(uniform_errors::limit_uri_length))
        .layer(axum::middleware::map_response(
            crate::portal::security_headers,
        ))
}
