//! Members: the invitation flow over real SMTP with real key wrapping, seats (also under
//! concurrent invites), the rule messages, and that removal or revocation ends access at once.

use crate::flows::message;
use crate::member_support::{
    accept, confirm, invite, invite_body, join, org, user_with_own_keys, Stage, World,
};
use crate::with_world;
use bulwark_client::orgs::unwrap_org_key;
use bulwark_client::Method;
use serde_json::{json, Value};

async fn members_of(_w: &World, o: &crate::member_support::Org) -> Vec<Value> {
    let r = o
        .owner
        .get(&format!("/api/organizations/{}/users", o.id))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["data"].as_array().unwrap().clone()
}

with_world!(
    an_invited_user_accepts_by_mail_and_is_confirmed_with_a_wrapped_key,
    |w: World| async move {
        let o = org(&w.app, 5).await;
        let (secrets, session) = user_with_own_keys(&w.app, "member").await;
        let r = o
            .owner
            .post(
                &format!("/api/organizations/{}/users/invite", o.id),
                invite_body(&[&secrets.email.to_uppercase()], 2),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&secrets.email).await;
        assert_eq!(mail.subject, "Acme invited you to their Bitwarden vault");
        assert_eq!(
            mail.link_param("organizationId").as_deref(),
            Some(o.id.as_str())
        );
        assert_eq!(
            mail.link_param("email").as_deref(),
            Some(secrets.email.as_str())
        );
        assert_eq!(mail.link_param("organizationName").as_deref(), Some("Acme"));
        assert_eq!(
            mail.link_param("orgUserHasExistingUser").as_deref(),
            Some("True")
        );
        let id = mail.link_param("organizationUserId").unwrap();
        let token = mail.link_param("token").unwrap();

        // An existing account stays Invited until it accepts.
        let listed = members_of(&w, &o).await;
        let me = listed.iter().find(|m| m["id"] == id.as_str()).unwrap();
        assert_eq!(me["status"], 0);
        assert_eq!(me["email"], secrets.email.as_str());
        assert_eq!(me["object"], "organizationUserUserDetails");

        accept(&session, &o, &id, &token).await;
        let admin_mail = w.sink.wait_for(&o.owner_secrets.email).await;
        assert!(
            admin_mail.subject.contains(&secrets.email),
            "{}",
            admin_mail.subject
        );
        // Accepted members get nothing yet.
        let r = session.get("/api/sync").await;
        assert_eq!(r.json["profile"]["organizations"], json!([]));

        confirm(&o, &id).await;
        let confirmed_mail = w.sink.wait_for(&secrets.email).await;
        assert!(
            confirmed_mail.subject.contains("confirmed"),
            "{}",
            confirmed_mail.subject
        );
        let r = session.get("/api/sync").await;
        let orgs = r.json["profile"]["organizations"].as_array().unwrap();
        assert_eq!(orgs.len(), 1, "{}", r.text);
        let key = unwrap_org_key(&secrets, orgs[0]["key"].as_str().unwrap()).unwrap();
        assert_eq!(key, o.crypto.org_key);
        assert!(
            unwrap_org_key(&o.owner_secrets, orgs[0]["key"].as_str().unwrap()).is_err(),
            "wrapped for the member's own key pair"
        );

        // The single public-key route used by the confirm dialog.
        let user_id = orgs[0]["userId"].as_str().unwrap();
        let r = o
            .owner
            .get(&format!("/api/users/{user_id}/public-key"))
            .await;
        assert_eq!(r.json["object"], "userKey");
        assert_eq!(r.json["publicKey"], secrets.keypair.public_key_b64());

        // Details of one member.
        let r = o
            .owner
            .get(&format!("/api/organizations/{}/users/{id}", o.id))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "organizationUserDetails");
        assert_eq!(r.json["status"], 2);
    }
);

