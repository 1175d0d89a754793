//! A provider's people: confirming accepted members with the provider key wrapped for them,
//! type changes, removal, and the rule that a provider keeps a Confirmed Provider Admin.

use crate::flows::message;
use crate::member_support::World;
use crate::provider_support::{accepted, provider, staff};
use crate::with_world;
use bulwark_client::rsa_wrap_for;
use bulwark_domain::authz::ProviderUserType;
use serde_json::json;

with_world!(
    admins_confirm_change_and_remove_provider_members,
    |w: World| async move {
        let p = provider(&w.app, "People MSP").await;
        let base = format!("/api/providers/{}/users", p.id);
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;
        let newbie = accepted(&w.app, &p, "newbie", ProviderUserType::ServiceUser).await;
        let other = provider(&w.app, "Other MSP").await;
        let stranger = accepted(&w.app, &other, "stranger", ProviderUserType::ServiceUser).await;

        let r = p.admin.get(&base).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let list = r.json["data"].as_array().unwrap();
        assert_eq!(list.len(), 3);
        let row = list.iter().find(|m| m["id"] == newbie.id.as_str()).unwrap();
        assert_eq!(row["object"], "providerUserUserDetails");
        assert_eq!(row["status"], 1);
        assert_eq!(row["email"], newbie.secrets.email.as_str());
        assert_eq!(row["permissions"]["manageUsers"], false);
        // Service users manage no people.
        assert_eq!(tech.session.get(&base).await.status, 404);

        // Public keys: Accepted members of this provider only.
        let r = p
            .admin
            .post(
                &format!("{base}/public-keys"),
                json!({"ids": [newbie.id, tech.id, stranger.id, "junk"]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let keys = r.json["data"].as_array().unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0]["id"], newbie.id.as_str());
        let wrapped = rsa_wrap_for(keys[0]["key"].as_str().unwrap(), &p.key.to_bytes()).unwrap();

        // Bulk confirm: a bad key and another provider's member fail; the good one passes.
        let r = p
            .admin
            .post(
                &format!("{base}/confirm"),
                json!({"keys": [
                    {"id": newbie.id, "key": "not-a-key"},
                    {"id": stranger.id, "key": wrapped},
                ]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"][0]["error"], "Invalid key.");
        assert_eq!(r.json["data"][1]["error"], "Invalid user.");
        assert!(
            newbie
                .session
                .get(&format!("/api/providers/{}", p.id))
                .await
                .status
                == 404
        );
        let r = p
            .admin
            .post(
                &format!("{base}/{}/confirm", newbie.id),
                json!({"key": wrapped}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = p
            .admin
            .post(
                &format!("{base}/{}/confirm", newbie.id),
                json!({"key": wrapped}),
            )
            .await;
        assert_eq!(message(&r), "Invalid user.", "confirming twice");
        let sync = newbie.session.get("/api/sync").await;
        let key = sync.json["profile"]["providers"][0]["key"]
            .as_str()
            .unwrap();
        assert_eq!(
            newbie.secrets.keypair.unwrap(key).unwrap(),
            p.key.to_bytes().to_vec()
        );
        let plog = p
            .admin
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        let confirmed: Vec<_> = plog.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == 1801)
            .collect();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(confirmed[0]["providerUserId"], newbie.id.as_str());

        // The last Confirmed Provider Admin cannot be demoted or removed; nobody removes
        // themselves.
        let admin_id = p.admin.get(&base).await.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["type"] == 0)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let r = p
            .admin
            .put(&format!("{base}/{admin_id}"), json!({"type": 1}))
            .await;
        assert_eq!(
            message(&r),
            "Provider must have at least one confirmed ProviderAdmin."
        );
        let r = p.admin.delete(&format!("{base}/{admin_id}"), None).await;
        assert_eq!(r.status, 400);
        let r = p
            .admin
            .put(&format!("{base}/{}", tech.id), json!({"type": 7}))
            .await;
        assert_eq!(r.status, 400, "unknown type");
        let r = p
            .admin
            .put(&format!("{base}/{}", tech.id), json!({"type": 0}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = tech
            .session
            .delete(&format!("{base}/{}", tech.id), None)
            .await;
        assert_eq!(message(&r), "You cannot remove yourself.");
        // Now two admins: the first may step down.
        let r = p
            .admin
            .put(&format!("{base}/{admin_id}"), json!({"type": 1}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = p.admin.get(&base).await;
        assert_eq!(r.status, 404, "a service user now");

        // Removal ends access at the next request; ids of another provider are not found.
        let r = tech
            .session
            .delete(&format!("{base}/{}", stranger.id), None)
            .await;
        assert_eq!(r.status, 404);
        let r = tech
            .session
            .post(
                &format!("{base}/delete"),
                json!({"ids": [newbie.id, stranger.id]}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["data"][0]["error"], "");
        assert_eq!(r.json["data"][1]["error"], "Invalid user.");
        let r = newbie
            .session
            .get(&format!("/api/providers/{}", p.id))
            .await;
        assert_eq!(r.status, 404);
        assert_eq!(
            newbie.session.get("/api/sync").await.json["profile"]["providers"],
            json!([])
        );
        let r = other
            .admin
            .get(&format!(
                "/api/providers/{}/users/{}",
                other.id, stranger.id
            ))
            .await;
        assert_eq!(r.status, 200, "the other provider's member is untouched");
    }
);

with_world!(
    an_invited_person_accepts_by_mail_and_is_confirmed,
    |w: World| async move {
        let p = provider(&w.app, "Invite MSP").await;
        let other = provider(&w.app, "Elsewhere MSP").await;
        let base = format!("/api/providers/{}/users", p.id);
        let (secrets, session) = crate::member_support::user_with_own_keys(&w.app, "joiner").await;
        let tech = staff(&w.app, &p, "tech", ProviderUserType::ServiceUser).await;

        let r = tech
            .session
            .post(
                &format!("{base}/invite"),
                json!({"emails": [secrets.email], "type": 1}),
            )
            .await;
        assert_eq!(r.status, 404, "service users invite nobody");
        let r = p
            .admin
            .post(
                &format!("{base}/invite"),
                json!({"emails": ["nope"], "type": 1}),
            )
            .await;
        assert_eq!(message(&r), "Email #1 is not valid.");
        let r = p
            .admin
            .post(
                &format!("{base}/invite"),
                json!({"emails": [secrets.email.to_uppercase(), secrets.email], "type": 1}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&secrets.email).await;
        assert!(mail.subject.contains("Invite MSP"), "{}", mail.subject);
        let id = mail.link_param("providerUserId").unwrap();
        assert_eq!(
            mail.link_param("providerId").as_deref(),
            Some(p.id.as_str())
        );
        let first_token = mail.link_param("token").unwrap();
        let list = p.admin.get(&base).await;
        assert_eq!(
            list.json["data"].as_array().unwrap().len(),
            3,
            "one invite for both spellings"
        );

        // Re-sending retires the first link.
        let r = p
            .admin
            .post(&format!("{base}/{id}/reinvite"), json!({}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&secrets.email).await;
        let token = mail.link_param("token").unwrap();
        let accept = format!("{base}/{id}/accept");
        let r = session.post(&accept, json!({"token": first_token})).await;
        assert_eq!(message(&r), "Invalid token.");
        // Another provider's route, someone else's account: refused.
        let r = session
            .post(
                &format!("/api/providers/{}/users/{id}/accept", other.id),
                json!({"token": token}),
            )
            .await;
        assert_eq!(message(&r), "User invalid.");
        let r = tech.session.post(&accept, json!({"token": token})).await;
        assert_eq!(message(&r), "User email does not match invite.");
        let r = session.post(&accept, json!({"token": token})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.post(&accept, json!({"token": token})).await;
        assert_eq!(message(&r), "Already accepted.");

        // Confirmed with the provider key wrapped for them, they reach the provider.
        let keys = p
            .admin
            .post(&format!("{base}/public-keys"), json!({"ids": [id]}))
            .await;
        let wrapped = rsa_wrap_for(
            keys.json["data"][0]["key"].as_str().unwrap(),
            &p.key.to_bytes(),
        )
        .unwrap();
        let r = p
            .admin
            .post(&format!("{base}/{id}/confirm"), json!({"key": wrapped}))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let r = session.get(&format!("/api/providers/{}", p.id)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let plog = p
            .admin
            .get(&format!("/api/providers/{}/events", p.id))
            .await;
        let types: Vec<i64> = plog.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_i64().unwrap())
            .collect();
        assert!(types.contains(&1800) && types.contains(&1801), "{types:?}");
    }
);

with_world!(
    a_new_person_registers_from_a_provider_invitation,
    |w: World| async move {
        let p = provider(&w.app, "Newcomer MSP").await;
        let secrets = crate::helpers::new_secrets("newtech");
        let r = p
            .admin
            .post(
                &format!("/api/providers/{}/users/invite", p.id),
                json!({"emails": [secrets.email], "type": 1}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        let mail = w.sink.wait_for(&secrets.email).await;
        let id = mail.link_param("providerUserId").unwrap();
        let token = mail.link_param("token").unwrap();
        let finish = |t: &str, email: &str| {
            let mut body = bulwark_client::register_finish_body(&secrets, "");
            body["emailVerificationToken"] = json!(null);
            body["email"] = json!(email);
            body["providerInviteToken"] = json!(t);
            body["providerUserId"] = json!(id);
            body
        };
        let post = |body| {
            w.app.client.request(
                bulwark_client::Method::POST,
                "/identity/accounts/register/finish",
                None,
                Some(body),
            )
        };
        let r = post(finish("forged", &secrets.email)).await;
        assert_eq!(message(&r), "Invalid provider invitation.");
        let r = post(finish(&token, "someone@else.example")).await;
        assert_eq!(message(&r), "Invalid provider invitation.");
        let r = post(finish(&token, &secrets.email)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let session = w.app.client.login(&secrets).await.expect("login");
        let r = session
            .post(
                &format!("/api/providers/{}/users/{id}/accept", p.id),
                json!({"token": token}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
    }
);
