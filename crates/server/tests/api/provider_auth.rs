//! Every provider route, and the client org's admin routes (members, groups, collections,
//! policies, events, settings, import, export, items), for every kind of caller: anonymous
//! (401), an unrelated user, an invited and an accepted (unconfirmed) member, a Service User,
//! a Provider Admin, the admin of another provider, and the owner of a client org who is no
//! provider member. Refusals are
//! 404 (nothing is revealed); allowed callers get past authorization (never 401/404/5xx).
//! Ids of the other provider are swapped in on every nested route.

use crate::member_support::{user_with_own_keys, World};
use crate::provider_support::{accepted, client, provider, staff};
use crate::with_world;
use bulwark_client::{Method, Session};
use bulwark_domain::authz::ProviderUserType;
use bulwark_domain::provider_statement::{snapshot_day, StatementMonth};
use serde_json::{json, Value};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Staff,
    Admin,
}

with_world!(
    every_provider_route_admits_exactly_its_roles,
    |w: World| async move {
        let p = provider(&w.app, "Matrix MSP").await;
        let other = provider(&w.app, "Other MSP").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let waiting = accepted(&w.app, &p, "waiting", ProviderUserType::ServiceUser).await;
        let (boss_secrets, boss) = user_with_own_keys(&w.app, "boss").await;
        let c = client(&w, &p, &p.admin, "Matrix client", &boss_secrets.email).await;
        let other_client = client(
            &w,
            &other,
            &other.admin,
            "Other client",
            "other-owner@example.com",
        )
        .await;
        // The client's owner joins the org (a member, not provider staff).
        let (member_id, token) = &c.owner_invite;
        let r = boss
            .post(
                &format!("/api/organizations/{}/users/{member_id}/accept", c.org_id),
                json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        // Confirmed by the provider's admin, who holds the org key through the provider.
        let keys = p
            .admin
            .post(
                &format!("/api/organizations/{}/users/public-keys", c.org_id),
                json!({"ids": [member_id]}),
            )
            .await;
        let wrapped = bulwark_client::rsa_wrap_for(
            keys.json["data"][0]["key"].as_str().unwrap(),
            &c.org_key.to_bytes(),
        )
        .unwrap();
        let r = p
            .admin
            .post(
                &format!("/api/organizations/{}/users/{member_id}/confirm", c.org_id),
                json!({"key": wrapped}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (_, unrelated) = w.app.user("unrelated").await;
        // Invited but not yet accepted: an account whose address holds an invitation.
        let (invited_secrets, invited) = w.app.user("invited").await;
        let r = p
            .admin
            .post(
                &format!("/api/providers/{}/users/invite", p.id),
                json!({"emails": ["invitee@example.com", invited_secrets.email], "type": 1}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);

        // Today's seat snapshot, so this month's statement exists.
        let today = snapshot_day(chrono::Utc::now());
        let store = crate::provider_support::store(&w.app).await;
        let mut conn = store.conn().await.unwrap();
        bulwark_store::provider_snapshots::record_day(&mut conn, today)
            .await
            .unwrap();
        drop(conn);
        store.close().await;
        let month = StatementMonth::of_day(today).unwrap();

        let pid = &p.id;
        let base = format!("/api/providers/{pid}");
        let org = format!("/api/organizations/{}", c.org_id);
        let routes: Vec<(Method, String, Option<Value>, Who)> = vec![
            (Method::GET, base.clone(), None, Who::Staff),
            (
                Method::PUT,
                base.clone(),
                Some(json!({"name": "Matrix MSP", "billingEmail": "b@m.example"})),
                Who::Admin,
            ),
            (
                Method::DELETE,
                base.clone(),
                Some(json!({"masterPasswordHash": "d3Jvbmc="})),
                Who::Admin,
            ),
            (
                Method::POST,
                format!("{base}/setup"),
                Some(json!({"name": "x", "billingEmail": "a@b.c", "token": "t", "key": "4.a"})),
                Who::Admin,
            ),
            (
                Method::GET,
                format!("{base}/organizations"),
                None,
                Who::Staff,
            ),
            (
                Method::GET,
                format!("{base}/clients/addable"),
                None,
                Who::Staff,
            ),
            (
                Method::PUT,
                format!("{base}/clients/{}", c.link),
                Some(json!({"assignedSeats": 5, "name": "Matrix client"})),
                Who::Staff,
            ),
            (Method::GET, format!("{base}/users"), None, Who::Admin),
            (
                Method::GET,
                format!("{base}/users/{}", tech.id),
                None,
                Who::Admin,
            ),
            (
                Method::POST,
                format!("{base}/users/reinvite"),
                Some(json!({"ids": []})),
                Who::Admin,
            ),
            (
                Method::POST,
                format!("{base}/users/public-keys"),
                Some(json!({"ids": [waiting.id]})),
                Who::Admin,
            ),
            (
                Method::POST,
                format!("{base}/users/confirm"),
                Some(json!({"keys": []})),
                Who::Admin,
            ),
            (
                Method::PUT,
                format!("{base}/users/{}", tech.id),
                Some(json!({"type": 1})),
                Who::Admin,
            ),
            (
                Method::DELETE,
                format!("{base}/users"),
                Some(json!({"ids": []})),
                Who::Admin,
            ),
            (Method::GET, format!("{base}/events"), None, Who::Admin),
            (
                Method::GET,
                format!("{base}/users/{}/events", tech.id),
                None,
                Who::Admin,
            ),
            (
                Method::GET,
                format!("{base}/billing/subscription"),
                None,
                Who::Staff,
            ),
            (
                Method::GET,
                format!("{base}/billing/vnext/warnings"),
                None,
                Who::Staff,
            ),
            (
                Method::GET,
                format!("{base}/billing/invoices"),
                None,
                Who::Admin,
            ),
            (
                Method::GET,
                format!("{base}/billing/invoices/{month}"),
                None,
                Who::Admin,
            ),
            (
                Method::POST,
                format!("{base}/users/invite"),
                Some(json!({"emails": ["second@example.com"], "type": 1})),
                Who::Admin,
            ),
            // The client org through the provider.
            (
                Method::GET,
                format!("/api/organizations/{}/users", c.org_id),
                None,
                Who::Staff,
            ),
            (
                Method::GET,
                format!("/api/organizations/{}/collections/details", c.org_id),
                None,
                Who::Staff,
            ),
            (
                Method::GET,
                format!(
                    "/api/ciphers/organization-details?organizationId={}",
                    c.org_id
                ),
                None,
                Who::Staff,
            ),
            (Method::GET, org.clone(), None, Who::Staff),
            (
                Method::PUT,
                org.clone(),
                Some(json!({"name": "Matrix client", "billingEmail": "bills@client.example"})),
                Who::Staff,
            ),
            (Method::GET, format!("{org}/groups"), None, Who::Staff),
            (Method::GET, format!("{org}/policies"), None, Who::Staff),
            (Method::GET, format!("{org}/events"), None, Who::Staff),
            (Method::GET, format!("{org}/collections"), None, Who::Staff),
            (
                Method::GET,
                format!("{org}/users/mini-details"),
                None,
                Who::Staff,
            ),
            (Method::GET, format!("{org}/export"), None, Who::Staff),
            (
                Method::POST,
                format!(
                    "/api/ciphers/import-organization?organizationId={}",
                    c.org_id
                ),
                Some(json!({"ciphers": [], "collections": [], "collectionRelationships": []})),
                Who::Staff,
            ),
            // Last: unlinking ends the provider's access to the client.
            (
                Method::DELETE,
                format!("{base}/organizations/{}", c.link),
                None,
                Who::Admin,
            ),
        ];
        let callers: Vec<(&str, Option<&Session>, Option<Who>)> = vec![
            ("unrelated", Some(&unrelated), None),
            ("invited member", Some(&invited), None),
            ("accepted member", Some(&waiting.session), None),
            ("other provider admin", Some(&other.admin), None),
            ("client owner", Some(&boss), None),
            ("service user", Some(&tech.session), Some(Who::Staff)),
            ("provider admin", Some(&p.admin), Some(Who::Admin)),
        ];
        for (method, path, body, needs) in &routes {
            let r = w
                .app
                .client
                .request(method.clone(), path, None, body.clone())
                .await;
            assert_eq!(r.status, 401, "anonymous {method} {path}");
            for (name, session, role) in &callers {
                let session = session.unwrap();
                let r = session.request(method.clone(), path, body.clone()).await;
                let allowed = matches!(
                    (needs, role),
                    (Who::Staff, Some(_)) | (Who::Admin, Some(Who::Admin))
                );
                // The client owner is a member of the client org itself.
                let member_route = path.contains(&c.org_id) && *name == "client owner";
                if allowed || member_route {
                    assert!(
                        ![401, 403, 404].contains(&r.status) && r.status < 500,
                        "{name} {method} {path}: {} {}",
                        r.status,
                        r.text
                    );
                } else {
                    assert_eq!(r.status, 404, "{name} {method} {path}: {}", r.text);
                }
            }
        }

        // Outsiders learn nothing from a malformed body either: authorization comes first.
        for (method, path) in [
            (Method::PUT, base.clone()),
            (Method::POST, format!("{base}/clients")),
            (Method::PUT, format!("{base}/clients/{}", c.link)),
            (Method::POST, format!("{base}/users/invite")),
            (Method::POST, format!("{base}/setup")),
        ] {
            for session in [&unrelated, &other.admin] {
                let r = session
                    .request(method.clone(), &path, Some(json!({})))
                    .await;
                assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
            }
        }

        // Ids of the other provider, swapped into this provider's routes.
        let theirs = other_staff(&w, &other).await;
        let their_waiting = accepted(&w.app, &other, "theirwait", ProviderUserType::ServiceUser)
            .await
            .id;
        let their_key = json!({"key": "4.c3dhcHBlZA=="});
        for (method, path, body) in [
            (
                Method::PUT,
                format!("{base}/clients/{}", other_client.link),
                Some(json!({"assignedSeats": 5, "name": "x"})),
            ),
            (
                Method::DELETE,
                format!("{base}/organizations/{}", other_client.link),
                None,
            ),
            (
                Method::POST,
                format!("{base}/organizations/{}/delete", other_client.link),
                None,
            ),
            (Method::GET, format!("{base}/users/{theirs}"), None),
            (
                Method::PUT,
                format!("{base}/users/{theirs}"),
                Some(json!({"type": 0})),
            ),
            (Method::DELETE, format!("{base}/users/{theirs}"), None),
            (Method::POST, format!("{base}/users/{theirs}/delete"), None),
            (Method::GET, format!("{base}/users/{theirs}/events"), None),
            (
                Method::POST,
                format!("{base}/users/{their_waiting}/reinvite"),
                None,
            ),
            (
                Method::POST,
                format!("{base}/users/{their_waiting}/confirm"),
                Some(their_key.clone()),
            ),
        ] {
            let r = p.admin.request(method.clone(), &path, body).await;
            assert_eq!(r.status, 404, "swapped {method} {path}: {}", r.text);
        }
        // The bulk routes skip ids that are not this provider's: nothing is read or changed.
        let r = p
            .admin
            .post(
                &format!("{base}/users/public-keys"),
                json!({"ids": [their_waiting]}),
            )
            .await;
        assert_eq!(r.json["data"], json!([]), "{}", r.text);
        for (method, path, body) in [
            (
                Method::POST,
                format!("{base}/users/confirm"),
                json!({"keys": [{"id": their_waiting, "key": their_key["key"]}]}),
            ),
            (
                Method::POST,
                format!("{base}/users/reinvite"),
                json!({"ids": [their_waiting]}),
            ),
            (
                Method::DELETE,
                format!("{base}/users"),
                json!({"ids": [theirs, their_waiting]}),
            ),
        ] {
            let r = p.admin.request(method.clone(), &path, Some(body)).await;
            assert!(r.status < 500, "swapped bulk {method} {path}: {}", r.text);
        }
        let other_users = format!("/api/providers/{}/users", other.id);
        for (id, status) in [(&theirs, 2), (&their_waiting, 1)] {
            let r = other.admin.get(&format!("{other_users}/{id}")).await;
            assert_eq!(r.status, 200, "{}", r.text);
            assert_eq!(r.json["status"], status, "{}", r.text);
        }
        let r = p
            .admin
            .get(&format!("/api/organizations/{}/users", other_client.org_id))
            .await;
        assert_eq!(r.status, 404, "another provider's client");
    }
);

/// A provider user id of `other`.
async fn other_staff(w: &World, other: &crate::provider_support::Provider) -> String {
    staff(&w.app, other, "theirs", ProviderUserType::ServiceUser)
        .await
        .id
}
