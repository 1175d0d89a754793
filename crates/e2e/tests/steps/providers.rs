//! The Provider Portal's promise, checked with the official CLI: a Service User of a provider
//! logs in and syncs, and reaches a client org they are no member of, through the provider key
//! chain (provider key RSA-wrapped for them, org key wrapped with the provider key):
//! `bw get organization`, `bw list org-collections` (names decrypted by the CLI) and
//! `bw list org-members`. An admin of another provider reaches none of it.
//!
//! The operator's part (creating the providers and their first members) is written to the
//! database directly; the client is created through the provider routes.

use super::Ctx;
use crate::support::account::{register_with_own_keys, PASSWORD};
use crate::support::bw::{bw_bin, Bw};
use bulwark_client::{AccountSecrets, RsaKeyPair, SymmetricKey};
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::{ProviderId, ProviderUserId};
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderRow};
use bulwark_store::{users, Store};
use serde_json::json;

const TEAMS_MONTHLY: i64 = 17;

/// A set-up MSP with `members` as Confirmed staff (the first one a Provider Admin); returns
/// its id and key.
async fn seed_provider(
    ctx: &Ctx,
    name: &str,
    members: &[&AccountSecrets],
) -> (String, SymmetricKey) {
    let store = Store::connect(&ctx.server.database_url, 1)
        .await
        .expect("store");
    let mut conn = store.conn().await.expect("conn");
    let id = ProviderId::new();
    let key = SymmetricKey::random();
    let provider = ProviderRow {
        id,
        name: Some(name.into()),
        business_name: None,
        billing_email: Some("billing@provider.example".into()),
        status: 2,
        provider_type: 0,
        enabled: 1,
        use_events: 1,
        creation_date: 1,
        revision_date: 1,
    };
    providers::insert(&mut conn, &provider)
        .await
        .expect("provider");
    providers::set_plan(&mut conn, id, TEAMS_MONTHLY, 10)
        .await
        .expect("plan");
    for (i, m) in members.iter().enumerate() {
        let user = users::find_by_email(&mut conn, &m.email)
            .await
            .expect("user")
            .expect("registered");
        let user_type = if i == 0 {
            ProviderUserType::ProviderAdmin
        } else {
            ProviderUserType::ServiceUser
        };
        let row = ProviderUserRow {
            id: ProviderUserId::new(),
            provider_id: id,
            user_id: Some(user.id.to_string()),
            email: None,
            provider_key: Some(m.keypair.wrap(&key.to_bytes())),
            status: ProviderUserStatus::Confirmed.number(),
            user_type: user_type.number(),
            invite_token_hash: None,
            invite_expires_at: None,
            creation_date: 1,
            revision_date: 1,
        };
        provider_users::insert(&mut conn, &row)
            .await
            .expect("member");
    }
    drop(conn);
    store.close().await;
    (id.to_string(), key)
}

async fn logged_in_bw(ctx: &Ctx, label: &str, secrets: &AccountSecrets) -> Bw {
    let mut bw = Bw::new(bw_bin(), label, &ctx.server.pki.ca_pem);
    bw.ok(&["config", "server", &ctx.server.base_url]).await;
    let session = bw.ok(&["login", &secrets.email, PASSWORD, "--raw"]).await;
    bw.session = Some(session.trim().to_owned());
    bw
}

pub async fn service_user_reaches_a_client(ctx: &mut Ctx) {
    let (admin, admin_rust) = register_with_own_keys(&ctx.server, "padmin").await;
    let (tech, _) = register_with_own_keys(&ctx.server, "tech").await;
    let (rival, _) = register_with_own_keys(&ctx.server, "rival").await;
    let (provider_id, provider_key) = seed_provider(ctx, "E2E MSP", &[&admin, &tech]).await;
    seed_provider(ctx, "Rival MSP", &[&rival]).await;

    // The admin creates a client the way the portal does.
    let org_key = SymmetricKey::random();
    let org_pair = RsaKeyPair::generate();
    let owner_email = format!("client-owner-{}@example.com", uuid::Uuid::new_v4().simple());
    let r = admin_rust
        .post(
            &format!("/api/providers/{provider_id}/clients"),
            json!({
                "name": "E2E Client",
                "ownerEmail": owner_email,
                "planType": TEAMS_MONTHLY,
                "seats": 5,
                "key": provider_key.encrypt(&org_key.to_bytes()),
                "keyPair": {
                    "publicKey": org_pair.public_key_b64(),
                    "encryptedPrivateKey": org_key.encrypt(&org_pair.private_key_pkcs8_der()),
                },
                "collectionName": org_key.encrypt_str("Client passwords"),
            }),
        )
        .await;
    assert_eq!(r.status, 200, "create client: {}", r.text);
    let org_id = r.json["organizationId"]
        .as_str()
        .expect("org id")
        .to_owned();

    let mut tech_bw = logged_in_bw(ctx, "service-user", &tech).await;
    assert_eq!(tech_bw.ok(&["sync"]).await.trim(), "Syncing complete.");
    let org = tech_bw.json(&["get", "organization", &org_id]).await;
    assert_eq!(org["name"], "E2E Client", "{org}");
    let collections = tech_bw
        .list("org-collections", &["--organizationid", &org_id])
        .await;
    assert!(
        collections.iter().any(|c| c["name"] == "Client passwords"),
        "the CLI decrypts the client's collection names: {collections:?}"
    );
    let members = tech_bw
        .list("org-members", &["--organizationid", &org_id])
        .await;
    assert_eq!(members.len(), 1, "{members:?}");
    assert_eq!(members[0]["email"], owner_email.as_str());

    // Another provider's admin: the org is not theirs to see.
    let mut rival_bw = logged_in_bw(ctx, "rival", &rival).await;
    assert_eq!(rival_bw.ok(&["sync"]).await.trim(), "Syncing complete.");
    let out = rival_bw.run(&["get", "organization", &org_id]).await;
    assert!(!out.success, "rival sees the client: {}", out.stdout);
    let out = rival_bw
        .run(&["list", "org-members", "--organizationid", &org_id])
        .await;
    assert!(
        !out.success,
        "rival lists the client's members: {}",
        out.stdout
    );
}
