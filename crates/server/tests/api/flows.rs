//! Steps several account tests share: secret bodies, TOTP setup, error-message reading, and a
//! variant of `both_databases!` that starts the server with custom options.

use bulwark_client::{totp_code, AccountSecrets, Response, Session};
use serde_json::{json, Value};

/// A `SecretVerification` body with the account's master-password hash.
pub fn secret(secrets: &AccountSecrets) -> Value {
    json!({ "masterPasswordHash": secrets.master_password_hash })
}

pub fn wrong_secret() -> Value {
    json!({ "masterPasswordHash": "d3JvbmcgaGFzaCB3cm9uZyBoYXNoIHdyb25nIGhhc2g=" })
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// The message a client would show: the first validation error, else `message`, else the
/// identity `ErrorModel.Message`.
pub fn message(r: &Response) -> String {
    let from_validation = r.json["validationErrors"]
        .as_object()
        .and_then(|m| m.values().next())
        .and_then(|v| v[0].as_str());
    from_validation
        .or_else(|| r.json["message"].as_str())
        .or_else(|| r.json["ErrorModel"]["Message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// Turns on the authenticator app as the web vault does; returns the TOTP key.
pub async fn enable_totp(session: &Session, secrets: &AccountSecrets) -> String {
    let r = session
        .post("/api/two-factor/get-authenticator", secret(secrets))
        .await;
    assert_eq!(r.status, 200, "get-authenticator: {}", r.text);
    assert_eq!(r.json["authenticator"]["enabled"], false);
    let key = r.json["authenticator"]["key"].as_str().unwrap().to_owned();
    let token = r.json["userVerificationToken"].as_str().unwrap().to_owned();
    let body =
        json!({ "token": totp_code(&key, now_secs()), "key": key, "userVerificationToken": token });
    let r = session.put("/api/two-factor/authenticator", body).await;
    assert_eq!(r.status, 200, "enable authenticator: {}", r.text);
    assert_eq!(r.json["authenticator"]["enabled"], true);
    key
}

/// Posts a refresh grant with `token` and returns the raw reply.
pub async fn refresh_with(session: &Session, token: &str) -> Response {
    let form = [
        ("grant_type", "refresh_token"),
        ("client_id", "cli"),
        ("refresh_token", token),
    ];
    session.client.token_raw(&form).await
}