with_world!(
    invites_never_exceed_the_seats_even_when_concurrent,
    |w: World| async move {
        // Four seats: the owner and room for three.
        let o = std::sync::Arc::new(org(&w.app, 4).await);
        let r = o
            .owner
            .post(
                &format!("/api/organizations/{}/users/invite", o.id),
                invite_body(
                    &[
                        "a@example.com",
                        "b@example.com",
                        "c@example.com",
                        "d@example.com",
                    ],
                    2,
                ),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        assert_eq!(r.json["message"], "Errors have occurred.");
        assert_eq!(message(&r), "Cannot autoscale on self-hosted instance.");

        let mut tasks = Vec::new();
        for i in 0..10 {
            let o = o.clone();
            tasks.push(tokio::spawn(async move {
                o.owner
                    .post(
                        &format!("/api/organizations/{}/users/invite", o.id),
                        invite_body(&[&format!("p{i}@example.com")], 2),
                    )
                    .await
                    .status
            }));
        }
        let mut ok = 0;
        for t in tasks {
            let status = t.await.unwrap();
            assert!(status == 200 || status == 400, "{status}");
            ok += usize::from(status == 200);
        }
        assert_eq!(ok, 3);
        assert_eq!(members_of(&w, &o).await.len(), 4);
    }
);

with_world!(
    invite_and_accept_refuse_with_the_upstream_messages,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        let path = format!("/api/organizations/{}/users/invite", o.id);
        let many: Vec<String> = (0..21).map(|i| format!("x{i}@example.com")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        for (body, expected) in [
            (
                invite_body(&many, 2),
                "You can only submit up to 20 emails at a time.",
            ),
            (invite_body(&[], 2), "An email is required."),
            (
                invite_body(&["ok@example.com", "nope"], 2),
                "Email #2 is not valid.",
            ),
            (
                invite_body(&["ok@example.com"], 3),
                "The field Type is invalid.",
            ),
            (
                invite_body(&["ok@example.com"], 9),
                "The field Type is invalid.",
            ),
        ] {
            let r = o.owner.post(&path, body).await;
            assert_eq!(r.status, 400, "{}", r.text);
            assert_eq!(message(&r), expected);
        }
        // Duplicates and addresses already in the org are skipped silently.
        let r = o
            .owner
            .post(
                &path,
                invite_body(
                    &["d@example.com", "D@example.com", &o.owner_secrets.email],
                    2,
                ),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = o
            .owner
            .post(&path, invite_body(&["d@example.com"], 2))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(members_of(&w, &o).await.len(), 2);

        // Token checks.
        let (secrets, session) = w.app.user("m").await;
        let (id, token) = invite(&w, &o, &secrets.email, 2, Value::Null).await;
        let accept_path = format!("/api/organizations/{}/users/{id}/accept", o.id);
        let r = session
            .post(&accept_path, json!({"token": "garbage"}))
            .await;
        assert_eq!(message(&r), "Invalid token.");
        let (_, stranger) = w.app.user("stranger").await;
        let r = stranger.post(&accept_path, json!({"token": token})).await;
        assert_eq!(message(&r), "User email does not match invite.");
        let r = session
            .post(
                &format!(
                    "/api/organizations/{}/users/{}/accept",
                    o.id,
                    uuid::Uuid::new_v4()
                ),
                json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, 404);
        let r = session.post(&accept_path, json!({"token": token})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.post(&accept_path, json!({"token": token})).await;
        assert!(
            message(&r).starts_with("Invitation already accepted."),
            "{}",
            r.text
        );
        // Re-inviting a member who is no longer Invited.
        let r = o
            .owner
            .post(
                &format!("/api/organizations/{}/users/{id}/reinvite", o.id),
                json!({}),
            )
            .await;
        assert_eq!(message(&r), "User invalid.");
    }
);

with_world!(
    the_last_owner_stays_and_only_owners_touch_owners,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        let owner_id = members_of(&w, &o).await[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let base = format!("/api/organizations/{}/users", o.id);
        let r = o.owner.delete(&format!("{base}/{owner_id}"), None).await;
        assert_eq!(message(&r), "You cannot remove yourself.");
        let r = o
            .owner
            .put(&format!("{base}/{owner_id}/revoke"), json!({}))
            .await;
        assert_eq!(message(&r), "You cannot revoke yourself.");
        let r = o
            .owner
            .put(
                &format!("{base}/{owner_id}"),
                json!({"type": 1, "collections": []}),
            )
            .await;
        assert_eq!(
            message(&r),
            "Organization must have at least one confirmed owner."
        );

        let (_, admin, _) = join(&w, &o, "admin", 1, Value::Null, Stage::Confirmed).await;
        for (method, path, body, expected) in [
            (
                Method::DELETE,
                format!("{base}/{owner_id}"),
                None,
                "Only owners can remove other owners.",
            ),
            (
                Method::PUT,
                format!("{base}/{owner_id}/revoke"),
                Some(json!({})),
                "Only owners can revoke other owners.",
            ),
            (
                Method::PUT,
                format!("{base}/{owner_id}"),
                Some(json!({"type": 0, "collections": []})),
                "Only an Owner can configure another Owner's account.",
            ),
            (
                Method::POST,
                format!("{base}/invite"),
                Some(invite_body(&["new@example.com"], 0)),
                "Only an Owner can configure another Owner's account.",
            ),
        ] {
            let r = admin.request(method, &path, body).await;
            assert_eq!(r.status, 400, "{path}: {}", r.text);
            assert_eq!(message(&r), expected);
        }
    }
);

with_world!(
    removal_and_revocation_end_access_at_the_next_request,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        let (_, member, id) = join(&w, &o, "m", 2, Value::Null, Stage::Confirmed).await;
        // Give the member the shared collection so sync has something to lose.
        let base = format!("/api/organizations/{}/users", o.id);
        let r = o.owner.get("/api/sync").await;
        let collection = r.json["collections"][0]["id"].as_str().unwrap().to_owned();
        let r = o
        .owner
        .put(
            &format!("{base}/{id}"),
            json!({"type": 2, "collections": [{"id": collection, "readOnly": false, "hidePasswords": false, "manage": false}]}),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let org_path = format!("/api/organizations/{}/users/mini-details", o.id);
        assert_eq!(member.get(&org_path).await.status, 200);
        let r = member.get("/api/sync").await;
        assert_eq!(
            r.json["collections"].as_array().unwrap().len(),
            1,
            "{}",
            r.text
        );

        let r = o.owner.put(&format!("{base}/{id}/revoke"), json!({})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(member.get(&org_path).await.status, 404);
        let r = member.get("/api/sync").await;
        assert_eq!(r.json["profile"]["organizations"], json!([]));
        assert_eq!(r.json["collections"], json!([]));
        let r = o.owner.put(&format!("{base}/{id}/revoke"), json!({})).await;
        assert_eq!(message(&r), "Already revoked.");

        let r = o
            .owner
            .put(&format!("{base}/{id}/restore/vnext"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(member.get(&org_path).await.status, 200);
        let r = o
            .owner
            .put(&format!("{base}/{id}/restore"), json!({}))
            .await;
        assert_eq!(message(&r), "Already active.");

        let r = o
            .owner
            .request(Method::DELETE, &base, Some(json!({"ids": [id]})))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            r.json["data"][0]["object"],
            "OrganizationBulkConfirmResponseModel"
        );
        assert_eq!(r.json["data"][0]["error"], "");
        assert_eq!(member.get(&org_path).await.status, 404);
        let r = member.get("/api/sync").await;
        assert_eq!(r.json["profile"]["organizations"], json!([]));
        assert_eq!(r.json["collections"], json!([]));
    }
);
