//! The Provider Portal's promise, checked with the official CLI: a Service User of a provider
//! logs in and syncs, and reaches a client org they are no member of, through the provider key
//! chain (provider key RSA-wrapped for them, org key wrapped with the provider key):
//! `bw get organization`, `bw list org-collections` (names decrypted by the CLI) and
//! `bw list org-members`. An admin of another provider reaches none of it.
//!
//! The providers are made as in production: the operator creates them through the `/admin`
//! API, each owner sets theirs up with the token from the setup mail (caught by the SMTP sink)
//! and the provider key wrapped for their public key, then invites the Service User, who
//! accepts with their mailed token and is confirmed with the provider key wrapped for them.

use super::Ctx;
use crate::support::account::{register_with_own_keys, PASSWORD};
use crate::support::bw::{bw_bin, Bw};
use bulwark_client::{rsa_wrap_for, AccountSecrets, Method, RsaKeyPair, Session, SymmetricKey};
use serde_json::json;

const TEAMS_MONTHLY: i64 = 17;
/// `ProviderUserType.ServiceUser`.
const SERVICE_USER: i64 = 1;

/// An MSP created by the operator and set up by `owner`; returns its id and key.
async fn operator_creates_provider(
    ctx: &Ctx,
    name: &str,
    owner: &AccountSecrets,
    owner_session: &Session,
) -> (String, SymmetricKey) {
    let server = &ctx.server;
    let r = server
        .client
        .request(
            Method::POST,
            "/admin/providers",
            Some(&server.admin_token),
            Some(json!({"type": "msp", "ownerEmail": owner.email, "teamsSeatMinimum": 10})),
        )
        .await;
    assert_eq!(r.status, 200, "operator creates {name}: {}", r.text);
    let id = r.json["id"].as_str().expect("provider id").to_owned();
    let mail = server.smtp.wait_for(&owner.email).await;
    assert_eq!(mail.link_param("providerId").as_deref(), Some(id.as_str()));
    let key = SymmetricKey::random();
    let r = owner_session
        .post(
            &format!("/api/providers/{id}/setup"),
            json!({
                "name": name,
                "businessName": name,
                "billingEmail": owner.email,
                "token": mail.link_param("token").expect("setup token"),
                "key": owner.keypair.wrap(&key.to_bytes()),
            }),
        )
        .await;
    assert_eq!(r.status, 200, "setup of {name}: {}", r.text);
    (id, key)
}

/// `member` becomes a confirmed Service User of the provider `id`, as its admin and they do it.
async fn joins_as_service_user(
    ctx: &Ctx,
    (id, key): (&str, &SymmetricKey),
    admin: &Session,
    member: &AccountSecrets,
    member_session: &Session,
) {
    let base = format!("/api/providers/{id}/users");
    let r = admin
        .post(
            &format!("{base}/invite"),
            json!({"emails": [member.email], "type": SERVICE_USER}),
        )
        .await;
    assert_eq!(r.status, 200, "invite: {}", r.text);
    let mail = ctx.server.smtp.wait_for(&member.email).await;
    let user_id = mail.link_param("providerUserId").expect("provider user id");
    let r = member_session
        .post(
            &format!("{base}/{user_id}/accept"),
            json!({"token": mail.link_param("token").expect("invite token")}),
        )
        .await;
    assert_eq!(r.status, 200, "accept: {}", r.text);
    let r = admin
        .post(&format!("{base}/public-keys"), json!({"ids": [user_id]}))
        .await;
    let public_key = r.json["data"][0]["key"].as_str().expect("public key");
    let wrapped = rsa_wrap_for(public_key, &key.to_bytes()).expect("wrap");
    let r = admin
        .post(
            &format!("{base}/{user_id}/confirm"),
            json!({"key": wrapped}),
        )
        .await;
    assert_eq!(r.status, 200, "confirm: {}", r.text);
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
    let (tech, tech_rust) = register_with_own_keys(&ctx.server, "tech").await;
    let (rival, rival_rust) = register_with_own_keys(&ctx.server, "rival").await;
    let (provider_id, provider_key) =
        operator_creates_provider(ctx, "E2E MSP", &admin, &admin_rust).await;
    joins_as_service_user(
        ctx,
        (&provider_id, &provider_key),
        &admin_rust,
        &tech,
        &tech_rust,
    )
    .await;
    operator_creates_provider(ctx, "Rival MSP", &rival, &rival_rust).await;

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
