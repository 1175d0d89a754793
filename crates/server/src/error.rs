//! The one error type of the HTTP layer and its mapping to Bitwarden's error bodies. The status
//! of each kind is decided in one `match`; internal failures are logged with their cause and
//! answered with an opaque 500.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bulwark_store::StoreError;
use serde_json::{json, Value};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A business rule refused the request: 400 with `message`.
    #[error("{0}")]
    BadRequest(String),
    /// A field failed validation: 400 with `validationErrors {key: [message]}`.
    #[error("{key}: {message}")]
    Validation { key: String, message: String },
    /// Missing, or not visible to the caller (never 403 for someone else's object).
    #[error("Resource not found.")]
    NotFound,
    /// Missing, invalid or expired bearer token: 401 with an empty body.
    #[error("unauthorized")]
    Unauthorized,
    /// A missing or wrong operator (`/admin`) token: 401 with the error body upstream writes
    /// for `UnauthorizedAccessException` (`Unauthorized.`).
    #[error("Unauthorized.")]
    Denied,
    #[error("forbidden")]
    Forbidden,
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    /// A body that is not declared as JSON on a JSON route.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// A request line longer than [`crate::uniform_errors::MAX_URI_BYTES`].
    #[error("The request URI is too long.")]
    UriTooLong,
    /// A refusal written by a layer below the handlers (an extractor or body limit that has no
    /// variant of its own), re-shaped by [`crate::uniform_errors`]: its status, its text.
    #[error("{message}")]
    Refused { status: StatusCode, message: String },
    /// A known path asked with a method it does not have; the router adds `Allow`.
    #[error("The HTTP method is not allowed on this route.")]
    MethodNotAllowed,
    /// The token endpoint's OAuth-style error (always 400).
    #[error("{error}: {description}")]
    Identity {
        error: &'static str,
        description: String,
        message: Option<String>,
    },
    /// The password was right but a second factor is needed: the identity response that lists
    /// the user's enabled providers.
    #[error("two factor required")]
    TwoFactorRequired(Vec<i64>),
    /// Several failures at once (invite): 400 `Errors have occurred.` with the messages under
    /// `An error has occurred.`, as upstream's aggregate exception filter writes them.
    #[error("Errors have occurred.")]
    Aggregate(Vec<String>),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn bad(message: impl Into<String>) -> Self {
        Self::BadRequest(message.into())
    }

    pub fn field(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            key: key.into(),
            message: message.into(),
        }
    }

    /// `invalid_grant` with the human message the clients show.
    pub fn invalid_grant(message: impl Into<String>) -> Self {
        Self::Identity {
            error: "invalid_grant",
            description: "invalid_username_or_password".into(),
            message: Some(message.into()),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_)
            | Self::Validation { .. }
            | Self::Identity { .. }
            | Self::TwoFactorRequired(_)
            | Self::Aggregate(_) => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized | Self::Denied => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UriTooLong => StatusCode::URI_TOO_LONG,
            Self::Refused { status, .. } => *status,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// Bitwarden's `ErrorResponseModel`, plus the `errorModel` / `error` fields Vaultwarden adds so
/// one body satisfies both the `/api` and the identity readers of every client.
fn api_body(message: &str, validation: Option<(&str, &str)>) -> Value {
    let validation_errors = validation.map(|(k, m)| json!({ k: [m] }));
    json!({
        "object": "error",
        "message": message,
        "validationErrors": validation_errors,
        "errorModel": { "message": message, "object": "error" },
        "exceptionMessage": null,
        "exceptionStackTrace": null,
        "innerExceptionMessage": null,
    })
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            Self::BadRequest(m)
            | Self::TooManyRequests(m)
            | Self::PayloadTooLarge(m)
            | Self::UnsupportedMediaType(m) => api_body(m, None),
            Self::MethodNotAllowed | Self::UriTooLong | Self::Refused { .. } => {
                api_body(&self.to_string(), None)
            }
            Self::Validation { key, message } => {
                api_body("The model state is invalid.", Some((key, message)))
            }
            Self::NotFound => api_body("Resource not found.", None),
            Self::Denied => api_body("Unauthorized.", None),
            Self::Aggregate(messages) => {
                let mut body = api_body("Errors have occurred.", None);
                body["validationErrors"] = json!({ "An error has occurred.": messages });
                body
            }
            Self::Unauthorized => {
                return (
                    status,
                    [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
                )
                    .into_response();
            }
            Self::Forbidden => return status.into_response(),
            Self::Identity {
                error,
                description,
                message,
            } => {
                let mut body = json!({ "error": error, "error_description": description });
                if let Some(m) = message {
                    body["ErrorModel"] = json!({ "Message": m, "Object": "error" });
                    body["message"] = json!(m);
                    body["validationErrors"] = json!({ "": [m] });
                    body["errorModel"] = json!({ "message": m, "object": "error" });
                    body["object"] = json!("error");
                }
                body
            }
            Self::TwoFactorRequired(providers) => {
                let names: Vec<String> = providers.iter().map(ToString::to_string).collect();
                let params: serde_json::Map<String, Value> =
                    names.iter().map(|n| (n.clone(), Value::Null)).collect();
                json!({
                    "error": "invalid_grant",
                    "error_description": "Two factor required.",
                    "TwoFactorProviders": names,
                    "TwoFactorProviders2": params,
                    "MasterPasswordPolicy": { "Object": "masterPasswordPolicy" },
                })
            }
            Self::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                api_body("An unhandled server error has occurred.", None)
            }
        };
        (status, axum::Json(body)).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            other => Self::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::from(e).into()
    }
}
