//! HTTP client that speaks to the server exactly as the official CLI does:
//! same endpoints, headers, form fields and JSON casing.

mod jwt;
mod session;

use std::time::Duration;

use reqwest::header::{HeaderMap, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde_json::{json, Value};

pub use jwt::jwt_claims;
pub use session::Session;

use crate::AccountSecrets;

/// Identity the client reports; the server may log or gate on these.
pub const CLIENT_NAME: &str = "cli";
pub const CLIENT_VERSION: &str = "2026.9.0";
/// Device type 25 is the Linux CLI.
pub const DEVICE_TYPE: &str = "25";
pub const DEVICE_NAME: &str = "linux";

/// Generous enough for slow debug-build KDFs on the server, short enough
/// that a hung server fails a test instead of the whole CI run.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// An unauthenticated connection to one server.
#[derive(Debug, Clone)]
pub struct Client {
    /// Scheme, host and port without a trailing slash, e.g.
    /// `http://127.0.0.1:1234`; request paths are appended verbatim.
    pub base_url: String,
    pub http: reqwest::Client,
    /// Sent as `deviceIdentifier` on every login from this client, so the
    /// server sees one device per `Client` (new-device flows depend on it).
    pub device_identifier: String,
}

/// A server reply reduced to what tests assert on.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status, or `0` if the request never got a response (connection
    /// refused, reset, timeout); `text` then holds the transport error.
    pub status: u16,
    /// Parsed body, or `Null` if the body is empty or not JSON.
    pub json: Value,
    pub text: String,
    /// `(lowercase name, value)` pairs in arrival order. A plain `Vec`
    /// rather than `HeaderMap` keeps `Response` small enough to be a cheap
    /// `Err` variant.
    pub headers: Vec<(String, String)>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// First value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    async fn from_result(result: reqwest::Result<reqwest::Response>) -> Self {
        match result {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let headers = header_pairs(resp.headers());
                match resp.text().await {
                    Ok(text) => Self {
                        status,
                        json: serde_json::from_str(&text).unwrap_or(Value::Null),
                        text,
                        headers,
                    },
                    Err(e) => Self::transport_error(status, &e, headers),
                }
            }
            Err(e) => Self::transport_error(0, &e, Vec::new()),
        }
    }

    // Tests that probe limits (oversized bodies, dropped connections) need
    // to observe transport failures rather than panic inside the client.
    fn transport_error(status: u16, err: &reqwest::Error, headers: Vec<(String, String)>) -> Self {
        Self {
            status,
            json: Value::Null,
            text: format!("transport error: {err}"),
            headers,
        }
    }

    pub(crate) fn client_side_error(message: &str) -> Self {
        Self {
            status: 0,
            json: Value::Null,
            text: message.to_owned(),
            headers: Vec::new(),
        }
    }
}

