//! Helpers shared by the vault item tests: creating items through the real client crypto,
//! reading them back from sync, and decrypting what comes back.

use bulwark_client::{Response, Session, SymmetricKey};
use serde_json::Value;

/// Fails the test on any 500, whatever the route: the server must never answer one.
pub fn no_500(r: &Response) {
    assert_ne!(r.status, 500, "server error: {}", r.text);
}

/// Asserts a status and returns the response (so bodies can be inspected).
pub fn expect(r: Response, status: u16) -> Response {
    no_500(&r);
    assert_eq!(
        r.status, status,
        "expected {status}, got {}: {}",
        r.status, r.text
    );
    r
}

/// Asserts a 400 whose first message (validation or plain) contains `needle`.
pub fn expect_400(r: Response, needle: &str) -> Response {
    let r = expect(r, 400);
    assert!(
        first_message(&r.json).contains(needle),
        "expected a message containing {needle:?}: {}",
        r.text
    );
    r
}

/// What the clients show: the first validation message, else `message`.
pub fn first_message(body: &Value) -> String {
    body["validationErrors"]
        .as_object()
        .and_then(|m| m.values().next())
        .and_then(|v| v[0].as_str())
        .or_else(|| body["message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

pub fn dec(key: &SymmetricKey, v: &Value) -> String {
    key.decrypt_str(
        v.as_str()
            .unwrap_or_else(|| panic!("not an EncString: {v}")),
    )
    .expect("decrypts with the user key")
}

/// Creates an item and returns its id.
pub async fn create(session: &Session, body: Value) -> String {
    let r = expect(session.post("/api/ciphers", body).await, 200);
    assert_eq!(r.json["object"], "cipher");
    r.json["id"].as_str().expect("id").to_owned()
}

pub async fn sync(session: &Session) -> Value {
    expect(session.get("/api/sync?excludeDomains=true").await, 200).json
}

pub async fn sync_ciphers(session: &Session) -> Vec<Value> {
    sync(session).await["ciphers"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The item with `id` as sync reports it.
pub async fn synced(session: &Session, id: &str) -> Option<Value> {
    sync_ciphers(session)
        .await
        .into_iter()
        .find(|c| c["id"] == id)
}

pub async fn revision_date(session: &Session) -> i64 {
    let r = expect(session.get("/api/accounts/revision-date").await, 200);
    r.json.as_i64().expect("a bare number")
}

/// Waits long enough for the millisecond revision date to be able to move.
pub async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
}

pub async fn create_folder(session: &Session, name: &str) -> String {
    let body = bulwark_client::ciphers::folder(&session.user_key, name);
    let r = expect(session.post("/api/folders", body).await, 200);
    r.json["id"].as_str().expect("folder id").to_owned()
}

/// A secure note, the smallest valid item.
pub fn note(session: &Session, name: &str) -> Value {
    bulwark_client::ciphers::secure_note(&session.user_key, &session.user_id, name, "text")
}
