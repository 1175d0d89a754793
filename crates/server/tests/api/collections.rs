//! Collections: an owner creates, renames, re-grants and deletes them; bad input is refused
//! whole; ids of another org are never reached.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use crate::org_support::{create_org, revision};
use bulwark_client::Method;
use serde_json::json;

both_databases!(
    an_owner_creates_renames_and_deletes_collections,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org = create_org(&session, &secrets, "Acme").await;
        let base = format!("/api/organizations/{}/collections", org.id);
        let before = revision(&session).await;

        let r = session.post(&base, org.collection_body("Shared")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "collectionAccessDetails");
        assert_eq!(r.json["assigned"], true);
        assert_eq!(r.json["manage"], true, "the creator manages what they made");
        assert_eq!(r.json["unmanaged"], false);
        assert_eq!(r.json["users"].as_array().unwrap().len(), 1);
        let id = r.json["id"].as_str().unwrap().to_owned();
        assert!(revision(&session).await > before, "members re-sync");

        let r = session.get(&base).await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 2);
        assert_eq!(r.json["data"][0]["object"], "collection");
        let r = session.get("/api/collections").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"].as_array().unwrap().len(), 2);
        assert_eq!(r.json["data"][0]["object"], "collectionDetails");

        // Rename; null access lists stay as they are.
        let r = session
            .put(
                &format!("{base}/{id}"),
                json!({"name": org.keys.org_key.encrypt_str("Renamed"), "users": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let name = org
            .keys
            .org_key
            .decrypt_str(r.json["name"].as_str().unwrap())
            .unwrap();
        assert_eq!(name, "Renamed");
        assert_eq!(r.json["manage"], true);
        // Taking the last manager away is refused, and changes nothing.
        let r = session
            .put(
                &format!("{base}/{id}"),
                json!({"name": org.keys.org_key.encrypt_str("Lost"), "users": []}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "At least one member or group must have can manage permission."
        );
        let r = session.get(&format!("{base}/{id}/details")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let name = org
            .keys
            .org_key
            .decrypt_str(r.json["name"].as_str().unwrap())
            .unwrap();
        assert_eq!(name, "Renamed");
        let r = session.get(&format!("{base}/{id}/users")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json.as_array().unwrap().len(), 1, "bare array");
        assert_eq!(r.json[0]["manage"], true);
        let r = session.get(&format!("{base}/details")).await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 2);

        // Delete one, then the rest in bulk through the POST alias.
        let r = session.delete(&format!("{base}/{id}"), None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get(&format!("{base}/{id}")).await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session
            .post(&format!("{base}/delete"), json!({"ids": [org.collection]}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get("/api/sync").await;
        assert_eq!(r.json["collections"].as_array().unwrap().len(), 0);
    }
);

both_databases!(
    bad_collection_input_is_refused_and_writes_nothing,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org = create_org(&session, &secrets, "Acme").await;
        let base = format!("/api/organizations/{}/collections", org.id);
        let enc = org.keys.org_key.encrypt_str("x");
        let cases = vec![
            (
                json!({"name": "plain"}),
                "Name is not a valid encrypted string.",
            ),
            (json!({}), "The Name field is required."),
            (
                json!({"name": enc, "users": [{"id": "nope", "manage": true}]}),
                "'nope' is not a valid id.",
            ),
            (
                json!({"name": enc, "users": [{"id": uuid::Uuid::new_v4(), "manage": true,
                    "readOnly": true}]}),
                "The Manage property is mutually exclusive",
            ),
            (json!({"name": 5}), ""),
        ];
        for (body, expected) in cases {
            let r = session.post(&base, body.clone()).await;
            assert_eq!(r.status, 400, "{body}: {}", r.text);
            assert!(message(&r).contains(expected), "{body}: {}", r.text);
        }
        let r = session.get(&base).await;
        assert_eq!(
            r.json["data"].as_array().unwrap().len(),
            1,
            "nothing written"
        );

        for path in [
            format!("{base}/not-a-uuid"),
            format!("{base}/{}", uuid::Uuid::new_v4()),
            "/api/organizations/not-a-uuid/collections".to_string(),
        ] {
            let r = session.get(&path).await;
            assert_eq!(r.status, 404, "{path}: {}", r.text);
        }
        let r = session
            .post(&format!("{base}/bulk-access"), json!({"collectionIds": []}))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "No collections were provided.");
        let r = session
            .post(
                &format!("{base}/bulk-access"),
                json!({"collectionIds": [org.collection],
                       "users": [{"id": uuid::Uuid::new_v4(), "manage": true}]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "One or more users do not exist.");
    }
);

both_databases!(
    collections_of_another_org_are_never_reached,
    |app: TestApp| async move {
        let (secrets_a, a) = app.user("a").await;
        let org_a = create_org(&a, &secrets_a, "A").await;
        let (secrets_b, b) = app.user("b").await;
        let org_b = create_org(&b, &secrets_b, "B").await;
        let (_, stranger) = app.user("stranger").await;
        let theirs = &org_b.collection;
        let a_base = format!("/api/organizations/{}/collections", org_a.id);
        let body = org_a.collection_body("Mine");
        let swapped = vec![
            (Method::GET, format!("{a_base}/{theirs}"), None),
            (Method::GET, format!("{a_base}/{theirs}/details"), None),
            (Method::GET, format!("{a_base}/{theirs}/users"), None),
            (
                Method::PUT,
                format!("{a_base}/{theirs}"),
                Some(body.clone()),
            ),
            (
                Method::POST,
                format!("{a_base}/{theirs}"),
                Some(body.clone()),
            ),
            (Method::DELETE, format!("{a_base}/{theirs}"), None),
            (Method::POST, format!("{a_base}/{theirs}/delete"), None),
            (
                Method::DELETE,
                a_base.clone(),
                Some(json!({"ids": [theirs]})),
            ),
            (
                Method::POST,
                format!("{a_base}/bulk-access"),
                Some(json!({"collectionIds": [theirs], "users": []})),
            ),
        ];
        for (method, path, body) in &swapped {
            let r = a.request(method.clone(), path, body.clone()).await;
            assert_eq!(r.status, 404, "owner of A: {method} {path}: {}", r.text);
        }
        // A stranger and B reach nothing of A's org at all.
        let own = &org_a.collection;
        let routes = vec![
            (Method::GET, a_base.clone(), None),
            (Method::GET, format!("{a_base}/details"), None),
            (Method::POST, a_base.clone(), Some(body.clone())),
            (Method::GET, format!("{a_base}/{own}"), None),
            (Method::PUT, format!("{a_base}/{own}"), Some(body.clone())),
            (Method::DELETE, format!("{a_base}/{own}"), None),
        ];
        for who in [&stranger, &b] {
            for (method, path, body) in &routes {
                let r = who.request(method.clone(), path, body.clone()).await;
                assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
            }
        }
        let r = app.client.request(Method::GET, &a_base, None, None).await;
        assert_eq!(r.status, 401, "anonymous: {}", r.text);
        // Both orgs still have their collection; B's untouched.
        let r = b
            .get(&format!(
                "/api/organizations/{}/collections/{theirs}",
                org_b.id
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = stranger.get("/api/collections").await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 0);
    }
);
