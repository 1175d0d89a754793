//! Import into an organization and the organization export: collections reused by id or
//! created, items linked by the relationships, all or nothing; the export gives back what the
//! org holds, still encrypted.

use crate::flows::message;
use crate::member_support::{join, org as member_org, Stage, World};
use crate::org_items::org_login;
use crate::org_support::Org;
use crate::with_world;
use serde_json::{json, Value};

with_world!(
    an_import_lands_in_the_org_and_the_export_returns_it,
    |w: World| async move {
        let m = member_org(&w.app, 10).await;
        let cols = m
            .owner
            .get(&format!("/api/organizations/{}/collections", m.id))
            .await;
        let org = Org {
            id: m.id.clone(),
            keys: m.crypto.clone(),
            collection: cols.json["data"][0]["id"].as_str().unwrap().to_owned(),
        };
        let (_, member, member_id) = join(&w, &m, "member", 2, json!(null), Stage::Confirmed).await;
        let people = m
            .owner
            .get(&format!("/api/organizations/{}/users", m.id))
            .await;
        let owner_id = people.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["type"] == 0)
            .unwrap()["id"]
            .clone();
        let r = m
            .owner
            .put(
                &format!(
                    "/api/organizations/{}/collections/{}",
                    org.id, org.collection
                ),
                json!({"name": org.keys.org_key.encrypt_str("Default collection"), "users": [
                    {"id": member_id, "readOnly": true, "hidePasswords": false, "manage": false},
                    {"id": owner_id, "readOnly": false, "hidePasswords": false, "manage": true}
                ], "groups": []}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (_, stranger) = w.app.user("stranger").await;

        let path = format!("/api/ciphers/import-organization?organizationId={}", org.id);
        let item = |s: &bulwark_client::Session, n: &str| {
            let mut c = org_login(&org, s, n, "pw");
            c["organizationId"] = json!(org.id);
            c
        };
        let body = |s: &bulwark_client::Session| {
            json!({
                "collections": [
                    {"id": org.collection, "name": org.keys.org_key.encrypt_str("Default collection")},
                    {"id": null, "name": org.keys.org_key.encrypt_str("Imported"), "externalId": "ext-1"},
                ],
                "ciphers": [item(s, "One"), item(s, "Two"), item(s, "Three")],
                "collectionRelationships": [
                    {"key": 0, "value": 0}, {"key": 1, "value": 1}, {"key": 2, "value": 1},
                    {"key": 7, "value": 0}, {"key": 0, "value": 9},
                ],
            })
        };

        // Outsiders and read-only members may not; a bad item imports nothing.
        assert_eq!(stranger.post(&path, body(&stranger)).await.status, 404);
        let r = member.post(&path, body(&member)).await;
        assert_eq!(
            message(&r),
            "Not enough privileges to import into this organization."
        );
        let mut bad = body(&m.owner);
        bad["ciphers"][2]["name"] = json!("plaintext");
        assert_eq!(m.owner.post(&path, bad).await.status, 400);
        let r = m
            .owner
            .get(&format!(
                "/api/ciphers/organization-details?organizationId={}",
                org.id
            ))
            .await;
        assert_eq!(r.json["data"], json!([]));
        let mut huge = body(&m.owner);
        huge["ciphers"] = Value::Array(vec![item(&m.owner, "x"); 7001]);
        assert_eq!(
            message(&m.owner.post(&path, huge).await),
            "You cannot import this much data at once."
        );

        let r = m.owner.post(&path, body(&m.owner)).await;
        assert_eq!(r.status, 200, "{}", r.text);

        // The member sees the item of the collection they hold, decrypted with the org key.
        let sync = member.get("/api/sync").await;
        let mine: Vec<&Value> = sync.json["ciphers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["organizationId"] == org.id.as_str())
            .collect();
        assert_eq!(mine.len(), 1, "{}", sync.text);
        assert_eq!(
            org.keys
                .org_key
                .decrypt_str(mine[0]["name"].as_str().unwrap())
                .unwrap(),
            "One"
        );

        // The export: shared collections and every item.
        assert_eq!(
            member
                .get(&format!("/api/organizations/{}/export", org.id))
                .await
                .status,
            404
        );
        let r = m
            .owner
            .get(&format!("/api/organizations/{}/export", org.id))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "organizationExport");
        let mut names: Vec<String> = r.json["collections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                org.keys
                    .org_key
                    .decrypt_str(c["name"].as_str().unwrap())
                    .unwrap()
            })
            .collect();
        names.sort();
        assert_eq!(names, vec!["Default collection", "Imported"]);
        let imported = r.json["collections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["externalId"] == "ext-1")
            .unwrap()["id"]
            .clone();
        let items = r.json["ciphers"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        let in_imported = items
            .iter()
            .filter(|c| c["collectionIds"].as_array().unwrap().contains(&imported))
            .count();
        assert_eq!(in_imported, 2);
        // The importer manages the collection it created.
        let r = m
            .owner
            .get(&format!(
                "/api/organizations/{}/collections/{}/details",
                org.id,
                imported.as_str().unwrap()
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
);
