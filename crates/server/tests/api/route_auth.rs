//! Every route of the account, device, two-step and domain areas: anonymous calls get 401, and
//! malformed, mistyped or incomplete bodies get a 4xx, never a 500.

use crate::both_databases;
use crate::helpers::TestApp;
use bulwark_client::Method;

const FAKE_ID: &str = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

/// (method, path, whether the handler reads a JSON body).
fn protected_routes() -> Vec<(Method, String, bool)> {
    let p = |m: Method, path: &str, json: bool| (m, path.replace("{id}", FAKE_ID), json);
    vec![
        p(Method::POST, "/api/accounts/password", true),
        p(Method::POST, "/api/accounts/kdf", true),
        p(Method::POST, "/api/accounts/security-stamp", true),
        p(Method::POST, "/api/accounts/verify-password", true),
        p(Method::DELETE, "/api/accounts", true),
        p(Method::POST, "/api/accounts/delete", true),
        p(Method::POST, "/api/accounts/api-key", true),
        p(Method::POST, "/api/accounts/rotate-api-key", true),
        p(Method::GET, "/api/devices", false),
        p(Method::GET, "/api/devices/{id}", false),
        p(Method::GET, "/api/devices/identifier/some-device", false),
        p(Method::DELETE, "/api/devices/{id}", false),
        p(Method::POST, "/api/devices/{id}/deactivate", false),
        p(
            Method::PUT,
            "/api/devices/identifier/some-device/token",
            true,
        ),
        p(Method::GET, "/api/two-factor", false),
        p(Method::POST, "/api/two-factor/get-authenticator", true),
        p(Method::PUT, "/api/two-factor/authenticator", true),
        p(Method::POST, "/api/two-factor/authenticator", true),
        p(Method::DELETE, "/api/two-factor/authenticator", true),
        p(Method::POST, "/api/two-factor/get-recover", true),
        p(Method::POST, "/api/two-factor/disable", true),
        p(Method::PUT, "/api/two-factor/disable", true),
        p(
            Method::GET,
            "/api/two-factor/get-device-verification-settings",
            false,
        ),
        p(
            Method::PUT,
            "/api/two-factor/device-verification-settings",
            false,
        ),
        p(Method::GET, "/api/settings/domains", false),
        p(Method::PUT, "/api/settings/domains", true),
        p(Method::POST, "/api/settings/domains", true),
    ]
}

const BAD_BODIES: [&[u8]; 7] = [
    b"{",
    b"",
    b"[]",
    b"null",
    b"{}",
    br#"{"masterPasswordHash": 5, "type": "x", "token": [], "key": {}, "pushToken": 7,
        "equivalentDomains": "x", "authenticationData": 3, "unlockData": [],
        "userVerificationToken": false, "excludedGlobalEquivalentDomains": ["a"]}"#,
    br#"{"masterPasswordHash": "", "authenticationData": {"kdf": {}}, "type": 99999999999999999999}"#,
];

both_databases!(anonymous_calls_are_refused, |app: TestApp| async move {
    for (method, path, _) in protected_routes() {
        let r = app
            .client
            .raw_body(
                method.clone(),
                &path,
                None,
                "application/json",
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text);
        let r = app
            .client
            .raw_body(
                method.clone(),
                &path,
                Some("not.a.jwt"),
                "application/json",
                b"{}".to_vec(),
            )
            .await;
        assert_eq!(r.status, 401, "{method} {path} with a forged token");
    }
});

both_databases!(
    bad_bodies_never_cause_a_server_error,
    |app: TestApp| async move {
        let (secrets, session) = app.user("fuzz").await;
        for (method, path, json) in protected_routes() {
            for body in BAD_BODIES {
                let r = session
                    .client
                    .raw_body(
                        method.clone(),
                        &path,
                        Some(&session.access_token),
                        "application/json",
                        body.to_vec(),
                    )
                    .await;
                let shown = String::from_utf8_lossy(body);
                assert!(
                    r.status < 500,
                    "{method} {path} {shown}: {} {}",
                    r.status,
                    r.text
                );
                if json && body == b"{" {
                    assert_eq!(r.status, 400, "{method} {path} {shown}: {}", r.text);
                    assert_eq!(r.json["object"], "error", "{}", r.text);
                }
            }
        }
        // Nothing above may have changed the account: the original credentials still work.
        app.client.login(&secrets).await.expect("account intact");
    }
);

both_databases!(
    anonymous_routes_take_anything_calmly,
    |app: TestApp| async move {
        let post = |path: &'static str, body: &'static [u8]| {
            app.client
                .raw_body(Method::POST, path, None, "application/json", body.to_vec())
        };
        let r = post(
            "/api/accounts/password-hint",
            br#"{"email":"nobody@example.com"}"#,
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.text, "");
        let (s, _) = app.user("hint").await;
        let body = serde_json::json!({ "email": s.email }).to_string();
        let r = app
            .client
            .raw_body(
                Method::POST,
                "/api/accounts/password-hint",
                None,
                "application/json",
                body.into_bytes(),
            )
            .await;
        assert_eq!(
            (r.status, r.text.as_str()),
            (200, ""),
            "same answer for a real account"
        );
        for body in BAD_BODIES {
            let r = post("/api/accounts/password-hint", body).await;
            assert!(r.status < 500, "{}", r.text);
        }
        let r = app
            .client
            .raw_body(
                Method::PUT,
                "/api/devices/identifier/x/clear-token",
                None,
                "application/json",
                Vec::new(),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        for form in [
            &b"grant_type=password"[..],
            b"%%%",
            b"grant_type=refresh_token",
            b"grant_type=client_credentials&client_id=user.x",
        ] {
            let r = app
                .client
                .raw_body(
                    Method::POST,
                    "/identity/connect/token",
                    None,
                    "application/x-www-form-urlencoded",
                    form.to_vec(),
                )
                .await;
            assert_eq!(r.status, 400, "{}", r.text);
        }
    }
);
