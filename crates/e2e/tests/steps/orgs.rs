//! Sharing through an organization with the CLI: the owner's `bw` creates a collection
//! (`bw create org-collection`), moves an item into the org (`bw move`), lists the members
//! (`bw list org-members`) and confirms the invited member (`bw confirm org-member`); the
//! member's own `bw` then decrypts the shared item, and loses it after removal with a plain
//! `bw sync`. The org is created and the member invited through the API (the CLI can do
//! neither); the invitation token travels by mail to the test's SMTP sink.

use super::{encode, sync, Ctx};
use crate::support::account::{register_with_own_keys, PASSWORD};
use crate::support::bw::{bw_bin, Bw};
use bulwark_client::ciphers::login_cipher;
use bulwark_client::orgs::new_org;
use serde_json::{json, Value};

const ENTERPRISE_ANNUALLY: i64 = 20;

fn org_items<'a>(items: &'a [Value], org_id: &str) -> Vec<&'a Value> {
    items
        .iter()
        .filter(|i| i["organizationId"] == org_id)
        .collect()
}

pub async fn share_with_a_member(ctx: &mut Ctx) {
    let org = new_org(
        &ctx.secrets,
        "E2E Org",
        ENTERPRISE_ANNUALLY,
        5,
        Some("Default collection"),
    );
    let r = ctx.rust.post("/api/organizations", org.body.clone()).await;
    assert_eq!(r.status, 200, "create org: {}", r.text);
    let org_id = r.json["id"].as_str().expect("org id").to_owned();
    let item = login_cipher(
        &ctx.rust.user_key,
        &ctx.rust.user_id,
        "Shared login",
        "alice",
        "s3cret-shared",
        "https://shared.example.com",
    );
    let r = ctx.rust.post("/api/ciphers", item).await;
    assert_eq!(r.status, 200, "create item: {}", r.text);
    let item_id = r.json["id"].as_str().expect("item id").to_owned();
    // A plain sync: creating the org and the item moved the account's revision date.
    sync(ctx, false).await;

    let collection = json!({
        "organizationId": org_id, "name": "Team", "externalId": null, "groups": [], "users": [],
    });
    let created = ctx
        .bw
        .json(&[
            "create",
            "org-collection",
            "--organizationid",
            &org_id,
            &encode(&collection),
        ])
        .await;
    assert_eq!(created["name"], "Team", "{created}");
    let collection_id = created["id"].as_str().expect("collection id").to_owned();
    // `bw move` checks the target collection in its local state: a plain sync must bring it
    // (creating it moved the revision date).
    sync(ctx, false).await;

    // What `bw move` prints comes from the CLI's cache, which it sometimes reads before its
    // own update lands; the server's state is checked below, through the member's CLI.
    let moved = ctx
        .bw
        .json(&["move", &item_id, &org_id, &encode(&json!([collection_id]))])
        .await;
    assert_eq!(moved["id"], item_id.as_str(), "{moved}");

    // The member: an account with its own keys, invited by mail, accepting with the token.
    let (member, member_rust) = register_with_own_keys(&ctx.server, "member").await;
    let invite = json!({
        "emails": [member.email], "type": 2, "accessSecretsManager": false, "permissions": null,
        "collections": [{"id": collection_id, "readOnly": false, "hidePasswords": false, "manage": false}],
        "groups": [],
    });
    let r = ctx
        .rust
        .post(&format!("/api/organizations/{org_id}/users/invite"), invite)
        .await;
    assert_eq!(r.status, 200, "invite: {}", r.text);
    let mail = ctx.server.smtp.wait_for(&member.email).await;
    let member_id = mail
        .link_param("organizationUserId")
        .expect("member id in mail");
    let token = mail.link_param("token").expect("token in mail");
    let r = member_rust
        .post(
            &format!("/api/organizations/{org_id}/users/{member_id}/accept"),
            json!({ "token": token }),
        )
        .await;
    assert_eq!(r.status, 200, "accept: {}", r.text);

    let members = ctx
        .bw
        .list("org-members", &["--organizationid", &org_id])
        .await;
    let listed = members
        .iter()
        .find(|m| m["email"] == member.email.as_str())
        .unwrap_or_else(|| panic!("member missing from bw list org-members: {members:?}"));
    assert_eq!(listed["id"], member_id.as_str());
    assert_eq!(listed["status"], 1, "accepted, waiting for confirmation");
    ctx.bw
        .ok(&[
            "confirm",
            "org-member",
            &member_id,
            "--organizationid",
            &org_id,
        ])
        .await;

    let mut member_bw = Bw::new(bw_bin(), "member", &ctx.server.pki.ca_pem);
    let url = ctx.server.base_url.clone();
    member_bw.ok(&["config", "server", &url]).await;
    let session = member_bw
        .ok(&["login", &member.email, PASSWORD, "--raw"])
        .await;
    member_bw.session = Some(session.trim().to_owned());
    assert_eq!(member_bw.ok(&["sync"]).await.trim(), "Syncing complete.");
    let items = member_bw
        .list("items", &["--organizationid", &org_id])
        .await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["name"], "Shared login");
    assert_eq!(items[0]["login"]["username"], "alice");
    assert_eq!(items[0]["login"]["password"], "s3cret-shared");
    assert_eq!(items[0]["collectionIds"][0], collection_id.as_str());

    // Removal: the member's next plain sync (revision date moved) drops the org's items.
    let r = ctx
        .rust
        .delete(
            &format!("/api/organizations/{org_id}/users/{member_id}"),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "remove: {}", r.text);
    assert_eq!(member_bw.ok(&["sync"]).await.trim(), "Syncing complete.");
    let items = member_bw.list("items", &[]).await;
    assert!(org_items(&items, &org_id).is_empty(), "{items:?}");
}
