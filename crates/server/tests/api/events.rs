//! The event log: what org changes record, paging, who may read it, and client uploads.

use crate::both_databases;
use crate::flows::message;
use crate::helpers::TestApp;
use bulwark_client::orgs::new_org;
use bulwark_client::{AccountSecrets, Method, Session};
use serde_json::json;

async fn org(session: &Session, secrets: &AccountSecrets, plan_type: i64) -> String {
    let body = new_org(secrets, "Logged", plan_type, 5, None).body;
    let r = session.post("/api/organizations", body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["id"].as_str().unwrap().to_owned()
}

async fn new_group(session: &Session, org_id: &str, name: &str) -> String {
    let r = session
        .post(
            &format!("/api/organizations/{org_id}/groups"),
            json!({"name": name, "collections": [], "users": null}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["id"].as_str().unwrap().to_owned()
}

both_databases!(
    org_changes_are_logged_and_paged_newest_first,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org_id = org(&session, &secrets, 20).await;
        let first = new_group(&session, &org_id, "first").await;
        let r = session
            .put(
                &format!("/api/organizations/{org_id}/policies/1"),
                json!({"policy": {"enabled": true, "data": {"minLength": 12}}}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let policy = r.json["id"].as_str().unwrap().to_owned();

        let r = session
            .get(&format!("/api/organizations/{org_id}/events"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let data = r.json["data"].as_array().unwrap();
        assert_eq!(data.len(), 2, "{data:?}");
        assert_eq!(data[0]["type"], 1700, "newest first");
        assert_eq!(data[0]["policyId"], policy.as_str());
        assert_eq!(data[1]["type"], 1400);
        assert_eq!(data[1]["groupId"], first.as_str());
        assert_eq!(data[1]["actingUserId"], session.user_id.as_str());
        assert_eq!(data[1]["organizationId"], org_id.as_str());
        assert!(r.json["continuationToken"].is_null());

        // 55 more: the first page holds 50 and a token; the second the rest.
        for i in 0..55 {
            new_group(&session, &org_id, &format!("g{i}")).await;
        }
        let r = session
            .get(&format!("/api/organizations/{org_id}/events"))
            .await;
        assert_eq!(r.json["data"].as_array().unwrap().len(), 50);
        let token = r.json["continuationToken"].as_str().unwrap().to_owned();
        let r = session
            .get(&format!(
                "/api/organizations/{org_id}/events?continuationToken={token}"
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"].as_array().unwrap().len(), 7);
        assert!(r.json["continuationToken"].is_null());

        // A range in the past is empty; one over 367 days is refused.
        let r = session
            .get(&format!(
                "/api/organizations/{org_id}/events?start=2020-01-01T00:00:00Z&end=2020-02-01T00:00:00Z"
            ))
            .await;
        assert_eq!(r.json["data"], json!([]));
        let r = session
            .get(&format!(
                "/api/organizations/{org_id}/events?start=2020-01-01T00:00:00Z&end=2026-01-01T00:00:00Z"
            ))
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(message(&r), "Range too large.");
    }
);

both_databases!(
    only_log_readers_of_that_org_see_its_events,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org_id = org(&session, &secrets, 20).await;
        new_group(&session, &org_id, "g").await;
        let (other_secrets, other) = app.user("other").await;
        let theirs = org(&other, &other_secrets, 20).await;
        let path = format!("/api/organizations/{org_id}/events");
        let r = other.get(&path).await;
        assert_eq!(r.status, 404, "{}", r.text);
        let r = app.client.request(Method::GET, &path, None, None).await;
        assert_eq!(r.status, 401, "{}", r.text);
        let r = session
            .get(&format!("/api/organizations/{theirs}/events"))
            .await;
        assert_eq!(r.status, 404, "{}", r.text);
        // A Teams org logs events too; a Free org keeps none.
        let free = {
            let body = new_org(&secrets, "Free", 0, 0, None).body;
            session.post("/api/organizations", body).await.json["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let r = session
            .get(&format!("/api/organizations/{free}/events"))
            .await;
        assert_eq!(r.json["data"], json!([]));
    }
);

both_databases!(
    clients_upload_the_events_they_are_allowed_to,
    |app: TestApp| async move {
        let (secrets, session) = app.user("owner").await;
        let org_id = org(&session, &secrets, 20).await;
        let r = app
            .client
            .request(
                Method::POST,
                "/events/collect",
                Some(&session.access_token),
                Some(json!([
                    {"type": 1007, "date": "2026-11-20T10:00:00.000Z"},
                    {"type": 1602, "organizationId": org_id, "date": "2026-11-20T10:00:00Z"},
                    {"type": 1107, "cipherId": uuid::Uuid::new_v4().to_string(), "date": "2026-11-20T10:00:00Z"},
                    {"type": 1100, "organizationId": org_id, "date": "2026-11-20T10:00:00Z"},
                    {"type": 1602, "organizationId": uuid::Uuid::new_v4().to_string(), "date": "2026-11-20T10:00:00Z"}
                ])),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session
            .get("/api/events?start=2026-11-01T00:00:00Z&end=2026-11-30T00:00:00Z")
            .await;
        let mine = r.json["data"].as_array().unwrap();
        assert_eq!(mine.len(), 1, "{mine:?}");
        assert_eq!(mine[0]["type"], 1007);
        assert_eq!(
            mine[0]["date"], "2026-11-20T10:00:00.000000Z",
            "the client's date is kept"
        );
        let r = session
            .get(&format!(
                "/api/organizations/{org_id}/events?start=2026-11-01T00:00:00Z&end=2026-11-30T00:00:00Z"
            ))
            .await;
        let logged: Vec<i64> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_i64().unwrap())
            .collect();
        assert_eq!(logged, vec![1602], "only the accepted org event");

        for bad in [json!([]), json!({"type": 1007}), json!("x")] {
            let r = app
                .client
                .request(
                    Method::POST,
                    "/events/collect",
                    Some(&session.access_token),
                    Some(bad),
                )
                .await;
            assert_eq!(r.status, 400, "{}", r.text);
        }
        let r = app
            .client
            .request(
                Method::POST,
                "/events/collect",
                None,
                Some(json!([{"type": 1007}])),
            )
            .await;
        assert_eq!(r.status, 401, "{}", r.text);
    }
);
