//! A member's own arrangement of org items: archiving and folders are per user, so one
//! member's archive or folder never shows in another member's vault.

use crate::member_support::{join, org as member_org, Stage, World};
use crate::org_items::create_item;
use crate::org_support::Org;
use crate::with_world;
use serde_json::{json, Value};

fn find(sync: &Value, id: &str) -> Value {
    sync["ciphers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

with_world!(
    archive_and_folders_of_org_items_are_per_member,
    |w: World| async move {
        let m = member_org(&w.app, 5).await;
        let cols = m
            .owner
            .get(&format!("/api/organizations/{}/collections", m.id))
            .await;
        let org = Org {
            id: m.id.clone(),
            keys: m.crypto.clone(),
            collection: cols.json["data"][0]["id"].as_str().unwrap().to_owned(),
        };
        let item = create_item(&m.owner, &org, &[&org.collection]).await;
        let (_, outsider) = w.app.user("outsider").await;

        let r = m
            .owner
            .put(&format!("/api/ciphers/{item}/archive"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.json["archivedDate"].is_string(), "{}", r.text);
        let r = m
            .owner
            .put(&format!("/api/ciphers/{item}/archive"), json!({}))
            .await;
        assert_eq!(r.status, 400, "already archived");
        assert_eq!(
            outsider
                .put(&format!("/api/ciphers/{item}/archive"), json!({}))
                .await
                .status,
            404
        );

        // Another member of the org does not see it archived.
        let (_, member, member_id) = join(&w, &m, "member", 2, json!(null), Stage::Confirmed).await;
        let r = m
            .owner
            .put(
                &format!("/api/organizations/{}/users/{member_id}", m.id),
                json!({"type": 2, "collections": [{"id": org.collection, "readOnly": true, "hidePasswords": false, "manage": false}], "groups": []}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let seen = find(&member.get("/api/sync").await.json, &item);
        assert_eq!(seen["archivedDate"], Value::Null);
        assert!(find(&m.owner.get("/api/sync").await.json, &item)["archivedDate"].is_string());

        // Folders too: the member files it in their own folder (even read-only).
        let folder = member
            .post(
                "/api/folders",
                json!({"name": org.keys.org_key.encrypt_str("mine")}),
            )
            .await;
        assert_eq!(folder.status, 200, "{}", folder.text);
        let folder = folder.json["id"].as_str().unwrap().to_owned();
        let r = member
            .put(
                "/api/ciphers/move",
                json!({"ids": [item], "folderId": folder}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            find(&member.get("/api/sync").await.json, &item)["folderId"],
            folder.as_str()
        );
        assert_eq!(
            find(&m.owner.get("/api/sync").await.json, &item)["folderId"],
            Value::Null
        );

        let r = m
            .owner
            .put("/api/ciphers/unarchive", json!({"ids": [item]}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            find(&m.owner.get("/api/sync").await.json, &item)["archivedDate"],
            Value::Null
        );
    }
);
