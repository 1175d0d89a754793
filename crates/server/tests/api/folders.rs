use crate::both_databases;
use crate::helpers::TestApp;
use bulwark_client::Method;
use serde_json::json;

both_databases!(
    folders_are_created_renamed_and_deleted,
    |app: TestApp| async move {
        let (_, s) = app.user("folders").await;
        let before = s
            .get("/api/accounts/revision-date")
            .await
            .json
            .as_i64()
            .unwrap();
        let name = s.user_key.encrypt_str("Work");
        let created = s.post("/api/folders", json!({ "name": name })).await;
        assert_eq!(created.status, 200, "{}", created.text);
        assert_eq!(created.json["object"], "folder");
        let id = created.json["id"].as_str().unwrap().to_owned();
        let after = s
            .get("/api/accounts/revision-date")
            .await
            .json
            .as_i64()
            .unwrap();
        assert!(after > before, "revision date must move on write");

        let renamed = s
            .put(
                &format!("/api/folders/{id}"),
                json!({ "name": s.user_key.encrypt_str("Home") }),
            )
            .await;
        assert_eq!(renamed.status, 200);
        let sync = s.get("/api/sync").await;
        let folder = &sync.json["folders"][0];
        assert_eq!(
            s.user_key
                .decrypt_str(folder["name"].as_str().unwrap())
                .unwrap(),
            "Home"
        );
        let listed = s.get("/api/folders").await;
        assert_eq!(listed.json["object"], "list");
        assert_eq!(listed.json["data"].as_array().unwrap().len(), 1);

        assert_eq!(
            s.delete(&format!("/api/folders/{id}"), None).await.status,
            200
        );
        assert_eq!(s.get(&format!("/api/folders/{id}")).await.status, 404);
        assert_eq!(s.get("/api/sync").await.json["folders"], json!([]));
    }
);

both_databases!(
    another_users_folder_is_invisible_and_untouchable,
    |app: TestApp| async move {
        let (_, alice) = app.user("alice").await;
        let (_, mallory) = app.user("mallory").await;
        let name = alice.user_key.encrypt_str("Private");
        let id = alice
            .post("/api/folders", json!({ "name": name }))
            .await
            .json["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let path = format!("/api/folders/{id}");
        let r = mallory.get(&path).await;
        assert_eq!(r.status, 404);
        assert_eq!(r.json["message"], "Resource not found.");
        let evil = mallory.user_key.encrypt_str("pwned");
        assert_eq!(
            mallory.put(&path, json!({ "name": evil })).await.status,
            404
        );
        assert_eq!(
            mallory.post(&path, json!({ "name": evil })).await.status,
            404
        );
        assert_eq!(mallory.delete(&path, None).await.status, 404);
        assert_eq!(
            mallory
                .post(&format!("{path}/delete"), json!({}))
                .await
                .status,
            404
        );
        assert_eq!(mallory.delete("/api/folders/all", None).await.status, 200);
        let sync = alice.get("/api/sync").await;
        assert_eq!(
            alice
                .user_key
                .decrypt_str(sync.json["folders"][0]["name"].as_str().unwrap())
                .unwrap(),
            "Private"
        );
        assert_eq!(mallory.get("/api/folders").await.json["data"], json!([]));
    }
);

both_databases!(
    folder_routes_refuse_bad_input_in_bitwarden_shape,
    |app: TestApp| async move {
        let (_, s) = app.user("bad").await;
        let cases = [
            ("not json", "{"),
            ("empty", ""),
            ("wrong type", r#"{"name": 5}"#),
            ("missing name", r#"{}"#),
            ("plaintext name", r#"{"name": "hello"}"#),
        ];
        for (what, body) in cases {
            let r = s
                .client
                .raw_body(
                    Method::POST,
                    "/api/folders",
                    Some(&s.access_token),
                    "application/json",
                    body.as_bytes().to_vec(),
                )
                .await;
            assert_eq!(r.status, 400, "{what}: {}", r.text);
            assert_eq!(r.json["object"], "error", "{what}");
            assert!(r.json["validationErrors"].is_object(), "{what}: {}", r.text);
        }
        let huge = format!("2.{}|AAAA|AAAA", "A".repeat(2000));
        let r = s.post("/api/folders", json!({ "name": huge })).await;
        assert_eq!(r.status, 400);
        assert!(r.text.contains("maximum encrypted value length"));
        assert_eq!(s.get("/api/folders/not-a-uuid").await.status, 404);
        assert_eq!(
            s.get(&format!("/api/folders/{}", uuid::Uuid::new_v4()))
                .await
                .status,
            404
        );
        assert_eq!(s.get("/api/folders").await.json["data"], json!([]));
    }
);

both_databases!(
    folder_and_account_routes_need_a_valid_token,
    |app: TestApp| async move {
        let (_, s) = app.user("anon").await;
        let id = uuid::Uuid::new_v4();
        let routes = [
            (Method::GET, "/api/folders".to_owned()),
            (Method::POST, "/api/folders".to_owned()),
            (Method::GET, format!("/api/folders/{id}")),
            (Method::PUT, format!("/api/folders/{id}")),
            (Method::DELETE, format!("/api/folders/{id}")),
            (Method::DELETE, "/api/folders/all".to_owned()),
            (Method::GET, "/api/sync".to_owned()),
            (Method::GET, "/api/accounts/profile".to_owned()),
            (Method::PUT, "/api/accounts/profile".to_owned()),
            (Method::GET, "/api/accounts/revision-date".to_owned()),
            (Method::GET, "/api/accounts/keys".to_owned()),
            (
                Method::POST,
                "/api/accounts/key-management/user-key-id".to_owned(),
            ),
            (Method::GET, format!("/api/users/{}/public-key", s.user_id)),
        ];
        for (method, path) in &routes {
            let anonymous = app
                .client
                .request(method.clone(), path, None, Some(json!({})))
                .await;
            assert_eq!(anonymous.status, 401, "{method} {path}");
            let forged = app
                .client
                .request(
                    method.clone(),
                    path,
                    Some("eyJhbGciOiJub25lIn0.e30."),
                    Some(json!({})),
                )
                .await;
            assert_eq!(forged.status, 401, "{method} {path} with a forged token");
        }
    }
);
