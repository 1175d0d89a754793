//! JSON request bodies: the one door through which a body reaches a handler. A body must be
//! declared as JSON, parse, hold no NUL character in any text, and fit its wire type strictly
//! (an array is never an object); anything else is refused in Bitwarden's error shape.

use super::strict;
use crate::error::ApiError;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A JSON body. Property names match case-insensitively in the way the clients need: a
/// PascalCase key is read as its camelCase form. Malformed bodies become 400s naming the problem.
pub struct AppJson<T>(pub T);

/// An optional JSON body: an empty body is `None` instead of an error (void actions whose
/// clients sometimes send `{}` and sometimes nothing).
pub struct OptionalJson<T>(pub Option<T>);

/// Rewrites `PascalCase` keys to `camelCase`, recursively.
fn camel_case_keys(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let mut chars = k.chars();
                    let key = match chars.next() {
                        Some(first) if first.is_ascii_uppercase() => {
                            first.to_ascii_lowercase().to_string() + chars.as_str()
                        }
                        _ => k,
                    };
                    (key, camel_case_keys(v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(camel_case_keys).collect()),
        other => other,
    }
}

/// Parses a body into `T` with the rules of [`AppJson`].
///
/// # Errors
/// A 400 naming the syntax error or the offending field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if is_blank(bytes) {
        return Err(ApiError::field("", "Body is empty."));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::field("$", format!("The JSON body is malformed: {e}")))?;
    if let Some(path) = strict::first_nul(&value) {
        return Err(ApiError::field(
            path,
            "Text must not contain the NUL character (U+0000).",
        ));
    }
    strict::from_value(camel_case_keys(value)).map_err(|e| {
        let path = e.path().to_string();
        let key = if path == "." { String::new() } else { path };
        ApiError::field(key, format!("The request is invalid: {}", e.into_inner()))
    })
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Whether the request says its body is JSON: `application/json`, `text/json` or any
/// `application/*+json`, parameters (charset) aside, as ASP.NET's JSON input reads them.
fn declares_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence == "text/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn not_json() -> ApiError {
    ApiError::UnsupportedMediaType(
        "The request body must be JSON, sent with Content-Type: application/json.".into(),
    )
}

/// Reads the body, refusing a non-empty one that is not declared as JSON.
async fn read_json_body<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<axum::body::Bytes, ApiError> {
    let declared = declares_json(req.headers());
    let bytes = axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("The request body is too large.".into())
            } else {
                ApiError::field("", format!("The request body could not be read: {e}"))
            }
        })?;
    if !declared && !is_blank(&bytes) {
        return Err(not_json());
    }
    Ok(bytes)
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_json_body(req, state).await?;
        parse_json(&bytes).map(AppJson)
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_json_body(req, state).await?;
        if is_blank(&bytes) {
            return Ok(Self(None));
        }
        parse_json(&bytes).map(|v| Self(Some(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::post;
    use tower::ServiceExt;

    #[test]
    fn pascal_case_keys_are_read_as_camel_case() {
        let v = camel_case_keys(serde_json::json!({"Name": 1, "login": {"Uris": [{"Uri": "x"}]}}));
        assert_eq!(
            v,
            serde_json::json!({"name": 1, "login": {"uris": [{"uri": "x"}]}})
        );
    }

    fn echo_app() -> axum::Router {
        axum::Router::new().route(
            "/",
            post(|AppJson(v): AppJson<Value>| async move { axum::Json(v) }),
        )
    }

    fn request(content_type: Option<&str>, body: &'static str) -> axum::http::Request<Body> {
        let mut r = axum::http::Request::post("/");
        if let Some(t) = content_type {
            r = r.header("content-type", t);
        }
        r.body(Body::from(body)).unwrap()
    }

    #[tokio::test]
    async fn oversized_bodies_are_refused_with_413_before_parsing() {
        use axum::extract::DefaultBodyLimit;
        let app = echo_app().layer(DefaultBodyLimit::max(16));
        let small = app
            .clone()
            .oneshot(request(Some("application/json"), "{\"a\":1}"))
            .await
            .unwrap();
        assert_eq!(small.status(), 200);
        let big = app
            .oneshot(request(
                Some("application/json"),
                "{\"a\":\"0123456789012345678901234567890\"}",
            ))
            .await
            .unwrap();
        assert_eq!(big.status(), 413);
    }

    #[tokio::test]
    async fn only_bodies_declared_as_json_are_read() {
        for (content_type, status) in [
            (Some("application/json; charset=utf-8"), 200),
            (Some("Application/JSON"), 200),
            (Some("text/json"), 200),
            (Some("application/problem+json"), 200),
            (Some("text/plain"), 415),
            (Some("application/x-www-form-urlencoded"), 415),
            (Some("application/jsonx"), 415),
            (None, 415),
        ] {
            let r = echo_app()
                .oneshot(request(content_type, "{}"))
                .await
                .unwrap();
            assert_eq!(r.status(), status, "{content_type:?}");
        }
    }

    #[test]
    fn empty_malformed_and_nul_bodies_name_the_problem() {
        let message = |e: ApiError| match e {
            ApiError::Validation { key, message } => (key, message),
            other => panic!("{other:?}"),
        };
        let (_, m) = message(parse_json::<Value>(b"  ").unwrap_err());
        assert_eq!(m, "Body is empty.");
        let (_, m) = message(parse_json::<Value>(b"{").unwrap_err());
        assert!(m.contains("malformed"), "{m}");
        let (key, m) = message(parse_json::<Value>(br#"{"Name":"a\u0000"}"#).unwrap_err());
        assert_eq!(key, "Name");
        assert!(m.contains("NUL"), "{m}");
    }
}
