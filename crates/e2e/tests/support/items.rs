//! Vault items in the CLI's plaintext JSON format, built from `bw get template item` the way a
//! user scripts it with jq, and a subset comparison for what `bw` decrypts back.

use serde_json::{json, Value};

/// The authenticator secret stored in the login item (a well-known example value).
pub const LOGIN_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXP";
pub const LOGIN_PASSWORD: &str = "S3cret-login!";

/// A throw-away OpenSSH key generated for this test suite; it protects nothing. The CLI wants
/// a private key, its public key and the fingerprint (it does not derive them).
const SSH_PRIVATE_KEY: &str = "-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAZCEQnmp5v0G9EW8vqQU27ojAuxTYnfFbRxHEsc8IdbgAAAJCUxqrclMaq
3AAAAAtzc2gtZWQyNTUxOQAAACAZCEQnmp5v0G9EW8vqQU27ojAuxTYnfFbRxHEsc8Idbg
AAAEAgQtRr6I3p8zGjdLgzTwiMR20x50YZQxSb2LrTFGQSvhkIRCeanm/Qb0Rby+pBTbui
MC7FNid8VtHEcSxzwh1uAAAAC2J1bHdhcmstZTJlAQI=
-----END OPENSSH PRIVATE KEY-----
";
const SSH_PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBkIRCeanm/Qb0Rby+pBTbuiMC7FNid8VtHEcSxzwh1u bulwark-e2e";
const SSH_FINGERPRINT: &str = "SHA256:czG0elLxaFJchDyh9GMHkLXSJBcYbs2LapV/ML3ZRiA";

/// `template` with the common fields set, the type-specific member filled in by the caller.
fn item(template: &Value, kind: u8, name: &str, notes: Option<&str>) -> Value {
    let mut item = template.clone();
    item["type"] = json!(kind);
    item["name"] = json!(name);
    item["notes"] = json!(notes);
    item["folderId"] = Value::Null;
    item["favorite"] = json!(false);
    item["fields"] = json!([]);
    item
}

/// One item of each type the CLI can create: login (with URI and TOTP secret), secure note,
/// card, identity, SSH key.
pub fn one_of_each(template: &Value) -> Vec<Value> {
    let mut login = item(template, 1, "E2E Login", Some("login notes äöü ✓"));
    login["fields"] = json!([
        {"name": "pin", "value": "1234", "type": 1, "linkedId": null},
        {"name": "plain", "value": "visible", "type": 0, "linkedId": null},
    ]);
    login["login"] = json!({
        "uris": [{"match": null, "uri": "https://login.example.com/path"}],
        "username": "alice",
        "password": LOGIN_PASSWORD,
        "totp": LOGIN_TOTP_SECRET,
    });

    let mut note = item(template, 2, "E2E Note", Some("multi\nline\nsecret note"));
    note["secureNote"] = json!({"type": 0});

    let mut card = item(template, 3, "E2E Card", None);
    card["card"] = json!({
        "cardholderName": "Alice Example", "brand": "Visa", "number": "4111111111111111",
        "expMonth": "12", "expYear": "2031", "code": "123",
    });

    let mut identity = item(template, 4, "E2E Identity", None);
    identity["identity"] = json!({
        "title": "Ms", "firstName": "Alice", "middleName": null, "lastName": "Example",
        "address1": "1 Main St", "address2": null, "address3": null, "city": "Springfield",
        "state": "IL", "postalCode": "62701", "country": "US", "company": "ACME",
        "email": "alice@example.com", "phone": "+1 555 0100", "ssn": "078-05-1120",
        "username": "alice", "passportNumber": "X1234567", "licenseNumber": "D123-4567",
    });

    let mut ssh = item(template, 5, "E2E SSH key", None);
    ssh["sshKey"] = json!({
        "privateKey": SSH_PRIVATE_KEY,
        "publicKey": SSH_PUBLIC_KEY,
        "keyFingerprint": SSH_FINGERPRINT,
    });

    vec![login, note, card, identity, ssh]
}

/// Panics unless every member of `expected` is in `actual` with an equal value (recursively;
/// arrays element by element). What the CLI adds (ids, dates, `object`) is ignored.
pub fn assert_contains(actual: &Value, expected: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (key, want_value) in want {
                let got_value = got.get(key).unwrap_or(&Value::Null);
                assert_contains(got_value, want_value, &format!("{path}.{key}"));
            }
        }
        (Value::Array(want), Value::Array(got)) => {
            assert_eq!(want.len(), got.len(), "{path}: {actual} vs {expected}");
            for (i, (w, g)) in want.iter().zip(got).enumerate() {
                assert_contains(g, w, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(actual, expected, "{path}"),
    }
}

/// The item named `name` in a `bw list items` result.
pub fn by_name<'a>(items: &'a [Value], name: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("no item {name:?} in {}", Value::from(items.to_vec())))
}

/// The ids of a `bw list` result, sorted, for set comparisons.
pub fn ids(items: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

/// What `bw` must decrypt back for an item it created: the user-entered members only.
pub fn user_data(item: &Value) -> Value {
    let mut out = json!({});
    for key in [
        "type",
        "name",
        "notes",
        "fields",
        "login",
        "secureNote",
        "card",
        "identity",
        "sshKey",
    ] {
        if !item[key].is_null() {
            out[key] = item[key].clone();
        }
    }
    out
}
