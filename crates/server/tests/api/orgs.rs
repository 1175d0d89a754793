//! Organizations: creation with real org crypto, who may read and change them, and what a
//! member's sync carries.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use bulwark_client::orgs::{new_org, unwrap_org_key};
use bulwark_client::{AccountSecrets, Method, Session};
use serde_json::{json, Value};

const TEAMS_ANNUALLY: i64 = 18;

async fn create(
    session: &Session,
    secrets: &AccountSecrets,
    name: &str,
) -> (Value, bulwark_client::orgs::NewOrg) {
    let org = new_org(secrets, name, TEAMS_ANNUALLY, 5, Some("Default collection"));
    let r = session.post("/api/organizations", org.body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    (r.json, org)
}

both_databases!(
    an_organization_is_created_with_its_owner_and_first_collection,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let (created, org) = create(&session, &secrets, "Acme").await;
        assert_eq!(created["object"], "organization");
        assert_eq!(created["name"], "Acme");
        assert_eq!(created["planType"], TEAMS_ANNUALLY);
        assert_eq!(created["plan"]["productTier"], 2);
        assert_eq!(created["seats"], 5);
        assert_eq!(created["useGroups"], true);
        assert_eq!(created["hasPublicAndPrivateKeys"], true);
        let id = created["id"].as_str().unwrap().to_owned();

        // The owner's own view, and the list of their organizations.
        let r = session.get(&format!("/api/organizations/{id}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["billingEmail"], secrets.email);
        let r = session.get("/api/organizations").await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 1);
        let listed = &r.json["data"][0];
        assert_eq!(listed["object"], "profileOrganization");
        assert_eq!(listed["type"], 0);
        assert_eq!(listed["status"], 2);
        assert_eq!(
            (listed["providerId"].clone(), listed["providerType"].clone()),
            (Value::Null, Value::Null),
            "no provider manages an org its owner created"
        );
        let key = unwrap_org_key(&secrets, listed["key"].as_str().unwrap()).unwrap();
        assert_eq!(
            key, org.org_key,
            "the stored org key is the one the creator wrapped"
        );

        // Sync: the org in the profile, the first collection with manage access.
        let r = session.get("/api/sync").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["profile"]["organizations"][0]["id"], id.as_str());
        assert_eq!(r.json["profile"]["organizationsNew"][0]["id"], id.as_str());
        let collections = r.json["collections"].as_array().unwrap();
        assert_eq!(collections.len(), 1);
        assert_eq!(collections[0]["object"], "collectionDetails");
        assert_eq!(collections[0]["manage"], true);
        assert_eq!(collections[0]["readOnly"], false);
        let name = key
            .decrypt_str(collections[0]["name"].as_str().unwrap())
            .unwrap();
        assert_eq!(name, "Default collection");

        // Public key: any signed-in user.
        let (_, other) = app.user("other").await;
        let r = other
            .get(&format!("/api/organizations/{id}/public-key"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["publicKey"], org.keypair.public_key_b64());
    }
);

both_databases!(
    other_users_cannot_see_or_change_an_organization,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let (created, _) = create(&session, &secrets, "Acme").await;
        let id = created["id"].as_str().unwrap();
        let (other_secrets, other) = app.user("other").await;
        let (theirs, _) = create(&other, &other_secrets, "Other").await;
        let their_id = theirs["id"].as_str().unwrap();

        for (method, path, body) in [
            (Method::GET, format!("/api/organizations/{id}"), None),
            (
                Method::PUT,
                format!("/api/organizations/{id}"),
                Some(json!({"name": "Mine"})),
            ),
            (Method::POST, format!("/api/organizations/{id}/leave"), None),
            (
                Method::DELETE,
                format!("/api/organizations/{id}"),
                Some(json!({"masterPasswordHash": other_secrets.master_password_hash})),
            ),
        ] {
            let r = other.request(method.clone(), &path, body).await;
            assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
        }
        // Ids swapped: the owner of one org reaches nothing of the other.
        let r = session.get(&format!("/api/organizations/{their_id}")).await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session.get("/api/organizations/not-a-uuid").await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = app
            .client
            .request(Method::GET, &format!("/api/organizations/{id}"), None, None)
            .await;
        assert_eq!(r.status, 401, "anonymous: {}", r.text);
        // Nothing changed.
        let r = session.get(&format!("/api/organizations/{id}")).await;
        assert_eq!(r.json["name"], "Acme");
    }
);

both_databases!(
    creation_refuses_bad_input_with_the_field_named,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let good = new_org(&secrets, "Acme", TEAMS_ANNUALLY, 3, None).body;
        let cases: Vec<(&str, Value, &str)> = vec![
            ("name", json!(""), "The Name field is required."),
            ("name", json!("x".repeat(51)), "exceeds the maximum length"),
            ("billingEmail", json!("nope"), "BillingEmail"),
            ("planType", json!(99), "Plan not found"),
            ("key", json!("2.a|b|c"), "organization key"),
            (
                "keys",
                json!({"publicKey": "", "encryptedPrivateKey": "x"}),
                "PublicKey",
            ),
            ("collectionName", json!("plain text"), "CollectionName"),
            ("additionalSeats", json!(-1), "subtract"),
            (
                "additionalSeats",
                json!(0),
                "You do not have any Password Manager seats!",
            ),
        ];
        for (field, value, expected) in cases {
            let mut body = good.clone();
            body[field] = value;
            let r = session.post("/api/organizations", body).await;
            assert_eq!(r.status, 400, "{field}: {}", r.text);
            assert!(
                message(&r).contains(expected) || r.text.contains(expected),
                "{field}: {}",
                r.text
            );
        }
        let r = session.get("/api/organizations").await;
        assert_eq!(
            r.json["data"].as_array().unwrap().len(),
            0,
            "nothing was created"
        );
        // Free plan: two seats, no additional ones.
        let mut free = good.clone();
        free["planType"] = json!(0);
        free["additionalSeats"] = json!(0);
        let r = session.post("/api/organizations", free).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["seats"], 2);
    }
);

both_databases!(
    owners_rename_and_delete_with_their_password_and_cannot_leave_alone,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let (created, _) = create(&session, &secrets, "Acme").await;
        let id = created["id"].as_str().unwrap();
        let r = session
            .put(
                &format!("/api/organizations/{id}"),
                json!({"name": "Acme Ltd", "billingEmail": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Acme Ltd");
        assert_eq!(r.json["billingEmail"], secrets.email);

        let r = session
            .post(&format!("/api/organizations/{id}/leave"), json!({}))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "Organization must have at least one confirmed owner."
        );

        let r = session
            .delete(
                &format!("/api/organizations/{id}"),
                Some(json!({"masterPasswordHash": "wrong"})),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session
            .delete(
                &format!("/api/organizations/{id}"),
                Some(json!({"masterPasswordHash": secrets.master_password_hash})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get("/api/sync").await;
        assert_eq!(
            r.json["profile"]["organizations"].as_array().unwrap().len(),
            0
        );
        assert_eq!(r.json["collections"].as_array().unwrap().len(), 0);
    }
);

both_databases!(
    plans_are_listed_without_signing_in,
    |app: TestApp| async move {
        let r = app
            .client
            .request(Method::GET, "/api/plans", None, None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let types: Vec<i64> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["type"].as_i64().unwrap())
            .collect();
        assert_eq!(types, vec![0, 17, 18, 19, 20]);
        assert_eq!(r.json["data"][0]["passwordManager"]["maxSeats"], 2);
    }
);
