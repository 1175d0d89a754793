//! Devices (list, lookup, deletion revoking refresh tokens, knowndevice, push tokens) and the
//! equivalent-domains settings.

use crate::both_databases;
use crate::flows::refresh_with;
use crate::helpers::TestApp;
use base64::Engine;
use serde_json::json;

async fn known(app: &TestApp, email: &str, identifier: &str) -> bulwark_client::Response {
    let email = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(email);
    let resp = app
        .client
        .http
        .get(format!("{}/api/devices/knowndevice", app.base_url))
        .header("X-Request-Email", email)
        .header("X-Device-Identifier", identifier)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    bulwark_client::Response {
        status,
        json: serde_json::from_str(&text).unwrap_or_default(),
        text,
        headers: Vec::new(),
    }
}

both_databases!(
    devices_are_listed_and_deleting_one_revokes_it,
    |app: TestApp| async move {
        let (_, session) = app.user("devices").await;
        let (_, stranger) = app.user("stranger").await;
        let r = session.get("/api/devices").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "list");
        let device = r.json["data"][0].clone();
        assert_eq!(device["object"], "device");
        assert_eq!(device["identifier"], app.client.device_identifier.as_str());
        assert_eq!(device["type"], 25);
        let id = device["id"].as_str().unwrap().to_owned();

        let r = session.get(&format!("/api/devices/{id}")).await;
        assert_eq!(r.json["id"], id.as_str(), "{}", r.text);
        let r = session
            .get(&format!(
                "/api/devices/identifier/{}",
                app.client.device_identifier
            ))
            .await;
        assert_eq!(r.json["id"], id.as_str(), "{}", r.text);
        assert_eq!(session.get("/api/devices/not-a-uuid").await.status, 404);
        // Someone else's device looks exactly like a missing one.
        assert_eq!(
            stranger.get(&format!("/api/devices/{id}")).await.status,
            404
        );
        assert_eq!(
            stranger
                .delete(&format!("/api/devices/{id}"), None)
                .await
                .status,
            404
        );

        let r = session
            .put(
                &format!(
                    "/api/devices/identifier/{}/token",
                    app.client.device_identifier
                ),
                json!({ "pushToken": "push-123" }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);

        let r = session
            .post(&format!("/api/devices/{id}/deactivate"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = refresh_with(&session, session.refresh_token.as_deref().unwrap()).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.json["error"], "invalid_grant");
        assert_eq!(session.get(&format!("/api/devices/{id}")).await.status, 404);
        let r = stranger.get("/api/devices").await;
        assert_eq!(
            r.json["data"].as_array().unwrap().len(),
            1,
            "the stranger's own device only"
        );
    }
);

both_databases!(
    knowndevice_answers_true_only_for_a_logged_in_device,
    |app: TestApp| async move {
        let (s, _) = app.user("known").await;
        let me = app.client.device_identifier.clone();
        let r = known(&app, &s.email, &me).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json, json!(true));
        assert_eq!(
            known(&app, &s.email.to_uppercase(), &me).await.json,
            json!(true)
        );
        assert_eq!(
            known(&app, &s.email, "another-device").await.json,
            json!(false)
        );
        assert_eq!(
            known(&app, "nobody@example.com", &me).await.json,
            json!(false)
        );
        let r = app
            .client
            .http
            .get(format!("{}/api/devices/knowndevice", app.base_url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.text().await.unwrap(), "false");
    }
);

both_databases!(
    equivalent_domains_are_stored_per_user,
    |app: TestApp| async move {
        let (_, session) = app.user("domains").await;
        let r = session.get("/api/settings/domains").await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "domains");
        assert!(r.json["equivalentDomains"].is_null());
        assert_eq!(r.json["globalEquivalentDomains"], json!([]));

        let groups = json!([["example.com", "example.net"], ["a.org", "b.org"]]);
        let body =
            json!({ "equivalentDomains": groups, "excludedGlobalEquivalentDomains": [2, 5] });
        let r = session.put("/api/settings/domains", body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["equivalentDomains"], groups);
        let r = session.get("/api/sync").await;
        assert_eq!(r.json["domains"]["equivalentDomains"], groups);

        let r = session
            .post(
                "/api/settings/domains",
                json!({ "equivalentDomains": [[""]] }),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session
            .post(
                "/api/settings/domains",
                json!({ "equivalentDomains": null }),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(session.get("/api/settings/domains").await.json["equivalentDomains"].is_null());
    }
);
