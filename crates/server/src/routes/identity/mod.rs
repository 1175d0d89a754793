//! `/identity`: prelogin, registration and the token endpoint.

mod prelogin;
mod register;
mod token;
mod token_response;
mod two_factor_login;

use crate::state::AppState;
use axum::routing::post;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts/prelogin", post(prelogin::prelogin))
        .route("/accounts/prelogin/password", post(prelogin::prelogin))
        .route(
            "/accounts/register/send-verification-email",
            post(register::send_verification_email),
        )
        .route("/accounts/register/finish", post(register::finish))
        .route("/accounts/register", post(register::legacy_register))
        .route("/connect/token", post(token::token))
}
