//! Who may use each member route: one table of routes, one list of callers, every cell
//! checked. Ids are also swapped between two orgs for every route.

use crate::member_support::{join, org, Org, Stage, World};
use crate::with_world;
use bulwark_client::{Method, Session};
use serde_json::{json, Value};

/// Every member route with `{org}`, `{id}` (a confirmed plain User) and `{pending}` (an Invited
/// member) to fill in.
fn routes(key: &str) -> Vec<(Method, &'static str, Option<Value>)> {
    let ids = json!({"ids": ["{id}"]});
    let update = json!({"type": 2, "collections": [], "groups": null});
    vec![
        (Method::GET, "/users", None),
        (Method::GET, "/users/mini-details", None),
        (Method::GET, "/users/{id}", None),
        (
            Method::POST,
            "/users/invite",
            Some(json!({"emails": ["fresh@example.com"], "type": 2, "collections": []})),
        ),
        (
            Method::POST,
            "/users/reinvite",
            Some(json!({"ids": ["{pending}"]})),
        ),
        (Method::POST, "/users/{pending}/reinvite", Some(json!({}))),
        (Method::POST, "/users/public-keys", Some(ids.clone())),
        (
            Method::POST,
            "/users/{id}/confirm",
            Some(json!({"key": key})),
        ),
        (
            Method::POST,
            "/users/confirm",
            Some(json!({"keys": [{"id": "{id}", "key": key}]})),
        ),
        (Method::PUT, "/users/{id}", Some(update.clone())),
        (Method::POST, "/users/{id}", Some(update)),
        (Method::PUT, "/users/{id}/revoke", Some(json!({}))),
        (Method::PUT, "/users/revoke", Some(ids.clone())),
        (Method::PUT, "/users/{id}/restore", Some(json!({}))),
        (Method::PUT, "/users/{id}/restore/vnext", Some(json!({}))),
        (Method::PUT, "/users/restore", Some(ids.clone())),
        (Method::DELETE, "/users/{id}", None),
        (Method::POST, "/users/{id}/remove", None),
        (Method::DELETE, "/users", Some(ids.clone())),
        (Method::POST, "/users/remove", Some(ids)),
    ]
}

fn fill(text: &str, org: &str, id: &str, pending: &str) -> String {
    text.replace("{org}", org)
        .replace("{id}", id)
        .replace("{pending}", pending)
}

fn fill_body(body: &Option<Value>, org: &str, id: &str, pending: &str) -> Option<Value> {
    body.as_ref()
        .map(|b| serde_json::from_str(&fill(&b.to_string(), org, id, pending)).unwrap())
}

/// What a caller gets on a route.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// 404 everywhere.
    Outsider,
    /// A confirmed member without ManageUsers: mini-details 200, one member 403, else 404.
    Member,
}

fn expected(e: Expect, path: &str, method: &Method) -> u16 {
    match e {
        Expect::Outsider => 404,
        Expect::Member if path == "/users/mini-details" => 200,
        Expect::Member if path == "/users/{id}" && *method == Method::GET => 403,
        Expect::Member => 404,
    }
}

async fn status_of(w: &World, o: &Org, id: &str) -> (i64, i64) {
    let r = o
        .owner
        .get(&format!("/api/organizations/{}/users", o.id))
        .await;
    let m = r.json["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} gone: {}", r.text));
    let _ = w;
    (m["status"].as_i64().unwrap(), m["type"].as_i64().unwrap())
}

