//! The operator creates a provider with the real `bulwark admin provider create` command on
//! the app's own database; its owner gets the setup link by mail and sets the provider up
//! through the API with a provider key wrapped for themselves.

use crate::flows::message;
use crate::member_support::{user_with_own_keys, World};
use crate::with_world;
use bulwark_client::SymmetricKey;
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
                "ghost@example.com",
            ],
        );
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("existing Bitwarden user"));
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
