use crate::both_databases;
use crate::helpers::TestApp;
use serde_json::json;

both_databases!(
    profile_updates_and_key_id_round_trip_through_sync,
    |app: TestApp| async move {
        let (_, s) = app.user("profile").await;
        let r = s
            .put("/api/accounts/profile", json!({ "name": "Alice A." }))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Alice A.");
        let long = s
            .put("/api/accounts/profile", json!({ "name": "x".repeat(51) }))
            .await;
        assert_eq!(long.status, 400);

        let key_id = "0123456789abcdef0123456789abcdef";
        let bad = s
            .post(
                "/api/accounts/key-management/user-key-id",
                json!({ "userKeyId": "XYZ" }),
            )
            .await;
        assert_eq!(bad.status, 400);
        assert_eq!(
            bad.json["validationErrors"]["UserKeyId"][0],
            "UserKeyId is not a valid key id."
        );
        let ok = s
            .post(
                "/api/accounts/key-management/user-key-id",
                json!({ "userKeyId": key_id }),
            )
            .await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        assert_eq!(ok.text, "");
        let again = s
            .post(
                "/api/accounts/key-management/user-key-id",
                json!({ "userKeyId": key_id }),
            )
            .await;
        assert_eq!(again.json["message"], "User key id is already set.");
        let sync = s.get("/api/sync?excludeDomains=true").await;
        assert_eq!(sync.json["userDecryption"]["userKeyId"], key_id);
        assert_eq!(
            sync.json["userDecryption"]["masterPasswordUnlock"]["containedKeyId"],
            key_id
        );
        assert_eq!(sync.json["profile"]["name"], "Alice A.");

        let keys = s.get("/api/accounts/keys").await;
        assert_eq!(keys.json["object"], "keys");
        let public = s.get(&format!("/api/users/{}/public-key", s.user_id)).await;
        assert_eq!(public.json["publicKey"], keys.json["publicKey"]);
        assert_eq!(
            s.get(&format!("/api/users/{}/public-key", uuid::Uuid::new_v4()))
                .await
                .status,
            404
        );
    }
);

both_databases!(
    config_and_alive_answer_anonymously,
    |app: TestApp| async move {
        let config = app
            .client
            .request(bulwark_client::Method::GET, "/api/config", None, None)
            .await;
        assert_eq!(config.status, 200);
        assert!(config.json["version"].as_str().unwrap().split('.').count() == 3);
        assert!(config.json["server"].is_null());
        assert_eq!(
            config.json["environment"]["api"],
            format!("{}/api", app.base_url)
        );
        for path in ["/alive", "/api/alive", "/identity/alive"] {
            let r = app
                .client
                .request(bulwark_client::Method::GET, path, None, None)
                .await;
            assert_eq!(r.status, 200, "{path}");
            assert!(r.json.is_string());
        }
    }
);

both_databases!(
    unknown_routes_and_methods_answer_in_bitwarden_shape,
    |app: TestApp| async move {
        let (_, s) = app.user("edges").await;
        let r = s.get("/api/no-such-route").await;
        assert_eq!(r.status, 404);
        assert_eq!(r.json["message"], "Resource not found.");
        let r = s
            .client
            .request(
                bulwark_client::Method::PATCH,
                "/api/sync",
                Some(&s.access_token),
                None,
            )
            .await;
        assert_eq!(r.status, 405, "{}", r.text);
        assert_eq!(r.header("allow"), Some("GET,HEAD"), "{}", r.text);
        assert_eq!(r.json["object"], "error");
    }
);
