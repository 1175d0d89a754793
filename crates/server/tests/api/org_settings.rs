//! Org settings: the API key and its token, collection management, and policies enforced on
//! real members (revocation on enabling, the data-ownership block).

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use crate::member_support::{join, org, Stage, World};
use crate::with_world;
use bulwark_client::Method;
use serde_json::json;

with_world!(
    the_org_api_key_is_shown_rotated_and_exchanged_for_an_org_token,
    |w: World| async move {
        let o = org(&w.app, 5).await;
        let base = format!("/api/organizations/{}", o.id);
        let pw = json!({"type": 0, "masterPasswordHash": o.owner_secrets.master_password_hash});
        let r = o
            .owner
            .post(
                &format!("{base}/api-key"),
                json!({"type": 0, "masterPasswordHash": "wrong"}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = o.owner.post(&format!("{base}/api-key"), pw.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "apiKey");
        let key = r.json["apiKey"].as_str().unwrap().to_owned();
        assert_eq!(key.len(), 30);

        let token = |secret: String| {
            let client = &w.app.client;
            let org_id = o.id.clone();
            async move {
                client
                    .token_raw(&[
                        ("grant_type", "client_credentials"),
                        ("scope", "api.organization"),
                        ("client_id", &format!("organization.{org_id}")),
                        ("client_secret", &secret),
                    ])
                    .await
            }
        };
        let r = token(key.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["scope"], "api.organization");
        let org_token = r.json["access_token"].as_str().unwrap().to_owned();
        let claims = bulwark_client::jwt_claims(&org_token).unwrap();
        assert_eq!(claims["client_type"], "Organization");
        assert_eq!(claims["sub"], o.id.as_str());
        // The org token is no user token.
        let r = w
            .app
            .client
            .request(Method::GET, "/api/sync", Some(&org_token), None)
            .await;
        assert_eq!(r.status, 401, "{}", r.text);

        let r = o.owner.post(&format!("{base}/rotate-api-key"), pw).await;
        let rotated = r.json["apiKey"].as_str().unwrap().to_owned();
        assert_ne!(rotated, key);
        assert_eq!(token(key).await.status, 400, "the old key is dead");
        assert_eq!(token(rotated).await.status, 200);
        let r = o.owner.get(&format!("{base}/api-key-information")).await;
        assert_eq!(r.json["data"][0]["keyType"], 0);

        // Only owners: an admin of the org gets 404.
        let (admin_secrets, admin, _) =
            join(&w, &o, "admin", 1, json!(null), Stage::Confirmed).await;
        let r = admin
            .post(
                &format!("{base}/api-key"),
                json!({"type": 0, "masterPasswordHash": admin_secrets.master_password_hash}),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
    }
);

with_world!(
    policies_revoke_non_compliant_members_and_block_personal_items,
    |w: World| async move {
        let o = org(&w.app, 5).await;
        let (_, user, user_id) = join(&w, &o, "user", 2, json!(null), Stage::Confirmed).await;
        let (_, _admin, admin_id) = join(&w, &o, "admin", 1, json!(null), Stage::Confirmed).await;
        let policy = |t: i64, enabled: bool| {
            let owner = &o.owner;
            let path = format!("/api/organizations/{}/policies/{t}", o.id);
            async move {
                owner
                    .put(&path, json!({"policy": {"enabled": enabled, "data": null}}))
                    .await
            }
        };

        // Data ownership: the plain member cannot keep personal items any more.
        assert_eq!(policy(5, true).await.status, 200);
        let item = bulwark_client::ciphers::secure_note(
            &w.app.user("x").await.0.user_key,
            &user.user_id,
            "n",
            "t",
        );
        let r = user.post("/api/ciphers", item).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "Due to an Enterprise Policy, you are restricted from saving items to your personal vault."
        );
        let r = user.get("/api/sync").await;
        assert_eq!(
            r.json["policies"][0]["type"], 5,
            "the member's sync carries the policy"
        );
        assert_eq!(policy(5, false).await.status, 200);

        // Two-step login required: the member without it is revoked, the admin is exempt.
        assert_eq!(policy(0, true).await.status, 200);
        let r = o
            .owner
            .get(&format!("/api/organizations/{}/users", o.id))
            .await;
        let status_of = |id: &str| {
            r.json["data"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["id"] == id)
                .unwrap()["status"]
                .clone()
        };
        assert_eq!(status_of(&user_id), -1);
        assert_eq!(status_of(&admin_id), 2);
        let r = user
            .get(&format!(
                "/api/organizations/{}/policies/master-password",
                o.id
            ))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
    }
);

both_databases!(
    collection_management_switches_are_owner_settings,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let body = bulwark_client::orgs::new_org(&secrets, "Acme", 20, 5, None).body;
        let id = session.post("/api/organizations", body).await.json["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/organizations/{id}/collection-management");
        let r = session
            .put(
                &path,
                json!({"limitCollectionCreation": true, "limitItemDeletion": true}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["limitCollectionCreation"], true);
        assert_eq!(r.json["limitCollectionDeletion"], false);
        assert_eq!(r.json["limitItemDeletion"], true);
        let r = session
            .get(&format!("/api/organizations/{id}/events"))
            .await;
        let types: Vec<i64> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_i64().unwrap())
            .collect();
        assert!(types.contains(&1610) && types.contains(&1614), "{types:?}");
        let r = session.get("/api/sync").await;
        assert_eq!(
            r.json["profile"]["organizations"][0]["limitItemDeletion"],
            true
        );

        let (_, other) = app.user("other").await;
        let r = other.put(&path, json!({})).await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = other
            .get(&format!("/api/organizations/{id}/billing/vnext/metadata"))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session
            .get(&format!("/api/organizations/{id}/billing/vnext/metadata"))
            .await;
        assert_eq!(r.json["organizationOccupiedSeats"], 1);
    }
);
