//! Files and per-user state on org items. Attachments: members with edit add and delete files,
//! everyone who sees the item reads and downloads them, the admin variants serve those who may
//! edit as admins, and nobody else reaches anything. Archive: whoever sees an item archives it
//! for themselves alone.

use crate::attachments::upload;
use crate::member_support::{join, org as member_org, Org, Stage, World};
use crate::vault_support::{expect, expect_400, sync};
use crate::with_world;
use bulwark_client::ciphers::login_cipher;
use bulwark_client::{Method, Session};
use serde_json::{json, Value};

const ADMIN: i64 = 1;
const USER: i64 = 2;
const CUSTOM: i64 = 4;

async fn create_in(org: &Org, name: &str, collections: &[&str]) -> String {
    let mut c = login_cipher(
        &org.crypto.org_key,
        &org.owner.user_id,
        name,
        "alice",
        "pw",
        "https://a.example",
    );
    c["organizationId"] = json!(org.id);
    let r = if collections.is_empty() {
        org.owner.post("/api/ciphers", c).await
    } else {
        org.owner
            .post(
                "/api/ciphers/create",
                json!({"cipher": c, "collectionIds": collections}),
            )
            .await
    };
    expect(r, 200).json["id"].as_str().unwrap().to_owned()
}

fn declare_body(org: &Org, size: usize, admin: bool) -> Value {
    json!({
        "key": org.crypto.org_key.encrypt_str("attachment key"),
        "fileName": org.crypto.org_key.encrypt_str("report.pdf"),
        "fileSize": size, "adminRequest": admin,
    })
}

/// Declares and uploads `bytes` as `s`; returns the attachment id.
async fn attach(org: &Org, s: &Session, cipher: &str, bytes: &[u8]) -> String {
    let r = expect(
        s.post(
            &format!("/api/ciphers/{cipher}/attachment/v2"),
            declare_body(org, bytes.len(), false),
        )
        .await,
        200,
    );
    assert_eq!(r.json["cipherResponse"]["organizationId"], org.id.as_str());
    let att = r.json["attachmentId"].as_str().unwrap().to_owned();
    expect(upload(s, cipher, &att, bytes.to_vec()).await, 200);
    att
}

async fn download(s: &Session, url: &str) -> (u16, Vec<u8>) {
    let r = s.client.http.get(url).send().await.expect("download");
    let status = r.status().as_u16();
    (
        status,
        r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
    )
}

fn synced<'a>(sync: &'a Value, id: &str) -> Option<&'a Value> {
    sync["ciphers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
}

async fn membership_of_owner(org: &Org) -> Value {
    let r = expect(
        org.owner
            .get(&format!("/api/organizations/{}/users", org.id))
            .await,
        200,
    );
    r.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["type"] == 0)
        .unwrap()["id"]
        .clone()
}

