//! Account recovery: a member enrols (their user key wrapped with the org public key), an
//! administrator's client unwraps it with the org private key and wraps it under a new master
//! password. The member's sessions end, an event and a mail record it; and only those who hold
//! at least the member's power, in the org and in any provider, may do it.

use crate::flows::message;
use crate::member_support::{accept, invite, join, org, Org, Stage, World};
use crate::provider_support::{client_body, provider, staff, ENTERPRISE_MONTHLY};
use crate::with_world;
use bulwark_client::{rsa_wrap_for, AccountSecrets, Method, RsaKeyPair, Session, SymmetricKey};
use bulwark_domain::authz::ProviderUserType;
use serde_json::{json, Value};

const NOT_PERMITTED: &str = "You are not permitted to recover this user's account.";

async fn put_policy(session: &Session, org_id: &str, policy: i64, enabled: bool, data: Value) {
    let r = session
        .put(
            &format!("/api/organizations/{org_id}/policies/{policy}"),
            json!({"policy": {"enabled": enabled, "data": data}, "metadata": null}),
        )
        .await;
    assert_eq!(r.status, 200, "policy {policy}: {}", r.text);
}

/// Single organization first (account recovery requires it), then account recovery.
async fn offer_recovery(session: &Session, org_id: &str, auto_enroll: bool) {
    put_policy(session, org_id, 3, true, json!(null)).await;
    put_policy(
        session,
        org_id,
        8,
        true,
        json!({"autoEnrollEnabled": auto_enroll}),
    )
    .await;
}

async fn org_public_key(session: &Session, org_id: &str) -> String {
    let r = session
        .get(&format!("/api/organizations/{org_id}/public-key"))
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json["publicKey"].as_str().unwrap().to_owned()
}

fn enrol_path(org_id: &str, session: &Session) -> String {
    format!(
        "/api/organizations/{org_id}/users/{}/reset-password-enrollment",
        session.user_id
    )
}

/// The member enrols in `org_id` with their own user key, as their client does.
async fn enrol(session: &Session, secrets: &AccountSecrets, org_id: &str, public_key: &str) {
    let key = rsa_wrap_for(public_key, &secrets.user_key.to_bytes()).unwrap();
    let r = session
        .put(
            &enrol_path(org_id, session),
            json!({"resetPasswordKey": key, "masterPasswordHash": secrets.master_password_hash}),
        )
        .await;
    assert_eq!(r.status, 200, "enrol: {}", r.text);
}

fn recover_path(org_id: &str, member: &str) -> String {
    format!("/api/organizations/{org_id}/users/{member}/reset-password")
}

fn recover_body(new: &AccountSecrets) -> Value {
    json!({"newMasterPasswordHash": new.master_password_hash, "key": new.protected_user_key})
}

/// What the administrator's client does: read the details, unwrap the member's user key with
/// the org private key (itself under the org key), wrap it under the new master password.
async fn recover_as(
    admin: &Session,
    org_id: &str,
    org_key: &SymmetricKey,
    member: &str,
    old: &AccountSecrets,
    password: &str,
) -> (u16, String, Option<AccountSecrets>) {
    let r = admin
        .get(&format!(
            "/api/organizations/{org_id}/users/{member}/reset-password-details"
        ))
        .await;
    if r.status != 200 {
        return (r.status, message(&r), None);
    }
    assert_eq!(r.json["object"], "organizationUserResetPasswordDetails");
    assert_eq!(r.json["organizationUserId"], member);
    assert_eq!(r.json["kdf"], old.kdf.kdf_type());
    assert_eq!(r.json["kdfIterations"], old.kdf.iterations());
    let private = org_key
        .decrypt(r.json["encryptedPrivateKey"].as_str().unwrap())
        .unwrap();
    let user_key = RsaKeyPair::from_pkcs8_der(&private)
        .unwrap()
        .unwrap(r.json["resetPasswordKey"].as_str().unwrap())
        .unwrap();
    assert_eq!(
        user_key,
        old.user_key.to_bytes().to_vec(),
        "the same user key"
    );
    let new = old.with_new_master_password(password, old.kdf);
    let r = admin
        .put(&recover_path(org_id, member), recover_body(&new))
        .await;
    (r.status, message(&r), (r.status == 200).then_some(new))
}

