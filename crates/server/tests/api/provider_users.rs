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
