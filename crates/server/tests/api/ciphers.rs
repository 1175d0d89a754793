//! Vault items through the real client crypto: every type created, read, edited, favourited and
//! filed, then decrypted from sync; password history; the write checks.

use crate::both_databases;
use crate::helpers::TestApp;
use crate::vault_support::*;
use bulwark_client::ciphers::{self, CardData, IdentityData};
use bulwark_client::{Session, SymmetricKey};
use serde_json::{json, Value};

fn passkey(k: &SymmetricKey) -> Value {
    json!([{
        "credentialId": k.encrypt_str("b64-credential-id"), "keyType": k.encrypt_str("public-key"),
        "keyAlgorithm": k.encrypt_str("ECDSA"), "keyCurve": k.encrypt_str("P-256"),
        "keyValue": k.encrypt_str("pkcs8-private-key"), "rpId": k.encrypt_str("example.com"),
        "rpName": k.encrypt_str("Example"), "userHandle": k.encrypt_str("handle"),
        "userName": k.encrypt_str("alice"), "userDisplayName": k.encrypt_str("Alice"),
        "counter": k.encrypt_str("0"), "discoverable": k.encrypt_str("true"),
        "creationDate": "2026-08-01T10:00:00.000Z"
    }])
}

/// A login with two URIs, a TOTP secret and a passkey.
fn full_login(s: &Session) -> Value {
    let k = &s.user_key;
    let mut body =
        ciphers::login_cipher(k, &s.user_id, "Site", "alice", "pw-1", "https://a.example");
    body["login"]["uris"]
        .as_array_mut()
        .expect("uris")
        .push(json!({"uri": k.encrypt_str("https://b.example"), "uriChecksum": k.encrypt_str("sum"), "match": 3}));
    body["login"]["totp"] = json!(k.encrypt_str("JBSWY3DPEHPK3PXP"));
    body["login"]["fido2Credentials"] = passkey(k);
    body
}

/// (request body, JSON path of one encrypted member, its plaintext) for types 1–5.
fn one_of_each(s: &Session) -> Vec<(Value, Vec<&'static str>, &'static str)> {
    let k = &s.user_key;
    let card = CardData {
        cardholder_name: "Ada",
        brand: "Visa",
        number: "4111111111111111",
        exp_month: "7",
        exp_year: "2031",
        code: "123",
    };
    let identity = IdentityData {
        first_name: Some("Ada"),
        last_name: Some("Lovelace"),
        ssn: Some("078-05-1120"),
        ..Default::default()
    };
    vec![
        (full_login(s), vec!["login", "username"], "alice"),
        (
            ciphers::secure_note(k, &s.user_id, "Note", "secret text"),
            vec!["notes"],
            "secret text",
        ),
        (
            ciphers::card(k, &s.user_id, "Card", &card),
            vec!["card", "number"],
            "4111111111111111",
        ),
        (
            ciphers::identity(k, &s.user_id, "Me", &identity),
            vec!["identity", "ssn"],
            "078-05-1120",
        ),
        (
            ciphers::ssh_key(
                k,
                &s.user_id,
                "Key",
                "-----BEGIN OPENSSH PRIVATE KEY-----",
                "ssh-ed25519 AAAA",
                "SHA256:abc",
            ),
            vec!["sshKey", "publicKey"],
            "ssh-ed25519 AAAA",
        ),
    ]
}

fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, p| &v[*p])
}

