//! Changing the account's e-mail address: a code mailed to the new address, then the change
//! with credentials re-derived under the new address as salt. Runs against a real SMTP sink.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use crate::member_support::World;
use crate::with_world;
use bulwark_client::{make_master_key, master_password_hash, AccountSecrets, Method, Session};
use bulwark_client::{Response, SymmetricKey};
use serde_json::{json, Value};

const NO_MAIL: &str = "Changing the e-mail address needs mail, and this server has no mail configured. Ask your administrator.";

fn fresh_address(prefix: &str) -> String {
    format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple())
}

/// The same vault (password, KDF, user key) re-derived with `email` as salt: what the client
/// sends with the change, and what it signs in with afterwards.
fn moved_to(old: &AccountSecrets, email: &str) -> AccountSecrets {
    let master_key = make_master_key(&old.password, email, &old.kdf);
    AccountSecrets {
        email: email.to_owned(),
        master_key,
        protected_user_key: SymmetricKey::stretch_master_key(&master_key)
            .encrypt(&old.user_key.to_bytes()),
        master_password_hash: master_password_hash(&master_key, &old.password),
        ..old.clone()
    }
}

async fn request_code(session: &Session, secrets: &AccountSecrets, new_email: &str) -> Response {
    session
        .post(
            "/api/accounts/email-token",
            json!({ "masterPasswordHash": secrets.master_password_hash, "newEmail": new_email }),
        )
        .await
}

/// The code of the newest mail to `to` (the line after `Code: `).
async fn mailed_code(w: &World, to: &str) -> String {
    let mail = w.sink.wait_for(to).await;
    mail.body
        .lines()
        .find_map(|l| l.trim().strip_prefix("Code: "))
        .unwrap_or_else(|| panic!("no code in {:?}", mail.body))
        .to_owned()
}

fn change_body(current: &AccountSecrets, new: &AccountSecrets, token: &str) -> Value {
    json!({
        "masterPasswordHash": current.master_password_hash,
        "newEmail": new.email,
        "token": token,
        "newMasterPasswordHash": new.master_password_hash,
        "key": new.protected_user_key,
    })
}

async fn prelogin(app: &TestApp, email: &str) -> Response {
    app.client
        .request(
            Method::POST,
            "/identity/accounts/prelogin",
            None,
            Some(json!({ "email": email })),
        )
        .await
}

fn assert_refused(r: &Response, expected: &str) {
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(message(r), expected, "{}", r.text);
}

with_world!(
    the_address_changes_and_the_vault_stays,
    |w: World| async move {
        let app = &w.app;
        let (old, session) = app.user("mover").await;
        let new_address = fresh_address("moved");
        // Sent in another case and with spaces: stored as every client derives the salt.
        let sent = format!("  {}  ", new_address.to_uppercase());
        let r = request_code(&session, &old, &sent).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let code = mailed_code(&w, &new_address).await;
        assert!(
            w.sink.messages().iter().all(|m| !m.to.contains(&old.email)),
            "the old address got no code"
        );

        // The account's own (fast Argon2) settings, which differ from a stranger's defaults.
        let before = prelogin(app, &old.email).await;
        assert_eq!(
            before.json["kdfSettings"]["kdfType"],
            json!(1),
            "{}",
            before.text
        );
        let new = moved_to(&old, &new_address);
        let mut body = change_body(&old, &new, &code);
        body["newEmail"] = json!(sent);
        let r = session.post("/api/accounts/email", body).await;
        assert_eq!(r.status, 200, "{}", r.text);

        let r = session.get("/api/accounts/profile").await;
        assert_eq!(r.status, 401, "the old session ended: {}", r.text);
        let after = prelogin(app, &new_address).await;
        assert_eq!(after.status, 200, "{}", after.text);
        assert_eq!(after.json["kdfSettings"], before.json["kdfSettings"]);

        let moved = app
            .client
            .login(&new)
            .await
            .expect("the new address logs in");
        assert_eq!(moved.user_key, old.user_key, "same vault key");
        assert_eq!(moved.user_id, session.user_id, "same account");
        let r = moved.get("/api/accounts/profile").await;
        assert_eq!(r.json["email"], json!(new_address), "{}", r.text);
        assert_eq!(r.json["emailVerified"], json!(true));
        let r = app.client.login(&old).await.unwrap_err();
        assert_eq!(
            r.status, 400,
            "the old address no longer logs in: {}",
            r.text
        );

        // The code was for one use: the change rotated the stamp it was bound to.
        let again = moved_to(&old, &fresh_address("again"));
        let r = moved
            .post("/api/accounts/email", change_body(&new, &again, &code))
            .await;
        assert_refused(&r, "Invalid token.");
    }
);

