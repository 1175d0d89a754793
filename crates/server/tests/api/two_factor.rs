//! Authenticator-app setup and two-step login: required signal, codes, replay, remember token,
//! recovery code, disabling.

use crate::both_databases;
use crate::flows::{enable_totp, message, now_secs, secret};
use crate::helpers::TestApp;
use bulwark_client::{totp_code, AccountSecrets, Client, Response, Session};
use serde_json::json;

async fn login_2fa(
    client: &Client,
    s: &AccountSecrets,
    provider: &str,
    token: &str,
    remember: &str,
) -> Result<Session, Response> {
    let extra = [
        ("twoFactorToken", token),
        ("twoFactorProvider", provider),
        ("twoFactorRemember", remember),
    ];
    client.login_with_extra(s, &extra).await
}

fn assert_two_factor_required(r: &Response) {
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json["TwoFactorProviders2"],
        json!({ "0": null }),
        "{}",
        r.text
    );
    assert_eq!(r.json["error"], "invalid_grant");
}

fn assert_invalid_code(r: &Response) {
    assert_eq!(r.status, 400, "{}", r.text);
    assert_eq!(
        r.json["ErrorModel"]["Message"],
        "Two-step token is invalid. Try again."
    );
}

/// A code that is certainly wrong: the right one with its first digit changed.
fn wrong_code(key: &str) -> String {
    let right = totp_code(key, now_secs());
    let first = (right.as_bytes()[0] - b'0' + 1) % 10;
    format!("{first}{}", &right[1..])
}

both_databases!(
    totp_login_requires_a_fresh_code,
    |app: TestApp| async move {
        let (s, session) = app.user("totp").await;
        let key = enable_totp(&session, &s).await;
        let profile = session.get("/api/accounts/profile").await;
        assert_eq!(profile.json["twoFactorEnabled"], true);
        let list = session.get("/api/two-factor").await;
        assert_eq!(
            list.json["data"],
            json!([{ "object": "twoFactorProvider", "enabled": true, "type": 0 }])
        );

        assert_two_factor_required(&app.client.login(&s).await.unwrap_err());
        assert_two_factor_required(
            &login_2fa(&app.client, &s, "zero", "123456", "0")
                .await
                .unwrap_err(),
        );
        assert_invalid_code(
            &app.client
                .login_with_totp(&s, &wrong_code(&key))
                .await
                .unwrap_err(),
        );
        assert_invalid_code(
            &login_2fa(&app.client, &s, "1", "123456", "0")
                .await
                .unwrap_err(),
        );

        let code = totp_code(&key, now_secs());
        let ok = app
            .client
            .login_with_totp(&s, &code)
            .await
            .expect("right code logs in");
        assert!(ok.token_response.get("TwoFactorToken").is_none());
        assert_invalid_code(&app.client.login_with_totp(&s, &code).await.unwrap_err());
        // The next time step is still inside the window and has not been used.
        app.client
            .login_with_totp(&s, &totp_code(&key, now_secs() + 30))
            .await
            .expect("next code logs in");
    }
);

both_databases!(
    remember_token_skips_the_code_on_that_device_only,
    |app: TestApp| async move {
        let (s, session) = app.user("remember").await;
        let key = enable_totp(&session, &s).await;
        let ok = login_2fa(&app.client, &s, "0", &totp_code(&key, now_secs()), "1")
            .await
            .expect("code logs in");
        let remember = ok.token_response["TwoFactorToken"]
            .as_str()
            .unwrap()
            .to_owned();

        let again = login_2fa(&app.client, &s, "5", &remember, "0")
            .await
            .expect("remembered");
        assert!(again.token_response.get("TwoFactorToken").is_none());
        let other_device = Client::new(&app.base_url);
        assert_two_factor_required(
            &login_2fa(&other_device, &s, "5", &remember, "0")
                .await
                .unwrap_err(),
        );
        assert_two_factor_required(
            &login_2fa(&app.client, &s, "5", "forged.token", "0")
                .await
                .unwrap_err(),
        );

        // A new security stamp forgets every remembered device.
        let r = again.post("/api/accounts/security-stamp", secret(&s)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_two_factor_required(
            &login_2fa(&app.client, &s, "5", &remember, "0")
                .await
                .unwrap_err(),
        );
    }
);

both_databases!(
    recovery_code_removes_two_step_login,
    |app: TestApp| async move {
        let (s, session) = app.user("recover").await;
        let r = session
            .post("/api/two-factor/get-recover", secret(&s))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.json["code"].is_null(), "no code before any setup");
        enable_totp(&session, &s).await;
        let r = session
            .post("/api/two-factor/get-recover", secret(&s))
            .await;
        assert_eq!(r.json["object"], "twoFactorRecover");
        let code = r.json["code"].as_str().unwrap().to_owned();
        assert_eq!(code.len(), 32);

        assert_invalid_code(
            &login_2fa(&app.client, &s, "8", "wrong code", "0")
                .await
                .unwrap_err(),
        );
        let typed = format!("{} {}", code[..16].to_uppercase(), &code[16..]);
        let ok = login_2fa(&app.client, &s, "8", &typed, "0")
            .await
            .expect("recovery code logs in");
        let profile = ok.get("/api/accounts/profile").await;
        assert_eq!(profile.json["twoFactorEnabled"], false);
        app.client
            .login(&s)
            .await
            .expect("no second factor any more");
        let r = ok.post("/api/two-factor/get-recover", secret(&s)).await;
        assert_ne!(
            r.json["code"].as_str().unwrap(),
            code,
            "the used code was replaced"
        );
    }
);

