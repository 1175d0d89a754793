//! The joining policies, enforced by the server (spec §2.5, §2.6, §2.8, §1.3): Single
//! organization both ways, Two-step login required, and one free org per admin, at accept,
//! confirm, restore and org creation.

use crate::flows::{enable_totp, message};
use crate::member_support::{accept, invite, join, org, Stage, World};
use crate::with_world;
use bulwark_client::orgs::new_org;
use serde_json::{json, Value};

fn enable(policy: i64) -> (String, Value) {
    (
        format!("/policies/{policy}"),
        json!({"policy": {"enabled": true, "data": null}, "metadata": null}),
    )
}

async fn turn_on(o: &crate::member_support::Org, policy: i64) {
    let (path, body) = enable(policy);
    let r = o
        .owner
        .put(&format!("/api/organizations/{}{path}", o.id), body)
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

with_world!(
    single_org_and_two_step_login_guard_joining,
    |w: World| async move {
        let strict = org(&w.app, 10).await;
        let other = org(&w.app, 10).await;
        turn_on(&strict, 3).await;

        // A member of another org cannot accept the strict org's invitation.
        let (secrets, session, _) =
            join(&w, &other, "busy", 2, json!(null), Stage::Confirmed).await;
        let (id, token) = invite(&w, &strict, &secrets.email, 2, json!(null)).await;
        let r = session
            .post(
                &format!("/api/organizations/{}/users/{id}/accept", strict.id),
                json!({"token": token}),
            )
            .await;
        assert_eq!(
            message(&r),
            "You cannot accept this invite until you leave all other organization vaults."
        );
        // Invited as an Admin, the policy does not apply to them.
        let (secrets_a, session_a, _) =
            join(&w, &other, "boss", 2, json!(null), Stage::Confirmed).await;
        let (id_a, token_a) = invite(&w, &strict, &secrets_a.email, 1, json!(null)).await;
        accept(&session_a, &strict, &id_a, &token_a).await;

        // The other way: a confirmed member of the strict org cannot join elsewhere, nor
        // create an org.
        let (loyal, loyal_session, _) =
            join(&w, &strict, "loyal", 2, json!(null), Stage::Confirmed).await;
        let (id, token) = invite(&w, &other, &loyal.email, 2, json!(null)).await;
        let r = loyal_session
            .post(
                &format!("/api/organizations/{}/users/{id}/accept", other.id),
                json!({"token": token}),
            )
            .await;
        assert_eq!(
            message(&r),
            "You cannot accept this invite because you are a member of another organization vault which forbids it."
        );
        let mine = new_org(&loyal, "Mine", 17, 2, Some("c"));
        let r = loyal_session
            .post("/api/organizations", mine.body.clone())
            .await;
        assert!(
            message(&r).starts_with("You cannot create a new organization vault"),
            "{}",
            r.text
        );

        // Two-step login required: accept waits for it.
        let guarded = org(&w.app, 10).await;
        turn_on(&guarded, 0).await;
        let (plain, plain_session) = w.app.user("plain").await;
        let (id, token) = invite(&w, &guarded, &plain.email, 2, json!(null)).await;
        let path = format!("/api/organizations/{}/users/{id}/accept", guarded.id);
        let r = plain_session.post(&path, json!({"token": token})).await;
        assert_eq!(
            message(&r),
            "You cannot join this organization vault until you enable two-step login on your user account."
        );
        enable_totp(&plain_session, &plain).await;
        let r = plain_session.post(&path, json!({"token": token})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        crate::member_support::confirm(&guarded, &id).await;

        // Turning two-step login off again costs them the membership at once.
        let r = plain_session
            .post(
                "/api/two-factor/disable",
                json!({"type": 0, "masterPasswordHash": plain.master_password_hash}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = guarded
            .owner
            .get(&format!("/api/organizations/{}/users/{id}", guarded.id))
            .await;
        assert_eq!(r.json["status"], -1, "{}", r.text);
        let sync = plain_session.get("/api/sync").await;
        assert_eq!(sync.json["profile"]["organizations"], json!([]));
        let log = guarded
            .owner
            .get(&format!("/api/organizations/{}/events", guarded.id))
            .await;
        assert!(log.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["type"] == 1520));
    }
);

with_world!(
    restore_and_confirm_recheck_the_policies,
    |w: World| async move {
        let a = org(&w.app, 10).await;
        let b = org(&w.app, 10).await;
        let (secrets, _session, member) =
            join(&w, &a, "both", 2, json!(null), Stage::Confirmed).await;
        let (_, _, _) = (secrets.clone(), (), ());
        // They join B too; then A turns on Single organization, which revokes them.
        let (id_b, token_b) = invite(&w, &b, &secrets.email, 2, json!(null)).await;
        let session = w.app.client.login(&secrets).await.unwrap();
        accept(&session, &b, &id_b, &token_b).await;
        turn_on(&a, 3).await;
        let r = a
            .owner
            .get(&format!("/api/organizations/{}/users/{member}", a.id))
            .await;
        assert_eq!(r.json["status"], -1, "{}", r.text);
        let r = a
            .owner
            .put(
                &format!("/api/organizations/{}/users/{member}/restore", a.id),
                json!({}),
            )
            .await;
        assert_eq!(
            message(&r),
            format!(
                "{} cannot be restored until they leave all other organization vaults.",
                secrets.email
            )
        );
        // Bulk restore reports it per member.
        let r = a
            .owner
            .put(
                &format!("/api/organizations/{}/users/restore", a.id),
                json!({"ids": [member]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.json["data"][0]["error"]
            .as_str()
            .unwrap()
            .contains("cannot be restored"));

        // Confirm re-checks too: an accepted User of a free org, made Admin while waiting,
        // cannot be confirmed while they own another free org.
        let (frugal, frugal_session) = w.app.user("frugal").await;
        let own = new_org(&frugal, "Own free", 0, 0, Some("c"));
        assert_eq!(
            frugal_session
                .post("/api/organizations", own.body.clone())
                .await
                .status,
            200
        );
        let (host_secrets, host) = w.app.user("host").await;
        let free = new_org(&host_secrets, "Host free", 0, 0, Some("c"));
        let r = host.post("/api/organizations", free.body.clone()).await;
        let free_id = r.json["id"].as_str().unwrap().to_owned();
        let r = host
            .post(
                &format!("/api/organizations/{free_id}/users/invite"),
                crate::member_support::invite_body(&[&frugal.email], 2),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&frugal.email).await;
        let id = mail.link_param("organizationUserId").unwrap();
        let token = mail.link_param("token").unwrap();
        let r = frugal_session
            .post(
                &format!("/api/organizations/{free_id}/users/{id}/accept"),
                json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = host
            .put(
                &format!("/api/organizations/{free_id}/users/{id}"),
                json!({"type": 1, "collections": [], "groups": []}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let keys = host
            .post(
                &format!("/api/organizations/{free_id}/users/public-keys"),
                json!({"ids": [id]}),
            )
            .await;
        let wrapped = bulwark_client::rsa_wrap_for(
            keys.json["data"][0]["key"].as_str().unwrap(),
            &free.org_key.to_bytes(),
        )
        .unwrap();
        let r = host
            .post(
                &format!("/api/organizations/{free_id}/users/{id}/confirm"),
                json!({"key": wrapped}),
            )
            .await;
        assert_eq!(
            message(&r),
            "User can only be an admin of 1 free organization vault."
        );
    }
);

with_world!(one_free_org_per_admin, |w: World| async move {
    let (secrets, session) = w.app.user("frugal").await;
    let first = new_org(&secrets, "Free one", 0, 0, Some("c"));
    let r = session.post("/api/organizations", first.body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let second = new_org(&secrets, "Free two", 0, 0, Some("c"));
    let r = session
        .post("/api/organizations", second.body.clone())
        .await;
    assert_eq!(
        message(&r),
        "You can only be an admin of 1 free organization vault."
    );
    // A paid org is fine.
    let paid = new_org(&secrets, "Paid", 17, 2, Some("c"));
    assert_eq!(
        session
            .post("/api/organizations", paid.body.clone())
            .await
            .status,
        200
    );
});

with_world!(
    automatic_account_recovery_enrolment_needs_the_key_at_accept,
    |w: World| async move {
        let o = org(&w.app, 5).await;
        turn_on(&o, 3).await;
        let r = o
            .owner
            .put(
                &format!("/api/organizations/{}/policies/8", o.id),
                json!({"policy": {"enabled": true, "data": {"autoEnrollEnabled": true}}, "metadata": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let (secrets, session) = w.app.user("recoverable").await;
        let (id, token) = invite(&w, &o, &secrets.email, 2, json!(null)).await;
        let path = format!("/api/organizations/{}/users/{id}/accept", o.id);
        let r = session.post(&path, json!({"token": token})).await;
        assert_eq!(
            message(&r),
            "Master Password reset is required, but not provided."
        );
        let r = session
            .post(
                &path,
                json!({"token": token, "resetPasswordKey": "not encrypted"}),
            )
            .await;
        assert_eq!(r.status, 400);
        let wrapped =
            bulwark_client::rsa_wrap_for(&o.crypto.keypair.public_key_b64(), &[7u8; 64]).unwrap();
        let r = session
            .post(&path, json!({"token": token, "resetPasswordKey": wrapped}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = o
            .owner
            .get(&format!("/api/organizations/{}/users/{id}", o.id))
            .await;
        assert_eq!(r.json["resetPasswordEnrolled"], true, "{}", r.text);
    }
);
