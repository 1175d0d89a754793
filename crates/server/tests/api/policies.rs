//! Organization policies: saved per organization, validated, with their dependency rules, and
//! delivered in sync.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use bulwark_client::orgs::new_org;
use bulwark_client::{AccountSecrets, Method, Session};
use serde_json::{json, Value};

async fn org(session: &Session, secrets: &AccountSecrets, plan_type: i64) -> String {
    let seats = if plan_type == 0 { 0 } else { 5 };
    let body = new_org(secrets, "Policy Org", plan_type, seats, None).body;
    let r = session.post("/api/organizations", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["id"].as_str().unwrap().to_owned()
}

fn put_body(enabled: bool, data: Value) -> Value {
    json!({ "policy": { "enabled": enabled, "data": data }, "metadata": null })
}

both_databases!(
    policies_are_saved_per_organization_and_synced,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let a = org(&session, &secrets, 20).await;
        let b = org(&session, &secrets, 20).await;

        let data = json!({"minLength": 14, "requireUpper": true, "enforceOnLogin": false});
        let r = session
            .put(
                &format!("/api/organizations/{a}/policies/1"),
                put_body(true, data.clone()),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "policy");
        assert_eq!(r.json["type"], 1);
        assert_eq!(r.json["enabled"], true);
        assert_eq!(r.json["data"], data);
        let id = r.json["id"].as_str().unwrap().to_owned();
        let master = format!("/api/organizations/{a}/policies/master-password");
        let r = session.get(&master).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["id"], id.as_str());

        // The older flat body works too, and the id stays the same across updates.
        let r = session
            .put(
                &format!("/api/organizations/{a}/policies/1"),
                json!({"type": 1, "enabled": false, "data": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["id"], id.as_str());
        assert_eq!(r.json["enabled"], false);
        assert_eq!(
            session.get(&master).await.status,
            404,
            "disabled: not served"
        );

        let r = session
            .get(&format!("/api/organizations/{a}/policies/1"))
            .await;
        assert_eq!(r.json["enabled"], false);
        let r = session
            .get(&format!("/api/organizations/{b}/policies/1"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["enabled"], false, "org b has its own, unset, policy");
        assert_eq!(r.json["data"], json!({}));

        let r = session
            .put(
                &format!("/api/organizations/{b}/policies/2"),
                put_body(true, json!({"minLength": 20})),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session
            .get(&format!("/api/organizations/{b}/policies"))
            .await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 1);

        let r = session.get("/api/sync").await;
        let policies = r.json["policies"].as_array().unwrap();
        assert_eq!(policies.len(), 2, "{policies:?}");
        assert!(policies
            .iter()
            .any(|p| p["organizationId"] == a.as_str() && p["type"] == 1));
        assert!(policies
            .iter()
            .any(|p| p["organizationId"] == b.as_str() && p["enabled"] == true));
        assert_eq!(r.json["policiesNew"].as_array().unwrap().len(), 2);
    }
);

both_databases!(
    policy_changes_are_checked_and_refused_with_upstream_messages,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org_id = org(&session, &secrets, 20).await;
        let path = |t: i64| format!("/api/organizations/{org_id}/policies/{t}");

        let r = session
            .put(&path(1), put_body(true, json!({"minLength": 8})))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(message(&r).contains("between 12 and 128"), "{}", r.text);
        let r = session
            .put(&path(1), put_body(true, json!({"requireUpper": "yes"})))
            .await;
        assert_eq!(
            message(&r),
            "Invalid data for MasterPassword policy: requireUpper has an invalid value."
        );
        let r = session
            .put(&path(1), json!({"policy": {"data": null}}))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        let r = session.put(&path(99), put_body(true, json!(null))).await;
        assert_eq!(r.status, 404, "{}", r.text);

        // Account recovery needs Single organization first, which then cannot be turned off.
        let r = session
            .put(
                &path(8),
                put_body(true, json!({"autoEnrollEnabled": false})),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            message(&r).starts_with("Turn on the Single organization policy"),
            "{}",
            r.text
        );
        assert_eq!(
            session
                .put(&path(3), put_body(true, json!(null)))
                .await
                .status,
            200
        );
        assert_eq!(
            session
                .put(
                    &path(8),
                    put_body(true, json!({"autoEnrollEnabled": false}))
                )
                .await
                .status,
            200
        );
        let r = session.put(&path(3), put_body(false, json!(null))).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(
            message(&r).contains("requires the Single organization policy"),
            "{}",
            r.text
        );

        // A Free org cannot use policies.
        let free = org(&session, &secrets, 0).await;
        let r = session
            .put(
                &format!("/api/organizations/{free}/policies/0"),
                put_body(true, json!(null)),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "This organization cannot use policies.");
    }
);

both_databases!(
    only_policy_managers_of_that_org_reach_its_policies,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org_id = org(&session, &secrets, 20).await;
        let (other_secrets, other) = app.user("other").await;
        let theirs = org(&other, &other_secrets, 20).await;
        for (method, path, body) in [
            (
                Method::GET,
                format!("/api/organizations/{org_id}/policies"),
                None,
            ),
            (
                Method::GET,
                format!("/api/organizations/{org_id}/policies/0"),
                None,
            ),
            (
                Method::PUT,
                format!("/api/organizations/{org_id}/policies/0"),
                Some(put_body(true, json!(null))),
            ),
            (
                Method::GET,
                format!("/api/organizations/{org_id}/policies/master-password"),
                None,
            ),
        ] {
            let r = other.request(method.clone(), &path, body.clone()).await;
            assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
            let r = app.client.request(method.clone(), &path, None, body).await;
            assert_eq!(r.status, 401, "anonymous {method} {path}: {}", r.text);
        }
        let r = session
            .get(&format!("/api/organizations/{theirs}/policies"))
            .await;
        assert_eq!(r.status, 404, "ids swapped: {}", r.text);
        let r = session
            .get(&format!("/api/organizations/{org_id}/policies/0"))
            .await;
        assert_eq!(r.json["enabled"], false, "nothing changed");
    }
);
