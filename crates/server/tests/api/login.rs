//! Prelogin, registration errors, the password grant's failures and throttling, and refresh.

use crate::flows::{message, refresh_with};
use crate::helpers::{new_secrets, Options, TestApp};
use crate::{both_databases, both_databases_with};
use bulwark_client::{register_finish_body, Method, Response};
use bulwark_server::config::FileConfig;
use serde_json::{json, Value};

async fn prelogin(app: &TestApp, email: &str) -> Response {
    let body = json!({ "email": email });
    app.client
        .request(
            Method::POST,
            "/identity/accounts/prelogin",
            None,
            Some(body),
        )
        .await
}

both_databases!(
    prelogin_answers_defaults_or_the_accounts_settings,
    |app: TestApp| async move {
        let r = prelogin(&app, "Nobody@Example.com").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["kdf"], 0);
        assert_eq!(r.json["kdfIterations"], 600_000);
        assert_eq!(r.json["kdfSettings"]["iterations"], 600_000);
        assert_eq!(r.json["salt"], "nobody@example.com");

        let (secrets, _) = app.user("argon").await;
        let r = prelogin(&app, &secrets.email.to_uppercase()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["kdf"], 1);
        assert_eq!(r.json["kdfIterations"], 2);
        assert_eq!(r.json["kdfMemory"], 16);
        assert_eq!(r.json["kdfParallelism"], 1);
        assert_eq!(r.json["kdfSettings"]["kdfType"], 1);
        assert_eq!(r.json["kdfSettings"]["memory"], 16);
        assert_eq!(r.json["salt"], secrets.email.to_lowercase());
    }
);

/// Step 1 of registration for `email`, returning the token.
async fn registration_token(app: &TestApp, email: &str) -> String {
    let r = app.client.send_verification_email(email, "x").await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.as_str().unwrap().to_owned()
}

async fn finish(app: &TestApp, body: Value) -> Response {
    app.client
        .request(
            Method::POST,
            "/identity/accounts/register/finish",
            None,
            Some(body),
        )
        .await
}

both_databases!(
    registration_refuses_bad_requests,
    |app: TestApp| async move {
        let secrets = new_secrets("reg");
        let token = registration_token(&app, &secrets.email).await;
        let good = register_finish_body(&secrets, &token);

        let cases: Vec<(&str, Value, &str)> = vec![
            ("kdfIterations", json!(5000), "iterations must be between"),
            ("kdfMemory", json!(8), "Argon2 memory must be between"),
            ("kdf", json!(0), "KDF iterations must be between"),
            (
                "userAsymmetricKeys",
                Value::Null,
                "PublicKey and WrappedPrivateKey not found",
            ),
            (
                "userSymmetricKey",
                json!("not an enc string"),
                "not a valid encrypted string",
            ),
            (
                "emailVerificationToken",
                json!("forged.token"),
                "Invalid email verification token.",
            ),
            (
                "emailVerificationToken",
                Value::Null,
                "No valid registration token provided",
            ),
        ];
        for (field, value, expected) in cases {
            let mut body = good.clone();
            body[field] = value;
            if field == "kdf" {
                body["kdfIterations"] = json!(2);
            }
            let r = finish(&app, body).await;
            assert_eq!(r.status, 400, "{field}: {}", r.text);
            assert!(message(&r).contains(expected), "{field}: {}", r.text);
        }

        let r = finish(&app, good.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = app
            .client
            .send_verification_email(&secrets.email, "x")
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(message(&r).contains("already taken"), "{}", r.text);
        let r = finish(&app, good).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(message(&r).contains("already taken"), "{}", r.text);
    }
);

both_databases_with!(
    registration_can_be_disabled,
    Options {
        signups_allowed: false,
        ..Options::default()
    },
    |app: TestApp| async move {
        let secrets = new_secrets("closed");
        let r = app.client.register(&secrets).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "Open registration has been disabled by the system administrator."
        );
    }
);

