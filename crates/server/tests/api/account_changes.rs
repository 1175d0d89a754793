//! Password, KDF and security-stamp changes end other sessions; API keys; account deletion.

use crate::both_databases;
use crate::flows::{message, refresh_with, secret, wrong_secret};
use crate::helpers::TestApp;
use bulwark_client::{AccountSecrets, Kdf, Session};
use serde_json::{json, Value};

fn salt(s: &AccountSecrets) -> String {
    s.email.to_lowercase()
}

/// `authenticationData` and `unlockData` for the credentials in `new`.
fn nested(new: &AccountSecrets) -> (Value, Value) {
    (
        json!({ "kdf": new.kdf.to_json(), "salt": salt(new),
                "masterPasswordAuthenticationHash": new.master_password_hash }),
        json!({ "kdf": new.kdf.to_json(), "salt": salt(new),
                "masterKeyWrappedUserKey": new.protected_user_key }),
    )
}

/// The old session is dead everywhere; the new credentials log in and unlock the same vault;
/// the old ones are refused.
async fn assert_sessions_ended(
    app: &TestApp,
    old: &AccountSecrets,
    old_session: &Session,
    new: &AccountSecrets,
) {
    let r = old_session.get("/api/accounts/profile").await;
    assert_eq!(r.status, 401, "old access token: {}", r.text);
    let r = refresh_with(old_session, old_session.refresh_token.as_deref().unwrap()).await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json["error"], "invalid_grant");
    let session = app.client.login(new).await.expect("new credentials log in");
    assert_eq!(session.user_key, old.user_key, "same vault key");
    if old.master_password_hash != new.master_password_hash {
        assert_eq!(app.client.login(old).await.unwrap_err().status, 400);
    }
}

both_databases!(
    legacy_password_change_ends_other_sessions,
    |app: TestApp| async move {
        let (old, session) = app.user("pw").await;
        let new = old.with_new_master_password("a brand new password", old.kdf);
        let body = json!({
            "masterPasswordHash": new.master_password_hash, // wrong: the new one, not the current
            "newMasterPasswordHash": new.master_password_hash,
            "key": new.protected_user_key,
            "masterPasswordHint": "new hint",
        });
        let r = session.post("/api/accounts/password", body.clone()).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.json["validationErrors"][""][0], "Incorrect password.");

        let mut body = body;
        body["masterPasswordHash"] = json!(old.master_password_hash);
        body["key"] = json!("not an enc string");
        let r = session.post("/api/accounts/password", body.clone()).await;
        assert_eq!(r.status, 400, "{}", r.text);

        body["key"] = json!(new.protected_user_key);
        let r = session.post("/api/accounts/password", body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_sessions_ended(&app, &old, &session, &new).await;
    }
);

both_databases!(
    nested_password_change_keeps_kdf_and_salt,
    |app: TestApp| async move {
        let (old, session) = app.user("pw2").await;
        let new = old.with_new_master_password("another new password", old.kdf);
        let (auth, unlock) = nested(&new);
        let current = json!(old.master_password_hash);
        let r = session
            .post(
                "/api/accounts/password",
                json!({ "masterPasswordHash": current }),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            message(&r).starts_with("Must provide either new payloads"),
            "{}",
            r.text
        );

        let mut bad_salt = auth.clone();
        bad_salt["salt"] = json!("someone@else.com");
        let mut body = json!({ "masterPasswordHash": current,
                           "authenticationData": bad_salt, "unlockData": unlock });
        let r = session.post("/api/accounts/password", body.clone()).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "Invalid master password salt.");

        let mut other_kdf = nested(&old.with_new_master_password("x", Kdf::DEFAULT_PBKDF2));
        body["authenticationData"] = other_kdf.0.take();
        body["unlockData"] = other_kdf.1.take();
        let r = session.post("/api/accounts/password", body.clone()).await;
        assert_eq!(r.status, 400, "a KDF change is refused here: {}", r.text);

        body["authenticationData"] = auth;
        body["unlockData"] = nested(&new).1;
        let r = session.post("/api/accounts/password", body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_sessions_ended(&app, &old, &session, &new).await;
    }
);

both_databases!(kdf_change_ends_other_sessions, |app: TestApp| async move {
    let (old, session) = app.user("kdf").await;
    let stronger = Kdf::Argon2id {
        iterations: 3,
        memory_mib: 16,
        parallelism: 2,
    };
    let new = old.with_new_master_password(&old.password, stronger);
    let (auth, unlock) = nested(&new);
    let mut body = json!({ "masterPasswordHash": new.master_password_hash,
                           "authenticationData": auth, "unlockData": unlock });
    let r = session.post("/api/accounts/kdf", body.clone()).await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json["validationErrors"][""][0], "Incorrect password.");

    body["masterPasswordHash"] = json!(old.master_password_hash);
    let mut weak = body.clone();
    weak["authenticationData"]["kdf"]["memory"] = json!(8);
    weak["unlockData"]["kdf"]["memory"] = json!(8);
    let r = session.post("/api/accounts/kdf", weak).await;
    assert_eq!(message(&r), "KDF settings are invalid.", "{}", r.text);
    let mut mismatched = body.clone();
    mismatched["unlockData"]["kdf"]["iterations"] = json!(4);
    let r = session.post("/api/accounts/kdf", mismatched).await;
    assert_eq!(
        message(&r),
        "AuthenticationData and UnlockData must have the same KDF configuration."
    );

    let r = session.post("/api/accounts/kdf", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let pre = app
        .client
        .request(
            bulwark_client::Method::POST,
            "/identity/accounts/prelogin",
            None,
            Some(json!({ "email": old.email })),
        )
        .await;
    assert_eq!(pre.json["kdfSettings"]["iterations"], 3);
    assert_eq!(pre.json["kdfSettings"]["parallelism"], 2);
    assert_eq!(pre.json["salt"], salt(&old), "the salt never changes");
    assert_sessions_ended(&app, &old, &session, &new).await;
});

