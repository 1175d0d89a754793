//! The admin console's item writes (spec §5.2): create, edit, re-assign, trash, restore,
//! delete (one and many), bulk collections, purge and the assigned view, with the role rules
//! and ids of another org refused.

use crate::flows::message;
use crate::member_support::{join, org as member_org, Stage, World};
use crate::org_items::{create_item, org_login};
use crate::org_support::Org;
use crate::with_world;
use serde_json::{json, Value};

const USER: i64 = 2;
const CUSTOM: i64 = 4;

fn ids(list: &Value) -> Vec<String> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

with_world!(
    admins_write_every_item_of_their_org,
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
        let (_, member, member_id) =
            join(&w, &m, "member", USER, json!(null), Stage::Confirmed).await;
        let (_, editor_any, _) = join(
            &w,
            &m,
            "editany",
            CUSTOM,
            json!({"editAnyCollection": true}),
            Stage::Confirmed,
        )
        .await;
        let (_, reporter, _) = join(
            &w,
            &m,
            "reporter",
            CUSTOM,
            json!({"accessReports": true}),
            Stage::Confirmed,
        )
        .await;
        // A second collection the member reads only.
        let mut body = org.collection_body("Team");
        body["users"] =
            json!([{"id": member_id, "readOnly": true, "hidePasswords": false, "manage": false}]);
        // Made by the editAnyCollection member, who then manages it; the owner holds no grant.
        let r = editor_any
            .post(&format!("/api/organizations/{}/collections", org.id), body)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let team = r.json["id"].as_str().unwrap().to_owned();

        // POST /ciphers/admin: any collection of the org; an unknown one is refused.
        let create_as = |s: &bulwark_client::Session, collections: Value| json!({"cipher": org_login(&org, s, "Admin made", "pw"), "collectionIds": collections});
        let create = |collections: Value| create_as(&m.owner, collections);
        let r = m
            .owner
            .post("/api/ciphers/admin", create(json!([team])))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "cipherMini");
        let item = r.json["id"].as_str().unwrap().to_owned();
        let r = m
            .owner
            .post("/api/ciphers/admin", create(json!([uuid::Uuid::new_v4()])))
            .await;
        assert_eq!(r.status, 400);
        let r = member
            .post("/api/ciphers/admin", create_as(&member, json!([team])))
            .await;
        assert_eq!(r.status, 404, "plain members have no admin routes");
        let r = reporter
            .post("/api/ciphers/admin", create_as(&reporter, json!([team])))
            .await;
        assert_eq!(r.status, 404);
        // The member sees it (read-only) after sync.
        let sync = member.get("/api/sync").await;
        let seen = sync.json["ciphers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == item.as_str())
            .cloned()
            .unwrap();
        assert_eq!(seen["edit"], false);

        // PUT /ciphers/{id}/admin: owner (the item is in a collection they do not hold, and
        // admin access to all items is off) may not; editAnyCollection may.
        let edit = org_login(&org, &m.owner, "Renamed", "pw2");
        let r = m
            .owner
            .put(&format!("/api/ciphers/{item}/admin"), edit.clone())
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = editor_any
            .put(
                &format!("/api/ciphers/{item}/admin"),
                org_login(&org, &editor_any, "Renamed", "pw2"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = member
            .put(
                &format!("/api/ciphers/{item}/admin"),
                org_login(&org, &member, "Renamed", "pw2"),
            )
            .await;
        assert_eq!(r.status, 404);

        // Unassigned items are the admins' to handle.
        let r = m.owner.post("/api/ciphers/admin", create(json!([]))).await;
        let loose = r.json["id"].as_str().unwrap().to_owned();
        let r = m
            .owner
            .put(&format!("/api/ciphers/{loose}/admin"), edit.clone())
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = m
            .owner
            .put(
                &format!("/api/ciphers/{loose}/collections-admin"),
                json!({"collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "cipherMiniDetails");
        assert_eq!(r.json["collectionIds"], json!([org.collection]));
        // Into a collection the owner cannot write: refused.
        let r = m
            .owner
            .put(
                &format!("/api/ciphers/{loose}/collections-admin"),
                json!({"collectionIds": [team]}),
            )
            .await;
        assert_eq!(r.status, 404);

        // Assigned view: the member's items of this org.
        let r = member
            .get(&format!(
                "/api/ciphers/organization-details/assigned?organizationId={}",
                org.id
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(ids(&r.json), vec![item.clone()]);
        assert_eq!(r.json["data"][0]["object"], "cipherDetails");

        // Trash, restore, delete; bulk with another org's id mixed in.
        let other = member_org(&w.app, 3).await;
        let ocols = other
            .owner
            .get(&format!("/api/organizations/{}/collections", other.id))
            .await;
        let other_org = Org {
            id: other.id.clone(),
            keys: other.crypto.clone(),
            collection: ocols.json["data"][0]["id"].as_str().unwrap().to_owned(),
        };
        let foreign = create_item(&other.owner, &other_org, &[&other_org.collection]).await;
        let r = m
            .owner
            .put(&format!("/api/ciphers/{foreign}/delete-admin"), json!({}))
            .await;
        assert_eq!(r.status, 404, "another org's item");
        let r = m
            .owner
            .put(
                "/api/ciphers/delete-admin",
                json!({"ids": [loose, foreign], "organizationId": org.id}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = other.owner.get(&format!("/api/ciphers/{foreign}")).await;
        assert_eq!(r.json["deletedDate"], Value::Null, "untouched");
        // Bulk calls that name an org the caller cannot administer items of: 404 (not a 200
        // that skipped everything), and nothing changes.
        let other_org_body = json!({"ids": [foreign], "organizationId": other.id});
        let r = m
            .owner
            .put("/api/ciphers/delete-admin", other_org_body.clone())
            .await;
        assert_eq!(r.status, 404, "trash in another org: {}", r.text);
        let r = m
            .owner
            .delete("/api/ciphers/admin", Some(other_org_body.clone()))
            .await;
        assert_eq!(r.status, 404, "delete in another org: {}", r.text);
        let r = m
            .owner
            .post("/api/ciphers/delete-admin", other_org_body.clone())
            .await;
        assert_eq!(r.status, 404, "delete (POST) in another org: {}", r.text);
        let r = member
            .put(
                "/api/ciphers/delete-admin",
                json!({"ids": [item], "organizationId": org.id}),
            )
            .await;
        assert_eq!(r.status, 404, "a member without admin rights: {}", r.text);
        let r = other.owner.get(&format!("/api/ciphers/{foreign}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["deletedDate"], Value::Null, "still untouched");
        let r = m
            .owner
            .put(
                "/api/ciphers/restore-admin",
                json!({"ids": [loose], "organizationId": org.id}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(ids(&r.json), vec![loose.clone()]);
        let r = m
            .owner
            .delete(&format!("/api/ciphers/{loose}/admin"), None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = m.owner.get(&format!("/api/ciphers/{loose}/admin")).await;
        assert_eq!(r.status, 404);
        let r = m
            .owner
            .delete(
                "/api/ciphers/admin",
                Some(json!({"ids": (0..501).map(|_| uuid::Uuid::new_v4().to_string()).collect::<Vec<_>>(), "organizationId": org.id})),
            )
            .await;
        assert_eq!(
            message(&r),
            "You can only delete up to 500 items at a time."
        );

        // Bulk collections: editAnyCollection adds the default collection to the item.
        let r = editor_any
            .post(
                "/api/ciphers/bulk-collections",
                json!({"organizationId": org.id, "cipherIds": [item], "collectionIds": [org.collection], "removeCollections": false}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = m.owner.get(&format!("/api/ciphers/{item}/admin")).await;
        let mut got: Vec<String> = serde_json::from_value(r.json["collectionIds"].clone()).unwrap();
        got.sort();
        let mut want = vec![org.collection.clone(), team.clone()];
        want.sort();
        assert_eq!(got, want);
        // A read-only member may not; a foreign cipher id is not found.
        let r = member
            .post(
                "/api/ciphers/bulk-collections",
                json!({"organizationId": org.id, "cipherIds": [item], "collectionIds": [team], "removeCollections": true}),
            )
            .await;
        assert_eq!(r.status, 404);
        let r = editor_any
            .post(
                "/api/ciphers/bulk-collections",
                json!({"organizationId": org.id, "cipherIds": [foreign], "collectionIds": [team], "removeCollections": false}),
            )
            .await;
        assert_eq!(r.status, 404);

        // Purge: the master password, and the org's items only.
        let purge = format!("/api/ciphers/purge?organizationId={}", org.id);
        let r = m
            .owner
            .post(&purge, json!({"masterPasswordHash": "d3Jvbmc="}))
            .await;
        assert_eq!(r.status, 400);
        let r = member
            .post(&purge, json!({"masterPasswordHash": "d3Jvbmc="}))
            .await;
        assert_eq!(r.status, 404);
        let r = m
            .owner
            .post(
                &purge,
                json!({"masterPasswordHash": m.owner_secrets.master_password_hash}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = m
            .owner
            .get(&format!(
                "/api/ciphers/organization-details?organizationId={}",
                org.id
            ))
            .await;
        assert_eq!(r.json["data"], json!([]));
        assert_eq!(
            other
                .owner
                .get(&format!("/api/ciphers/{foreign}"))
                .await
                .status,
            200
        );
        let log = m
            .owner
            .get(&format!("/api/organizations/{}/events", org.id))
            .await;
        assert!(log.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == 1601));
    }
);
