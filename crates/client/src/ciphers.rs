//! Request bodies for vault items and folders, encrypted the way a real
//! client would, so server tests exercise realistic payloads.
//!
//! Every string field is an EncString type 2; the server must store them
//! opaquely and never needs (or gets) the key.

use serde_json::{json, Value};

use crate::SymmetricKey;

/// Cipher `type` codes from the protocol.
pub const TYPE_LOGIN: i32 = 1;
pub const TYPE_SECURE_NOTE: i32 = 2;
pub const TYPE_CARD: i32 = 3;
pub const TYPE_IDENTITY: i32 = 4;
pub const TYPE_SSH_KEY: i32 = 5;

/// Plaintext card details for [`card`].
#[derive(Debug, Clone, Copy, Default)]
pub struct CardData<'a> {
    pub cardholder_name: &'a str,
    pub brand: &'a str,
    pub number: &'a str,
    pub exp_month: &'a str,
    pub exp_year: &'a str,
    pub code: &'a str,
}

/// Plaintext identity details for [`identity`]; `None` fields are sent as
/// null, as clients do for blank inputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdentityData<'a> {
    pub title: Option<&'a str>,
    pub first_name: Option<&'a str>,
    pub middle_name: Option<&'a str>,
    pub last_name: Option<&'a str>,
    pub address1: Option<&'a str>,
    pub address2: Option<&'a str>,
    pub address3: Option<&'a str>,
    pub city: Option<&'a str>,
    pub state: Option<&'a str>,
    pub postal_code: Option<&'a str>,
    pub country: Option<&'a str>,
    pub company: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub ssn: Option<&'a str>,
    pub username: Option<&'a str>,
    pub passport_number: Option<&'a str>,
    pub license_number: Option<&'a str>,
}

pub fn login_cipher(
    key: &SymmetricKey,
    user_id: &str,
    name: &str,
    username: &str,
    password: &str,
    uri: &str,
) -> Value {
    let mut body = base(key, user_id, TYPE_LOGIN, name, None);
    body["login"] = json!({
        "uris": [{ "uri": key.encrypt_str(uri), "uriChecksum": null, "match": null }],
        "username": key.encrypt_str(username),
        "password": key.encrypt_str(password),
        "totp": null,
        "passwordRevisionDate": null,
    });
    body
}

pub fn secure_note(key: &SymmetricKey, user_id: &str, name: &str, notes: &str) -> Value {
    let mut body = base(key, user_id, TYPE_SECURE_NOTE, name, Some(notes));
    body["secureNote"] = json!({ "type": 0 });
    body
}

pub fn card(key: &SymmetricKey, user_id: &str, name: &str, data: &CardData<'_>) -> Value {
    let mut body = base(key, user_id, TYPE_CARD, name, None);
    body["card"] = json!({
        "cardholderName": key.encrypt_str(data.cardholder_name),
        "brand": key.encrypt_str(data.brand),
        "number": key.encrypt_str(data.number),
        "expMonth": key.encrypt_str(data.exp_month),
        "expYear": key.encrypt_str(data.exp_year),
        "code": key.encrypt_str(data.code),
    });
    body
}

pub fn identity(key: &SymmetricKey, user_id: &str, name: &str, data: &IdentityData<'_>) -> Value {
    let enc = |v: Option<&str>| v.map(|s| key.encrypt_str(s));
    let mut body = base(key, user_id, TYPE_IDENTITY, name, None);
    body["identity"] = json!({
        "title": enc(data.title),
        "firstName": enc(data.first_name),
        "middleName": enc(data.middle_name),
        "lastName": enc(data.last_name),
        "address1": enc(data.address1),
        "address2": enc(data.address2),
        "address3": enc(data.address3),
        "city": enc(data.city),
        "state": enc(data.state),
        "postalCode": enc(data.postal_code),
        "country": enc(data.country),
        "company": enc(data.company),
        "email": enc(data.email),
        "phone": enc(data.phone),
        "ssn": enc(data.ssn),
        "username": enc(data.username),
        "passportNumber": enc(data.passport_number),
        "licenseNumber": enc(data.license_number),
    });
    body
}

pub fn ssh_key(
    key: &SymmetricKey,
    user_id: &str,
    name: &str,
    private_key: &str,
    public_key: &str,
    key_fingerprint: &str,
) -> Value {
    let mut body = base(key, user_id, TYPE_SSH_KEY, name, None);
    body["sshKey"] = json!({
        "privateKey": key.encrypt_str(private_key),
        "publicKey": key.encrypt_str(public_key),
        "keyFingerprint": key.encrypt_str(key_fingerprint),
    });
    body
}

/// `{"name": <EncString>}`, the folder create/update body.
pub fn folder(key: &SymmetricKey, name: &str) -> Value {
    json!({ "name": key.encrypt_str(name) })
}

/// Fields shared by every item type; the type-specific object is filled in
/// by the caller and the others stay null, as real clients send them.
fn base(key: &SymmetricKey, user_id: &str, kind: i32, name: &str, notes: Option<&str>) -> Value {
    json!({
        "type": kind,
        "encryptedFor": user_id,
        "organizationId": null,
        "folderId": null,
        "name": key.encrypt_str(name),
        "notes": notes.map(|n| key.encrypt_str(n)),
        "favorite": false,
        "reprompt": 0,
        "key": null,
        "login": null,
        "card": null,
        "identity": null,
        "secureNote": null,
        "sshKey": null,
        "fields": [],
        "passwordHistory": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(key: &SymmetricKey, v: &Value) -> String {
        key.decrypt_str(v.as_str().expect("EncString")).unwrap()
    }

    #[test]
    fn login_body_shape() {
        let key = SymmetricKey::random();
        let body = login_cipher(&key, "uid", "Site", "alice", "pw", "https://example.com");
        assert_eq!(body["type"], 1);
        assert_eq!(body["encryptedFor"], "uid");
        assert_eq!(dec(&key, &body["name"]), "Site");
        assert_eq!(dec(&key, &body["login"]["username"]), "alice");
        assert_eq!(dec(&key, &body["login"]["password"]), "pw");
        assert_eq!(
            dec(&key, &body["login"]["uris"][0]["uri"]),
            "https://example.com"
        );
        assert!(body["notes"].is_null() && body["card"].is_null());
    }

    #[test]
    fn other_types() {
        let key = SymmetricKey::random();
        let note = secure_note(&key, "u", "n", "text");
        assert_eq!(
            (note["type"].clone(), note["secureNote"]["type"].clone()),
            (json!(2), json!(0))
        );
        assert_eq!(dec(&key, &note["notes"]), "text");

        let c = card(
            &key,
            "u",
            "c",
            &CardData {
                number: "4111",
                ..Default::default()
            },
        );
        assert_eq!(c["type"], 3);
        assert_eq!(dec(&key, &c["card"]["number"]), "4111");

        let i = identity(
            &key,
            "u",
            "i",
            &IdentityData {
                first_name: Some("Ada"),
                ..Default::default()
            },
        );
        assert_eq!(i["type"], 4);
        assert_eq!(dec(&key, &i["identity"]["firstName"]), "Ada");
        assert!(i["identity"]["lastName"].is_null());

        let s = ssh_key(&key, "u", "s", "priv", "pub", "SHA256:x");
        assert_eq!(s["type"], 5);
        assert_eq!(dec(&key, &s["sshKey"]["keyFingerprint"]), "SHA256:x");

        assert_eq!(dec(&key, &folder(&key, "Work")["name"]), "Work");
    }
}
