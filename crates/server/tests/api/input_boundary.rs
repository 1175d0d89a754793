//! The input boundary: a NUL character in any text, an array where an object belongs, a body
//! without the list it replaces, a body that is not declared as JSON, and ids that cannot be
//! ids are each refused in Bitwarden's error shape, the same on SQLite and PostgreSQL, and
//! nothing that was stored changes.

use crate::both_databases;
use crate::helpers::TestApp;
use crate::org_support::create_org;
use crate::provider_support::provider;
use crate::vault_support::{create, note, sync};
use bulwark_client::{Method, Response, Session};
use serde_json::{json, Value};

/// A refusal with `status` in the `/api` error shape, whose text mentions `needle`.
fn refused(r: &Response, status: u16, needle: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "{}",
        r.text
    );
    assert_eq!(r.json["object"], "error", "{}", r.text);
    assert!(r.json["message"].is_string(), "{}", r.text);
    assert!(r.text.contains(needle), "expected {needle:?} in {}", r.text);
}

fn nul_refused(r: &Response) {
    refused(r, 400, "NUL");
}

async fn profile_name(session: &Session) -> Value {
    session.get("/api/accounts/profile").await.json["name"].clone()
}

both_databases!(
    a_nul_in_any_text_is_a_400_and_nothing_is_stored,
    |app: TestApp| async move {
        let (secrets, owner) = app.user("nul").await;
        let org = create_org(&owner, &secrets, "Nul Org").await;

        // Anonymous: prelogin and both steps of registration.
        let r = app
            .client
            .request(
                Method::POST,
                "/identity/accounts/prelogin",
                None,
                Some(json!({"email": "a\u{0}@example.com"})),
            )
            .await;
        nul_refused(&r);
        let r = app
            .client
            .send_verification_email("b\u{0}@example.com", "b")
            .await;
        nul_refused(&r);
        let mut body = bulwark_client::register_finish_body(&secrets, "token");
        body["email"] = json!("c\u{0}@example.com");
        let r = app
            .client
            .request(
                Method::POST,
                "/identity/accounts/register/finish",
                None,
                Some(body),
            )
            .await;
        nul_refused(&r);

        // Profile name: refused and unchanged.
        let before = profile_name(&owner).await;
        let r = owner
            .put(
                "/api/accounts/profile",
                json!({"name": "Eve\u{0}", "masterPasswordHint": null}),
            )
            .await;
        nul_refused(&r);
        assert_eq!(profile_name(&owner).await, before);

        // Organization and group names, in a key PascalCase as older clients send it.
        let r = owner
            .put(
                &format!("/api/organizations/{}", org.id),
                json!({"Name": "Renamed\u{0}", "BillingEmail": "billing@example.com"}),
            )
            .await;
        nul_refused(&r);
        assert!(r.text.contains("Name"), "the field is named: {}", r.text);
        let r = owner.get(&format!("/api/organizations/{}", org.id)).await;
        assert_eq!(r.json["name"], "Nul Org");
        let r = owner
            .post(
                &format!("/api/organizations/{}/groups", org.id),
                json!({"name": "g\u{0}", "accessAll": false, "collections": [], "users": []}),
            )
            .await;
        nul_refused(&r);
        let r = owner
            .get(&format!("/api/organizations/{}/groups", org.id))
            .await;
        assert_eq!(r.json["data"], json!([]), "no group was made");

        // Device fields at login: the identity endpoint's own error shape.
        let mut form = app.client.password_grant_form(&secrets);
        for field in ["deviceIdentifier", "deviceName", "username"] {
            form.retain(|(k, _)| *k != field);
            form.push((field, "x\u{0}y"));
            let r = app.client.token_raw(&form).await;
            assert_eq!(r.status, 400, "{field}: {}", r.text);
            assert_eq!(r.json["error"], "invalid_request", "{field}: {}", r.text);
            assert!(
                r.json["error_description"]
                    .as_str()
                    .is_some_and(|d| d.contains("NUL")),
                "{field}: {}",
                r.text
            );
        }

        // Push token of the current device.
        let device = &app.client.device_identifier;
        let r = owner
            .put(
                &format!("/api/devices/identifier/{device}/token"),
                json!({"pushToken": "t\u{0}"}),
            )
            .await;
        nul_refused(&r);

        // A NUL in a path id or a query is not an id: 404, and a 400 for the query.
        let r = owner.get("/api/organizations/a%00b").await;
        refused(&r, 404, "Resource not found.");
        let r = owner.get("/api/sync?excludeDomains=%00").await;
        refused(&r, 400, "NUL");
    }
);

both_databases!(
    provider_invitations_refuse_a_nul_in_an_e_mail,
    |app: TestApp| async move {
        let p = provider(&app, "Nul MSP").await;
        let r = p
            .admin
            .post(
                &format!("/api/providers/{}/users/invite", p.id),
                json!({"emails": ["tech\u{0}@example.com"], "type": 1}),
            )
            .await;
        nul_refused(&r);
        let r = p.admin.get(&format!("/api/providers/{}/users", p.id)).await;
        assert_eq!(
            r.json["data"].as_array().map(Vec::len),
            Some(1),
            "{}",
            r.text
        );
    }
);

/// The item's collections as its owner reads them.
async fn collections_of(owner: &Session, item: &str) -> Value {
    owner.get(&format!("/api/ciphers/{item}")).await.json["collectionIds"].clone()
}

