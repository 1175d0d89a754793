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
    let guard = Arc::new(Guard {
        hash: config.admin_token_hash.clone()?,
        permits: tokio::sync::Semaphore::new(2),
    });
    Some(
        Router::new()
            .merge(providers::routes())
            .merge(applications::routes())
            .route_layer(axum::middleware::from_fn_with_state(guard, require_admin)),
    )
}

/// The configured hash, and a bound on concurrent Argon2 checks: each holds a 19 MiB buffer,
/// so a flood of guesses must queue rather than take the blocking pool's hundreds of threads.
struct Guard {
    hash: String,
    permits: tokio::sync::Semaphore,
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
    State(guard): State<Arc<Guard>>,
    request: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let Some(token) = bearer(&request).filter(|t| !t.is_empty()) else {
        return Err(ApiError::Denied);
    };
    let Ok(permit) = guard.permits.acquire().await else {
        return Err(ApiError::Denied);
    };
    let hash = guard.hash.clone();
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
    // Released before the handler runs: the bound is on hashing, not on operator requests.
    drop(permit);
    if !ok {
        tracing::warn!("operator API: wrong admin token");
        return Err(ApiError::Denied);
    }
    Ok(next.run(request).await)
}
