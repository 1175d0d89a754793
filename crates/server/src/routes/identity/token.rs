//! `POST /identity/connect/token`: password, refresh-token and client-credentials grants.

use super::token_response::{issue_session, SessionGrant};
use super::two_factor_login;
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{account_throttle_key, normalize_email};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::Extensions;
use axum::response::Response;
use bulwark_domain::time::now_micros;
use bulwark_domain::{DeviceType, UserId};
use bulwark_store::{devices, tokens, users};
use std::collections::HashMap;
use std::net::SocketAddr;

const BAD_CREDENTIALS: &str = "Username or password is incorrect. Try again.";
const FIRST_PARTY_CLIENTS: [&str; 6] = ["web", "browser", "desktop", "mobile", "cli", "connector"];

/// Form fields, with names matched case-insensitively as upstream does.
struct Form(HashMap<String, String>);

impl Form {
    /// Refuses a NUL in any name or value: it would reach the database in the device fields
    /// and the e-mail (PostgreSQL cannot store it, SQLite would).
    fn parse(body: &[u8]) -> ApiResult<Self> {
        let mut fields = HashMap::new();
        for (k, v) in url::form_urlencoded::parse(body) {
            if k.contains('\0') || v.contains('\0') {
                return Err(ApiError::Identity {
                    error: "invalid_request",
                    description: format!(
                        "The field {} must not contain the NUL character (U+0000).",
                        k.replace('\0', "\\u0000")
                    ),
                    message: None,
                });
            }
            fields.insert(k.to_ascii_lowercase(), v.into_owned());
        }
        Ok(Self(fields))
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The device a grant comes from; every Bitwarden grant must name one.
pub struct DeviceFields {
    pub identifier: String,
    pub name: String,
    pub device_type: DeviceType,
}

fn device_fields(form: &Form) -> ApiResult<DeviceFields> {
    let no_device = || ApiError::Identity {
        error: "device_error",
        description: "no device information provided".into(),
        message: Some("no device information provided".into()),
    };
    let identifier = form.get("deviceidentifier").ok_or_else(no_device)?;
    let name = form.get("devicename").ok_or_else(no_device)?;
    let device_type = form
        .get("devicetype")
        .and_then(|t| t.parse::<i64>().ok())
        .and_then(|t| DeviceType::try_from(t).ok())
        .ok_or_else(no_device)?;
    if identifier.len() > 100 || name.len() > 100 {
        return Err(no_device());
    }
    Ok(DeviceFields {
        identifier: identifier.to_owned(),
        name: name.to_owned(),
        device_type,
    })
}

fn client_ip(ext: &Extensions) -> String {
    ext.get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".into(), |c| c.0.ip().to_string())
}

pub async fn token(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> ApiResult<Response> {
    let ip = client_ip(request.extensions());
    let body: Bytes = axum::body::to_bytes(request.into_body(), 64 * 1024)
        .await
        .map_err(|_| ApiError::Identity {
            error: "invalid_request",
            description: "The request body is too large.".into(),
            message: None,
        })?;
    let form = Form::parse(&body)?;
    match form.get("grant_type") {
        Some("password") => password_grant(&state, &form, &ip).await,
        Some("refresh_token") => refresh_grant(&state, &form).await,
        Some("client_credentials") => client_credentials_grant(&state, &form, &ip).await,
        _ => Err(ApiError::Identity {
            error: "unsupported_grant_type",
            description: "The grant type is not supported.".into(),
            message: None,
        }),
    }
}

fn throttled() -> ApiError {
    ApiError::TooManyRequests("Too many failed login attempts. Try again later.".into())
}

async fn password_grant(state: &AppState, form: &Form, ip: &str) -> ApiResult<Response> {
    let client_id = form.get("client_id").unwrap_or_default();
    if !FIRST_PARTY_CLIENTS.contains(&client_id) {
        return Err(ApiError::Identity {
            error: "invalid_client",
            description: "Unknown client.".into(),
            message: None,
        });
    }
    let email = normalize_email(form.get("username").unwrap_or_default());
    let hash = form.get("password").unwrap_or_default().to_owned();
    let account_key = account_throttle_key(&email);
    let ip_key = format!("ip:{ip}");
    if state.limits.per_account.is_blocked(&account_key) || state.limits.per_ip.is_blocked(&ip_key)
    {
        return Err(throttled());
    }
    let user = {
        let mut conn = state.store.conn().await?;
        users::find_by_email(&mut conn, &email).await?
    };
    let verified = state
        .passwords
        .verify(user.as_ref().map(|u| u.password_hash.clone()), hash)
        .await;
    let Some(user) = user.filter(|_| verified) else {
        state.limits.per_account.record_failure(&account_key);
        state.limits.per_ip.record_failure(&ip_key);
        return Err(ApiError::invalid_grant(BAD_CREDENTIALS));
    };
    let device = device_fields(form)?;
    let remember = match two_factor_login::check(
        state,
        &user,
        &device,
        form.get("twofactortoken"),
        form.get("twofactorprovider"),
        form.get("twofactorremember"),
    )
    .await
    {
        Ok(remember) => remember,
        Err(e) => {
            // A wrong second factor counts like a wrong password; "2FA required" does not.
            if matches!(
                e,
                ApiError::Identity {
                    error: "invalid_grant",
                    message: Some(_),
                    ..
                }
            ) {
                state.limits.per_account.record_failure(&account_key);
                state.limits.per_ip.record_failure(&ip_key);
            }
            return Err(e);
        }
    };
    state.limits.per_account.reset(&account_key);
    issue_session(
        state,
        &user,
        &device,
        SessionGrant::Password {
            client_id: client_id.to_owned(),
            two_factor_remember_token: remember,
        },
    )
    .await
}

async fn refresh_grant(state: &AppState, form: &Form) -> ApiResult<Response> {
    let invalid = || ApiError::Identity {
        error: "invalid_grant",
        description: "The refresh token is invalid or expired.".into(),
        message: None,
    };
    let token = form.get("refresh_token").ok_or_else(invalid)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let grant = tokens::take(&mut tx, &crate::auth::tokens::hash_token(token))
        .await?
        .ok_or_else(invalid)?;
    let user = match users::find(&mut tx, grant.user_id).await {
        Ok(u) => u,
        Err(bulwark_store::StoreError::NotFound) => return Err(invalid()),
        Err(e) => return Err(e.into()),
    };
    // A refresh token dies with the security stamp it was issued under (password, KDF or
    // stamp change) and at its expiry.
    if grant.expires_at < now
        || !crate::auth::tokens::secrets_equal(&grant.security_stamp, &user.security_stamp)
    {
        tx.commit().await?;
        return Err(invalid());
    }
    let device_row = devices::find(&mut tx, user.id, grant.device_id)
        .await?
        .ok_or_else(invalid)?;
    tx.commit().await?;
    let device = DeviceFields {
        identifier: device_row.identifier,
        name: device_row.name,
        device_type: DeviceType::try_from(device_row.device_type).map_err(|_| invalid())?,
    };
    issue_session(
        state,
        &user,
        &device,
        SessionGrant::Refresh {
            client_id: grant.client_id,
        },
    )
    .await
}

async fn client_credentials_grant(state: &AppState, form: &Form, ip: &str) -> ApiResult<Response> {
    let invalid = || ApiError::Identity {
        error: "invalid_client",
        description: "Invalid client credentials.".into(),
        message: None,
    };
    let ip_key = format!("ip:{ip}");
    if state.limits.per_ip.is_blocked(&ip_key) {
        return Err(throttled());
    }
    let client_id = form.get("client_id").unwrap_or_default();
    if let Some(org) = client_id.strip_prefix("organization.") {
        return organization_grant(
            state,
            org,
            form.get("client_secret").unwrap_or_default(),
            &ip_key,
        )
        .await;
    }
    let user_id: Option<UserId> = client_id
        .strip_prefix("user.")
        .and_then(|id| id.parse().ok());
    let secret = form.get("client_secret").unwrap_or_default();
    let user = match user_id {
        Some(id) => {
            let mut conn = state.store.conn().await?;
            match users::find(&mut conn, id).await {
                Ok(u) => Some(u),
                Err(bulwark_store::StoreError::NotFound) => None,
                Err(e) => return Err(e.into()),
            }
        }
        None => None,
    };
    // The API key is a secret like the password, so it shares the account's failure budget.
    let account_key = user.as_ref().map(|u| account_throttle_key(&u.email));
    if let Some(k) = &account_key {
        if state.limits.per_account.is_blocked(k) {
            return Err(throttled());
        }
    }
    let Some(user) = user.filter(|u| crate::auth::tokens::secrets_equal(&u.api_key, secret)) else {
        state.limits.per_ip.record_failure(&ip_key);
        if let Some(k) = &account_key {
            state.limits.per_account.record_failure(k);
        }
        return Err(invalid());
    };
    let device = device_fields(form)?;
    issue_session(
        state,
        &user,
        &device,
        SessionGrant::ApiKey {
            client_id: client_id.to_owned(),
        },
    )
    .await
}

/// `client_credentials` for an organization API key: a token for the organization itself
/// (the public API's audience), not for any user's routes. Enabled only for an enabled org
/// whose plan has `useApi`.
async fn organization_grant(
    state: &AppState,
    org: &str,
    secret: &str,
    ip_key: &str,
) -> ApiResult<Response> {
    let org_row = match org.parse() {
        Ok(id) => {
            let mut conn = state.store.conn().await?;
            bulwark_store::organizations::find(&mut conn, id).await.ok()
        }
        Err(_) => None,
    };
    let Some(org_row) = org_row.filter(|o| {
        o.enabled != 0
            && o.features.use_api != 0
            && crate::auth::tokens::secrets_equal(&o.api_key, secret)
    }) else {
        state.limits.per_ip.record_failure(ip_key);
        return Err(ApiError::Identity {
            error: "invalid_client",
            description: "Invalid client credentials.".into(),
            message: None,
        });
    };
    let now = chrono::Utc::now().timestamp();
    let client_id = format!("organization.{}", org_row.id);
    let token = state
        .jwt
        .sign_org(&org_row.id.to_string(), &client_id, now)?;
    let body = serde_json::json!({
        "access_token": token,
        "expires_in": crate::auth::jwt::ACCESS_TOKEN_SECONDS,
        "token_type": "Bearer",
        "scope": "api.organization",
    });
    Ok(axum::response::IntoResponse::into_response(axum::Json(
        body,
    )))
}