fn assert_bad_credentials(r: &Response) {
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json["error"], "invalid_grant", "{}", r.text);
    assert_eq!(
        r.json["ErrorModel"]["Message"],
        "Username or password is incorrect. Try again."
    );
}

both_databases!(
    wrong_password_and_unknown_user_look_the_same,
    |app: TestApp| async move {
        let (secrets, _) = app.user("wrong").await;
        let wrong = secrets.with_new_master_password("not the password", secrets.kdf);
        assert_bad_credentials(&app.client.login(&wrong).await.unwrap_err());
        let stranger = new_secrets("stranger");
        assert_bad_credentials(&app.client.login(&stranger).await.unwrap_err());
    }
);

both_databases_with!(
    failed_logins_are_throttled_per_account,
    Options {
        file: FileConfig {
            login_failures_per_account: Some(3),
            ..FileConfig::default()
        },
        ..Options::default()
    },
    |app: TestApp| async move {
        let (secrets, _) = app.user("throttle").await;
        let (other, _) = app.user("bystander").await;
        let wrong = secrets.with_new_master_password("guess", secrets.kdf);
        for _ in 0..3 {
            assert_bad_credentials(&app.client.login(&wrong).await.unwrap_err());
        }
        let r = app.client.login(&wrong).await.unwrap_err();
        assert_eq!(r.status, 429, "{}", r.text);
        // The right password is refused too until the window passes: that is the point.
        let r = app.client.login(&secrets).await.unwrap_err();
        assert_eq!(r.status, 429, "{}", r.text);
        assert!(!message(&r).is_empty());
        // Other accounts are not affected.
        app.client
            .login(&other)
            .await
            .expect("other account logs in");
    }
);

both_databases!(refresh_tokens_are_single_use, |app: TestApp| async move {
    let (_, mut session) = app.user("refresh").await;
    let first = session.refresh_token.clone().unwrap();
    let r = session.refresh().await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json["access_token"].is_string());
    let second = session.refresh_token.clone().unwrap();
    assert_ne!(first, second);
    let sync = session.get("/api/sync?excludeDomains=true").await;
    assert_eq!(sync.status, 200, "new access token works: {}", sync.text);

    let r = refresh_with(&session, &first).await;
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(r.json["error"], "invalid_grant");
    let r = refresh_with(&session, "made-up").await;
    assert_eq!(r.json["error"], "invalid_grant");
    assert_eq!(refresh_with(&session, &second).await.status, 200);
});

both_databases_with!(
    master_password_checks_share_the_accounts_failure_budget,
    Options {
        file: FileConfig {
            login_failures_per_account: Some(3),
            ..FileConfig::default()
        },
        ..Options::default()
    },
    |app: TestApp| async move {
        let (secrets, session) = app.user("budget").await;
        let wrong = crate::flows::wrong_secret();
        let r = session
            .post("/api/accounts/verify-password", wrong.clone())
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session
            .post("/api/two-factor/get-authenticator", wrong.clone())
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session.post("/api/accounts/api-key", wrong.clone()).await;
        assert_eq!(r.status, 400, "{}", r.text);
        // The budget is spent: even the right secret is refused, on every route and at login.
        let right = crate::flows::secret(&secrets);
        for path in [
            "/api/accounts/verify-password",
            "/api/accounts/security-stamp",
            "/api/accounts/delete",
        ] {
            let r = session.post(path, right.clone()).await;
            assert_eq!(r.status, 429, "{path}: {}", r.text);
            assert_eq!(r.json["object"], "error");
            assert!(message(&r).contains("Try again later"), "{}", r.text);
        }
        let r = app.client.login(&secrets).await.unwrap_err();
        assert_eq!(r.status, 429, "{}", r.text);
        assert_eq!(
            session.get("/api/accounts/profile").await.status,
            200,
            "account untouched"
        );
    }
);
