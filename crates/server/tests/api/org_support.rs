//! Shared set-up for the organization tests: an org created with real org crypto, and the
//! first collection the owner manages.

use bulwark_client::orgs::{new_org, NewOrg};
use bulwark_client::{AccountSecrets, Session};
use serde_json::{json, Value};

pub const TEAMS_ANNUALLY: i64 = 18;

pub struct Org {
    pub id: String,
    pub keys: NewOrg,
    /// The "Default collection" created with the org (the owner manages it).
    pub collection: String,
}

/// Creates an org owned by `secrets` with a first collection.
pub async fn create_org(session: &Session, secrets: &AccountSecrets, name: &str) -> Org {
    let keys = new_org(secrets, name, TEAMS_ANNUALLY, 5, Some("Default collection"));
    let r = session.post("/api/organizations", keys.body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_owned();
    let r = session
        .get(&format!("/api/organizations/{id}/collections"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let collection = r.json["data"][0]["id"].as_str().unwrap().to_owned();
    Org {
        id,
        keys,
        collection,
    }
}

impl Org {
    /// A create body for a collection named `name` (no access lists).
    pub fn collection_body(&self, name: &str) -> Value {
        json!({"name": self.keys.org_key.encrypt_str(name), "externalId": null,
               "groups": [], "users": []})
    }

    /// Creates a collection; returns its id.
    pub async fn add_collection(&self, session: &Session, name: &str) -> String {
        let r = session
            .post(
                &format!("/api/organizations/{}/collections", self.id),
                self.collection_body(name),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json["id"].as_str().unwrap().to_owned()
    }
}

/// The account revision date (ms) clients poll before syncing.
pub async fn revision(session: &Session) -> i64 {
    let r = session.get("/api/accounts/revision-date").await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json.as_i64().unwrap()
}
