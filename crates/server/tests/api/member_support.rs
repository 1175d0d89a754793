//! Shared steps for the member tests: an app with a real SMTP sink (invite tokens only travel
//! by mail), an org, and members brought to a given status through the real routes.

use crate::helpers::{fast_kdf, spawn_app_with, Db, Options, TestApp};
use crate::smtp_sink::SmtpSink;
use bulwark_client::orgs::{new_org, NewOrg};
use bulwark_client::{rsa_wrap_for, AccountSecrets, RsaKeyPair, Session};
use bulwark_server::config::FileConfig;
use serde_json::{json, Value};

pub const ENTERPRISE_ANNUALLY: i64 = 20;

pub struct World {
    pub app: TestApp,
    pub sink: SmtpSink,
}

pub async fn world(db: Db) -> World {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(
        db,
        Options {
            file: sink.configure(FileConfig::default()),
            ..Options::default()
        },
    )
    .await;
    World { app, sink }
}

/// Runs `$body(World)` once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! with_world {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let w = $crate::member_support::world($crate::helpers::Db::Sqlite).await;
                ($body)(w).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let w = $crate::member_support::world($crate::helpers::Db::Postgres).await;
                ($body)(w).await;
            }
        }
    };
}

pub struct Org {
    pub id: String,
    pub crypto: NewOrg,
    pub owner: Session,
    pub owner_secrets: AccountSecrets,
}

/// An Enterprise org (custom roles available) with `seats` seats, its owner included.
pub async fn org(app: &TestApp, seats: i64) -> Org {
    let (owner_secrets, owner) = app.user("owner").await;
    // Enterprise has no base seats: all of them are "additional".
    let crypto = new_org(
        &owner_secrets,
        "Acme",
        ENTERPRISE_ANNUALLY,
        seats,
        Some("Shared"),
    );
    let r = owner.post("/api/organizations", crypto.body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    Org {
        id: r.json["id"].as_str().unwrap().to_owned(),
        crypto,
        owner,
        owner_secrets,
    }
}

/// A registered user with their own RSA pair (so wrapped keys are told apart).
pub async fn user_with_own_keys(app: &TestApp, prefix: &str) -> (AccountSecrets, Session) {
    let email = format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple());
    let secrets = AccountSecrets::with_keypair(
        &email,
        "correct horse battery staple",
        fast_kdf(),
        RsaKeyPair::generate(),
    );
    let r = app.client.register(&secrets).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let session = app.client.login(&secrets).await.expect("login");
    (secrets, session)
}

pub fn invite_body(emails: &[&str], member_type: i64) -> Value {
    json!({
        "emails": emails,
        "type": member_type,
        "accessSecretsManager": false,
        "permissions": null,
        "collections": [],
        "groups": [],
    })
}

/// Invites `email` as `member_type` (with `permissions`) and returns (membership id, token)
/// read from the mail.
pub async fn invite(
    w: &World,
    org: &Org,
    email: &str,
    member_type: i64,
    permissions: Value,
) -> (String, String) {
    let mut body = invite_body(&[email], member_type);
    body["permissions"] = permissions;
    let r = org
        .owner
        .post(&format!("/api/organizations/{}/users/invite", org.id), body)
        .await;
    assert_eq!(r.status, 200, "invite: {}", r.text);
    let mail = w.sink.wait_for(email).await;
    (
        mail.link_param("organizationUserId").expect("id in link"),
        mail.link_param("token").expect("token in link"),
    )
}

pub async fn accept(session: &Session, org: &Org, id: &str, token: &str) {
    let r = session
        .post(
            &format!("/api/organizations/{}/users/{id}/accept", org.id),
            json!({ "token": token }),
        )
        .await;
    assert_eq!(r.status, 200, "accept: {}", r.text);
}

/// Wraps the org key for the member's public key and confirms them.
pub async fn confirm(org: &Org, id: &str) {
    let r = org
        .owner
        .post(
            &format!("/api/organizations/{}/users/public-keys", org.id),
            json!({ "ids": [id] }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let public = r.json["data"][0]["key"].as_str().expect("public key");
    let key = rsa_wrap_for(public, &org.crypto.org_key.to_bytes()).unwrap();
    let r = org
        .owner
        .post(
            &format!("/api/organizations/{}/users/{id}/confirm", org.id),
            json!({ "key": key }),
        )
        .await;
    assert_eq!(r.status, 200, "confirm: {}", r.text);
}

/// How far `join` takes a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Invited,
    Accepted,
    Confirmed,
}

/// A new user made a member of `org` as `member_type`, brought to `stage`; returns their
/// session and membership id.
pub async fn join(
    w: &World,
    org: &Org,
    prefix: &str,
    member_type: i64,
    permissions: Value,
    stage: Stage,
) -> (AccountSecrets, Session, String) {
    let (secrets, session) = w.app.user(prefix).await;
    let (id, token) = invite(w, org, &secrets.email, member_type, permissions).await;
    if stage != Stage::Invited {
        accept(&session, org, &id, &token).await;
    }
    if stage == Stage::Confirmed {
        confirm(org, &id).await;
    }
    (secrets, session, id)
}
