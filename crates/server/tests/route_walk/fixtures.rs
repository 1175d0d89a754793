//! The world the walk runs in: an app with an SMTP sink and the operator API, an owner with a
//! populated organization (collection, group, org item with a file, a confirmed member), a
//! personal item with a file, a folder, a provider the owner administers (with a client and
//! an invited staff member) and a pending provider application; an outsider with their own
//! organization. Fixtures a walked request legitimately destroys (a 2xx) are made again.

use crate::helpers::{spawn_app_with, Db, Options, TestApp};
use crate::routes::Kind;
use bulwark_client::orgs::new_org;
use bulwark_client::{
    rsa_wrap_for, AccountSecrets, Client, Method, Response, Session, SymmetricKey,
};
use bulwark_server::config::FileConfig;
use bulwark_testkit::smtp_sink::{Mail, SmtpSink};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

mod provider;

pub const ADMIN_TOKEN: &str = "route-walk-operator-token-0123456789";
const ENTERPRISE_ANNUALLY: i64 = 20;
const TEAMS_MONTHLY: i64 = 17;

/// An Argon2id hash of [`ADMIN_TOKEN`] at a low cost (verification reads the cost from it).
pub fn admin_hash() -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(1024, 1, 1, Some(32)).unwrap();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(
            ADMIN_TOKEN.as_bytes(),
            &SaltString::encode_b64(b"route-walk-operator").unwrap(),
        )
        .unwrap()
        .to_string()
}

/// The configuration of the walked app (built twice: for the router that is enumerated and
/// for the server that answers).
pub fn file_config(sink: Option<&SmtpSink>) -> FileConfig {
    let mut file = FileConfig {
        admin_token_hash: Some(admin_hash()),
        // The walk's own failed logins must not lock the owner out of logging in again.
        login_failures_per_account: Some(1_000_000),
        login_failures_per_ip: Some(1_000_000),
        ..FileConfig::default()
    };
    if let Some(sink) = sink {
        file = crate::helpers::with_smtp(sink, file);
    }
    file
}

pub struct Person {
    pub secrets: AccountSecrets,
    pub session: Session,
}

pub struct World {
    pub app: TestApp,
    pub sink: SmtpSink,
    pub owner: Person,
    pub outsider: Person,
    /// The organization's second, confirmed member.
    pub member: Person,
    /// The owner's real ids (and values) by kind.
    pub ids: BTreeMap<Kind, String>,
    org_key: SymmetricKey,
    provider_key: Option<SymmetricKey>,
    /// Set-up steps that could not be done (their ids are random UUIDs then).
    pub notes: Vec<String>,
}

fn ok(r: &Response, what: &str) {
    assert!(
        r.is_success(),
        "set-up step `{what}` failed: {} {}",
        r.status,
        r.text
    );
}

fn id_of(r: &Response, what: &str) -> String {
    ok(r, what);
    r.json["id"]
        .as_str()
        .unwrap_or_else(|| panic!("set-up step `{what}`: no id in {}", r.text))
        .to_owned()
}