// Non-UTF-8 header values are kept lossily: tests only compare text.
fn header_pairs(map: &HeaderMap) -> Vec<(String, String)> {
    map.iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

impl Client {
    pub fn new(base_url: impl Into<String>) -> Self {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .expect("building reqwest client");
        Self::with_http_client(base_url, http)
    }

    /// For servers started with a throwaway self-signed certificate in
    /// tests; never point this at anything real.
    pub fn new_accepting_invalid_certs(base_url: impl Into<String>) -> Self {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .danger_accept_invalid_certs(true)
            .build()
            .expect("building reqwest client");
        Self::with_http_client(base_url, http)
    }

    pub fn with_http_client(base_url: impl Into<String>, http: reqwest::Client) -> Self {
        let base_url = base_url.into().trim_end_matches('/').to_owned();
        Self {
            base_url,
            http,
            device_identifier: uuid::Uuid::new_v4().to_string(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Step 1 of registration; on success the body is a bare JSON string
    /// holding the email verification token.
    pub async fn send_verification_email(&self, email: &str, name: &str) -> Response {
        let body = json!({ "email": email, "name": name, "receiveMarketingEmails": false });
        self.request(
            Method::POST,
            "/identity/accounts/register/send-verification-email",
            None,
            Some(body),
        )
        .await
    }

    /// Registers the account in both steps. Returns the finish response, or
    /// the first step's response if that one did not yield a token.
    pub async fn register(&self, secrets: &AccountSecrets) -> Response {
        let name = secrets.email.split('@').next().unwrap_or_default();
        let first = self.send_verification_email(&secrets.email, name).await;
        let Some(token) = first.json.as_str().filter(|_| first.status == 200) else {
            return first;
        };
        let body = register_finish_body(secrets, token);
        self.request(
            Method::POST,
            "/identity/accounts/register/finish",
            None,
            Some(body),
        )
        .await
    }

    pub async fn login(&self, secrets: &AccountSecrets) -> Result<Session, Response> {
        self.login_with_extra(secrets, &[]).await
    }

    /// Password login answering the authenticator-app challenge
    /// (provider 0), without asking the server to remember the device.
    pub async fn login_with_totp(
        &self,
        secrets: &AccountSecrets,
        code: &str,
    ) -> Result<Session, Response> {
        let extra = [
            ("twoFactorToken", code),
            ("twoFactorProvider", "0"),
            ("twoFactorRemember", "0"),
        ];
        self.login_with_extra(secrets, &extra).await
    }

    /// Password login with additional form fields (other 2FA providers,
    /// remember-me tokens, ...). A non-200 reply, or one whose `Key` the
    /// master key cannot decrypt, is returned as `Err`.
    pub async fn login_with_extra(
        &self,
        secrets: &AccountSecrets,
        extra: &[(&str, &str)],
    ) -> Result<Session, Response> {
        let mut form = self.password_grant_form(secrets);
        form.extend_from_slice(extra);
        let resp = self.token_raw(&form).await;
        Session::from_token_response(self.clone(), secrets, resp)
    }

    /// The form fields the CLI sends for `grant_type=password`.
    pub fn password_grant_form<'a>(
        &'a self,
        secrets: &'a AccountSecrets,
    ) -> Vec<(&'a str, &'a str)> {
        vec![
            ("grant_type", "password"),
            ("username", secrets.email.as_str()),
            ("password", secrets.master_password_hash.as_str()),
            ("scope", "api offline_access"),
            ("client_id", CLIENT_NAME),
            ("deviceType", DEVICE_TYPE),
            ("deviceIdentifier", self.device_identifier.as_str()),
            ("deviceName", DEVICE_NAME),
        ]
    }

    /// Posts an arbitrary form to the token endpoint.
    pub async fn token_raw(&self, form: &[(&str, &str)]) -> Response {
        let req = self
            .builder(Method::POST, "/identity/connect/token", None)
            .form(form);
        Response::from_result(req.send().await).await
    }

    /// A JSON request; `path` starts with `/`, e.g. `/api/sync`.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.builder(method, path, bearer);
        if let Some(body) = body {
            req = req.json(&body);
        }
        Response::from_result(req.send().await).await
    }

    /// Sends bytes verbatim, for malformed-input and content-type tests.
    pub async fn raw_body(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Response {
        let req = self
            .builder(method, path, bearer)
            .header(CONTENT_TYPE, content_type)
            .body(body);
        Response::from_result(req.send().await).await
    }

    /// Every request carries the CLI's identifying headers, as the real
    /// client does, so the server sees realistic traffic.
    pub(crate) fn builder(
        &self,
        method: Method,
        path: &str,
        bearer: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let mut req = self
            .http
            .request(method, self.url(path))
            .header("Device-Type", DEVICE_TYPE)
            .header("Bitwarden-Client-Name", CLIENT_NAME)
            .header("Bitwarden-Client-Version", CLIENT_VERSION);
        if let Some(token) = bearer {
            req = req.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        req
    }
}

/// The body of `POST /identity/accounts/register/finish`; public so tests
/// can tamper with single fields.
pub fn register_finish_body(secrets: &AccountSecrets, email_verification_token: &str) -> Value {
    json!({
        "email": secrets.email,
        "masterPasswordHint": null,
        "masterPasswordHash": secrets.master_password_hash,
        "userSymmetricKey": secrets.protected_user_key,
        "userAsymmetricKeys": {
            "publicKey": secrets.keypair.public_key_b64(),
            "encryptedPrivateKey": secrets.encrypted_private_key,
        },
        "kdf": secrets.kdf.kdf_type(),
        "kdfIterations": secrets.kdf.iterations(),
        "kdfMemory": secrets.kdf.memory_mib(),
        "kdfParallelism": secrets.kdf.parallelism(),
        "emailVerificationToken": email_verification_token,
    })
}