both_databases!(
    authenticator_setup_checks_its_proofs,
    |app: TestApp| async move {
        let (s, session) = app.user("setup").await;
        let r = session
            .post("/api/two-factor/get-authenticator", secret(&s))
            .await;
        let key = r.json["authenticator"]["key"].as_str().unwrap().to_owned();
        assert_eq!(r.json["key"], key, "top-level copy for old clients");
        assert_eq!(key.len(), 32);
        let token = r.json["userVerificationToken"].as_str().unwrap().to_owned();
        let code = totp_code(&key, now_secs());
        let put = |body| session.put("/api/two-factor/authenticator", body);

        let other_key = bulwark_client::generate_totp_secret();
        let r = put(json!({ "token": totp_code(&other_key, now_secs()), "key": other_key, "userVerificationToken": token })).await;
        assert_eq!(
            r.json["validationErrors"]["UserVerificationToken"][0], "User verification failed.",
            "{}",
            r.text
        );
        let r =
            put(json!({ "token": code, "key": key, "userVerificationToken": "1.forged" })).await;
        assert_eq!(
            r.json["validationErrors"]["UserVerificationToken"][0],
            "User verification failed."
        );
        let r =
            put(json!({ "token": wrong_code(&key), "key": key, "userVerificationToken": token }))
                .await;
        assert_eq!(
            r.json["validationErrors"]["Token"][0], "Invalid token.",
            "{}",
            r.text
        );
        let r = put(json!({ "token": code, "key": key, "masterPasswordHash": "d3Jvbmc=" })).await;
        assert_eq!(message(&r), "User verification failed.");
        let r = put(json!({ "token": code, "userVerificationToken": token })).await;
        assert_eq!(
            r.json["validationErrors"]["Key"][0],
            "The Key field is required."
        );

        // Legacy clients send the master password instead of the token.
        let r = session
            .post(
                "/api/two-factor/authenticator",
                json!({ "token": code, "key": key, "masterPasswordHash": s.master_password_hash }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "twoFactorAuthenticatorUpdate");
        let r = session
            .post("/api/two-factor/get-authenticator", secret(&s))
            .await;
        assert_eq!(
            r.json["authenticator"],
            json!({ "enabled": true, "key": key })
        );
        let token = r.json["userVerificationToken"].as_str().unwrap().to_owned();

        let r = session
            .delete(
                "/api/two-factor/authenticator",
                Some(json!({ "key": key, "userVerificationToken": "1.x" })),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session
            .delete(
                "/api/two-factor/authenticator",
                Some(json!({ "key": key, "userVerificationToken": token })),
            )
            .await;
        assert_eq!(r.status, 204, "{}", r.text);
        app.client.login(&s).await.expect("2FA is off");

        enable_totp(&session, &s).await;
        let r = session
            .post(
                "/api/two-factor/disable",
                json!({ "type": 0, "masterPasswordHash": "d3Jvbmc=" }),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session
            .put(
                "/api/two-factor/disable",
                json!({ "type": 0, "masterPasswordHash": s.master_password_hash }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.json,
            json!({ "object": "twoFactorProvider", "enabled": false, "type": 0 })
        );
        app.client.login(&s).await.expect("2FA is off again");
        let r = session
            .get("/api/two-factor/get-device-verification-settings")
            .await;
        assert_eq!(r.json["unknownDeviceVerificationEnabled"], false);
    }
);
