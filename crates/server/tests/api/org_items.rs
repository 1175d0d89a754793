//! Organization items through the real client crypto: created in a collection with the org
//! key, read back from sync and the item routes, edited, moved in from the personal vault
//! (`bw move`), re-filed between collections, trashed, restored and deleted.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use crate::org_support::{create_org, revision, Org};
use bulwark_client::ciphers::login_cipher;
use bulwark_client::Session;
use serde_json::{json, Value};

/// A login encrypted with the org key, for `org`.
pub fn org_login(org: &Org, s: &Session, name: &str, password: &str) -> Value {
    let mut c = login_cipher(
        &org.keys.org_key,
        &s.user_id,
        name,
        "alice",
        password,
        "https://a.example",
    );
    c["organizationId"] = json!(org.id);
    c
}

/// Creates an org item in `collections`; returns its id.
pub async fn create_item(s: &Session, org: &Org, collections: &[&str]) -> String {
    let r = s
        .post(
            "/api/ciphers/create",
            json!({"cipher": org_login(org, s, "Shared login", "pw-1"), "collectionIds": collections}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["id"].as_str().unwrap().to_owned()
}

fn find<'a>(sync: &'a Value, id: &str) -> Option<&'a Value> {
    sync["ciphers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
}

both_databases!(
    an_org_item_is_created_read_and_decrypted_with_the_org_key,
    |app: TestApp| async move {
        let (secrets, s) = app.user("owner").await;
        let org = create_org(&s, &secrets, "Acme").await;
        let before = revision(&s).await;
        let r = s
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org, &s, "Shared login", "pw-1"),
                       "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["organizationId"], org.id.as_str());
        assert_eq!(r.json["collectionIds"], json!([org.collection]));
        let id = r.json["id"].as_str().unwrap().to_owned();
        assert!(revision(&s).await > before);

        let sync = s.get("/api/sync").await;
        let item = find(&sync.json, &id).expect("in sync");
        assert_eq!(item["organizationId"], org.id.as_str());
        assert_eq!(item["collectionIds"], json!([org.collection]));
        assert_eq!(item["edit"], true);
        assert_eq!(item["viewPassword"], true);
        let k = &org.keys.org_key;
        assert_eq!(
            k.decrypt_str(item["name"].as_str().unwrap()).unwrap(),
            "Shared login"
        );
        assert_eq!(
            k.decrypt_str(item["login"]["password"].as_str().unwrap())
                .unwrap(),
            "pw-1"
        );
        let r = s.get(&format!("/api/ciphers/{id}")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["collectionIds"], json!([org.collection]));
        let r = s.get("/api/ciphers").await;
        assert!(r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()));

        // Edit with the org key.
        let mut body = org_login(&org, &s, "Renamed", "pw-2");
        body["lastKnownRevisionDate"] = item["revisionDate"].clone();
        let r = s.put(&format!("/api/ciphers/{id}"), body.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            k.decrypt_str(r.json["name"].as_str().unwrap()).unwrap(),
            "Renamed"
        );
        // The body's org must be the item's.
        body["organizationId"] = json!(null);
        body["lastKnownRevisionDate"] = json!(null);
        let r = s.put(&format!("/api/ciphers/{id}"), body).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            message(&r).starts_with("Organization mismatch."),
            "{}",
            r.text
        );

        // /create without collections, with unknown ones, and unassigned POST /ciphers.
        let r = s
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org, &s, "x", "y"), "collectionIds": []}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "You must select at least one collection.");
        let r = s
            .post(
                "/api/ciphers/create",
                json!({"cipher": org_login(&org, &s, "x", "y"),
                       "collectionIds": [uuid::Uuid::new_v4()]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "Specified CollectionId does not exist on the specified Organization."
        );
        let r = s
            .post("/api/ciphers", org_login(&org, &s, "Loose", "z"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let loose = r.json["id"].as_str().unwrap().to_owned();
        let sync = s.get("/api/sync").await;
        assert!(
            find(&sync.json, &loose).is_none(),
            "unassigned: admin routes only"
        );
        assert_eq!(sync.json["ciphers"].as_array().unwrap().len(), 1);
    }
);

both_databases!(
    a_personal_item_moves_into_the_org_and_between_collections,
    |app: TestApp| async move {
        let (secrets, s) = app.user("owner").await;
        let org = create_org(&s, &secrets, "Acme").await;
        let second = org.add_collection(&s, "Second").await;
        let personal = login_cipher(
            &s.user_key,
            &s.user_id,
            "Mine",
            "me",
            "pw",
            "https://m.example",
        );
        let r = s.post("/api/ciphers", personal).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let id = r.json["id"].as_str().unwrap().to_owned();

        // `bw move`: the item re-encrypted with the org key.
        let mut cipher = org_login(&org, &s, "Mine", "pw");
        cipher["id"] = json!(id);
        let r = s
            .put(
                &format!("/api/ciphers/{id}/share"),
                json!({"cipher": cipher, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["organizationId"], org.id.as_str());
        let sync = s.get("/api/sync").await;
        let item = find(&sync.json, &id).expect("in sync");
        assert_eq!(item["organizationId"], org.id.as_str());
        assert_eq!(
            org.keys
                .org_key
                .decrypt_str(item["name"].as_str().unwrap())
                .unwrap(),
            "Mine"
        );
        // A second share is refused.
        let r = s
            .put(
                &format!("/api/ciphers/{id}/share"),
                json!({"cipher": cipher, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "One or more ciphers already belong to an organization."
        );

        // Re-file: into both collections, then only the second.
        let r = s
            .put(
                &format!("/api/ciphers/{id}/collections"),
                json!({"collectionIds": [org.collection, second]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["collectionIds"].as_array().unwrap().len(), 2);
        let r = s
            .put(
                &format!("/api/ciphers/{id}/collections_v2"),
                json!({"collectionIds": [second]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "optionalCipherDetails");
        assert_eq!(r.json["unavailable"], false);
        assert_eq!(r.json["cipher"]["collectionIds"], json!([second]));

        // Bulk share of another personal item.
        let r = s
            .post(
                "/api/ciphers",
                login_cipher(
                    &s.user_key,
                    &s.user_id,
                    "Two",
                    "u",
                    "p",
                    "https://t.example",
                ),
            )
            .await;
        let two = r.json["id"].as_str().unwrap().to_owned();
        let mut c2 = org_login(&org, &s, "Two", "p");
        c2["id"] = json!(two);
        let r = s
            .put(
                "/api/ciphers/share",
                json!({"ciphers": [c2], "collectionIds": [second]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"][0]["object"], "cipherMini");
        let sync = s.get("/api/sync").await;
        assert_eq!(
            find(&sync.json, &two).unwrap()["organizationId"],
            org.id.as_str()
        );
    }
);

both_databases!(
    org_items_are_trashed_restored_and_deleted_in_bulk,
    |app: TestApp| async move {
        let (secrets, s) = app.user("owner").await;
        let org = create_org(&s, &secrets, "Acme").await;
        let one = create_item(&s, &org, &[&org.collection]).await;
        let two = create_item(&s, &org, &[&org.collection]).await;
        let ids = json!({"ids": [one, two]});
        let r = s.put("/api/ciphers/delete", ids.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let sync = s.get("/api/sync").await;
        for id in [&one, &two] {
            assert!(!find(&sync.json, id).unwrap()["deletedDate"].is_null());
        }
        let r = s.put("/api/ciphers/restore", ids.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"].as_array().unwrap().len(), 2);
        let r = s.delete("/api/ciphers", Some(ids)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let sync = s.get("/api/sync").await;
        assert_eq!(sync.json["ciphers"].as_array().unwrap().len(), 0);
        let r = s
            .get(&format!(
                "/api/ciphers/organization-details?organizationId={}",
                org.id
            ))
            .await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 0, "gone for good");
    }
);

both_databases!(
    a_free_org_stops_at_its_collection_limit,
    |app: TestApp| async move {
        let (secrets, s) = app.user("owner").await;
        let mut keys = bulwark_client::orgs::new_org(&secrets, "Free", 0, 0, Some("First"));
        keys.body["additionalSeats"] = json!(0);
        let r = s.post("/api/organizations", keys.body.clone()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let org = Org {
            id: r.json["id"].as_str().unwrap().to_owned(),
            keys,
            collection: String::new(),
        };
        org.add_collection(&s, "Second").await;
        let r = s
            .post(
                &format!("/api/organizations/{}/collections", org.id),
                org.collection_body("Third"),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(
            message(&r),
            "You have reached the maximum number of collections (2) for this organization."
        );
    }
);

both_databases!(
    a_shared_item_keeps_its_attachments_in_sync,
    |app: TestApp| async move {
        use crate::attachments::{declare, upload};
        let (secrets, s) = app.user("owner").await;
        let org = create_org(&s, &secrets, "Acme").await;
        let personal = login_cipher(
            &s.user_key,
            &s.user_id,
            "Files",
            "u",
            "p",
            "https://f.example",
        );
        let r = s.post("/api/ciphers", personal).await;
        let id = r.json["id"].as_str().unwrap().to_owned();
        let att = declare(&s, &id, 5).await["attachmentId"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = upload(&s, &id, &att, b"12345".to_vec()).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mut cipher = org_login(&org, &s, "Files", "p");
        cipher["id"] = json!(id);
        let r = s
            .put(
                &format!("/api/ciphers/{id}/share"),
                json!({"cipher": cipher, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["attachments"][0]["id"], att.as_str());
        let sync = s.get("/api/sync").await;
        let item = find(&sync.json, &id).unwrap();
        assert_eq!(item["organizationId"], org.id.as_str());
        assert_eq!(item["attachments"].as_array().unwrap().len(), 1);
        let r = s.get("/api/ciphers").await;
        let listed = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id.as_str())
            .unwrap()
            .clone();
        assert_eq!(listed["attachments"][0]["id"], att.as_str());
    }
);

both_databases!(
    a_favourite_item_in_a_folder_moves_with_its_flags,
    |app: TestApp| async move {
        let (secrets, s) = app.user("owner").await;
        let org = create_org(&s, &secrets, "Acme").await;
        let r = s
            .post(
                "/api/folders",
                json!({"name": s.user_key.encrypt_str("Work")}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let folder = r.json["id"].as_str().unwrap().to_owned();
        let mut personal = login_cipher(
            &s.user_key,
            &s.user_id,
            "Fav",
            "me",
            "pw",
            "https://f.example",
        );
        personal["folderId"] = json!(folder);
        personal["favorite"] = json!(true);
        personal["notes"] = json!(s.user_key.encrypt_str("notes äöü ✓"));
        let r = s.post("/api/ciphers", personal).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let id = r.json["id"].as_str().unwrap().to_owned();

        let mut cipher = org_login(&org, &s, "Fav", "pw");
        cipher["id"] = json!(id);
        cipher["folderId"] = json!(folder);
        cipher["favorite"] = json!(true);
        let r = s
            .put(
                &format!("/api/ciphers/{id}/share"),
                json!({"cipher": cipher, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["organizationId"], org.id.as_str(), "{}", r.text);
        assert_eq!(r.json["folderId"], folder.as_str());
        assert_eq!(r.json["favorite"], true);
    }
);

both_databases!(
    an_org_item_names_the_org_keys_id_not_the_users,
    |app: TestApp| async move {
        // The CLI sends `encryptedByKeyId` of the key it encrypted with: for an org item, the
        // org key's id, which the server never learns (a member's first create failed here).
        let (secrets, s) = app.user("owner").await;
        let r = s
            .post(
                "/api/accounts/key-management/user-key-id",
                json!({"userKeyId": "0123456789abcdef0123456789abcdef"}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let org = create_org(&s, &secrets, "Acme").await;
        let mut cipher = org_login(&org, &s, "Keyed", "pw");
        cipher["encryptedByKeyId"] = json!("fedcba9876543210fedcba9876543210");
        let r = s
            .post(
                "/api/ciphers/create",
                json!({"cipher": cipher, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        // A personal item must still name the user's own key.
        let mut personal =
            login_cipher(&s.user_key, &s.user_id, "P", "u", "p", "https://p.example");
        personal["encryptedByKeyId"] = json!("fedcba9876543210fedcba9876543210");
        let r = s.post("/api/ciphers", personal).await;
        assert_eq!(r.status, 400, "{}", r.text);
    }
);