both_databases!(
    every_type_is_created_read_edited_and_filed,
    |app: TestApp| async move {
        let (_, s) = app.user("types").await;
        let k = s.user_key.clone();
        let folder = create_folder(&s, "Work").await;
        for (body, path, plain) in one_of_each(&s) {
            let created = expect(s.post("/api/ciphers", body.clone()).await, 200).json;
            let id = created["id"].as_str().expect("id").to_owned();
            assert_eq!(created["type"], body["type"]);
            assert_eq!(dec(&k, at(&created, &path)), plain);
            assert_eq!(
                (created["favorite"].clone(), created["folderId"].clone()),
                (json!(false), Value::Null)
            );
            let got = expect(s.get(&format!("/api/ciphers/{id}")).await, 200).json;
            assert_eq!(got["object"], "cipher");
            assert_eq!(got["revisionDate"], created["revisionDate"]);
            let details = expect(s.get(&format!("/api/ciphers/{id}/details")).await, 200).json;
            assert_eq!(details["object"], "cipherDetails");
            assert_eq!(details["collectionIds"], json!([]));

            let mut edit = body.clone();
            edit["name"] = json!(k.encrypt_str("Edited"));
            edit["favorite"] = json!(true);
            edit["folderId"] = json!(folder);
            edit["lastKnownRevisionDate"] = created["revisionDate"].clone();
            let updated = expect(s.put(&format!("/api/ciphers/{id}"), edit).await, 200).json;
            assert_ne!(updated["revisionDate"], created["revisionDate"]);
            assert_eq!(updated["creationDate"], created["creationDate"]);

            let synced = synced(&s, &id).await.expect("in sync");
            assert_eq!(dec(&k, &synced["name"]), "Edited");
            assert_eq!(dec(&k, at(&synced, &path)), plain);
            assert_eq!(synced["favorite"], true);
            assert_eq!(synced["folderId"], json!(folder));
            assert_eq!(synced["type"], body["type"]);
            for other in ["login", "card", "identity", "secureNote", "sshKey"] {
                if body[other].is_null() {
                    assert!(synced[other].is_null(), "{other} must be null");
                }
            }
        }
    }
);

both_databases!(
    a_login_keeps_uris_totp_and_passkeys,
    |app: TestApp| async move {
        let (_, s) = app.user("login").await;
        let k = &s.user_key;
        let id = create(&s, full_login(&s)).await;
        let c = synced(&s, &id).await.expect("in sync");
        let login = &c["login"];
        assert_eq!(dec(k, &login["uri"]), "https://a.example");
        assert_eq!(dec(k, &login["uris"][1]["uri"]), "https://b.example");
        assert_eq!(dec(k, &login["uris"][1]["uriChecksum"]), "sum");
        assert_eq!(login["uris"][1]["match"], 3);
        assert!(login["uris"][0]["match"].is_null());
        assert_eq!(dec(k, &login["totp"]), "JBSWY3DPEHPK3PXP");
        assert_eq!(dec(k, &login["password"]), "pw-1");
        let passkey = &login["fido2Credentials"][0];
        assert_eq!(dec(k, &passkey["keyValue"]), "pkcs8-private-key");
        assert_eq!(dec(k, &passkey["rpId"]), "example.com");
        assert_eq!(passkey["creationDate"], "2026-08-01T10:00:00.000Z");
        assert_eq!(c["secureNote"], Value::Null);
        assert_eq!(c["edit"], true);
        assert_eq!(c["attachments"], Value::Null);
    }
);

both_databases!(
    password_history_is_kept_on_update,
    |app: TestApp| async move {
        let (_, s) = app.user("history").await;
        let k = s.user_key.clone();
        let body = ciphers::login_cipher(
            &k,
            &s.user_id,
            "Site",
            "alice",
            "old-pw",
            "https://a.example",
        );
        let id = create(&s, body.clone()).await;
        let mut edit = body;
        edit["login"]["password"] = json!(k.encrypt_str("new-pw"));
        edit["login"]["passwordRevisionDate"] = json!("2026-08-20T09:00:00.000Z");
        edit["passwordHistory"] = json!([{"password": k.encrypt_str("old-pw"), "lastUsedDate": "2026-08-20T09:00:00.000Z"}]);
        expect(s.put(&format!("/api/ciphers/{id}"), edit).await, 200);
        let c = synced(&s, &id).await.expect("in sync");
        assert_eq!(dec(&k, &c["login"]["password"]), "new-pw");
        assert_eq!(
            c["login"]["passwordRevisionDate"],
            "2026-08-20T09:00:00.000Z"
        );
        assert_eq!(dec(&k, &c["passwordHistory"][0]["password"]), "old-pw");
        assert_eq!(
            c["passwordHistory"][0]["lastUsedDate"],
            "2026-08-20T09:00:00.000Z"
        );
    }
);