with_world!(
    a_recovered_member_signs_in_with_the_new_password_and_keeps_the_vault,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        offer_recovery(&o.owner, &o.id, false).await;
        let public = org_public_key(&o.owner, &o.id).await;
        let (secrets, mut session, id) =
            join(&w, &o, "forgetful", 2, json!(null), Stage::Confirmed).await;

        // Enrolment checks the master password and wants an RSA-wrapped key.
        let path = enrol_path(&o.id, &session);
        let key = rsa_wrap_for(&public, &secrets.user_key.to_bytes()).unwrap();
        let r = session
            .put(
                &path,
                json!({"resetPasswordKey": key, "masterPasswordHash": "d3Jvbmc="}),
            )
            .await;
        assert_eq!(
            (r.status, message(&r).as_str()),
            (400, "Incorrect password")
        );
        let r = session
            .put(
                &path,
                json!({"resetPasswordKey": secrets.user_key.encrypt(b"x"), "masterPasswordHash": secrets.master_password_hash}),
            )
            .await;
        assert_eq!(r.status, 400, "{}", r.text);
        // Nobody enrols someone else.
        let (_, stranger) = w.app.user("stranger").await;
        let r = stranger
            .put(
                &path,
                json!({"resetPasswordKey": key, "masterPasswordHash": secrets.master_password_hash}),
            )
            .await;
        assert_eq!((r.status, message(&r).as_str()), (400, "User not valid."));
        let member_path = format!("/api/organizations/{}/users/{id}", o.id);
        assert_eq!(
            o.owner.get(&member_path).await.json["resetPasswordEnrolled"],
            false
        );

        enrol(&session, &secrets, &o.id, &public).await;
        assert_eq!(
            o.owner.get(&member_path).await.json["resetPasswordEnrolled"],
            true
        );
        // Withdrawing needs no password; then enrol again.
        let r = session
            .put(
                &path,
                json!({"resetPasswordKey": null, "masterPasswordHash": null}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(
            o.owner.get(&member_path).await.json["resetPasswordEnrolled"],
            false
        );
        enrol(&session, &secrets, &o.id, &public).await;

        // With automatic enrolment on, withdrawing is refused.
        offer_recovery(&o.owner, &o.id, true).await;
        let r = session
            .put(
                &path,
                json!({"resetPasswordKey": "", "masterPasswordHash": null}),
            )
            .await;
        assert_eq!(
            message(&r),
            "Due to an Enterprise policy, you are not allowed to withdraw from account recovery."
        );

        let (status, text, new) = recover_as(
            &o.owner,
            &o.id,
            &o.crypto.org_key,
            &id,
            &secrets,
            "a brand new passphrase",
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let new = new.unwrap();

        // Every old session is over: the access token and the refresh token.
        assert_eq!(session.get("/api/sync").await.status, 401);
        assert!(!session.refresh().await.is_success());
        assert!(w.app.client.login(&secrets).await.is_err(), "old password");
        let fresh = w.app.client.login(&new).await.expect("new password");
        let profile = fresh.get("/api/accounts/profile").await;
        let key = new
            .stretched_master_key()
            .decrypt(profile.json["key"].as_str().unwrap())
            .unwrap();
        assert_eq!(key, secrets.user_key.to_bytes().to_vec());

        let r = o
            .owner
            .get(&format!("/api/organizations/{}/events", o.id))
            .await;
        let types: Vec<i64> = r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["organizationUserId"] == id.as_str())
            .map(|e| e["type"].as_i64().unwrap())
            .collect();
        assert_eq!(types[0], 1508, "{types:?}");
        assert_eq!(types.iter().filter(|t| **t == 1506).count(), 2, "{types:?}");
        assert_eq!(types.iter().filter(|t| **t == 1507).count(), 1, "{types:?}");
        let mail = w.sink.wait_for(&secrets.email).await;
        assert!(mail.subject.contains("reset"), "{}", mail.subject);
        assert!(mail.body.contains("Acme"), "{}", mail.body);
    }
);

/// A confirmed, enrolled member of `o`.
async fn enrolled(
    w: &World,
    o: &Org,
    public: &str,
    prefix: &str,
    member_type: i64,
    permissions: Value,
) -> (AccountSecrets, Session, String) {
    let (secrets, session, id) =
        join(w, o, prefix, member_type, permissions, Stage::Confirmed).await;
    enrol(&session, &secrets, &o.id, public).await;
    (secrets, session, id)
}

fn custom(manage_reset_password: bool) -> Value {
    json!({"manageResetPassword": manage_reset_password, "manageUsers": true})
}

with_world!(
    only_callers_with_at_least_the_members_power_recover_them,
    |w: World| async move {
        let o = org(&w.app, 20).await;
        offer_recovery(&o.owner, &o.id, false).await;
        let public = org_public_key(&o.owner, &o.id).await;
        let key = &o.crypto.org_key;
        let (t_secrets, _, target) = enrolled(&w, &o, &public, "target", 2, json!(null)).await;
        let (o2_secrets, _, owner2) = enrolled(&w, &o, &public, "owner2", 0, json!(null)).await;
        let (a2_secrets, _, admin2) = enrolled(&w, &o, &public, "admin2", 1, json!(null)).await;
        let (_, admin, _) = enrolled(&w, &o, &public, "admin", 1, json!(null)).await;
        let (_, user, _) = enrolled(&w, &o, &public, "user", 2, json!(null)).await;
        let (_, with, _) = enrolled(&w, &o, &public, "with", 4, custom(true)).await;
        let (_, without, _) = enrolled(&w, &o, &public, "without", 4, custom(false)).await;
        let details = format!(
            "/api/organizations/{}/users/{target}/reset-password-details",
            o.id
        );
        let body = recover_body(&t_secrets.with_new_master_password("x", t_secrets.kdf));

        // Anonymous: 401, whatever the route.
        for (method, path) in [
            (Method::GET, details.clone()),
            (Method::PUT, recover_path(&o.id, &target)),
        ] {
            let r = w
                .app
                .client
                .request(method, &path, None, Some(body.clone()))
                .await;
            assert_eq!(r.status, 401, "{path}");
        }
        // An unrelated account, a plain User and a Custom member without the permission: not found.
        let (_, stranger) = w.app.user("stranger").await;
        for s in [&stranger, &user, &without] {
            assert_eq!(s.get(&details).await.status, 404);
            let r = s.put(&recover_path(&o.id, &target), body.clone()).await;
            assert_eq!(r.status, 404, "{}", r.text);
        }
        // Custom with the permission reaches Users, not Admins or Owners.
        let (s, m, _) =
            recover_as(&with, &o.id, key, &target, &t_secrets, "custom sets this").await;
        assert_eq!(s, 200, "{m}");
        for (member, secrets) in [(&admin2, &a2_secrets), (&owner2, &o2_secrets)] {
            let r = with
                .put(&recover_path(&o.id, member), recover_body(secrets))
                .await;
            assert_eq!((r.status, message(&r).as_str()), (400, NOT_PERMITTED));
        }
        // An Admin reaches Admins, not Owners.
        let (s, m, _) =
            recover_as(&admin, &o.id, key, &admin2, &a2_secrets, "admin sets this").await;
        assert_eq!(s, 200, "{m}");
        let r = admin
            .put(&recover_path(&o.id, &owner2), recover_body(&o2_secrets))
            .await;
        assert_eq!((r.status, message(&r).as_str()), (400, NOT_PERMITTED));
        assert_eq!(
            admin
                .get(&format!(
                    "/api/organizations/{}/users/{owner2}/reset-password-details",
                    o.id
                ))
                .await
                .status,
            400
        );
        // An Owner reaches Owners; nobody recovers themselves.
        let (s, m, _) = recover_as(
            &o.owner,
            &o.id,
            key,
            &owner2,
            &o2_secrets,
            "owner sets this",
        )
        .await;
        assert_eq!(s, 200, "{m}");
        let own = o
            .owner
            .get(&format!("/api/organizations/{}/users", o.id))
            .await;
        let own_id = own.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["userId"] == o.owner.user_id.as_str())
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        enrol(&o.owner, &o.owner_secrets, &o.id, &public).await;
        let r = o
            .owner
            .put(
                &recover_path(&o.id, &own_id),
                recover_body(&o.owner_secrets),
            )
            .await;
        assert_eq!(
            (r.status, message(&r).as_str()),
            (400, "You cannot recover your own account.")
        );

        // Not enrolled, or only invited: not valid.
        let (_, _, plain) = join(&w, &o, "plain", 2, json!(null), Stage::Confirmed).await;
        let (_, _, invited) = join(&w, &o, "invited", 2, json!(null), Stage::Invited).await;
        for member in [&plain, &invited] {
            let r = o
                .owner
                .put(&recover_path(&o.id, member), body.clone())
                .await;
            assert_eq!(
                (r.status, message(&r).as_str()),
                (400, "Organization User not valid.")
            );
        }

        // Another org's owner, with the ids swapped either way: not found.
        let other = org(&w.app, 5).await;
        offer_recovery(&other.owner, &other.id, false).await;
        for org_id in [&o.id, &other.id] {
            let r = other
                .owner
                .put(&recover_path(org_id, &target), body.clone())
                .await;
            assert_eq!(r.status, 404, "{}", r.text);
            let r = other
                .owner
                .get(&format!(
                    "/api/organizations/{org_id}/users/{target}/reset-password-details"
                ))
                .await;
            assert_eq!(r.status, 404, "{}", r.text);
        }
        // The policy off: refused.
        put_policy(&o.owner, &o.id, 8, false, json!(null)).await;
        let r = o
            .owner
            .put(&recover_path(&o.id, &target), body.clone())
            .await;
        assert_eq!(
            (r.status, message(&r).as_str()),
            (
                400,
                "Organization does not have the password reset policy enabled."
            )
        );
    }
);

