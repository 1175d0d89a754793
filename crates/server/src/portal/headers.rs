//! The security headers of every response. They exist for the portal (a page that holds
//! decrypted vault keys in memory) and cost nothing on JSON: a browser that opens an API URL
//! directly gets the same protection.

use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::response::Response;

/// Only the portal's own files run or load: no inline script or style, no other origin, no
/// plugins, no framing. `'wasm-unsafe-eval'` is the one exception, and a narrow one: it lets
/// the Argon2 worker (hash-wasm) compile its WebAssembly, and allows no JavaScript `eval`.
/// `base-uri 'none'` stops an injected `<base>` from redirecting relative script URLs.
pub const CONTENT_SECURITY_POLICY_VALUE: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

const HEADERS: [(HeaderName, &str); 4] = [
    (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_VALUE),
    // A script or stylesheet is run only when served with its own type.
    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
    // Mailed links carry tokens in their URL; no other site may see them in a Referer.
    (REFERRER_POLICY, "no-referrer"),
    // `frame-ancestors` for browsers that predate it: no clickjacking through a frame.
    (X_FRAME_OPTIONS, "DENY"),
];

/// Adds the headers to a response that does not set them itself.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
