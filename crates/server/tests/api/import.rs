//! `POST /api/ciphers/import`: folders and items in one call, all or nothing.

use crate::both_databases;
use crate::helpers::TestApp;
use crate::vault_support::*;
use bulwark_client::ciphers;
use bulwark_client::Session;
use serde_json::{json, Value};

fn items(s: &Session, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            if i % 2 == 0 {
                ciphers::login_cipher(
                    &s.user_key,
                    &s.user_id,
                    &format!("item {i}"),
                    "u",
                    "p",
                    "https://x.example",
                )
            } else {
                note(s, &format!("item {i}"))
            }
        })
        .collect()
}

both_databases!(
    three_folders_and_ten_items_in_one_call,
    |app: TestApp| async move {
        let (_, s) = app.user("import").await;
        let k = s.user_key.clone();
        let existing = create_folder(&s, "Existing").await;
        let mut ciphers = items(&s, 10);
        ciphers[9]["favorite"] = json!(true);
        let body = json!({
            "folders": [
                {"name": k.encrypt_str("A")},
                {"name": k.encrypt_str("B")},
                {"id": existing, "name": k.encrypt_str("Existing")},
            ],
            "ciphers": ciphers,
            // item 0 → A then B (last wins), 1 → B, 2 → the existing folder; bad pairs ignored.
            "folderRelationships": [
                {"key": 0, "value": 0}, {"key": 0, "value": 1}, {"key": 1, "value": 1},
                {"key": 2, "value": 2}, {"key": 99, "value": 0}, {"key": 3, "value": 99}
            ],
        });
        expect(s.post("/api/ciphers/import", body).await, 200);
        let sync = sync(&s).await;
        let folders = sync["folders"].as_array().expect("folders");
        assert_eq!(
            folders.len(),
            3,
            "the existing folder is reused: {folders:?}"
        );
        let folder_named = |name: &str| {
            folders
                .iter()
                .find(|f| dec(&k, &f["name"]) == name)
                .map(|f| f["id"].clone())
                .unwrap_or_else(|| panic!("folder {name}"))
        };
        let ciphers = sync["ciphers"].as_array().expect("ciphers");
        assert_eq!(ciphers.len(), 10, "on {:?}", app.db);
        let by_name = |name: &str| {
            ciphers
                .iter()
                .find(|c| dec(&k, &c["name"]) == name)
                .unwrap_or_else(|| panic!("item {name}"))
        };
        assert_eq!(by_name("item 0")["folderId"], folder_named("B"));
        assert_eq!(by_name("item 1")["folderId"], folder_named("B"));
        assert_eq!(by_name("item 2")["folderId"], json!(existing));
        assert!(by_name("item 3")["folderId"].is_null());
        assert_eq!(by_name("item 9")["favorite"], true);
        assert_eq!(dec(&k, &by_name("item 4")["login"]["username"]), "u");
    }
);

both_databases!(
    an_import_with_one_bad_item_writes_nothing,
    |app: TestApp| async move {
        let (_, s) = app.user("badimport").await;
        let mut ciphers = items(&s, 10);
        ciphers[7]["login"] = json!({"username": "not encrypted"});
        ciphers[7]["type"] = json!(1);
        let body = json!({
            "folders": [{"name": s.user_key.encrypt_str("A")}],
            "ciphers": ciphers,
            "folderRelationships": [{"key": 0, "value": 0}],
        });
        let r = expect(s.post("/api/ciphers/import", body).await, 400);
        assert!(
            r.json["validationErrors"]["Ciphers[7].Login.Username"].is_array(),
            "{}",
            r.text
        );
        let sync = sync(&s).await;
        assert_eq!(
            (sync["ciphers"].clone(), sync["folders"].clone()),
            (json!([]), json!([]))
        );

        let bad_folder = json!({"folders": [{"name": "plain"}], "ciphers": []});
        expect_400(
            s.post("/api/ciphers/import", bad_folder).await,
            "not a valid encrypted string",
        );
        let nameless = json!({"ciphers": [{"type": 2, "secureNote": {"type": 0}}]});
        expect_400(
            s.post("/api/ciphers/import", nameless).await,
            "The Name field is required.",
        );
        assert!(sync_ciphers(&s).await.is_empty());
    }
);

both_databases!(
    imports_are_limited_to_7000_items,
    |app: TestApp| async move {
        let (_, s) = app.user("bigimport").await;
        // The limit is checked before anything else, so cheap placeholder items suffice.
        let ciphers = vec![json!({}); 7001];
        expect_400(
            s.post("/api/ciphers/import", json!({"ciphers": ciphers}))
                .await,
            "You cannot import this much data at once.",
        );
        let folders = vec![json!({"name": s.user_key.encrypt_str("f")}); 2001];
        expect_400(
            s.post("/api/ciphers/import", json!({"folders": folders}))
                .await,
            "You cannot import this much data at once.",
        );
    }
);
