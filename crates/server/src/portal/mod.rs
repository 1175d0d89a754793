//! The browser portal: the files of `web/` (built into the binary by `build.rs`) served at `/`,
//! and the security headers every response carries.
//!
//! The portal is served from the router's fallback rather than from routes of its own: the API
//! keeps the whole route table (the route walk reads it), and a path that is neither an API
//! route nor a portal file still answers the JSON 404 the apps expect.

mod files;
mod headers;

pub use headers::security_headers;

use crate::error::ApiError;
use axum::extract::OriginalUri;
use axum::http::{HeaderMap, Method};
use axum::response::{IntoResponse, Response};

/// The router's fallback: a `GET` or `HEAD` of a portal file serves it, anything else is the
/// JSON 404. Nested routers (`/api`, `/identity`, `/admin`) inherit this fallback with their
/// prefix stripped from the URI, so the path is read from [`OriginalUri`]: `/api/index.html`
/// must stay a 404, not serve the portal.
pub async fn fallback(
    method: Method,
    OriginalUri(uri): OriginalUri,
    request_headers: HeaderMap,
) -> Response {
    if method == Method::GET || method == Method::HEAD {
        if let Some(file) = files::find(uri.path()) {
            return file.respond(&request_headers);
        }
    }
    ApiError::NotFound.into_response()
}