both_databases!(
    security_stamp_rotation_logs_everyone_out,
    |app: TestApp| async move {
        let (secrets, session) = app.user("stamp").await;
        let r = session
            .post("/api/accounts/security-stamp", wrong_secret())
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            r.json["validationErrors"][""][0],
            "User verification failed."
        );
        let r = session
            .post("/api/accounts/security-stamp", json!({}))
            .await;
        assert_eq!(
            message(&r),
            "MasterPasswordHash, OTP, or AccessCode must be supplied."
        );
        let r = session
            .post("/api/accounts/security-stamp", secret(&secrets))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_sessions_ended(&app, &secrets, &session, &secrets.clone()).await;
    }
);

both_databases!(verify_password_checks_the_hash, |app: TestApp| async move {
    let (secrets, session) = app.user("verify").await;
    let r = session
        .post("/api/accounts/verify-password", secret(&secrets))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["object"], "masterPasswordPolicy");
    let r = session
        .post("/api/accounts/verify-password", wrong_secret())
        .await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json["validationErrors"]["MasterPasswordHash"][0],
        "Invalid password."
    );
});

async fn api_key_login(app: &TestApp, user_id: &str, key: &str) -> bulwark_client::Response {
    let client_id = format!("user.{user_id}");
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", client_id.as_str()),
        ("client_secret", key),
        ("scope", "api"),
        ("deviceType", "25"),
        ("deviceIdentifier", app.client.device_identifier.as_str()),
        ("deviceName", "linux"),
    ];
    app.client.token_raw(&form).await
}

both_databases!(api_key_logs_in_and_rotates, |app: TestApp| async move {
    let (secrets, session) = app.user("apikey").await;
    let r = session.post("/api/accounts/api-key", wrong_secret()).await;
    assert_eq!(
        r.json["validationErrors"][""][0],
        "User verification failed."
    );
    let r = session
        .post("/api/accounts/api-key", secret(&secrets))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["object"], "apiKey");
    let key = r.json["apiKey"].as_str().unwrap().to_owned();
    assert_eq!(key.len(), 30);

    let r = api_key_login(&app, &session.user_id, &key).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json.get("refresh_token").is_none(), "{}", r.text);
    assert_eq!(r.json["scope"], "api");
    assert!(r.json["Key"].is_string());
    let token = r.json["access_token"].as_str().unwrap();
    let profile = app
        .client
        .request(
            bulwark_client::Method::GET,
            "/api/accounts/profile",
            Some(token),
            None,
        )
        .await;
    assert_eq!(profile.status, 200, "{}", profile.text);

    let r = session
        .post("/api/accounts/rotate-api-key", secret(&secrets))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let rotated = r.json["apiKey"].as_str().unwrap().to_owned();
    assert_ne!(rotated, key);
    let r = api_key_login(&app, &session.user_id, &key).await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json["error"], "invalid_client");
    assert_eq!(
        api_key_login(&app, &session.user_id, &rotated).await.status,
        200
    );
});

both_databases!(
    deleting_the_account_removes_everything,
    |app: TestApp| async move {
        let (secrets, session) = app.user("delete").await;
        let r = session
            .post(
                "/api/folders",
                json!({ "name": secrets.user_key.encrypt(b"f") }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.delete("/api/accounts", Some(wrong_secret())).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(session.get("/api/accounts/profile").await.status, 200);

        let r = session.post("/api/accounts/delete", secret(&secrets)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(session.get("/api/accounts/profile").await.status, 401);
        let r = app.client.login(&secrets).await.unwrap_err();
        assert_eq!(r.status, 400, "{}", r.text);
        let r = refresh_with(&session, session.refresh_token.as_deref().unwrap()).await;
        assert_eq!(r.json["error"], "invalid_grant");
        // The email can be registered again.
        assert_eq!(app.client.register(&secrets).await.status, 200);
    }
);

both_databases!(
    deleting_the_account_removes_attachment_files,
    |app: TestApp| async move {
        use crate::attachments::{declare, files_on_disk, upload};
        let (secrets, session) = app.user("files").await;
        let cipher = crate::vault_support::create(
            &session,
            crate::vault_support::note(&session, "with file"),
        )
        .await;
        let bytes = b"encrypted bytes".to_vec();
        let declared = declare(&session, &cipher, bytes.len()).await;
        let att = declared["attachmentId"].as_str().unwrap().to_owned();
        assert_eq!(upload(&session, &cipher, &att, bytes).await.status, 200);
        assert_eq!(files_on_disk(&app).len(), 1);

        let r = session
            .delete("/api/accounts", Some(secret(&secrets)))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(
            files_on_disk(&app).is_empty(),
            "attachment files removed with the account"
        );
    }
);