with_world!(
    members_share_files_on_org_items_by_their_grants,
    |w: World| async move {
        let org = member_org(&w.app, 30).await;
        let other = member_org(&w.app, 30).await;
        let member = |prefix: &'static str, t: i64, p: Value| {
            let (w, org) = (&w, &org);
            async move { join(w, org, prefix, t, p, Stage::Confirmed).await }
        };
        let (_, editor, editor_id) = member("editor", USER, json!(null)).await;
        let (_, viewer, viewer_id) = member("viewer", USER, json!(null)).await;
        let (_, outsider, _) = member("outsider", USER, json!(null)).await;
        let (_, admin, _) = member("admin", ADMIN, json!(null)).await;
        let (_, edit_any, _) = member("editany", CUSTOM, json!({"editAnyCollection": true})).await;
        let (_, custom_none, _) = member("cnone", CUSTOM, json!({"accessReports": true})).await;
        let (_, invited, _) = join(&w, &org, "invited", ADMIN, json!(null), Stage::Invited).await;
        let (_, accepted, _) =
            join(&w, &org, "accepted", ADMIN, json!(null), Stage::Accepted).await;
        let (_, revoked, revoked_id) = member("revoked", USER, json!(null)).await;
        let (_, unrelated) = w.app.user("unrelated").await;
        let owner_id = membership_of_owner(&org).await;
        let body = json!({
            "name": org.crypto.org_key.encrypt_str("Team"), "externalId": null, "groups": [],
            "users": [
                {"id": owner_id, "readOnly": false, "hidePasswords": false, "manage": true},
                {"id": editor_id, "readOnly": false, "hidePasswords": false, "manage": false},
                {"id": viewer_id, "readOnly": true, "hidePasswords": false, "manage": false},
                {"id": revoked_id, "readOnly": false, "hidePasswords": false, "manage": false},
            ],
        });
        let r = org
            .owner
            .post(&format!("/api/organizations/{}/collections", org.id), body)
            .await;
        let team = expect(r, 200).json["id"].as_str().unwrap().to_owned();
        expect(
            org.owner
                .put(
                    &format!("/api/organizations/{}/users/{revoked_id}/revoke", org.id),
                    json!({}),
                )
                .await,
            200,
        );
        let item = create_in(&org, "shared", &[&team]).await;

        // An editor adds a file; everyone who sees the item re-syncs and downloads it.
        let bytes = org.crypto.org_key.encrypt(b"secret file").into_bytes();
        let att = attach(&org, &editor, &item, &bytes).await;
        for (who, s) in [
            ("owner", &org.owner),
            ("editor", &editor),
            ("viewer", &viewer),
        ] {
            let sync = sync(s).await;
            let seen = synced(&sync, &item).unwrap_or_else(|| panic!("{who} sees the item"));
            assert_eq!(seen["attachments"][0]["id"], att.as_str(), "{who}");
            let url = seen["attachments"][0]["url"].as_str().unwrap();
            assert_eq!(download(s, url).await, (200, bytes.clone()), "{who}");
            let r = expect(
                s.get(&format!("/api/ciphers/{item}/attachment/{att}"))
                    .await,
                200,
            );
            assert_eq!(
                org.crypto
                    .org_key
                    .decrypt_str(r.json["fileName"].as_str().unwrap())
                    .unwrap(),
                "report.pdf",
                "{who}"
            );
        }

        // Read-only: no new files, no deletion.
        expect_400(
            viewer
                .post(
                    &format!("/api/ciphers/{item}/attachment/v2"),
                    declare_body(&org, 10, false),
                )
                .await,
            "You do not have permissions to edit this.",
        );
        let r = viewer
            .multipart_upload(
                &format!("/api/ciphers/{item}/attachment"),
                "data",
                "n",
                b"x".to_vec(),
            )
            .await;
        expect_400(r, "You do not have permissions to edit this.");
        for (method, path) in [
            (
                Method::DELETE,
                format!("/api/ciphers/{item}/attachment/{att}"),
            ),
            (
                Method::POST,
                format!("/api/ciphers/{item}/attachment/{att}/delete"),
            ),
        ] {
            expect_400(
                viewer.request(method, &path, None).await,
                "You do not have permissions to delete this.",
            );
        }

        // Those who do not see the item reach nothing, admin routes included unless they may
        // edit it as admins.
        let denied: Vec<(&str, &Session)> = vec![
            ("member without the collection", &outsider),
            ("admin not assigned", &admin),
            ("custom without flags", &custom_none),
            ("invited", &invited),
            ("accepted", &accepted),
            ("revoked", &revoked),
            ("unrelated", &unrelated),
            ("another org's owner", &other.owner),
        ];
        for (who, s) in &denied {
            let paths = [
                (
                    Method::POST,
                    format!("/api/ciphers/{item}/attachment/v2"),
                    Some(declare_body(&org, 5, false)),
                ),
                (
                    Method::GET,
                    format!("/api/ciphers/{item}/attachment/{att}"),
                    None,
                ),
                (
                    Method::GET,
                    format!("/api/ciphers/{item}/attachment/{att}/renew"),
                    None,
                ),
                (
                    Method::DELETE,
                    format!("/api/ciphers/{item}/attachment/{att}"),
                    None,
                ),
                (
                    Method::GET,
                    format!("/api/ciphers/{item}/attachment/{att}/admin"),
                    None,
                ),
                (
                    Method::DELETE,
                    format!("/api/ciphers/{item}/attachment/{att}/admin"),
                    None,
                ),
                (
                    Method::POST,
                    format!("/api/ciphers/{item}/attachment/v2"),
                    Some(declare_body(&org, 5, true)),
                ),
            ];
            for (method, path, body) in paths {
                let r = s.request(method.clone(), &path, body).await;
                assert_eq!(r.status, 404, "{who} {method} {path}: {}", r.text);
            }
            let r = s
                .multipart_upload(
                    &format!("/api/ciphers/{item}/attachment-admin"),
                    "data",
                    "n",
                    b"x".to_vec(),
                )
                .await;
            assert_eq!(r.status, 404, "{who} attachment-admin: {}", r.text);
        }
        let r = w
            .app
            .client
            .request(
                Method::GET,
                &format!("/api/ciphers/{item}/attachment/{att}"),
                None,
                None,
            )
            .await;
        assert_eq!(r.status, 401, "anonymous: {}", r.text);

        // Admin variants: editAnyCollection reaches every item; the answers are cipherMini.
        let r = expect(
            edit_any
                .post(
                    &format!("/api/ciphers/{item}/attachment/v2"),
                    declare_body(&org, 3, true),
                )
                .await,
            200,
        );
        assert!(r.json["cipherResponse"].is_null());
        assert_eq!(r.json["cipherMiniResponse"]["object"], "cipherMini");
        let pending = r.json["attachmentId"].as_str().unwrap().to_owned();
        let r = expect(
            edit_any
                .multipart_upload(
                    &format!("/api/ciphers/{item}/attachment-admin"),
                    "data",
                    "n",
                    b"abc".to_vec(),
                )
                .await,
            200,
        );
        assert_eq!(r.json["object"], "cipherMini");
        let r = expect(
            edit_any
                .get(&format!("/api/ciphers/{item}/attachment/{att}/admin"))
                .await,
            200,
        );
        assert_eq!(r.json["id"], att.as_str());
        let r = expect(
            edit_any
                .post(
                    &format!("/api/ciphers/{item}/attachment/{pending}/delete-admin"),
                    json!({}),
                )
                .await,
            200,
        );
        assert_eq!(r.json["object"], "deleteAttachment");

        // An admin reaches unassigned items through the admin variants only.
        let loose = create_in(&org, "unassigned", &[]).await;
        let r = admin
            .post(
                &format!("/api/ciphers/{loose}/attachment/v2"),
                declare_body(&org, 3, false),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        expect(
            admin
                .multipart_upload(
                    &format!("/api/ciphers/{loose}/attachment-admin"),
                    "data",
                    "n",
                    b"abc".to_vec(),
                )
                .await,
            200,
        );
        // The web's admin flow: declare with adminRequest, then upload on the member route.
        let r = expect(
            admin
                .post(
                    &format!("/api/ciphers/{loose}/attachment/v2"),
                    declare_body(&org, 4, true),
                )
                .await,
            200,
        );
        let declared = r.json["attachmentId"].as_str().unwrap().to_owned();
        expect(
            upload(&admin, &loose, &declared, b"wxyz".to_vec()).await,
            200,
        );
        let r = expect(
            admin
                .get(&format!("/api/ciphers/{loose}/attachment/{declared}/admin"))
                .await,
            200,
        );
        assert_eq!(r.json["size"], "4");
        // Not so for a plain member who cannot see the item.
        let r = outsider
            .post(
                &format!("/api/ciphers/{loose}/attachment/v2"),
                declare_body(&org, 4, true),
            )
            .await;
        assert_eq!(r.status, 404, "{}", r.text);

        // The editor deletes the file: gone for everyone.
        let r = expect(
            editor
                .delete(&format!("/api/ciphers/{item}/attachment/{att}"), None)
                .await,
            200,
        );
        assert_eq!(r.json["object"], "deleteAttachment");
        assert_eq!(r.json["cipher"]["id"], item.as_str());
        let sync = sync(&viewer).await;
        let seen = synced(&sync, &item).unwrap();
        let remaining: Vec<&Value> = seen["attachments"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        assert!(remaining.iter().all(|a| a["id"] != att.as_str()), "{seen}");
        expect(
            viewer
                .get(&format!("/api/ciphers/{item}/attachment/{att}"))
                .await,
            404,
        );

        // The org's event log names the item for each file added and removed.
        let r = expect(
            org.owner
                .get(&format!("/api/organizations/{}/events", org.id))
                .await,
            200,
        );
        let count = |t: i64| {
            r.json["data"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["type"] == t && e["cipherId"] == item.as_str())
                .count()
        };
        assert_eq!(count(1103), 3, "three files added to the item: {}", r.text);
        assert_eq!(count(1104), 2, "two deleted: {}", r.text);
    }
);

with_world!(
    an_org_without_storage_takes_no_files,
    |w: World| async move {
        let (secrets, s) = w.app.user("free").await;
        let crypto = bulwark_client::orgs::new_org(&secrets, "Free", 0, 0, Some("First"));
        let r = expect(s.post("/api/organizations", crypto.body.clone()).await, 200);
        let org = Org {
            id: r.json["id"].as_str().unwrap().to_owned(),
            crypto,
            owner: s,
            owner_secrets: secrets,
        };
        let r = expect(
            org.owner
                .get(&format!("/api/organizations/{}/collections", org.id))
                .await,
            200,
        );
        let first = r.json["data"][0]["id"].as_str().unwrap().to_owned();
        let item = create_in(&org, "x", &[&first]).await;
        expect_400(
            org.owner
                .post(
                    &format!("/api/ciphers/{item}/attachment/v2"),
                    declare_body(&org, 10, false),
                )
                .await,
            "This organization cannot use attachments.",
        );
        let r = org
            .owner
            .multipart_upload(
                &format!("/api/ciphers/{item}/attachment"),
                "data",
                "n",
                b"x".to_vec(),
            )
            .await;
        expect_400(r, "This organization cannot use attachments.");
    }
);

with_world!(
    members_archive_org_items_for_themselves,
    |w: World| async move {
        let org = member_org(&w.app, 30).await;
        let other = member_org(&w.app, 30).await;
        let member = |prefix: &'static str, t: i64| {
            let (w, org) = (&w, &org);
            async move { join(w, org, prefix, t, json!(null), Stage::Confirmed).await }
        };
        let (_, editor, editor_id) = member("editor", USER).await;
        let (_, viewer, viewer_id) = member("viewer", USER).await;
        let (_, outsider, _) = member("outsider", USER).await;
        let (_, admin, _) = member("admin", ADMIN).await;
        let (_, revoked, revoked_id) = member("revoked", USER).await;
        let (_, unrelated) = w.app.user("unrelated").await;
        let owner_id = membership_of_owner(&org).await;
        let body = json!({
            "name": org.crypto.org_key.encrypt_str("Team"), "externalId": null, "groups": [],
            "users": [
                {"id": owner_id, "readOnly": false, "hidePasswords": false, "manage": true},
                {"id": editor_id, "readOnly": false, "hidePasswords": false, "manage": false},
                {"id": viewer_id, "readOnly": true, "hidePasswords": false, "manage": false},
                {"id": revoked_id, "readOnly": false, "hidePasswords": false, "manage": false},
            ],
        });
        let r = org
            .owner
            .post(&format!("/api/organizations/{}/collections", org.id), body)
            .await;
        let team = expect(r, 200).json["id"].as_str().unwrap().to_owned();
        expect(
            org.owner
                .put(
                    &format!("/api/organizations/{}/users/{revoked_id}/revoke", org.id),
                    json!({}),
                )
                .await,
            200,
        );
        let item = create_in(&org, "shared", &[&team]).await;
        let foreign = create_in(&other, "theirs", &[]).await;
        let own =
            crate::vault_support::create(&viewer, crate::vault_support::note(&viewer, "mine"))
                .await;

        // A read-only member archives the item for themselves only.
        let before = crate::org_support::revision(&viewer).await;
        let r = expect(
            viewer
                .put(&format!("/api/ciphers/{item}/archive"), json!({}))
                .await,
            200,
        );
        assert_eq!(r.json["id"], item.as_str());
        assert_eq!(r.json["organizationId"], org.id.as_str());
        assert!(r.json["archivedDate"].is_string(), "{}", r.text);
        assert!(crate::org_support::revision(&viewer).await > before);
        let seen = sync(&viewer).await;
        assert!(synced(&seen, &item).unwrap()["archivedDate"].is_string());
        let seen = sync(&editor).await;
        assert!(synced(&seen, &item).unwrap()["archivedDate"].is_null());
        expect_400(
            viewer
                .put(&format!("/api/ciphers/{item}/archive"), json!({}))
                .await,
            "Cipher was not archived.",
        );
        let r = expect(
            viewer
                .put(&format!("/api/ciphers/{item}/unarchive"), json!({}))
                .await,
            200,
        );
        assert!(r.json["archivedDate"].is_null());
        expect_400(
            viewer
                .put(&format!("/api/ciphers/{item}/unarchive"), json!({}))
                .await,
            "Cipher was not unarchived.",
        );

        // Bulk: the caller's own and visible org items change; another org's id is skipped.
        let r = expect(
            viewer
                .put("/api/ciphers/archive", json!({"ids": [item, foreign, own]}))
                .await,
            200,
        );
        let mut ids: Vec<&str> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        ids.sort_unstable();
        let mut want = vec![item.as_str(), own.as_str()];
        want.sort_unstable();
        assert_eq!(ids, want);
        let r = expect(
            viewer
                .put("/api/ciphers/unarchive", json!({"ids": [item, foreign]}))
                .await,
            200,
        );
        assert_eq!(r.json["data"].as_array().unwrap().len(), 1);
        let seen = sync(&other.owner).await;
        assert!(synced(&seen, &foreign).is_none_or(|c| c["archivedDate"].is_null()));

        // Those who do not see the item cannot archive it.
        for (who, s) in [
            ("member without the collection", &outsider),
            ("admin not assigned", &admin),
            ("revoked", &revoked),
            ("unrelated", &unrelated),
            ("another org's owner", &other.owner),
        ] {
            for verb in ["archive", "unarchive"] {
                let r = s
                    .put(&format!("/api/ciphers/{item}/{verb}"), json!({}))
                    .await;
                assert_eq!(r.status, 404, "{who} {verb}: {}", r.text);
                let r = s
                    .put(&format!("/api/ciphers/{verb}"), json!({"ids": [item]}))
                    .await;
                assert_eq!(r.status, 400, "{who} bulk {verb}: {}", r.text);
            }
        }
        let r = w
            .app
            .client
            .request(
                Method::PUT,
                &format!("/api/ciphers/{item}/archive"),
                None,
                Some(json!({})),
            )
            .await;
        assert_eq!(r.status, 401, "anonymous: {}", r.text);
    }
);