with_world!(
    wrong_passwords_and_foreign_codes_are_refused,
    |w: World| async move {
        let app = &w.app;
        let (ann, ann_session) = app.user("ann").await;
        let (bob, bob_session) = app.user("bob").await;
        let wrong = moved_to(&ann, "whatever@example.com");

        let target = fresh_address("target");
        let r = request_code(&ann_session, &wrong, &target).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            r.json["validationErrors"]["MasterPasswordHash"][0], "Invalid password.",
            "{}",
            r.text
        );
        let r = request_code(&ann_session, &ann, "not-an-address").await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            r.json["validationErrors"]["NewEmail"][0].is_string(),
            "{}",
            r.text
        );
        let r = request_code(&ann_session, &ann, &ann.email).await;
        assert_eq!(r.status, 400, "the current address: {}", r.text);

        let r = request_code(&ann_session, &ann, &target).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let ann_code = mailed_code(&w, &target).await;
        let ann_new = moved_to(&ann, &target);

        // A wrong current password, with a good code.
        let mut body = change_body(&ann, &ann_new, &ann_code);
        body["masterPasswordHash"] = json!(wrong.master_password_hash);
        assert_refused(
            &ann_session.post("/api/accounts/email", body).await,
            "Incorrect password.",
        );
        // A made-up code, and Ann's code for another address.
        assert_refused(
            &ann_session
                .post("/api/accounts/email", change_body(&ann, &ann_new, "123456"))
                .await,
            "Invalid token.",
        );
        let elsewhere = moved_to(&ann, &fresh_address("elsewhere"));
        assert_refused(
            &ann_session
                .post(
                    "/api/accounts/email",
                    change_body(&ann, &elsewhere, &ann_code),
                )
                .await,
            "Invalid token.",
        );
        // Another account's code for the same address.
        let bob_new = moved_to(&bob, &target);
        assert_refused(
            &bob_session
                .post(
                    "/api/accounts/email",
                    change_body(&bob, &bob_new, &ann_code),
                )
                .await,
            "Invalid token.",
        );
        // A key that is not an encrypted string would lock the account out.
        let mut body = change_body(&ann, &ann_new, &ann_code);
        body["key"] = json!("not a key");
        let r = ann_session.post("/api/accounts/email", body).await;
        assert_eq!(r.status, 400, "{}", r.text);

        // Nothing changed meanwhile; the genuine request still works.
        let r = ann_session
            .post(
                "/api/accounts/email",
                change_body(&ann, &ann_new, &ann_code),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        app.client.login(&ann_new).await.expect("moved");
    }
);

with_world!(
    a_taken_address_is_refused_without_telling_the_requester,
    |w: World| async move {
        let app = &w.app;
        let (ann, ann_session) = app.user("ann").await;
        let (bob, _) = app.user("bob").await;

        // Bob's address: the same answer as a free one, and Bob is told instead of mailed a code.
        let r = request_code(&ann_session, &ann, &bob.email).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&bob.email).await;
        assert!(!mail.body.contains("Code: "), "{}", mail.body);
        assert!(mail.subject.contains("tried"), "{}", mail.subject);

        // A free address that someone registers between the code and the change.
        let target = fresh_address("raced");
        let r = request_code(&ann_session, &ann, &target).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let code = mailed_code(&w, &target).await;
        let squatter = AccountSecrets::new(&target, "another password here", ann.kdf);
        let r = app.client.register(&squatter).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = ann_session
            .post(
                "/api/accounts/email",
                change_body(&ann, &moved_to(&ann, &target), &code),
            )
            .await;
        assert_refused(&r, &format!("Email '{target}' is already taken."));
        app.client.login(&ann).await.expect("Ann keeps her address");
    }
);

with_world!(anonymous_callers_are_refused, |w: World| async move {
    for path in ["/api/accounts/email-token", "/api/accounts/email"] {
        let r = w
            .app
            .client
            .request(
                Method::POST,
                path,
                None,
                Some(json!({ "masterPasswordHash": "x", "newEmail": "a@example.com" })),
            )
            .await;
        assert_eq!(r.status, 401, "{path}: {}", r.text);
    }
});

both_databases!(without_mail_both_steps_refuse, |app: TestApp| async move {
    let (old, session) = app.user("nomail").await;
    let target = fresh_address("nomail-target");
    assert_refused(&request_code(&session, &old, &target).await, NO_MAIL);
    let new = moved_to(&old, &target);
    assert_refused(
        &session
            .post("/api/accounts/email", change_body(&old, &new, "x"))
            .await,
        NO_MAIL,
    );
    app.client.login(&old).await.expect("nothing changed");
});

with_world!(
    memberships_follow_the_account_and_old_invitations_do_not,
    |w: World| async move {
        use crate::member_support::{invite, join, org, Stage};
        let app = &w.app;
        let acme = org(app, 5).await;
        let (old, session, membership) =
            join(&w, &acme, "member", 2, Value::Null, Stage::Confirmed).await;
        // A second organization's invitation, still open, to the old address.
        let other = org(app, 5).await;
        let (invited, token) = invite(&w, &other, &old.email, 2, Value::Null).await;

        let target = fresh_address("member-moved");
        let r = request_code(&session, &old, &target).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let code = mailed_code(&w, &target).await;
        let new = moved_to(&old, &target);
        let r = session
            .post("/api/accounts/email", change_body(&old, &new, &code))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let moved = app.client.login(&new).await.expect("moved");

        // Still a confirmed member (rows refer to the account, not the address).
        let r = moved.get("/api/sync?excludeDomains=true").await;
        assert_eq!(r.status, 200, "{}", r.text);
        let orgs = r.json["profile"]["organizations"].as_array().unwrap();
        assert!(
            orgs.iter()
                .any(|o| o["id"] == json!(acme.id) && o["status"] == 2),
            "{orgs:?}"
        );
        // The owner's member list shows the new address.
        let r = acme
            .owner
            .get(&format!("/api/organizations/{}/users", acme.id))
            .await;
        let row = r.json["data"]
            .as_array()
            .and_then(|rows| rows.iter().find(|m| m["id"] == json!(membership)))
            .unwrap_or_else(|| panic!("member listed: {}", r.text));
        assert_eq!(row["email"], json!(target), "{row}");

        // The invitation was for the old address: it no longer matches this account.
        let r = moved
            .post(
                &format!("/api/organizations/{}/users/{invited}/accept", other.id),
                json!({ "token": token }),
            )
            .await;
        assert_refused(&r, "User email does not match invite.");
    }
);