with_world!(
    provider_staff_recover_client_members_but_not_a_higher_provider_role,
    |w: World| async move {
        let p = provider(&w.app, "Recoverers").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let org_key = SymmetricKey::random();
        let r = p
            .admin
            .post(
                &format!("/api/providers/{}/clients", p.id),
                client_body(
                    &p,
                    &org_key,
                    "Client",
                    "client-owner@example.com",
                    ENTERPRISE_MONTHLY,
                    5,
                ),
            )
            .await;
        assert_eq!(r.status, 200, "create client: {}", r.text);
        let org_id = r.json["organizationId"].as_str().unwrap().to_owned();
        offer_recovery(&tech.session, &org_id, false).await;
        let public = org_public_key(&tech.session, &org_id).await;
        let client = Org {
            id: org_id.clone(),
            crypto: bulwark_client::orgs::new_org(
                &p.admin_secrets,
                "unused",
                ENTERPRISE_MONTHLY,
                1,
                None,
            ),
            owner: tech.session.clone(),
            owner_secrets: tech.secrets.clone(),
        };

        // A client member who accepted and enrolled: the service user recovers them.
        let (secrets, session) = w.app.user("client-member").await;
        let (id, token) = invite(&w, &client, &secrets.email, 2, json!(null)).await;
        accept(&session, &client, &id, &token).await;
        enrol(&session, &secrets, &org_id, &public).await;
        let (s, m, new) = recover_as(
            &tech.session,
            &org_id,
            &org_key,
            &id,
            &secrets,
            "tech sets this",
        )
        .await;
        assert_eq!(s, 200, "{m}");
        w.app
            .client
            .login(&new.unwrap())
            .await
            .expect("new password");

        // The provider's admin is also a client member: a service user may not take over
        // that account, nor may the org's own owner role reach it through the org.
        let (aid, atoken) = invite(&w, &client, &p.admin_secrets.email, 2, json!(null)).await;
        accept(&p.admin, &client, &aid, &atoken).await;
        enrol(&p.admin, &p.admin_secrets, &org_id, &public).await;
        let r = tech
            .session
            .put(&recover_path(&org_id, &aid), recover_body(&p.admin_secrets))
            .await;
        assert_eq!(
            (r.status, message(&r).as_str()),
            (
                400,
                "You are not permitted to recover this Provider member's account."
            )
        );
    }
);
