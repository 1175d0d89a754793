//! The operator creates a provider with the real `bulwark admin provider create` command on
//! the app's own database; its owner gets the setup link by mail and sets the provider up
//! through the API with a provider key wrapped for themselves.

use crate::flows::message;
use crate::helpers::{fast_kdf, spawn_app_with, with_smtp, Options};
use crate::member_support::{user_with_own_keys, World};
use crate::{on_both, with_world};
use bulwark_client::{register_finish_body, AccountSecrets, Method, RsaKeyPair, SymmetricKey};
use bulwark_server::config::FileConfig;
use bulwark_testkit::smtp_sink::SmtpSink;
use serde_json::json;

fn admin_command(w: &World, args: &[&str]) -> std::process::Output {
    let port = w.sink.port.to_string();
    std::process::Command::new(env!("CARGO_BIN_EXE_bulwark"))
        .arg("admin")
        .args(["--data-dir", &w.app.data_dir.path().display().to_string()])
        .args(["--database-url", &w.app.database_url])
        .args(["--public-url", &w.app.base_url])
        .args([
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-security",
            "off",
        ])
        .args(["--smtp-from", SmtpSink::FROM])
        .args(args)
        .output()
        .expect("run bulwark admin")
}

with_world!(
    the_operator_creates_a_provider_and_its_owner_sets_it_up,
    |w: World| async move {
        let (owner, session) = user_with_own_keys(&w.app, "founder").await;
        let out = admin_command(
            &w,
            &[
                "provider",
                "create",
                "--type",
                "bank",
                "--owner-email",
                &owner.email,
            ],
        );
        assert!(!out.status.success(), "unknown type refused");
        let out = admin_command(
            &w,
            &[
                "provider",
                "create",
                "--type",
                "msp",
                "--owner-email",
                "not an address",
            ],
        );
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("e-mail address is not valid"));
        let out = admin_command(
            &w,
            &[
                "provider",
                "create",
                "--type",
                "msp",
                "--owner-email",
                &owner.email,
                "--teams-seat-minimum",
                "25",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");

        let mail = w.sink.wait_for(&owner.email).await;
        assert_eq!(mail.link_param("providerId").as_deref(), Some(id.as_str()));
        let token = mail.link_param("token").unwrap();

        // Pending: reachable for setup, hidden from sync.
        let r = session.get(&format!("/api/providers/{id}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], serde_json::Value::Null);
        assert_eq!(
            session.get("/api/sync").await.json["profile"]["providers"],
            json!([])
        );

        let key = SymmetricKey::random();
        let body = |t: &str| {
            json!({
                "name": "Founder MSP", "businessName": "Founder", "billingEmail": "bills@founder.example",
                "token": t, "key": owner.keypair.wrap(&key.to_bytes()),
                "paymentMethod": {"type": "card", "token": "ignored"},
                "billingAddress": {"country": "US", "postalCode": "12345"},
            })
        };
        let r = session
            .post(&format!("/api/providers/{id}/setup"), body("forged"))
            .await;
        assert_eq!(message(&r), "Invalid token.");
        let (_, stranger) = w.app.user("stranger").await;
        let r = stranger
            .post(&format!("/api/providers/{id}/setup"), body(&token))
            .await;
        assert_eq!(r.status, 404);
        let r = session
            .post(&format!("/api/providers/{id}/setup"), body(&token))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Founder MSP");
        let r = session
            .post(&format!("/api/providers/{id}/setup"), body(&token))
            .await;
        assert_eq!(message(&r), "Provider is already setup.");

        let sync = session.get("/api/sync").await;
        let entry = &sync.json["profile"]["providers"][0];
        assert_eq!(entry["name"], "Founder MSP");
        assert_eq!(entry["providerStatus"], 2);
        assert_eq!(
            owner
                .keypair
                .unwrap(entry["key"].as_str().unwrap())
                .unwrap(),
            key.to_bytes().to_vec()
        );

        let out = admin_command(&w, &["provider", "list"]);
        let listing = String::from_utf8(out.stdout).unwrap();
        assert!(
            listing.contains(&id) && listing.contains("Founder MSP"),
            "{listing}"
        );
    }
);

on_both!(
    an_owner_without_an_account_registers_from_the_setup_link,
    |db| async move {
        // Signups are closed: the setup link is what lets the new owner in.
        let sink = SmtpSink::start().await;
        let options = Options {
            file: with_smtp(&sink, FileConfig::default()),
            signups_allowed: false,
        };
        let w = World {
            app: spawn_app_with(db, options).await,
            sink,
        };
        let email = format!("newowner-{}@example.com", uuid::Uuid::new_v4().simple());
        let secrets = AccountSecrets::with_keypair(
            &email,
            "correct horse battery staple",
            fast_kdf(),
            RsaKeyPair::generate(),
        );
        let create = [
            "provider",
            "create",
            "--type",
            "msp",
            "--owner-email",
            email.as_str(),
        ];
        let out = admin_command(&w, &create);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
        // A re-sent link replaces the first, for an owner without an account too.
        let out = admin_command(&w, &["provider", "resend-setup", &id]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mails = w.sink.wait_for_count(&email, 2).await;
        let old_token = mails[0].link_param("token").unwrap();
        let token = mails[1].link_param("token").unwrap();
        let owner_row = mails[1].link_param("providerUserId").unwrap();
        assert_ne!(old_token, token);

        let finish = |t: &str, address: &str| {
            let mut body = register_finish_body(&secrets, "");
            body["emailVerificationToken"] = json!(null);
            body["email"] = json!(address);
            body["providerInviteToken"] = json!(t);
            body["providerUserId"] = json!(owner_row);
            body
        };
        let post = |body| {
            w.app.client.request(
                Method::POST,
                "/identity/accounts/register/finish",
                None,
                Some(body),
            )
        };
        let r = w.app.client.register(&secrets).await;
        assert_eq!(r.status, 400, "signups are closed: {}", r.text);
        for (t, address) in [
            ("forged", email.as_str()),
            (old_token.as_str(), email.as_str()),
            (token.as_str(), "someone-else@example.com"),
        ] {
            let r = post(finish(t, address)).await;
            assert_eq!(message(&r), "Invalid provider invitation.", "{t} {address}");
        }
        let r = post(finish(&token, &email)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let session = w.app.client.login(&secrets).await.expect("login");

        let key = SymmetricKey::random();
        let body = |t: &str| {
            json!({
                "name": "Newcomer MSP", "billingEmail": email, "token": t,
                "key": secrets.keypair.wrap(&key.to_bytes()),
            })
        };
        // Another account holding the token claims nothing (the owner of another provider,
        // registered from its own link); nor does the owner with a forged or superseded
        // token: the provider stays out of their reach.
        let stranger = owner_from_setup_link(&w, "stranger").await;
        let r = stranger
            .post(&format!("/api/providers/{id}/setup"), body(&token))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        for t in ["forged", old_token.as_str()] {
            let r = session
                .post(&format!("/api/providers/{id}/setup"), body(t))
                .await;
            assert_eq!(r.status, 404, "{t}: {}", r.text);
        }
        let r = session
            .post(&format!("/api/providers/{id}/setup"), body(&token))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Newcomer MSP");

        let sync = session.get("/api/sync").await;
        let entry = &sync.json["profile"]["providers"][0];
        assert_eq!(entry["id"], id.as_str());
        assert_eq!(entry["type"], 0, "a Provider Admin");
        assert_eq!(entry["status"], 2, "Confirmed");
        assert_eq!(
            secrets
                .keypair
                .unwrap(entry["key"].as_str().unwrap())
                .unwrap(),
            key.to_bytes().to_vec()
        );
        // The link is used up: it registers nobody else now.
        let r = post(finish(&token, &email)).await;
        assert_eq!(r.status, 400, "{}", r.text);
    }
);

/// A new account registered from the setup link of a provider made for it (signups closed).
async fn owner_from_setup_link(w: &World, prefix: &str) -> bulwark_client::Session {
    let email = format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple());
    let secrets = AccountSecrets::new(&email, "correct horse battery staple", fast_kdf());
    let out = admin_command(
        w,
        &[
            "provider",
            "create",
            "--type",
            "msp",
            "--owner-email",
            &email,
        ],
    );
    assert!(out.status.success());
    let mail = w.sink.wait_for(&email).await;
    let mut body = register_finish_body(&secrets, "");
    body["emailVerificationToken"] = json!(null);
    body["providerInviteToken"] = json!(mail.link_param("token"));
    body["providerUserId"] = json!(mail.link_param("providerUserId"));
    let r = w
        .app
        .client
        .request(
            Method::POST,
            "/identity/accounts/register/finish",
            None,
            Some(body),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    w.app.client.login(&secrets).await.expect("login")
}
