//! Every error a client can cause leaves in Bitwarden's JSON shape, whichever layer wrote it.
//! Handlers and our extractors already answer with [`ApiError`]; this layer catches the rest
//! (a rejection of an axum extractor we do not wrap, a body limit hit while streaming) and
//! refuses request lines too long to be real before any routing.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Kestrel's default request-line limit, which Bitwarden's clients never come near. Longer
/// URIs are refused here with a JSON 414; hyper itself refuses those over 64 KiB with an empty
/// one before any of our code runs.
pub const MAX_URI_BYTES: usize = 8 * 1024;

/// How much of a plain-text error body is kept as the message.
const MAX_MESSAGE_BYTES: usize = 1024;

/// Refuses over-long request lines with 414 in the JSON shape.
pub async fn limit_uri_length(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let length = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
    if length > MAX_URI_BYTES {
        return ApiError::UriTooLong.into_response();
    }
    next.run(request).await
}

/// Re-shapes an error response that is not JSON into Bitwarden's shape, keeping its status and
/// headers (`Allow`, ...) and its text as the message. 401 keeps its empty body and
/// `WWW-Authenticate`, as Bitwarden answers a missing or expired token.
pub async fn json_error_bodies(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || status == StatusCode::UNAUTHORIZED
        || is_json(response.headers().get(header::CONTENT_TYPE))
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_MESSAGE_BYTES)
        .await
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .filter(|t| !t.is_empty());
    let message = text.unwrap_or_else(|| {
        status
            .canonical_reason()
            .unwrap_or("The request failed.")
            .to_owned()
    });
    let reshaped = ApiError::Refused { status, message }.into_response();
    let (new_parts, new_body) = reshaped.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &new_parts.headers {
        parts.headers.insert(name, value.clone());
    }
    Response::from_parts(parts, new_body)
}

fn is_json(content_type: Option<&HeaderValue>) -> bool {
    content_type
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    fn app() -> axum::Router {
        axum::Router::new()
            .route(
                "/text",
                get(|| async { (StatusCode::BAD_REQUEST, "bad thing") }),
            )
            .route("/empty", get(|| async { StatusCode::FORBIDDEN }))
            .route("/unauthorized", get(|| async { StatusCode::UNAUTHORIZED }))
            .route("/ok", get(|| async { "fine" }))
            .layer(axum::middleware::map_response(json_error_bodies))
            .layer(axum::middleware::from_fn(limit_uri_length))
    }

    async fn call(uri: &str) -> (u16, String, String) {
        let r = app()
            .oneshot(axum::http::Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
        (status, ct, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn plain_error_responses_are_reshaped_with_their_status_and_text() {
        let (status, ct, body) = call("/text").await;
        assert_eq!((status, ct.as_str()), (400, "application/json"));
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["message"], "bad thing");
        assert_eq!(v["object"], "error");
        let (status, _, body) = call("/empty").await;
        assert_eq!(status, 403);
        assert!(body.contains("Forbidden"), "{body}");
        let (status, ct, body) = call("/unauthorized").await;
        assert_eq!((status, ct.as_str(), body.as_str()), (401, "", ""));
        assert_eq!(call("/ok").await.2, "fine");
    }

    #[tokio::test]
    async fn over_long_uris_are_414_in_the_json_shape() {
        let long = format!("/ok?q={}", "a".repeat(MAX_URI_BYTES));
        let (status, ct, body) = call(&long).await;
        assert_eq!((status, ct.as_str()), (414, "application/json"), "{body}");
        let short = format!("/ok?q={}", "a".repeat(MAX_URI_BYTES - 10));
        assert_eq!(call(&short).await.0, 200);
    }
}