with_world!(
    member_routes_admit_only_managers_of_this_org,
    |w: World| async move {
        let o = org(&w.app, 30).await;
        let other = org(&w.app, 30).await;
        let key = o.crypto.keypair.wrap(&[7u8; 64]);
        let (_, _, target) = join(&w, &o, "target", 2, Value::Null, Stage::Confirmed).await;
        let (_, _, pending) = join(&w, &o, "pending", 2, Value::Null, Stage::Invited).await;
        let (_, _, other_target) = join(&w, &other, "ot", 2, Value::Null, Stage::Confirmed).await;

        let (_, unrelated) = w.app.user("unrelated").await;
        let (_, invited, _) = join(&w, &o, "invited", 1, Value::Null, Stage::Invited).await;
        let (_, accepted, _) = join(&w, &o, "accepted", 1, Value::Null, Stage::Accepted).await;
        let (_, revoked, revoked_id) =
            join(&w, &o, "revoked", 1, Value::Null, Stage::Confirmed).await;
        let r = o
            .owner
            .put(
                &format!("/api/organizations/{}/users/{revoked_id}/revoke", o.id),
                json!({}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (_, user, _) = join(&w, &o, "user", 2, Value::Null, Stage::Confirmed).await;
        let (_, custom_none, _) = join(
            &w,
            &o,
            "cnone",
            4,
            json!({"accessReports": true}),
            Stage::Confirmed,
        )
        .await;

        let denied: Vec<(&str, &Session, Expect)> = vec![
            ("unrelated", &unrelated, Expect::Outsider),
            ("invited", &invited, Expect::Outsider),
            ("accepted", &accepted, Expect::Outsider),
            ("revoked", &revoked, Expect::Outsider),
            ("other org's owner", &other.owner, Expect::Outsider),
            ("user", &user, Expect::Member),
            ("custom without manageUsers", &custom_none, Expect::Member),
        ];
        for (method, route, body) in routes(&key) {
            let path = fill(
                &format!("/api/organizations/{{org}}{route}"),
                &o.id,
                &target,
                &pending,
            );
            let body = fill_body(&body, &o.id, &target, &pending);
            let r = w
                .app
                .client
                .request(method.clone(), &path, None, body.clone())
                .await;
            assert_eq!(r.status, 401, "anonymous {method} {route}: {}", r.text);
            for (who, session, e) in &denied {
                let r = session.request(method.clone(), &path, body.clone()).await;
                assert_eq!(
                    r.status,
                    expected(*e, route, &method),
                    "{who} {method} {route}: {}",
                    r.text
                );
            }
            // Ids swapped: this org's owner with the other org's path, and with its member ids.
            let theirs = fill(
                &format!("/api/organizations/{{org}}{route}"),
                &other.id,
                &target,
                &pending,
            );
            let r = o.owner.request(method.clone(), &theirs, body.clone()).await;
            assert_eq!(
                r.status, 404,
                "owner on other org's path {method} {route}: {}",
                r.text
            );
            if route.contains("{id}") && !route.contains("reinvite") {
                let foreign = fill(
                    &format!("/api/organizations/{{org}}{route}"),
                    &o.id,
                    &other_target,
                    &other_target,
                );
                let r = o
                    .owner
                    .request(method.clone(), &foreign, body.clone())
                    .await;
                // Single confirm answers as upstream does when no membership qualifies.
                let want = if route.ends_with("/confirm") {
                    400
                } else {
                    404
                };
                assert_eq!(
                    r.status, want,
                    "other org's member id {method} {route}: {}",
                    r.text
                );
            }
            let r = o
                .owner
                .request(
                    method.clone(),
                    &path.replace(&target, "not-a-uuid"),
                    body.as_ref().map(|b| {
                        serde_json::from_str(&b.to_string().replace(&target, "not-a-uuid")).unwrap()
                    }),
                )
                .await;
            assert!(
                r.status == 404 || r.status == 200 || r.status == 400,
                "{method} {route}: {}",
                r.text
            );
            assert_ne!(r.status, 500);
        }
        assert_eq!(status_of(&w, &o, &target).await, (2, 2), "target untouched");
        assert_eq!(status_of(&w, &other, &other_target).await, (2, 2));
        // Bulk routes with another org's ids touch nothing there.
        let r = o
            .owner
            .request(
                Method::DELETE,
                &format!("/api/organizations/{}/users", o.id),
                Some(json!({"ids": [other_target]})),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(status_of(&w, &other, &other_target).await, (2, 2));

        // Managers: Custom with manageUsers, Admin and Owner may do it all to a plain User.
        let (_, custom_mu, _) = join(
            &w,
            &o,
            "cmu",
            4,
            json!({"manageUsers": true}),
            Stage::Confirmed,
        )
        .await;
        let (_, admin, _) = join(&w, &o, "admin", 1, Value::Null, Stage::Confirmed).await;
        for (who, session) in [
            ("custom manageUsers", &custom_mu),
            ("admin", &admin),
            ("owner", &o.owner),
        ] {
            let base = format!("/api/organizations/{}/users", o.id);
            for (method, path, body) in [
                (Method::GET, base.clone(), None),
                (Method::GET, format!("{base}/mini-details"), None),
                (Method::GET, format!("{base}/{target}"), None),
                (
                    Method::POST,
                    format!("{base}/public-keys"),
                    Some(json!({"ids": [target]})),
                ),
                (
                    Method::POST,
                    format!("{base}/{pending}/reinvite"),
                    Some(json!({})),
                ),
                (
                    Method::POST,
                    format!("{base}/reinvite"),
                    Some(json!({"ids": [pending]})),
                ),
                (
                    Method::PUT,
                    format!("{base}/{target}"),
                    Some(json!({"type": 2, "collections": []})),
                ),
                (
                    Method::PUT,
                    format!("{base}/{target}/revoke"),
                    Some(json!({})),
                ),
                (
                    Method::PUT,
                    format!("{base}/{target}/restore"),
                    Some(json!({})),
                ),
                (
                    Method::PUT,
                    format!("{base}/revoke"),
                    Some(json!({"ids": [target]})),
                ),
                (
                    Method::PUT,
                    format!("{base}/restore"),
                    Some(json!({"ids": [target]})),
                ),
            ] {
                let r = session.request(method.clone(), &path, body).await;
                assert_eq!(r.status, 200, "{who} {method} {path}: {}", r.text);
            }
            assert_eq!(status_of(&w, &o, &target).await, (2, 2));
        }
        // Custom members cannot touch admins.
        let admin_id = {
            let r = o
                .owner
                .get(&format!("/api/organizations/{}/users", o.id))
                .await;
            r.json["data"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["type"] == 1 && m["status"] == 2)
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let r = custom_mu
            .put(
                &format!("/api/organizations/{}/users/{admin_id}/revoke", o.id),
                json!({}),
            )
            .await;
        assert_eq!(
            crate::flows::message(&r),
            "Custom users can not revoke admins."
        );
    }
);
