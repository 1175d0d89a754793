//! The operator side of providers: the `/admin` API behind its token hash, the setup
//! invitation mail, and the `bulwark admin` CLI on a real data dir.

use crate::helpers::Db;
use crate::on_both;
use crate::org_support::create_org;
use crate::provider_operator_support::{spawn, OpApp, ADMIN_TOKEN};
use bulwark_client::Method;
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::{OrgId, ProviderId, ProviderOrgId, UserId};
use bulwark_server::config::{Config, FileConfig, Overrides};
use bulwark_server::services::provider_token;
use bulwark_store::provider_orgs::{self, ProviderOrgRow};
use bulwark_store::{organizations, provider_users, providers};
use bulwark_testkit::smtp_sink::SmtpSink;
use serde_json::{json, Value};
on_both!(without_a_hash_every_admin_route_is_404, |db| async move {
    let op = spawn(db, false, None).await;
    for (method, path) in [
        (Method::GET, "/admin/providers"),
        (Method::POST, "/admin/providers"),
        (Method::GET, "/admin/provider-applications?status=pending"),
    ] {
        let r = op.admin(method, path, Some(json!({}))).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text);
    }
});

on_both!(
    a_missing_or_wrong_token_is_401_in_bitwardens_shape,
    |db| async move {
        let op = spawn(db, true, None).await;
        let (_, session) = op.app.user("notadmin").await;
        let c = &op.app.client;
        for bearer in [
            None,
            Some("wrong-token"),
            Some(""),
            Some(session.access_token.as_str()),
        ] {
            for (method, path) in [
                (Method::GET, "/admin/providers"),
                (Method::POST, "/admin/providers"),
                (
                    Method::DELETE,
                    "/admin/providers/00000000-0000-0000-0000-000000000000",
                ),
                (Method::GET, "/admin/provider-applications"),
            ] {
                let r = c.request(method, path, bearer, Some(json!({}))).await;
                assert_eq!(r.status, 401, "{path} with {bearer:?}: {}", r.text);
                assert_eq!(r.json["message"], "Unauthorized.", "{}", r.text);
                assert_eq!(r.json["object"], "error");
            }
        }
        // The right token passes.
        let r = op.admin(Method::GET, "/admin/providers", None).await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
);

async fn verify_setup(
    op: &OpApp,
    provider: ProviderId,
    email: &str,
    token: &str,
) -> Result<(), provider_token::TokenError> {
    let mut conn = op.state.store.conn().await.unwrap();
    let user = bulwark_store::users::find_by_email(&mut conn, email)
        .await
        .unwrap()
        .unwrap();
    let row = provider_users::find_by_user(&mut conn, provider, user.id)
        .await
        .unwrap()
        .unwrap();
    provider_token::verify_setup(
        &op.state.jwt.derive_key(provider_token::KEY_PURPOSE),
        token,
        provider,
        row.id,
        email,
        row.invite_token_hash.as_deref(),
        bulwark_domain::time::now_micros() / 1_000_000,
    )
}

async fn provider_mail_flow(db: Db) {
    let sink = SmtpSink::start().await;
    let op = spawn(db, true, Some(&sink)).await;
    let (owner, _) = op.app.user("provider-owner").await;
    let id = op
        .create_ok(
            json!({"type": "msp", "ownerEmail": owner.email.to_uppercase(),
                          "teamsSeatMinimum": 10, "enterpriseSeatMinimum": 5}),
        )
        .await;

    // The setup mail carries the upstream link with a token `verify_setup` accepts.
    let first = sink.wait_for_count(&owner.email, 1).await.remove(0);
    assert!(
        first
            .body
            .contains("/#/providers/setup-provider?providerId="),
        "{}",
        first.body
    );
    assert_eq!(first.link_param("providerId"), Some(id.to_string()));
    assert_eq!(
        first.link_param("email").as_deref(),
        Some(owner.email.as_str())
    );
    let old_token = first.link_param("token").unwrap();
    assert_eq!(
        verify_setup(&op, id, &owner.email, &old_token).await,
        Ok(())
    );

    // Stored as the spec says: Pending MSP, owner a Confirmed Provider Admin without a key,
    // one line per contracted plan.
    let mut conn = op.state.store.conn().await.unwrap();
    let p = providers::find(&mut conn, id).await.unwrap();
    assert_eq!(
        (p.status, p.provider_type, p.enabled, p.name),
        (0, 0, 1, None)
    );
    let plans = providers::plans(&mut conn, id).await.unwrap();
    let plans: Vec<(i64, i64)> = plans
        .iter()
        .map(|l| (l.plan_type, l.seat_minimum))
        .collect();
    assert_eq!(plans, vec![(17, 10), (19, 5)]);
    let members = provider_users::list(&mut conn, id).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(
        members[0].member.user_type().unwrap(),
        ProviderUserType::ProviderAdmin
    );
    assert_eq!(
        members[0].member.status().unwrap(),
        ProviderUserStatus::Confirmed
    );
    assert!(members[0].member.provider_key.is_none());
    drop(conn);

    let listed = op.listed(id).await.unwrap();
    assert_eq!(listed["clientCount"], 0);
    assert_eq!(listed["adminCount"], 1);
    assert_eq!(listed["status"], 0);
    assert_eq!(listed["enabled"], true);

    // Re-sending replaces the token: the old link stops working, the new one works.
    let r = op
        .admin(
            Method::POST,
            &format!("/admin/providers/{id}/resend-setup"),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let second = sink.wait_for_count(&owner.email, 2).await.remove(1);
    let new_token = second.link_param("token").unwrap();
    assert_ne!(new_token, old_token);
    assert_eq!(
        verify_setup(&op, id, &owner.email, &new_token).await,
        Ok(())
    );
    assert_eq!(
        verify_setup(&op, id, &owner.email, &old_token).await,
        Err(provider_token::TokenError::Invalid)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_mail_and_resend_on_sqlite() {
    provider_mail_flow(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn setup_mail_and_resend_on_postgres() {
    provider_mail_flow(Db::Postgres).await;
}

on_both!(create_refuses_bad_input_with_400s, |db| async move {
    let op = spawn(db, true, None).await;
    let (owner, _) = op.app.user("owner").await;
    let cases = [
        json!({"type": "msp", "ownerEmail": "nobody"}),
        json!({"type": "bank", "ownerEmail": owner.email}),
        json!({"type": 7, "ownerEmail": owner.email}),
        json!({"type": "msp", "ownerEmail": owner.email, "teamsSeatMinimum": -1}),
        json!({"type": "business-unit", "ownerEmail": owner.email, "teamsSeatMinimum": 5}),
        json!({"type": "msp", "ownerEmail": owner.email, "name": "x".repeat(51)}),
        json!({"ownerEmail": owner.email}),
        json!({"type": "msp", "ownerEmail": owner.email, "name": "Nul\u{0}MSP"}),
        json!({"type": "msp", "ownerEmail": owner.email, "businessName": "\u{0}"}),
    ];
    for body in cases {
        let r = op.create(body.clone()).await;
        assert_eq!(r.status, 400, "{body}: {}", r.text);
    }
    let r = op.admin(Method::GET, "/admin/providers", None).await;
    assert_eq!(r.json["data"], json!([]), "nothing was made: {}", r.text);
    let long = "x".repeat(300) + "@example.com";
    for owner_email in ["not an address", "", "a@", long.as_str()] {
        let r = op
            .create(json!({"type": "msp", "ownerEmail": owner_email}))
            .await;
        assert_eq!(r.status, 400, "{owner_email}: {}", r.text);
        assert_eq!(
            r.json["validationErrors"]["OwnerEmail"][0], "The owner's e-mail address is not valid.",
            "{}",
            r.text
        );
    }
    let r = op.admin(Method::GET, "/admin/providers", None).await;
    assert_eq!(r.json["data"], json!([]), "nothing was made: {}", r.text);
    // An address without an account is fine: its owner registers from the setup link.
    let r = op
        .create(json!({"type": "msp", "ownerEmail": "nobody@example.com"}))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    // Unknown or malformed provider ids are 404 on every provider route.
    for path in ["00000000-0000-0000-0000-000000000000", "not-a-uuid"] {
        for action in ["resend-setup", "disable", "enable"] {
            let r = op
                .admin(
                    Method::POST,
                    &format!("/admin/providers/{path}/{action}"),
                    None,
                )
                .await;
            assert_eq!(r.status, 404, "{action} {path}: {}", r.text);
        }
        let r = op
            .admin(Method::DELETE, &format!("/admin/providers/{path}"), None)
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
    }
    // Nothing was created by the refusals: only the provider for the new address.
    let r = op.admin(Method::GET, "/admin/providers", None).await;
    assert_eq!(r.json["data"].as_array().unwrap().len(), 1, "{}", r.text);
});

on_both!(
    disable_enable_and_delete_follow_the_clients,
    |db| async move {
        let op = spawn(db, true, None).await;
        let (owner, session) = op.app.user("owner").await;
        let bu = op
            .create_ok(
                json!({"type": "business-unit", "ownerEmail": owner.email, "name": "Unit A"}),
            )
            .await;
        let reseller = op
            .create_ok(json!({"type": "reseller", "ownerEmail": owner.email}))
            .await;
        let listed = op.listed(bu).await.unwrap();
        assert_eq!(listed["businessName"], "Unit A");
        assert_eq!(listed["name"], Value::Null, "the owner names it at setup");
        assert_eq!(listed["type"], 2);

        // Link a client org to the business unit through the store.
        // Owned by someone outside the provider, so only the client bump reaches them.
        let (client_owner, client_session) = op.app.user("clientowner").await;
        let org = create_org(&client_session, &client_owner, "Client").await;
        let org_id: OrgId = org.id.parse().unwrap();
        let mut conn = op.state.store.conn().await.unwrap();
        provider_orgs::insert(
            &mut conn,
            &ProviderOrgRow {
                id: ProviderOrgId::new(),
                provider_id: bu,
                org_id,
                org_key: Some("2.a|b|c".into()),
                creation_date: 1,
                revision_date: 1,
            },
        )
        .await
        .unwrap();
        drop(conn);
        assert_eq!(op.listed(bu).await.unwrap()["clientCount"], 1);

        let org_enabled = || async {
            let mut conn = op.state.store.conn().await.unwrap();
            organizations::find(&mut conn, org_id)
                .await
                .unwrap()
                .enabled
        };
        let revision = || async {
            client_session
                .get("/api/accounts/revision-date")
                .await
                .json
                .as_i64()
                .unwrap()
        };
        let before = revision().await;
        let r = op
            .admin(
                Method::POST,
                &format!("/admin/providers/{bu}/disable"),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(
            revision().await > before,
            "the client's members re-sync after the provider is disabled"
        );
        assert_eq!(op.listed(bu).await.unwrap()["enabled"], false);
        assert_eq!(org_enabled().await, 0, "the client org is disabled with it");
        // Its members' clients see it disabled at their next sync, and its items stay away.
        let sync = client_session.get("/api/sync").await;
        let entry = &sync.json["profile"]["organizations"][0];
        assert_eq!(
            (entry["id"].as_str(), entry["enabled"].clone()),
            (Some(org.id.as_str()), json!(false)),
            "{}",
            sync.text
        );
        assert_eq!(op.listed(reseller).await.unwrap()["enabled"], true);
        let r = op
            .admin(Method::POST, &format!("/admin/providers/{bu}/enable"), None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(op.listed(bu).await.unwrap()["enabled"], true);
        assert_eq!(org_enabled().await, 1);
        let sync = client_session.get("/api/sync").await;
        assert_eq!(sync.json["profile"]["organizations"][0]["enabled"], true);

        // Delete is refused while a client is linked, and leaves everything in place.
        let r = op
            .admin(Method::DELETE, &format!("/admin/providers/{bu}"), None)
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            r.json["message"]
                .as_str()
                .unwrap()
                .contains("client organizations"),
            "{}",
            r.text
        );
        assert!(op.listed(bu).await.is_some());
        // A provider without clients goes, with its members.
        let r = op
            .admin(
                Method::DELETE,
                &format!("/admin/providers/{reseller}"),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(op.listed(reseller).await.is_none());
        let mut conn = op.state.store.conn().await.unwrap();
        let owner_id: UserId = session.user_id.parse().unwrap();
        assert!(provider_users::find_by_user(&mut conn, reseller, owner_id)
            .await
            .unwrap()
            .is_none());

        // Once set up, there is no setup invitation to resend.
        providers::transition_status(&mut conn, bu, 0, 2, 2)
            .await
            .unwrap();
        drop(conn);
        let r = op
            .admin(
                Method::POST,
                &format!("/admin/providers/{bu}/resend-setup"),
                None,
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
    }
);

/// `bulwark admin provider create` and `list` on the data dir a running server uses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_creates_and_lists_providers_on_the_configured_database() {
    let op = spawn(Db::Sqlite, false, None).await;
    let (owner, _) = op.app.user("cli-owner").await;
    let data_dir = op.app.data_dir.path();
    let url = format!("sqlite://{}", data_dir.join("test.sqlite3").display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulwark"))
            .args(["admin", "provider"])
            .args(args)
            .args([
                "--data-dir",
                data_dir.to_str().unwrap(),
                "--database-url",
                &url,
            ])
            .env_remove("BULWARK_CONFIG")
            .env_remove("BULWARK_DATABASE_URL")
            .env_remove("BULWARK_SMTP_HOST")
            .env("BULWARK_LOG", "info,sqlx=warn")
            .output()
            .expect("run bulwark");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = run(&[
        "create",
        "--type",
        "msp",
        "--owner-email",
        &owner.email,
        "--name",
        "CLI MSP",
        "--teams-seat-minimum",
        "3",
    ]);
    assert!(ok, "{stderr}");
    let id: ProviderId = stdout.trim().parse().expect("the new id alone on stdout");
    // Without SMTP the setup link is logged (stderr for admin commands) with the provider id,
    // the owner's provider user id, the e-mail and the token.
    let mut conn = op.state.store.conn().await.unwrap();
    let owner_row = provider_users::list(&mut conn, id).await.unwrap().remove(0);
    drop(conn);
    let logged = stderr
        .lines()
        .find(|l| l.contains("/#/providers/setup-provider?"))
        .unwrap_or_else(|| panic!("no logged link: {stderr}"));
    assert!(logged.contains(&format!("providerId={id}")), "{logged}");
    assert!(
        logged.contains(&format!("providerUserId={}", owner_row.member.id)),
        "{logged}"
    );
    let encoded: String = url::form_urlencoded::byte_serialize(owner.email.as_bytes()).collect();
    assert!(logged.contains(&format!("email={encoded}")), "{logged}");
    assert!(logged.contains("token="), "{logged}");
    let (ok, stdout, stderr) = run(&["list"]);
    assert!(ok, "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with(&id.to_string()))
        .unwrap_or_else(|| panic!("{id} not listed: {stdout}"));
    assert!(line.contains("CLI MSP"), "{line}");
    // The server sees it too.
    let mut conn = op.state.store.conn().await.unwrap();
    assert_eq!(
        providers::find(&mut conn, id).await.unwrap().provider_type,
        0
    );
    // A clear refusal for an owner address that is not one.
    let (ok, _, stderr) = run(&["create", "--type", "msp", "--owner-email", "nobody"]);
    assert!(!ok);
    assert!(stderr.contains("e-mail address is not valid"), "{stderr}");
    let (ok, _, stderr) = run(&["create", "--type", "bank", "--owner-email", &owner.email]);
    assert!(!ok);
    assert!(
        stderr.contains("msp, reseller or business-unit"),
        "{stderr}"
    );
}

/// `bulwark admin hash-token` prints a hash the config accepts and that verifies the token.
#[test]
fn hash_token_prints_an_argon2id_hash_of_stdin() {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_bulwark"))
        .args(["admin", "hash-token"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{ADMIN_TOKEN}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let hash = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let parsed = PasswordHash::new(&hash).unwrap();
    assert!(argon2::Argon2::default()
        .verify_password(ADMIN_TOKEN.as_bytes(), &parsed)
        .is_ok());
    let config = Config::resolve(
        FileConfig {
            admin_token_hash: Some(hash),
            ..FileConfig::default()
        },
        Overrides::default(),
    );
    assert!(config.is_ok());
}
