//! Request extractors: JSON bodies, path and query parameters that fail in Bitwarden's error
//! shape, the authenticated caller, and the client's headers.

mod json;
mod params;
mod strict;

pub use json::{parse_json, AppJson, OptionalJson};
pub use params::{Path, Query};

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use bulwark_domain::UserId;
use bulwark_store::users::UserRow;

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