both_databases!(
    create_with_collections_works_for_personal_items,
    |app: TestApp| async move {
        let (_, s) = app.user("create").await;
        let body = json!({"cipher": note(&s, "Via create"), "collectionIds": []});
        let r = expect(s.post("/api/ciphers/create", body).await, 200);
        assert_eq!(dec(&s.user_key, &r.json["name"]), "Via create");
        assert!(synced(&s, r.json["id"].as_str().unwrap_or_default())
            .await
            .is_some());
        let mut org = note(&s, "Org");
        org["organizationId"] = json!(uuid::Uuid::new_v4().to_string());
        let body =
            json!({"cipher": org.clone(), "collectionIds": [uuid::Uuid::new_v4().to_string()]});
        // An org the caller is not a member of is not found.
        expect(s.post("/api/ciphers/create", body).await, 404);
        expect(s.post("/api/ciphers", org).await, 404);
        let mut bad = note(&s, "x");
        bad["name"] = json!("plain");
        let r = expect(
            s.post("/api/ciphers/create", json!({"cipher": bad})).await,
            400,
        );
        assert!(
            r.json["validationErrors"]["Cipher.Name"].is_array(),
            "{}",
            r.text
        );
    }
);

both_databases!(
    write_checks_refuse_stale_or_foreign_encryption,
    |app: TestApp| async move {
        let (_, s) = app.user("checks").await;
        let mut body = note(&s, "n");
        body["encryptedFor"] = json!(uuid::Uuid::new_v4().to_string());
        expect_400(
            s.post("/api/ciphers", body).await,
            "not encrypted for the current user",
        );
        let mut body = note(&s, "n");
        body["encryptedByKeyId"] = json!("NOT-HEX");
        expect_400(
            s.post("/api/ciphers", body).await,
            "EncryptedByKeyId is not a valid key id.",
        );

        let key_id = "0123456789abcdef0123456789abcdef";
        let r = s
            .post(
                "/api/accounts/key-management/user-key-id",
                json!({"userKeyId": key_id}),
            )
            .await;
        expect(r, 200);
        let mut body = note(&s, "n");
        body["encryptedByKeyId"] = json!("fedcba9876543210fedcba9876543210");
        expect_400(
            s.post("/api/ciphers", body).await,
            "not encrypted with the current user key",
        );
        let mut body = note(&s, "n");
        body["encryptedByKeyId"] = json!(key_id);
        let id = create(&s, body.clone()).await;

        let before = synced(&s, &id).await.expect("in sync");
        body["lastKnownRevisionDate"] = json!("2020-01-01T00:00:00Z");
        body["name"] = json!(s.user_key.encrypt_str("changed"));
        expect_400(
            s.put(&format!("/api/ciphers/{id}"), body.clone()).await,
            "out of date",
        );
        assert_eq!(
            synced(&s, &id).await.expect("still there")["name"],
            before["name"]
        );
        body["lastKnownRevisionDate"] = before["revisionDate"].clone();
        expect(s.put(&format!("/api/ciphers/{id}"), body).await, 200);
    }
);

both_databases!(foreign_folders_are_refused, |app: TestApp| async move {
    let (_, a) = app.user("fa").await;
    let (_, b) = app.user("fb").await;
    let b_folder = create_folder(&b, "B's").await;
    let mut body = note(&a, "n");
    body["folderId"] = json!(b_folder);
    expect_400(
        a.post("/api/ciphers", body.clone()).await,
        "Invalid folder.",
    );
    let id = create(&a, note(&a, "n")).await;
    expect_400(
        a.put(&format!("/api/ciphers/{id}"), body).await,
        "Invalid folder.",
    );
    let partial = json!({"folderId": b_folder, "favorite": true});
    expect_400(
        a.put(&format!("/api/ciphers/{id}/partial"), partial).await,
        "Invalid folder.",
    );
    let mv = json!({"ids": [id], "folderId": b_folder});
    expect_400(a.put("/api/ciphers/move", mv).await, "Invalid folder.");
    expect_400(
        a.put(
            "/api/ciphers/move",
            json!({"ids": [id], "folderId": "nope"}),
        )
        .await,
        "Invalid folder.",
    );
    assert!(synced(&a, &id).await.expect("in sync")["folderId"].is_null());
});
