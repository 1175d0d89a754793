//! Path and query parameters, refused in Bitwarden's error shape instead of axum's plain-text
//! rejections. A path parameter that cannot be read (invalid UTF-8 after percent-decoding, a
//! NUL character, the wrong type) names nothing that exists: 404, as an unknown id is.

use crate::error::ApiError;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// Path parameters: `Path(id): Path<String>`, `Path((org, member)): Path<(String, String)>`.
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound)?;
        if raw.iter().any(|(_, value)| value.contains('\0')) {
            return Err(ApiError::NotFound);
        }
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Self(v))
            .map_err(|_| ApiError::NotFound)
    }
}

/// Query parameters: a malformed query or a NUL in it is a 400 naming the problem.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        if url::form_urlencoded::parse(query.as_bytes())
            .any(|(key, value)| key.contains('\0') || value.contains('\0'))
        {
            return Err(ApiError::field(
                "query",
                "Text must not contain the NUL character (U+0000).",
            ));
        }
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|axum::extract::Query(v)| Self(v))
            .map_err(|e| {
                ApiError::field("query", format!("The query is invalid: {}", e.body_text()))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use tower::ServiceExt;

    async fn get_status(uri: &str) -> (u16, String) {
        #[derive(serde::Deserialize)]
        struct Page {
            #[allow(dead_code)]
            n: Option<u32>,
        }
        let app: axum::Router = axum::Router::new()
            .route(
                "/items/{id}",
                get(|Path(id): Path<String>| async move { id }),
            )
            .route("/pages", get(|Query(_): Query<Page>| async { "ok" }));
        let r = app
            .oneshot(axum::http::Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = r.status().as_u16();
        let ct = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        (status, ct)
    }

    #[tokio::test]
    async fn unreadable_path_ids_are_not_found_in_the_json_shape() {
        assert_eq!(get_status("/items/abc").await.0, 200);
        for uri in ["/items/%FF%FE", "/items/a%00b"] {
            let (status, ct) = get_status(uri).await;
            assert_eq!(status, 404, "{uri}");
            assert!(ct.starts_with("application/json"), "{uri}: {ct}");
        }
    }

    #[tokio::test]
    async fn bad_queries_are_400_in_the_json_shape() {
        assert_eq!(get_status("/pages?n=3").await.0, 200);
        for uri in ["/pages?n=x", "/pages?n=%00", "/pages?n=-1"] {
            let (status, ct) = get_status(uri).await;
            assert_eq!(status, 400, "{uri}");
            assert!(ct.starts_with("application/json"), "{uri}: {ct}");
        }
    }
}