both_databases!(
    an_array_or_a_missing_list_never_unlinks_an_item,
    |app: TestApp| async move {
        let (secrets, owner) = app.user("arr").await;
        let org = create_org(&owner, &secrets, "Arr Org").await;
        let mut body = note(&owner, "shared");
        body["organizationId"] = json!(org.id);
        body["name"] = json!(org.keys.org_key.encrypt_str("shared"));
        body["notes"] = json!(org.keys.org_key.encrypt_str("text"));
        let r = owner
            .post(
                "/api/ciphers/create",
                json!({"cipher": body, "collectionIds": [org.collection]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let item = r.json["id"].as_str().unwrap().to_owned();
        let linked = json!([org.collection]);
        assert_eq!(collections_of(&owner, &item).await, linked);

        for route in ["collections", "collections_v2", "collections-admin"] {
            let path = format!("/api/ciphers/{item}/{route}");
            for bad in [json!([]), json!({}), json!({"collectionIds": null})] {
                let r = owner.put(&path, bad.clone()).await;
                refused(&r, 400, "");
                assert_eq!(collections_of(&owner, &item).await, linked, "{route} {bad}");
            }
        }

        // Other routes that took `[]` as "nothing given".
        let org_path = |rest: &str| format!("/api/organizations/{}/{rest}", org.id);
        for (method, path) in [
            (Method::POST, "/api/ciphers/import".to_owned()),
            (Method::POST, org_path("users/confirm")),
            (Method::POST, org_path("users/public-keys")),
            (Method::POST, org_path("users/reinvite")),
            (Method::DELETE, org_path("collections")),
            (Method::POST, org_path("collections/delete")),
        ] {
            let r = owner.request(method.clone(), &path, Some(json!([]))).await;
            refused(&r, 400, "an object");
        }
        let r = owner
            .get(&format!("/api/organizations/{}/collections", org.id))
            .await;
        assert_eq!(r.json["data"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            sync(&owner).await["ciphers"].as_array().map(Vec::len),
            Some(1)
        );
    }
);

both_databases!(
    bodies_without_their_required_fields_change_nothing,
    |app: TestApp| async move {
        let (secrets, owner) = app.user("req").await;
        let r = owner
            .put(
                "/api/accounts/profile",
                json!({"name": "Named", "masterPasswordHint": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = owner.put("/api/accounts/profile", json!({})).await;
        refused(&r, 400, "name");
        assert_eq!(profile_name(&owner).await, "Named");

        let org = create_org(&owner, &secrets, "Kept Name").await;
        let path = format!("/api/organizations/{}", org.id);
        for bad in [
            json!({}),
            json!({"name": null, "billingEmail": null}),
            json!({"name": "  "}),
        ] {
            let r = owner.put(&path, bad.clone()).await;
            refused(&r, 400, "Name");
            assert_eq!(owner.get(&path).await.json["name"], "Kept Name", "{bad}");
        }
        let r = owner
            .put(&path, json!({"name": "New Name", "billingEmail": null}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "New Name");

        let settings = "/api/two-factor/device-verification-settings";
        for bad in [json!(null), json!(5), json!("x"), json!({}), json!([])] {
            let r = owner.put(settings, bad.clone()).await;
            refused(&r, 400, "");
        }
        let r = owner
            .put(settings, json!({"unknownDeviceVerificationEnabled": false}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
);

both_databases!(
    json_routes_take_only_bodies_declared_as_json,
    |app: TestApp| async move {
        let (_, owner) = app.user("ct").await;
        let before = sync(&owner).await["folders"].clone();
        let body =
            serde_json::to_vec(&bulwark_client::ciphers::folder(&owner.user_key, "f")).unwrap();
        for content_type in ["text/plain", "application/x-www-form-urlencoded", ""] {
            let r = app
                .client
                .raw_body(
                    Method::POST,
                    "/api/folders",
                    Some(&owner.access_token),
                    content_type,
                    body.clone(),
                )
                .await;
            refused(&r, 415, "application/json");
        }
        assert_eq!(sync(&owner).await["folders"], before, "no folder was made");
        let r = app
            .client
            .raw_body(
                Method::POST,
                "/api/folders",
                Some(&owner.access_token),
                "application/json; charset=utf-8",
                body,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
);

both_databases!(
    routing_errors_are_in_the_error_shape,
    |app: TestApp| async move {
        let (_, owner) = app.user("shape").await;
        let item = create(&owner, note(&owner, "n")).await;
        // An id with invalid UTF-8 is no id.
        let r = owner.get("/api/ciphers/%FF%FE").await;
        refused(&r, 404, "Resource not found.");
        // A path too long to be real.
        let r = owner
            .get(&format!("/api/ciphers/{}", "a".repeat(9000)))
            .await;
        refused(&r, 414, "too long");
        // A known path with a method it lacks: 405 naming the methods it has.
        let r = owner
            .request(Method::PATCH, &format!("/api/ciphers/{item}"), None)
            .await;
        refused(&r, 405, "not allowed");
        let allow = r.header("allow").unwrap_or_default().to_owned();
        for method in ["GET", "PUT", "DELETE"] {
            assert!(allow.contains(method), "Allow: {allow}");
        }
        // Unknown routes stay 404 in the shape.
        let r = owner.get("/api/no-such-route").await;
        refused(&r, 404, "Resource not found.");
    }
);
