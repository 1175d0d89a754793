//! Responses serialised inside the handler: for bodies that borrow rows the handler owns (large
//! lists rendered without copying into an owned JSON tree first).

use crate::error::ApiResult;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// `value` as a JSON response.
///
/// # Errors
/// When serialisation fails (it cannot for the views that use it; mapped to 500 anyway).
pub fn json_now<T: Serialize>(value: &T) -> ApiResult<Response> {
    let body = serde_json::to_vec(value).map_err(anyhow::Error::from)?;
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response())
}