/// The newest mail to `to` for which `pick` is true (mail is asynchronous).
async fn mail_where(sink: &SmtpSink, to: &str, pick: impl Fn(&Mail) -> bool) -> Mail {
    for _ in 0..400 {
        if let Some(m) = sink
            .messages()
            .into_iter()
            .rev()
            .find(|m| m.to.contains(to) && pick(m))
        {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no matching mail to {to}");
}

fn unique_email(prefix: &str) -> String {
    format!("{prefix}-{}@example.com", uuid::Uuid::new_v4().simple())
}

/// A new account logged in from a device of its own (device identifiers are per client).
async fn person(app: &TestApp, prefix: &str) -> Person {
    let secrets = crate::helpers::new_secrets(prefix);
    let r = app.client.register(&secrets).await;
    ok(&r, "register");
    let session = Client::new(&app.base_url)
        .login(&secrets)
        .await
        .unwrap_or_else(|r| panic!("login failed: {} {}", r.status, r.text));
    Person { secrets, session }
}

pub async fn world(db: Db) -> World {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(
        db,
        Options {
            file: file_config(Some(&sink)),
            ..Options::default()
        },
    )
    .await;
    let owner = person(&app, "owner").await;
    let outsider = person(&app, "outsider").await;
    // The outsider has an organization of their own.
    let theirs = new_org(
        &outsider.secrets,
        "Elsewhere",
        ENTERPRISE_ANNUALLY,
        2,
        Some("Theirs"),
    );
    let r = outsider
        .session
        .post("/api/organizations", theirs.body.clone())
        .await;
    ok(&r, "outsider's organization");
    let (secrets, session) = app.user("member").await;
    let member = Person { secrets, session };
    let mut w = World {
        app,
        sink,
        owner,
        outsider,
        member,
        ids: BTreeMap::new(),
        org_key: SymmetricKey::random(),
        provider_key: None,
        notes: Vec::new(),
    };
    w.ids.insert(Kind::PolicyType, "1".into());
    w.ids.insert(Kind::KeyType, "0".into());
    w.ids
        .insert(Kind::Month, chrono::Utc::now().format("%Y-%m").to_string());
    w.build_org().await;
    w.add_item().await;
    w.add_folder().await;
    w.build_provider().await;
    w.add_application().await;
    w.refresh_device().await;
    w
}

impl World {
    pub fn id(&self, kind: Kind) -> Option<&str> {
        self.ids.get(&kind).map(String::as_str)
    }

    fn org(&self) -> &str {
        &self.ids[&Kind::Org]
    }

    fn owner(&self) -> &Session {
        &self.owner.session
    }

    pub async fn operator(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        self.app
            .client
            .request(method, path, Some(ADMIN_TOKEN), body)
            .await
    }

    /// The owner's organization with its first collection, an org item with a file, a
    /// confirmed member and a group holding that member.
    async fn build_org(&mut self) {
        let keys = new_org(
            &self.owner.secrets,
            "Walk Inc",
            ENTERPRISE_ANNUALLY,
            5,
            Some("Default collection"),
        );
        let r = self
            .owner()
            .post("/api/organizations", keys.body.clone())
            .await;
        let org = id_of(&r, "owner's organization");
        self.org_key = keys.org_key;
        self.ids.insert(Kind::Org, org.clone());
        let r = self
            .owner()
            .get(&format!("/api/organizations/{org}/collections"))
            .await;
        ok(&r, "collections");
        let collection = r.json["data"][0]["id"].as_str().unwrap().to_owned();
        self.ids.insert(Kind::Collection, collection);
        self.add_org_item().await;
        self.add_member().await;
        self.add_group().await;
    }

    async fn add_collection(&mut self) {
        let body = json!({"name": self.org_key.encrypt_str("Walked"), "externalId": null,
                          "groups": [], "users": []});
        let r = self
            .owner()
            .post(
                &format!("/api/organizations/{}/collections", self.org()),
                body,
            )
            .await;
        let id = id_of(&r, "collection");
        self.ids.insert(Kind::Collection, id);
    }

    async fn add_org_item(&mut self) {
        let mut cipher = bulwark_client::ciphers::login_cipher(
            &self.org_key,
            &self.owner().user_id,
            "Shared login",
            "alice",
            "pw",
            "https://a.example",
        );
        cipher["organizationId"] = json!(self.org());
        let r = self
            .owner()
            .post(
                "/api/ciphers/create",
                json!({"cipher": cipher, "collectionIds": [self.ids[&Kind::Collection]]}),
            )
            .await;
        let id = id_of(&r, "org item");
        self.ids.insert(Kind::OrgItem, id.clone());
        let key = self.org_key.clone();
        let att = self.add_attachment(&id, &key).await;
        self.ids.insert(Kind::OrgAttachment, att);
    }

    async fn add_item(&mut self) {
        let s = self.owner();
        let body = bulwark_client::ciphers::secure_note(&s.user_key, &s.user_id, "Mine", "text");
        let r = s.post("/api/ciphers", body).await;
        let key = s.user_key.clone();
        let id = id_of(&r, "personal item");
        self.ids.insert(Kind::Item, id.clone());
        let att = self.add_attachment(&id, &key).await;
        self.ids.insert(Kind::Attachment, att);
    }

    /// Declares and uploads a small file on `item`; returns the attachment id.
    async fn add_attachment(&self, item: &str, key: &SymmetricKey) -> String {
        let file = key.encrypt(b"sixteen bytes!!!").into_bytes();
        let body = json!({
            "key": key.encrypt_str("attachment key"),
            "fileName": key.encrypt_str("walk.txt"),
            "fileSize": file.len(), "adminRequest": false,
        });
        let r = self
            .owner()
            .post(&format!("/api/ciphers/{item}/attachment/v2"), body)
            .await;
        ok(&r, "declare attachment");
        let att = r.json["attachmentId"].as_str().unwrap().to_owned();
        let r = self
            .owner()
            .multipart_upload(
                &format!("/api/ciphers/{item}/attachment/{att}"),
                "data",
                "enc-name",
                file,
            )
            .await;
        ok(&r, "upload attachment");
        att
    }

    async fn add_folder(&mut self) {
        let body = bulwark_client::ciphers::folder(&self.owner().user_key, "Walked");
        let r = self.owner().post("/api/folders", body).await;
        let id = id_of(&r, "folder");
        self.ids.insert(Kind::Folder, id);
    }

    /// Invites, accepts and confirms a new member (a new account each time).
    async fn add_member(&mut self) {
        let (secrets, session) = self.app.user("member").await;
        self.member = Person { secrets, session };
        let org = self.org().to_owned();
        let email = self.member.secrets.email.clone();
        let r = self
            .owner()
            .post(
                &format!("/api/organizations/{org}/users/invite"),
                json!({"emails": [email], "type": 2, "accessSecretsManager": false,
                       "permissions": null, "groups": [],
                       "collections": [{"id": self.ids[&Kind::Collection], "readOnly": false,
                                        "hidePasswords": false, "manage": false}]}),
            )
            .await;
        ok(&r, "invite member");
        // The member's address is new: any mail to it is this invitation.
        let mail = mail_where(&self.sink, &email, |_| true).await;
        let id = mail.link_param("organizationUserId").expect("member id");
        let token = mail.link_param("token").expect("invite token");
        let r = self
            .member
            .session
            .post(
                &format!("/api/organizations/{org}/users/{id}/accept"),
                json!({ "token": token }),
            )
            .await;
        ok(&r, "accept invitation");
        self.confirm_member(&id).await;
        self.ids.insert(Kind::Member, id);
        self.ids
            .insert(Kind::MemberUser, self.member.session.user_id.clone());
    }

    async fn confirm_member(&self, id: &str) {
        let org = self.org();
        let r = self
            .owner()
            .post(
                &format!("/api/organizations/{org}/users/public-keys"),
                json!({ "ids": [id] }),
            )
            .await;
        ok(&r, "member public key");
        let public = r.json["data"][0]["key"].as_str().expect("public key");
        let key = rsa_wrap_for(public, &self.org_key.to_bytes()).unwrap();
        let r = self
            .owner()
            .post(
                &format!("/api/organizations/{org}/users/{id}/confirm"),
                json!({ "key": key }),
            )
            .await;
        ok(&r, "confirm member");
    }

    async fn add_group(&mut self) {
        let r = self
            .owner()
            .post(
                &format!("/api/organizations/{}/groups", self.org()),
                json!({"name": "Walkers", "externalId": null,
                       "collections": [{"id": self.ids[&Kind::Collection], "readOnly": true,
                                        "hidePasswords": false, "manage": false}],
                       "users": [self.ids[&Kind::Member]]}),
            )
            .await;
        let id = id_of(&r, "group");
        self.ids.insert(Kind::Group, id);
    }

    /// The owner's current device; a walked request may have deleted it (a 2xx), and then the
    /// owner logs in again, which registers it anew.
    async fn refresh_device(&mut self) {
        for _ in 0..2 {
            let r = self.owner().get("/api/devices").await;
            ok(&r, "owner's devices");
            let device = &r.json["data"][0];
            if let (Some(id), Some(identifier)) =
                (device["id"].as_str(), device["identifier"].as_str())
            {
                self.ids.insert(Kind::Device, id.to_owned());
                self.ids
                    .insert(Kind::DeviceIdentifier, identifier.to_owned());
                return;
            }
            self.owner.session = self
                .owner
                .session
                .client
                .login(&self.owner.secrets)
                .await
                .unwrap_or_else(|r| panic!("logging in again failed: {} {}", r.status, r.text));
        }
        panic!("the owner has no device even after logging in again");
    }

    /// Logs `who` in again if their token no longer works; returns whether it had to.
    async fn relogin_if_needed(who: &mut Person) -> bool {
        let r = who.session.get("/api/accounts/revision-date").await;
        if r.status == 200 {
            return false;
        }
        who.session = who
            .session
            .client
            .login(&who.secrets)
            .await
            .unwrap_or_else(|r| panic!("logging in again failed: {} {}", r.status, r.text));
        true
    }

    /// Makes every fixture usable again after a walked request legitimately changed them;
    /// returns what had to be redone.
    pub async fn ensure(&mut self) -> Vec<String> {
        let mut redone = Vec::new();
        if Self::relogin_if_needed(&mut self.owner).await {
            redone.push("owner logged in again".to_owned());
        }
        if Self::relogin_if_needed(&mut self.outsider).await {
            redone.push("outsider logged in again".to_owned());
        }
        let sync = self.owner().get("/api/sync?excludeDomains=true").await;
        ok(&sync, "sync");
        let sync = sync.json;
        let org = self.org().to_owned();
        let org_ok = sync["profile"]["organizations"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|o| o["id"] == org.as_str() && o["status"] == 2 && o["enabled"] == true);
        let live_cipher = |id: &str| {
            sync["ciphers"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| c["id"] == id && c["deletedDate"].is_null())
                .cloned()
        };
        let has_attachment = |c: &Value, att: &str| {
            c["attachments"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["id"] == att)
        };
        if org_ok {
            let r = self
                .owner()
                .get(&format!("/api/organizations/{org}/collections"))
                .await;
            let listed = |r: &Response, id: &str| {
                r.json["data"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|x| x["id"] == id)
                    .cloned()
            };
            if listed(&r, &self.ids[&Kind::Collection]).is_none() {
                self.add_collection().await;
                redone.push("collection".into());
            }
            match live_cipher(&self.ids[&Kind::OrgItem]) {
                None => {
                    self.add_org_item().await;
                    redone.push("org item".into());
                }
                Some(c) if !has_attachment(&c, &self.ids[&Kind::OrgAttachment]) => {
                    let (item, key) = (self.ids[&Kind::OrgItem].clone(), self.org_key.clone());
                    let att = self.add_attachment(&item, &key).await;
                    self.ids.insert(Kind::OrgAttachment, att);
                    redone.push("org item's file".into());
                }
                Some(_) => {}
            }
            let r = self
                .owner()
                .get(&format!("/api/organizations/{org}/users"))
                .await;
            let member = self.ids[&Kind::Member].clone();
            match listed(&r, &member).map(|m| m["status"].as_i64()) {
                Some(Some(2)) => {}
                Some(Some(s)) if s < 0 => {
                    let r = self
                        .owner()
                        .put(
                            &format!("/api/organizations/{org}/users/{member}/restore"),
                            json!({}),
                        )
                        .await;
                    ok(&r, "restore member");
                    redone.push("member restored".into());
                }
                _ => {
                    self.add_member().await;
                    redone.push("member".into());
                }
            }
            let r = self
                .owner()
                .get(&format!("/api/organizations/{org}/groups"))
                .await;
            if listed(&r, &self.ids[&Kind::Group]).is_none() {
                self.add_group().await;
                redone.push("group".into());
            }
        } else {
            self.build_org().await;
            redone.push("organization".into());
        }
        match live_cipher(&self.ids[&Kind::Item]) {
            None => {
                self.add_item().await;
                redone.push("personal item".into());
            }
            Some(c) if !has_attachment(&c, &self.ids[&Kind::Attachment]) => {
                let (item, key) = (self.ids[&Kind::Item].clone(), self.owner().user_key.clone());
                let att = self.add_attachment(&item, &key).await;
                self.ids.insert(Kind::Attachment, att);
                redone.push("personal item's file".into());
            }
            Some(_) => {}
        }
        let folder_ok = sync["folders"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| f["id"] == self.ids[&Kind::Folder].as_str());
        if !folder_ok {
            self.add_folder().await;
            redone.push("folder".into());
        }
        self.ensure_provider(&mut redone).await;
        let r = self.owner().get("/api/providers/applications").await;
        let pending = self.ids.get(&Kind::Application).is_some_and(|id| {
            r.json["data"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|a| a["id"] == id.as_str() && a["status"] == 0)
        });
        if !pending && self.ids.contains_key(&Kind::Application) {
            self.add_application().await;
            redone.push("provider application".into());
        }
        self.refresh_device().await;
        redone
    }
}
