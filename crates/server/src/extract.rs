//! Request extractors: JSON bodies that fail in Bitwarden's error shape, the authenticated
//! caller, and the client's headers.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use bulwark_domain::UserId;
use bulwark_store::users::UserRow;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A JSON body. Property names match case-insensitively in the way the clients need: a
/// PascalCase key is read as its camelCase form. Malformed bodies become 400s naming the problem.
pub struct AppJson<T>(pub T);

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
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::field("", "Body is empty."));
    }
    let value: Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::field("$", format!("The JSON body is malformed: {e}")))?;
    serde_path_to_error_free(camel_case_keys(value))
}

fn serde_path_to_error_free<T: DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| {
        // serde's message names the field ("missing field `name`", "invalid type: … for key …").
        ApiError::field("", format!("The request is invalid: {e}"))
    })
}

async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<axum::body::Bytes, ApiError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("The request body is too large.".into())
            } else {
                ApiError::field("", format!("The request body could not be read: {e}"))
            }
        })
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        parse_json(&bytes).map(AppJson)
    }
}

/// An optional JSON body: an empty body is `None` instead of an error (void actions whose
/// clients sometimes send `{}` and sometimes nothing).
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(None));
        }
        parse_json(&bytes).map(|v| Self(Some(v)))
    }
}

/// The authenticated user behind a bearer token. Built per request from the database, so a
/// changed security stamp or a deleted account ends access at the next request.
pub struct AuthUser {
    pub user: UserRow,
    pub device_identifier: String,
    pub client_id: String,
}

impl AuthUser {
    #[must_use]
    pub fn id(&self) -> UserId {
        self.user.id
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(ApiError::Unauthorized)?;
        let claims = state.jwt.verify(token).ok_or(ApiError::Unauthorized)?;
        if !claims.scope.iter().any(|s| s == "api") {
            return Err(ApiError::Unauthorized);
        }
        let id: UserId = claims.sub.parse().map_err(|_| ApiError::Unauthorized)?;
        let mut conn = state.store.conn().await?;
        let user = match bulwark_store::users::find(&mut conn, id).await {
            Ok(u) => u,
            Err(bulwark_store::StoreError::NotFound) => return Err(ApiError::Unauthorized),
            Err(e) => return Err(e.into()),
        };
        if !crate::auth::tokens::secrets_equal(&user.security_stamp, &claims.sstamp) {
            return Err(ApiError::Unauthorized);
        }
        Ok(Self {
            user,
            device_identifier: claims.device,
            client_id: claims.client_id,
        })
    }
}

/// The client's self-description headers.
#[derive(Clone, Copy, Debug)]
pub struct ClientInfo {
    /// `Bitwarden-Client-Version`, parsed as (major, minor, patch). None when absent.
    pub version: Option<(u32, u32, u32)>,
}

impl ClientInfo {
    /// Whether the client is at least `v`; a missing header counts as a new client.
    #[must_use]
    pub fn at_least(&self, v: (u32, u32, u32)) -> bool {
        self.version.is_none_or(|have| have >= v)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let version = parts
            .headers
            .get("bitwarden-client-version")
            .and_then(|v| v.to_str().ok())
            .and_then(|s| {
                let mut it = s.split(['.', '-']).map(|p| p.parse::<u32>().ok());
                Some((it.next()??, it.next()??, it.next().flatten().unwrap_or(0)))
            });
        Ok(Self { version })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_keys_are_read_as_camel_case() {
        let v = camel_case_keys(serde_json::json!({"Name": 1, "login": {"Uris": [{"Uri": "x"}]}}));
        assert_eq!(
            v,
            serde_json::json!({"name": 1, "login": {"uris": [{"uri": "x"}]}})
        );
    }

    #[tokio::test]
    async fn oversized_bodies_are_refused_with_413_before_parsing() {
        use axum::extract::DefaultBodyLimit;
        use axum::routing::post;
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/",
                post(|AppJson(v): AppJson<Value>| async move { axum::Json(v) }),
            )
            .layer(DefaultBodyLimit::max(16));
        let request = |body: &'static str| {
            axum::http::Request::post("/")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .unwrap()
        };
        let small = app.clone().oneshot(request("{\"a\":1}")).await.unwrap();
        assert_eq!(small.status(), 200);
        let big = app
            .oneshot(request("{\"a\":\"0123456789012345678901234567890\"}"))
            .await
            .unwrap();
        assert_eq!(big.status(), 413);
    }

    #[test]
    fn empty_and_malformed_bodies_name_the_problem() {
        let e = parse_json::<Value>(b"  ").unwrap_err();
        assert!(
            matches!(e, ApiError::Validation { ref message, .. } if message == "Body is empty.")
        );
        let e = parse_json::<Value>(b"{").unwrap_err();
        assert!(
            matches!(e, ApiError::Validation { ref message, .. } if message.contains("malformed"))
        );
    }
}
