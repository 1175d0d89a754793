//! The admin console's member list and member details: the fields it reads (status, 2FA,
//! recovery enrolment, direct collection grants, groups), and that each member gets exactly
//! their own grants and groups.

use crate::flows::enable_totp;
use crate::member_support::{join, org, Stage, World};
use crate::with_world;
use serde_json::{json, Value};

fn by_id<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed"))
}

with_world!(
    the_member_list_carries_grants_groups_and_two_step_status,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        let base = format!("/api/organizations/{}", o.id);
        let (secrets_a, session_a, a) =
            join(&w, &o, "alice", 2, json!(null), Stage::Confirmed).await;
        let (_, _, b) = join(&w, &o, "bob", 2, json!(null), Stage::Confirmed).await;
        let (_, _, invited) = join(&w, &o, "carol", 2, json!(null), Stage::Invited).await;
        enable_totp(&session_a, &secrets_a).await;

        // One collection read-only for alice, manage for bob; a group holding only alice.
        let collection = o
            .owner
            .post(
                &format!("{base}/collections"),
                json!({
                    "name": o.crypto.org_key.encrypt_str("Ops"),
                    "groups": [],
                    "users": [
                        {"id": a, "readOnly": true, "hidePasswords": true, "manage": false},
                        {"id": b, "readOnly": false, "hidePasswords": false, "manage": true},
                    ],
                }),
            )
            .await;
        assert_eq!(collection.status, 200, "{}", collection.text);
        let collection = collection.json["id"].as_str().unwrap().to_owned();
        let group = o
            .owner
            .post(
                &format!("{base}/groups"),
                json!({"name": "Night shift", "collections": [], "users": [a]}),
            )
            .await;
        assert_eq!(group.status, 200, "{}", group.text);
        let group = group.json["id"].as_str().unwrap().to_owned();

        let r = o
            .owner
            .get(&format!(
                "{base}/users?includeCollections=true&includeGroups=true"
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "list");
        let list = r.json["data"].as_array().unwrap();
        assert_eq!(list.len(), 4, "owner, alice, bob, carol");

        let alice = by_id(list, &a);
        assert_eq!(alice["object"], "organizationUserUserDetails");
        assert_eq!(alice["status"], 2);
        assert_eq!(alice["type"], 2);
        assert_eq!(alice["email"], secrets_a.email.as_str());
        assert_eq!(alice["twoFactorEnabled"], true);
        assert_eq!(alice["resetPasswordEnrolled"], false);
        assert_eq!(
            alice["collections"],
            json!([{"id": collection, "readOnly": true, "hidePasswords": true, "manage": false}])
        );
        assert_eq!(alice["groups"], json!([group]));
        assert!(alice.get("permissions").is_none(), "not a custom member");

        let bob = by_id(list, &b);
        assert_eq!(bob["twoFactorEnabled"], false);
        assert_eq!(
            bob["collections"],
            json!([{"id": collection, "readOnly": false, "hidePasswords": false, "manage": true}])
        );
        assert_eq!(bob["groups"], json!([]));

        let carol = by_id(list, &invited);
        assert_eq!(carol["status"], 0);
        assert_eq!(carol["userId"], Value::Null);
        assert_eq!(carol["collections"], json!([]));

        // Without the switches the lists are empty rather than missing.
        let r = o.owner.get(&format!("{base}/users")).await;
        let plain = by_id(r.json["data"].as_array().unwrap(), &a).clone();
        assert_eq!(plain["collections"], json!([]));
        assert_eq!(plain["groups"], json!([]));
        assert_eq!(plain["twoFactorEnabled"], true);

        // One member: grants always, groups when asked.
        let r = o
            .owner
            .get(&format!("{base}/users/{a}?includeGroups=true"))
            .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json["object"], "organizationUserDetails");
        assert_eq!(r.json["id"], a.as_str());
        assert_eq!(r.json["collections"][0]["id"], collection.as_str());
        assert_eq!(r.json["groups"], json!([group]));
        let r = o.owner.get(&format!("{base}/users/{a}")).await;
        assert!(r.json.get("groups").is_none(), "{}", r.text);
    }
);

with_world!(
    the_member_access_report_lists_each_grant_with_its_items,
    |w: World| async move {
        let o = org(&w.app, 10).await;
        let base = format!("/api/organizations/{}", o.id);
        let (_, _, a) = join(&w, &o, "alice", 2, json!(null), Stage::Confirmed).await;
        let (_, plain, _) = join(&w, &o, "plain", 2, json!(null), Stage::Confirmed).await;
        let (_, reporter, _) = join(
            &w,
            &o,
            "reporter",
            4,
            json!({"accessReports": true}),
            Stage::Confirmed,
        )
        .await;
        let collection = o
            .owner
            .post(
                &format!("{base}/collections"),
                json!({"name": o.crypto.org_key.encrypt_str("Ops"), "groups": [], "users": [
                    {"id": a, "readOnly": true, "hidePasswords": false, "manage": false},
                ]}),
            )
            .await;
        let collection = collection.json["id"].as_str().unwrap().to_owned();
        let group = o
            .owner
            .post(
                &format!("{base}/groups"),
                json!({"name": "Night shift", "users": [a], "collections": [
                    {"id": collection, "readOnly": false, "hidePasswords": false, "manage": true}
                ]}),
            )
            .await;
        assert_eq!(group.status, 200, "{}", group.text);
        let item = json!({"cipher": {
            "type": 2, "name": o.crypto.org_key.encrypt_str("note"), "secureNote": {"type": 0},
            "organizationId": o.id,
        }, "collectionIds": [collection]});
        let r = o.owner.post("/api/ciphers/admin", item).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let cipher = r.json["id"].clone();

        let path = format!("/api/reports/member-access/{}", o.id);
        assert_eq!(plain.get(&path).await.status, 404);
        let r = reporter.get(&path).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let rows = r.json.as_array().unwrap();
        let alice: Vec<&Value> = rows
            .iter()
            .filter(|r| r["collectionId"] == collection.as_str())
            .filter(|r| r["groupId"].is_null() || r["groupName"] == "Night shift")
            .collect();
        assert!(alice.len() >= 2, "direct and through the group: {rows:?}");
        let through_group = alice
            .iter()
            .find(|r| r["groupName"] == "Night shift")
            .unwrap();
        assert_eq!(through_group["manage"], true);
        assert_eq!(through_group["itemCount"], 1);
        assert_eq!(through_group["cipherIds"], json!([cipher]));
        let direct = alice
            .iter()
            .find(|r| r["groupId"].is_null() && r["readOnly"] == true)
            .unwrap();
        assert_eq!(
            direct["collectionName"],
            r.json
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["collectionId"] == collection.as_str())
                .unwrap()["collectionName"]
        );
        // Someone without any grant still appears, once, without a collection.
        let plain_rows: Vec<&Value> = rows
            .iter()
            .filter(|r| r["email"].as_str().unwrap_or_default().starts_with("plain"))
            .collect();
        assert_eq!(plain_rows.len(), 1);
        assert_eq!(plain_rows[0]["collectionId"], Value::Null);
    }
);
