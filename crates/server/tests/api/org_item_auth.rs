//! Who reaches an org item: per-collection flags for members (read-only, hidden passwords),
//! nothing for strangers or members of another org (ids swapped on every route), and the
//! admin reads for owners only.

use crate::flows::message;
use crate::member_support::{join, org as member_org, Stage};
use crate::org_items::{create_item, org_login};
use crate::org_support::{create_org, revision, Org};
use crate::with_world;
use bulwark_client::Method;
use serde_json::{json, Value};

const USER: i64 = 2;

fn find<'a>(sync: &'a Value, id: &str) -> Option<&'a Value> {
    sync["ciphers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
}

with_world!(
    collection_flags_decide_what_members_may_do,
    |w: crate::member_support::World| async move {
        let m = member_org(&w.app, 5).await;
        let r = m
            .owner
            .get(&format!("/api/organizations/{}/collections", m.id))
            .await;
        let org = Org {
            id: m.id.clone(),
            keys: m.crypto.clone(),
            collection: r.json["data"][0]["id"].as_str().unwrap().to_owned(),
        };
        let (_, editor, editor_id) =
            join(&w, &m, "editor", USER, json!(null), Stage::Confirmed).await;
        let (_, viewer, viewer_id) =
            join(&w, &m, "viewer", USER, json!(null), Stage::Confirmed).await;
        let (_, hidden, hidden_id) =
            join(&w, &m, "hidden", USER, json!(null), Stage::Confirmed).await;
        let mut body = org.collection_body("Team");
        body["users"] = json!([
            {"id": editor_id, "readOnly": false, "hidePasswords": false, "manage": false},
            {"id": viewer_id, "readOnly": true, "hidePasswords": false, "manage": false},
            {"id": hidden_id, "readOnly": false, "hidePasswords": true, "manage": false},
        ]);
        let r = m
            .owner
            .post(&format!("/api/organizations/{}/collections", org.id), body)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.json["users"].as_array().unwrap().len(),
            4,
            "the owner manages it"
        );
        let team = r.json["id"].as_str().unwrap().to_owned();
        let item = create_item(&m.owner, &org, &[&team]).await;

        let sync = viewer.get("/api/sync").await;
        let seen = find(&sync.json, &item).expect("viewer sees it");
        assert_eq!(seen["edit"], false);
        assert_eq!(seen["viewPassword"], true);
        assert_eq!(seen["permissions"]["delete"], false);
        assert_eq!(sync.json["collections"][0]["readOnly"], true);
        let sync = hidden.get("/api/sync").await;
        let seen = find(&sync.json, &item).expect("hidden sees it");
        assert_eq!(seen["edit"], true);
        assert_eq!(seen["viewPassword"], false);
        let r = hidden
            .put(
                &format!("/api/ciphers/{item}/collections_v2"),
                json!({"collectionIds": [team]}),
            )
            .await;
        assert_eq!(
            r.status, 404,
            "collections_v2 needs viewPassword: {}",
            r.text
        );

        // Read-only: no edit, no delete, nothing changes.
        let r = viewer
            .put(
                &format!("/api/ciphers/{item}"),
                org_login(&org, &viewer, "Hacked", "x"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "You do not have permissions to edit this.");
        for (method, path) in [
            (Method::DELETE, format!("/api/ciphers/{item}")),
            (Method::PUT, format!("/api/ciphers/{item}/delete")),
        ] {
            let r = viewer.request(method, &path, None).await;
            assert_eq!(r.status, 400, "{path}: {}", r.text);
            assert_eq!(message(&r), "You do not have permissions to delete this.");
        }
        let r = viewer
            .put(
                &format!("/api/ciphers/{item}/collections"),
                json!({"collectionIds": []}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);

        // An editor's change reaches everyone who sees the item.
        let before = revision(&viewer).await;
        let r = editor
            .put(
                &format!("/api/ciphers/{item}"),
                org_login(&org, &editor, "Edited", "pw-2"),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(revision(&viewer).await > before, "viewer re-syncs");
        let sync = viewer.get("/api/sync").await;
        let seen = find(&sync.json, &item).unwrap();
        assert_eq!(
            org.keys
                .org_key
                .decrypt_str(seen["name"].as_str().unwrap())
                .unwrap(),
            "Edited"
        );

        // Editor trashes and restores; the owner deletes for good.
        let r = editor
            .put(&format!("/api/ciphers/{item}/delete"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = editor
            .put(&format!("/api/ciphers/{item}/restore"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.json["deletedDate"].is_null());

        // Admin reads: the owner only.
        let r = m
            .owner
            .get(&format!(
                "/api/ciphers/organization-details?organizationId={}",
                org.id
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"][0]["object"], "cipherMiniDetails");
        assert_eq!(r.json["data"][0]["collectionIds"], json!([team]));
        let r = m.owner.get(&format!("/api/ciphers/{item}/admin")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        for who in [&viewer, &editor] {
            let r = who
                .get(&format!(
                    "/api/ciphers/organization-details?organizationId={}",
                    org.id
                ))
                .await;
            assert_eq!(r.status, 404, "{}", r.text);
            let r = who.get(&format!("/api/ciphers/{item}/admin")).await;
            assert_eq!(r.status, 404, "{}", r.text);
        }
        let r = m.owner.delete(&format!("/api/ciphers/{item}"), None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let sync = editor.get("/api/sync").await;
        assert!(find(&sync.json, &item).is_none());
    }
);

with_world!(
    org_items_never_leak_to_strangers_or_other_orgs,
    |w: crate::member_support::World| async move {
        let app = &w.app;
        let (sa, a) = app.user("a").await;
        let org_a = create_org(&a, &sa, "A").await;
        let (sb, b) = app.user("b").await;
        let org_b = create_org(&b, &sb, "B").await;
        let (_, stranger) = app.user("stranger").await;
        let item_a = create_item(&a, &org_a, &[&org_a.collection]).await;
        let item_b = create_item(&b, &org_b, &[&org_b.collection]).await;

        // Every item route, as A's owner on B's item, and as a stranger on A's item.
        let routes = |id: &str, org: &Org, who_org: &Org| -> Vec<(Method, String, Option<Value>)> {
            let mut edit = org_login(who_org, &a, "x", "y");
            edit["organizationId"] = json!(org.id);
            // Encrypted for nobody in particular, so only authorization can refuse it.
            edit["encryptedFor"] = json!(null);
            vec![
                (Method::GET, format!("/api/ciphers/{id}"), None),
                (Method::GET, format!("/api/ciphers/{id}/details"), None),
                (
                    Method::PUT,
                    format!("/api/ciphers/{id}"),
                    Some(edit.clone()),
                ),
                (Method::DELETE, format!("/api/ciphers/{id}"), None),
                (Method::PUT, format!("/api/ciphers/{id}/delete"), None),
                (Method::PUT, format!("/api/ciphers/{id}/restore"), None),
                (
                    Method::PUT,
                    format!("/api/ciphers/{id}/collections"),
                    Some(json!({"collectionIds": [who_org.collection]})),
                ),
                (
                    Method::PUT,
                    format!("/api/ciphers/{id}/collections_v2"),
                    Some(json!({"collectionIds": [who_org.collection]})),
                ),
                (Method::GET, format!("/api/ciphers/{id}/admin"), None),
                (
                    Method::GET,
                    format!(
                        "/api/ciphers/organization-details?organizationId={}",
                        org.id
                    ),
                    None,
                ),
            ]
        };
        for (method, path, body) in routes(&item_b, &org_b, &org_a) {
            let r = a.request(method.clone(), &path, body).await;
            assert_eq!(r.status, 404, "A on B: {method} {path}: {}", r.text);
        }
        for (method, path, body) in routes(&item_a, &org_a, &org_a) {
            let r = stranger.request(method.clone(), &path, body.clone()).await;
            assert_eq!(r.status, 404, "stranger: {method} {path}: {}", r.text);
            let r = app.client.request(method.clone(), &path, None, body).await;
            assert_eq!(r.status, 401, "anonymous: {method} {path}: {}", r.text);
        }
        // Creating into another org, or into another org's collection.
        let r = a
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org_b, &a, "x", "y"),
                "collectionIds": [org_b.collection]}),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = a
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org_a, &a, "x", "y"),
                "collectionIds": [org_b.collection]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        // Sharing a personal item into an org one is not in.
        let r = a
            .post(
                "/api/ciphers",
                bulwark_client::ciphers::login_cipher(
                    &a.user_key,
                    &a.user_id,
                    "p",
                    "u",
                    "pw",
                    "https://p.example",
                ),
            )
            .await;
        let personal = r.json["id"].as_str().unwrap().to_owned();
        let mut moved = org_login(&org_b, &a, "p", "pw");
        moved["id"] = json!(personal);
        let r = a
            .put(
                &format!("/api/ciphers/{personal}/share"),
                json!({"cipher": moved, "collectionIds": [org_b.collection]}),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        // Malformed ids.
        let r = a.get("/api/ciphers/not-a-uuid").await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = a
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org_a, &a, "x", "y"),
                "collectionIds": ["nope"]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let mut bad = org_login(&org_a, &a, "x", "y");
        bad["name"] = json!("plain text");
        let r = a
            .post(
                "/api/ciphers/create",
                json!({"cipher": bad, "collectionIds": [org_a.collection]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);

        // Nothing moved: each owner still sees exactly their own item.
        let sync = b.get("/api/sync").await;
        let ids: Vec<&str> = sync.json["ciphers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![item_b.as_str()]);
        let sync = a.get("/api/sync").await;
        assert!(find(&sync.json, &item_a).is_some());
        assert!(find(&sync.json, &personal).is_some(), "still personal");
        assert_eq!(
            find(&sync.json, &personal).unwrap()["organizationId"],
            Value::Null
        );
        let sync = stranger.get("/api/sync").await;
        assert_eq!(sync.json["ciphers"].as_array().unwrap().len(), 0);
    }
);
