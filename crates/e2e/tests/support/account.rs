//! Accounts are made with the Rust client (the CLI cannot register), and two-factor login is
//! switched on through it too (only the web vault manages 2FA).

use super::server::E2eServer;
use bulwark_client::{totp_code, AccountSecrets, Kdf, Session};
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// PBKDF2 at 600 000 iterations: the CLI refuses PBKDF2 below its range (600 000-2 000 000).
pub const KDF: Kdf = Kdf::Pbkdf2 {
    iterations: 600_000,
};
/// A space and a quote on purpose: the password travels as a command-line argument.
pub const PASSWORD: &str = "Corr3ct horse \"battery\" staple";

pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

/// Registers a new account and logs in with the Rust client: a second "device" of the user,
/// used to write behind the CLI's back and to read what the CLI wrote.
pub async fn register(server: &E2eServer, prefix: &str) -> (AccountSecrets, Session) {
    let email = format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple());
    register_secrets(server, AccountSecrets::new(&email, PASSWORD, KDF)).await
}

/// [`register`] with an RSA pair of the account's own (not the process-wide test pair), so a
/// key wrapped for this account can only be opened by it.
pub async fn register_with_own_keys(server: &E2eServer, prefix: &str) -> (AccountSecrets, Session) {
    let email = format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple());
    let keys = bulwark_client::RsaKeyPair::generate();
    register_secrets(
        server,
        AccountSecrets::with_keypair(&email, PASSWORD, KDF, keys),
    )
    .await
}

async fn register_secrets(
    server: &E2eServer,
    secrets: AccountSecrets,
) -> (AccountSecrets, Session) {
    let email = secrets.email.clone();
    let started = std::time::Instant::now();
    let r = server.client.register(&secrets).await;
    assert_eq!(r.status, 200, "register {email}: {}", r.text);
    let session = server
        .client
        .login(&secrets)
        .await
        .unwrap_or_else(|r| panic!("Rust client login: {} {}", r.status, r.text));
    eprintln!(
        "registered and logged in {email} with the Rust client in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    (secrets, session)
}

/// A value from the nested official shape (`authenticator.key`) or the flat legacy one (`key`).
fn authenticator_field<'a>(body: &'a Value, name: &str) -> &'a Value {
    match &body["authenticator"][name] {
        Value::Null => &body[name],
        v => v,
    }
}

/// Enables the authenticator app (TOTP) for the account as the web vault does; returns the
/// secret and the unix time step whose code was used to confirm it.
pub async fn enable_totp(session: &Session, secrets: &AccountSecrets) -> (String, u64) {
    let verification = json!({ "masterPasswordHash": secrets.master_password_hash });
    let r = session
        .post("/api/two-factor/get-authenticator", verification)
        .await;
    assert_eq!(
        r.status, 200,
        "POST /api/two-factor/get-authenticator: {}",
        r.text
    );
    let secret = authenticator_field(&r.json, "key")
        .as_str()
        .unwrap_or_else(|| panic!("get-authenticator has no key: {}", r.text))
        .to_owned();
    let now = unix_now();
    // The official request carries the verification token from get-authenticator; the
    // master-password hash is the legacy alternative. Both are sent, as old clients did.
    let body = json!({
        "key": secret,
        "token": totp_code(&secret, now),
        "userVerificationToken": r.json["userVerificationToken"],
        "masterPasswordHash": secrets.master_password_hash,
    });
    let r = session.put("/api/two-factor/authenticator", body).await;
    assert_eq!(
        r.status, 200,
        "PUT /api/two-factor/authenticator: {}",
        r.text
    );
    assert_eq!(
        authenticator_field(&r.json, "enabled"),
        &json!(true),
        "authenticator not enabled: {}",
        r.text
    );
    (secret, now / 30)
}

/// A code to log in with: the current one, unless that is the very code that confirmed the
/// set-up (the server may refuse a replayed code), then the next step's, which the ±1 step
/// window accepts.
pub fn fresh_totp_code(secret: &str, used_step: u64) -> String {
    let now = unix_now();
    if now / 30 == used_step {
        totp_code(secret, now + 30)
    } else {
        totp_code(secret, now)
    }
}
