//! Path and query parameters, refused in Bitwarden's error shape instead of axum's plain-text
//! rejections. A path parameter that cannot be read (invalid UTF-8 after percent-decoding, a
//! NUL character, the wrong type) names nothing that exists: 404, as an unknown id is.

use crate::error::ApiError;
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use bulwark_domain::provider_statement::StatementMonth;
use bulwark_domain::AttachmentId;
use serde::de::DeserializeOwned;

/// Whether `value` can be what the router's parameter `name` stands for. Checked before a
/// handler reads its body, so a route with an impossible id is not found, whatever the body
/// holds (as an ASP.NET route constraint refuses it upstream). Every name the router uses is
/// here; anything else must be a UUID (`id`, `org_id`, `provider_id`, `member_id`), so a new
/// parameter of another kind fails its route's tests at once instead of passing unchecked.
fn names_something(name: &str, value: &str) -> bool {
    if value.contains('\0') {
        return false;
    }
    match name {
        "attachment_id" => value.parse::<AttachmentId>().is_ok(),
        // Device identifiers are the clients' own strings, at most 100 characters at login.
        "identifier" => !value.is_empty() && value.chars().count() <= 100,
        "key_type" | "policy_type" => value.parse::<u8>().is_ok(),
        "month" => StatementMonth::parse(value).is_ok(),
        _ => uuid::Uuid::parse_str(value).is_ok(),
    }
}

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
        if !raw.iter().all(|(name, value)| names_something(name, value)) {
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
    #[test]
    fn each_parameter_name_has_its_own_form() {
        let uuid = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
        for name in ["id", "org_id", "provider_id", "member_id", "anything_new"] {
            assert!(names_something(name, uuid), "{name}");
            assert!(!names_something(name, "abc"), "{name}");
        }
        assert!(names_something("attachment_id", "a1b2c3"));
        assert!(!names_something("attachment_id", "A-1"));
        assert!(names_something("identifier", "any device string"));
        assert!(!names_something("identifier", &"x".repeat(101)));
        assert!(names_something("policy_type", "12"));
        assert!(!names_something("key_type", "-1"));
        assert!(names_something("month", "2026-12"));
        assert!(!names_something("month", "2026-13"));
        assert!(!names_something(
            "id",
            "6f9619ff-8b86-d011-b42d-00c04fc964f\0"
        ));
    }

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
        let id = uuid::Uuid::new_v4();
        assert_eq!(get_status(&format!("/items/{id}")).await.0, 200);
        assert_eq!(get_status(&format!("/items/{}", id.simple())).await.0, 200);
        for uri in ["/items/%FF%FE", "/items/a%00b", "/items/abc"] {
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
