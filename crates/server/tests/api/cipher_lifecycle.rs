//! Trash, restore, permanent deletion, moving, archiving and purge, single and bulk, and the
//! account revision date that must move on every one of them (`bw sync` depends on it).

use crate::both_databases;
use crate::helpers::TestApp;
use crate::vault_support::*;
use bulwark_client::Method;
use serde_json::{json, Value};

both_databases!(
    trash_restore_and_permanent_delete,
    |app: TestApp| async move {
        let (_, s) = app.user("trash").await;
        let a = create(&s, note(&s, "a")).await;
        let b = create(&s, note(&s, "b")).await;
        let c = create(&s, note(&s, "c")).await;

        expect(
            s.put(&format!("/api/ciphers/{a}/delete"), json!({})).await,
            200,
        );
        let trashed = synced(&s, &a).await.expect("trashed items stay in sync");
        assert!(trashed["deletedDate"].is_string());
        assert_eq!(trashed["deletedDate"], trashed["revisionDate"]);
        // Trashing again changes nothing.
        expect(
            s.put(&format!("/api/ciphers/{a}/delete"), json!({})).await,
            200,
        );
        assert_eq!(
            synced(&s, &a).await.expect("there")["deletedDate"],
            trashed["deletedDate"]
        );

        let restored = expect(
            s.put(&format!("/api/ciphers/{a}/restore"), json!({})).await,
            200,
        )
        .json;
        assert_eq!(restored["object"], "cipher");
        assert!(restored["deletedDate"].is_null());

        expect(
            s.put("/api/ciphers/delete", json!({"ids": [a, b]})).await,
            200,
        );
        for id in [&a, &b] {
            assert!(synced(&s, id).await.expect("there")["deletedDate"].is_string());
        }
        assert!(synced(&s, &c).await.expect("there")["deletedDate"].is_null());
        let list = expect(
            s.put("/api/ciphers/restore", json!({"ids": [a, b]})).await,
            200,
        )
        .json;
        assert_eq!(list["object"], "list");
        let data = list["data"].as_array().expect("data");
        assert_eq!(data.len(), 2);
        assert!(data
            .iter()
            .all(|c| c["object"] == "cipherMini" && c["deletedDate"].is_null()));

        expect(s.delete(&format!("/api/ciphers/{a}"), None).await, 200);
        assert!(synced(&s, &a).await.is_none());
        expect(s.get(&format!("/api/ciphers/{a}")).await, 404);
        expect(
            s.post(&format!("/api/ciphers/{b}/delete"), json!({})).await,
            200,
        );
        assert!(synced(&s, &b).await.is_none());

        let d = create(&s, note(&s, "d")).await;
        let e = create(&s, note(&s, "e")).await;
        expect(
            s.delete("/api/ciphers", Some(json!({"ids": [c, d]}))).await,
            200,
        );
        expect(
            s.post("/api/ciphers/delete", json!({"ids": [e]})).await,
            200,
        );
        assert!(sync_ciphers(&s).await.is_empty());
        let list = expect(s.get("/api/ciphers").await, 200).json;
        assert_eq!(list["data"], json!([]));
    }
);

both_databases!(
    moving_favouriting_and_archiving,
    |app: TestApp| async move {
        let (_, s) = app.user("move").await;
        let folder = create_folder(&s, "F").await;
        let a = create(&s, note(&s, "a")).await;
        let b = create(&s, note(&s, "b")).await;

        expect(
            s.put(
                "/api/ciphers/move",
                json!({"ids": [a, b], "folderId": folder}),
            )
            .await,
            200,
        );
        for id in [&a, &b] {
            assert_eq!(
                synced(&s, id).await.expect("there")["folderId"],
                json!(folder)
            );
        }
        expect(
            s.post("/api/ciphers/move", json!({"ids": [b], "folderId": null}))
                .await,
            200,
        );
        assert!(synced(&s, &b).await.expect("there")["folderId"].is_null());

        let r = expect(
            s.put(
                &format!("/api/ciphers/{b}/partial"),
                json!({"folderId": folder, "favorite": true}),
            )
            .await,
            200,
        );
        assert_eq!(
            (r.json["favorite"].clone(), r.json["folderId"].clone()),
            (json!(true), json!(folder))
        );

        let r = expect(
            s.put(&format!("/api/ciphers/{a}/archive"), json!({})).await,
            200,
        );
        assert!(r.json["archivedDate"].is_string());
        expect_400(
            s.put(&format!("/api/ciphers/{a}/archive"), json!({})).await,
            "was not archived",
        );
        let r = expect(
            s.put(&format!("/api/ciphers/{a}/unarchive"), json!({}))
                .await,
            200,
        );
        assert!(r.json["archivedDate"].is_null());
        expect_400(
            s.put(&format!("/api/ciphers/{a}/unarchive"), json!({}))
                .await,
            "was not unarchived",
        );

        let r = expect(
            s.put("/api/ciphers/archive", json!({"ids": [a, b]})).await,
            200,
        );
        assert_eq!(r.json["data"].as_array().map(Vec::len), Some(2));
        assert!(synced(&s, &b).await.expect("there")["archivedDate"].is_string());
        let r = expect(
            s.put("/api/ciphers/unarchive", json!({"ids": [a, b]}))
                .await,
            200,
        );
        assert_eq!(r.json["data"][0]["object"], "cipher");
        expect_400(
            s.put("/api/ciphers/unarchive", json!({"ids": [a]})).await,
            "was not unarchived",
        );

        // Deleting the folder leaves its items folder-less.
        expect(s.delete(&format!("/api/folders/{folder}"), None).await, 200);
        assert!(synced(&s, &a).await.expect("there")["folderId"].is_null());
    }
);

