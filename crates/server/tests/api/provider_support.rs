//! Providers for the HTTP tests. The operator creates providers outside the public API, so a
//! provider and its staff are written to the app's database directly, with real key wrapping:
//! the provider key is RSA-wrapped for each member's public key, as the portal does.

use crate::helpers::TestApp;
use crate::member_support::{user_with_own_keys, World};
use bulwark_client::{AccountSecrets, Session, SymmetricKey};
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::{ProviderId, ProviderUserId};
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderRow};
use bulwark_store::Store;
use serde_json::{json, Value};

pub const MSP: i64 = 0;
pub const TEAMS_MONTHLY: i64 = 17;
pub const ENTERPRISE_MONTHLY: i64 = 19;

pub struct Provider {
    pub id: String,
    pub key: SymmetricKey,
    pub admin: Session,
    pub admin_secrets: AccountSecrets,
}

pub struct Staff {
    pub secrets: AccountSecrets,
    pub session: Session,
    /// The provider user id.
    pub id: String,
}

pub async fn store(app: &TestApp) -> Store {
    Store::connect(&app.database_url, 1).await.expect("store")
}

/// An MSP that is set up (Billable), named `name`, with a Confirmed Provider Admin and seat
/// minimums of 10 Teams and 10 Enterprise seats.
pub async fn provider(app: &TestApp, name: &str) -> Provider {
    let (admin_secrets, admin) = user_with_own_keys(app, "padmin").await;
    let key = SymmetricKey::random();
    let id = ProviderId::new();
    let store = store(app).await;
    let mut conn = store.conn().await.unwrap();
    providers::insert(
        &mut conn,
        &ProviderRow {
            id,
            name: Some(name.into()),
            business_name: Some(name.into()),
            billing_email: Some(format!("billing@{}.example", name.to_lowercase())),
            status: 2,
            provider_type: MSP,
            enabled: 1,
            use_events: 1,
            creation_date: 1,
            revision_date: 1,
        },
    )
    .await
    .unwrap();
    providers::set_plan(&mut conn, id, TEAMS_MONTHLY, 10)
        .await
        .unwrap();
    providers::set_plan(&mut conn, id, ENTERPRISE_MONTHLY, 10)
        .await
        .unwrap();
    let p = Provider {
        id: id.to_string(),
        key,
        admin,
        admin_secrets,
    };
    insert_staff(
        &mut conn,
        &p,
        &p.admin_secrets,
        ProviderUserType::ProviderAdmin,
    )
    .await;
    drop(conn);
    store.close().await;
    p
}

async fn insert_staff(
    conn: &mut bulwark_store::AnyConnection,
    p: &Provider,
    secrets: &AccountSecrets,
    user_type: ProviderUserType,
) -> String {
    insert_member(conn, p, secrets, user_type, ProviderUserStatus::Confirmed).await
}

async fn insert_member(
    conn: &mut bulwark_store::AnyConnection,
    p: &Provider,
    secrets: &AccountSecrets,
    user_type: ProviderUserType,
    status: ProviderUserStatus,
) -> String {
    let user = bulwark_store::users::find_by_email(conn, &secrets.email)
        .await
        .unwrap()
        .expect("registered");
    let row = ProviderUserRow {
        id: ProviderUserId::new(),
        provider_id: p.id.parse().unwrap(),
        user_id: Some(user.id.to_string()),
        email: None,
        provider_key: (status == ProviderUserStatus::Confirmed)
            .then(|| secrets.keypair.wrap(&p.key.to_bytes())),
        status: status.number(),
        user_type: user_type.number(),
        invite_token_hash: None,
        invite_expires_at: None,
        creation_date: 2,
        revision_date: 2,
    };
    provider_users::insert(conn, &row).await.unwrap();
    row.id.to_string()
}

/// A new account made a Confirmed member of `p`.
pub async fn staff(
    app: &TestApp,
    p: &Provider,
    prefix: &str,
    user_type: ProviderUserType,
) -> Staff {
    let (secrets, session) = user_with_own_keys(app, prefix).await;
    let store = store(app).await;
    let mut conn = store.conn().await.unwrap();
    let id = insert_staff(&mut conn, p, &secrets, user_type).await;
    drop(conn);
    store.close().await;
    Staff {
        secrets,
        session,
        id,
    }
}

/// A new account that accepted an invitation to `p` and waits to be confirmed.
pub async fn accepted(
    app: &TestApp,
    p: &Provider,
    prefix: &str,
    user_type: ProviderUserType,
) -> Staff {
    let (secrets, session) = user_with_own_keys(app, prefix).await;
    let store = store(app).await;
    let mut conn = store.conn().await.unwrap();
    let id = insert_member(
        &mut conn,
        p,
        &secrets,
        user_type,
        ProviderUserStatus::Accepted,
    )
    .await;
    drop(conn);
    store.close().await;
    Staff {
        secrets,
        session,
        id,
    }
}

/// A client created through `POST /providers/{id}/clients`.
pub struct ClientOrg {
    pub link: String,
    pub org_id: String,
    pub org_key: SymmetricKey,
    /// The invited owner's membership id and invitation token, from the mail.
    pub owner_invite: (String, String),
}

/// The body the portal posts to create a client: a fresh org key wrapped with the provider
/// key, the org key pair, the first collection's name under the org key.
pub fn client_body(
    p: &Provider,
    org_key: &SymmetricKey,
    name: &str,
    owner: &str,
    plan: i64,
    seats: i64,
) -> Value {
    let keypair = bulwark_client::RsaKeyPair::generate();
    json!({
        "name": name,
        "ownerEmail": owner,
        "planType": plan,
        "seats": seats,
        "key": p.key.encrypt(&org_key.to_bytes()),
        "keyPair": {
            "publicKey": keypair.public_key_b64(),
            "encryptedPrivateKey": org_key.encrypt(&keypair.private_key_pkcs8_der()),
        },
        "collectionName": org_key.encrypt_str("Default collection"),
    })
}

/// Creates a client for `owner` (an address; the mail goes to the sink) as `by`.
pub async fn client(w: &World, p: &Provider, by: &Session, name: &str, owner: &str) -> ClientOrg {
    let org_key = SymmetricKey::random();
    let r = by
        .post(
            &format!("/api/providers/{}/clients", p.id),
            client_body(p, &org_key, name, owner, TEAMS_MONTHLY, 5),
        )
        .await;
    assert_eq!(r.status, 200, "create client: {}", r.text);
    let mail = w.sink.wait_for(owner).await;
    ClientOrg {
        link: r.json["id"].as_str().unwrap().to_owned(),
        org_id: r.json["organizationId"].as_str().unwrap().to_owned(),
        org_key,
        owner_invite: (
            mail.link_param("organizationUserId").unwrap(),
            mail.link_param("token").unwrap(),
        ),
    }
}
