//! Groups: members and collection grants, scoped to their organization.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use bulwark_client::orgs::new_org;
use bulwark_client::{AccountSecrets, Method, Session};
use serde_json::{json, Value};

/// A Teams org with a first collection: (org id, collection id, the owner's membership id).
async fn org(
    session: &Session,
    secrets: &AccountSecrets,
    plan_type: i64,
) -> (String, String, String) {
    let seats = if plan_type == 0 { 0 } else { 5 };
    let body = new_org(secrets, "Group Org", plan_type, seats, Some("Shared")).body;
    let r = session.post("/api/organizations", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let id = r.json["id"].as_str().unwrap().to_owned();
    let sync = session.get("/api/sync").await.json;
    let collection = sync["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["organizationId"] == id.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let member = sync["profile"]["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == id.as_str())
        .unwrap()["organizationUserId"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, collection, member)
}

fn body(name: &str, collection: &str, users: Value) -> Value {
    json!({
        "name": name,
        "externalId": null,
        "collections": [{"id": collection, "readOnly": true, "hidePasswords": false, "manage": false}],
        "users": users,
    })
}

both_databases!(
    groups_hold_members_and_collection_grants,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let (org_id, collection, me) = org(&session, &secrets, 18).await;
        let base = format!("/api/organizations/{org_id}/groups");
        let r = session
            .post(&base, body("Engineers", &collection, json!([me])))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "group");
        assert_eq!(r.json["name"], "Engineers");
        let id = r.json["id"].as_str().unwrap().to_owned();

        let r = session.get(&format!("{base}/{id}/details")).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["collections"][0]["id"], collection.as_str());
        assert_eq!(r.json["collections"][0]["readOnly"], true);
        let r = session.get(&format!("{base}/{id}/users")).await;
        assert_eq!(r.json, json!([me]));
        let r = session.get(&format!("{base}/details")).await;
        assert_eq!(
            r.json["data"][0]["collections"].as_array().unwrap().len(),
            1
        );

        // Update: rename, no grants; users null leaves the members alone.
        let r = session
            .put(
                &format!("{base}/{id}"),
                json!({"name": "Eng", "collections": [], "users": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["name"], "Eng");
        let r = session.get(&format!("{base}/{id}/users")).await;
        assert_eq!(r.json, json!([me]));
        let r = session.get(&format!("{base}/{id}/details")).await;
        assert_eq!(r.json["collections"], json!([]));

        let r = session
            .delete(&format!("{base}/{id}/user/{me}"), None)
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get(&format!("{base}/{id}/users")).await;
        assert_eq!(r.json, json!([]));

        let r = session.delete(&format!("{base}/{id}"), None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get(&base).await;
        assert_eq!(r.json["data"], json!([]));
    }
);

both_databases!(
    groups_refuse_bad_input_and_ids_of_other_organizations,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let (org_id, collection, me) = org(&session, &secrets, 18).await;
        let (other_secrets, other) = app.user("other").await;
        let (their_org, their_collection, their_member) = org(&other, &other_secrets, 18).await;
        let base = format!("/api/organizations/{org_id}/groups");

        let r = session
            .post(&base, body("", &collection, json!(null)))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "The Name field is required.");
        let mut mixed = body("G", &collection, json!(null));
        mixed["collections"][0]["manage"] = json!(true);
        let r = session.post(&base, mixed).await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert!(message(&r).contains("mutually exclusive"), "{}", r.text);
        // Another org's collection or member: 404, and nothing is created.
        let r = session
            .post(&base, body("G", &their_collection, json!(null)))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session
            .post(&base, body("G", &collection, json!([their_member])))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session.get(&base).await;
        assert_eq!(r.json["data"], json!([]));

        let r = session
            .post(&base, body("G", &collection, json!([me])))
            .await;
        let id = r.json["id"].as_str().unwrap().to_owned();
        let r = other
            .post(
                &format!("/api/organizations/{their_org}/groups"),
                body("T", &their_collection, json!(null)),
            )
            .await;
        let theirs = r.json["id"].as_str().unwrap().to_owned();

        // Every group route: the other org's owner gets 404 here, anonymous 401, and this org's
        // group id under their org is 404 too.
        for (method, path, b) in [
            (Method::GET, base.clone(), None),
            (Method::GET, format!("{base}/details"), None),
            (Method::GET, format!("{base}/{id}"), None),
            (Method::GET, format!("{base}/{id}/details"), None),
            (Method::GET, format!("{base}/{id}/users"), None),
            (
                Method::PUT,
                format!("{base}/{id}"),
                Some(body("X", &collection, json!(null))),
            ),
            (Method::DELETE, format!("{base}/{id}"), None),
            (Method::DELETE, format!("{base}/{id}/user/{me}"), None),
            (
                Method::POST,
                format!("{base}/delete"),
                Some(json!({"ids": [id]})),
            ),
        ] {
            let r = other.request(method.clone(), &path, b.clone()).await;
            assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
            let r = app.client.request(method.clone(), &path, None, b).await;
            assert_eq!(r.status, 401, "anonymous {method} {path}");
        }
        let r = other
            .get(&format!("/api/organizations/{their_org}/groups/{id}"))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = session
            .post(&format!("{base}/delete"), json!({"ids": [id, theirs]}))
            .await;
        assert_eq!(
            r.status, 404,
            "a foreign id spoils the bulk delete: {}",
            r.text
        );
        let r = session.get(&format!("{base}/{id}")).await;
        assert_eq!(r.status, 200, "nothing was deleted: {}", r.text);
        let r = session.get(&format!("{base}/not-a-uuid")).await;
        assert_eq!(r.status, 404, "{}", r.text);

        // A Free org has no groups.
        let (free, free_collection, _) = org(&session, &secrets, 0).await;
        let r = session
            .post(
                &format!("/api/organizations/{free}/groups"),
                body("G", &free_collection, json!(null)),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "This organization cannot use groups.");
    }
);