both_databases!(
    purge_needs_the_password_and_empties_the_vault,
    |app: TestApp| async move {
        let (secrets, s) = app.user("purge").await;
        create_folder(&s, "F").await;
        create(&s, note(&s, "a")).await;
        create(&s, note(&s, "b")).await;
        let wrong = json!({"masterPasswordHash": "d3Jvbmc="});
        expect_400(
            s.post("/api/ciphers/purge", wrong).await,
            "User verification failed.",
        );
        assert_eq!(sync_ciphers(&s).await.len(), 2);
        let right = json!({"masterPasswordHash": secrets.master_password_hash});
        expect(s.post("/api/ciphers/purge", right).await, 200);
        let sync = sync(&s).await;
        assert_eq!(sync["ciphers"], json!([]));
        assert_eq!(sync["folders"], json!([]));
    }
);

both_databases!(bulk_lists_are_capped_at_500, |app: TestApp| async move {
    let (_, s) = app.user("cap").await;
    let ids: Vec<String> = (0..501).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    let body = json!({"ids": ids, "folderId": null});
    expect_400(
        s.put("/api/ciphers/delete", body.clone()).await,
        "up to 500 items",
    );
    expect_400(
        s.delete("/api/ciphers", Some(body.clone())).await,
        "up to 500 items",
    );
    expect_400(
        s.put("/api/ciphers/restore", body.clone()).await,
        "up to 500 items",
    );
    expect_400(
        s.put("/api/ciphers/move", body.clone()).await,
        "up to 500 items",
    );
    expect_400(s.put("/api/ciphers/archive", body).await, "up to 500 items");
});

/// Runs one write and checks that the account revision date moved past `last`.
async fn moved(
    s: &bulwark_client::Session,
    last: &mut i64,
    what: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    tick().await;
    let r = expect(s.request(method, path, body).await, 200);
    let now = revision_date(s).await;
    assert!(now > *last, "{what} did not move the revision date");
    *last = now;
    r.json
}

both_databases!(
    every_write_moves_the_revision_date,
    |app: TestApp| async move {
        let (secrets, s) = app.user("rev").await;
        let folder = create_folder(&s, "F").await;
        let mut last = revision_date(&s).await;
        let r = &mut last;
        let c = moved(
            &s,
            r,
            "create",
            Method::POST,
            "/api/ciphers",
            Some(note(&s, "a")),
        )
        .await;
        let id = c["id"].as_str().expect("id").to_owned();
        let one = |suffix: &str| format!("/api/ciphers/{id}{suffix}");
        moved(
            &s,
            r,
            "create2",
            Method::POST,
            "/api/ciphers/create",
            Some(json!({"cipher": note(&s, "b")})),
        )
        .await;
        moved(&s, r, "update", Method::PUT, &one(""), Some(note(&s, "a2"))).await;
        moved(
            &s,
            r,
            "partial",
            Method::PUT,
            &one("/partial"),
            Some(json!({"favorite": true})),
        )
        .await;
        moved(
            &s,
            r,
            "move",
            Method::PUT,
            "/api/ciphers/move",
            Some(json!({"ids": [id], "folderId": folder})),
        )
        .await;
        moved(&s, r, "archive", Method::PUT, &one("/archive"), None).await;
        moved(&s, r, "unarchive", Method::PUT, &one("/unarchive"), None).await;
        let att = json!({"fileName": s.user_key.encrypt_str("f.txt"), "key": s.user_key.encrypt_str("k"), "fileSize": 10});
        let up = moved(
            &s,
            r,
            "attachment v2",
            Method::POST,
            &one("/attachment/v2"),
            Some(att),
        )
        .await;
        let att_id = up["attachmentId"].as_str().expect("attachment id");
        moved(
            &s,
            r,
            "attachment delete",
            Method::DELETE,
            &one(&format!("/attachment/{att_id}")),
            None,
        )
        .await;
        moved(&s, r, "soft delete", Method::PUT, &one("/delete"), None).await;
        moved(&s, r, "restore", Method::PUT, &one("/restore"), None).await;
        moved(
            &s,
            r,
            "bulk soft delete",
            Method::PUT,
            "/api/ciphers/delete",
            Some(json!({"ids": [id]})),
        )
        .await;
        moved(
            &s,
            r,
            "bulk restore",
            Method::PUT,
            "/api/ciphers/restore",
            Some(json!({"ids": [id]})),
        )
        .await;
        moved(
            &s,
            r,
            "import",
            Method::POST,
            "/api/ciphers/import",
            Some(json!({"ciphers": [note(&s, "i")]})),
        )
        .await;
        moved(&s, r, "hard delete", Method::DELETE, &one(""), None).await;
        let ids: Vec<String> = sync_ciphers(&s)
            .await
            .iter()
            .filter_map(|c| c["id"].as_str().map(str::to_owned))
            .collect();
        moved(
            &s,
            r,
            "bulk hard delete",
            Method::DELETE,
            "/api/ciphers",
            Some(json!({"ids": ids})),
        )
        .await;
        let purge = json!({"masterPasswordHash": secrets.master_password_hash});
        moved(
            &s,
            r,
            "purge",
            Method::POST,
            "/api/ciphers/purge",
            Some(purge),
        )
        .await;
    }
);
