//! The operator API under `/admin` (not `/api`): providers and provider applications. Mounted
//! only when `admin_token_hash` is configured (else every `/admin` route is the router's 404),
//! and guarded by `Authorization: Bearer <admin token>` checked against that Argon2id hash.

mod applications;
mod providers;

use crate::config::Config;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::sync::Arc;

/// The operator routes behind their guard; `None` when no admin token hash is configured.
pub fn routes(config: &Config) -> Option<Router<AppState>> {
    let hash: Arc<str> = Arc::from(config.admin_token_hash.as_deref()?);
    Some(
        Router::new()
            .merge(providers::routes())
            .merge(applications::routes())
            .route_layer(axum::middleware::from_fn_with_state(hash, require_admin)),
    )
}

/// The bearer token of `request`, if any.
fn bearer(request: &Request) -> Option<String> {
    let value = request
        .headers()
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// Admits the request when its bearer token matches the configured hash. The comparison is
/// Argon2's own (constant time over the derived hash), on the blocking pool; a missing token
/// is refused without hashing, which tells the caller nothing it did not send.
async fn require_admin(
    State(hash): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let Some(token) = bearer(&request).filter(|t| !t.is_empty()) else {
        return Err(ApiError::Denied);
    };
    let ok = tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        PasswordHash::new(&hash).is_ok_and(|parsed| {
            argon2::Argon2::default()
                .verify_password(token.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false);
    if !ok {
        tracing::warn!("operator API: wrong admin token");
        return Err(ApiError::Denied);
    }
    Ok(next.run(request).await)
}
