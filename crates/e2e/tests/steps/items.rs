//! Items of every type: create from the CLI's template, read back decrypted, edit, favourite
//! and move to a folder, trash, restore, delete for good.

use super::{encode, sync, Ctx};
use crate::support::account::unix_now;
use crate::support::items::{
    assert_contains, by_name, ids, one_of_each, user_data, LOGIN_PASSWORD, LOGIN_TOTP_SECRET,
};
use bulwark_client::totp_code;
use serde_json::{json, Value};

pub const LOGIN: &str = "E2E Login";
pub const LOGIN_EDITED: &str = "E2E Login edited";
pub const NOTE: &str = "E2E Note";
pub const CARD: &str = "E2E Card";
pub const IDENTITY: &str = "E2E Identity";
pub const SSH: &str = "E2E SSH key";
const NEW_PASSWORD: &str = "N3w-password!";

/// Creates one item of each type and returns what was sent, for later comparisons.
pub async fn create_one_of_each(ctx: &mut Ctx) -> Vec<Value> {
    let template = ctx.bw.json(&["get", "template", "item"]).await;
    let items = one_of_each(&template);
    for item in &items {
        let created = ctx.bw.json(&["create", "item", &encode(item)]).await;
        assert_contains(&created, &user_data(item), "bw create item");
        let name = item["name"].as_str().expect("name").to_owned();
        let id = created["id"].as_str().expect("created item has an id");
        ctx.ids.insert(name, id.to_owned());
    }
    items
}

/// After a forced sync (so `bw` shows what the server stored, not its local copy) every item
/// decrypts to what was sent; `bw get item` and `bw get totp` work; the Rust client decrypts
/// what `bw` encrypted.
pub async fn check_stored(ctx: &mut Ctx, sent: &[Value]) -> Value {
    sync(ctx, true).await;
    let listed = ctx.bw.list("items", &[]).await;
    assert_eq!(listed.len(), sent.len(), "bw list items: {listed:?}");
    for item in sent {
        let name = item["name"].as_str().expect("name");
        assert_contains(by_name(&listed, name), &user_data(item), name);
    }

    let login_id = ctx.id(LOGIN);
    let login = ctx.bw.json(&["get", "item", &login_id]).await;
    assert_contains(&login, &user_data(&sent[0]), "bw get item");

    // The code is computed on both sides of the call, in case a 30 s step boundary falls
    // inside it.
    let before = totp_code(LOGIN_TOTP_SECRET, unix_now());
    let code = ctx.bw.ok(&["get", "totp", &login_id]).await;
    let after = totp_code(LOGIN_TOTP_SECRET, unix_now());
    assert!(
        [before, after].contains(&code.trim().to_owned()),
        "bw get totp printed {code:?}"
    );

    let r = ctx.rust.get("/api/sync?excludeDomains=true").await;
    assert_eq!(r.status, 200, "GET /api/sync: {}", r.text);
    let cipher = r.json["ciphers"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == login_id.as_str()))
        .unwrap_or_else(|| panic!("login not in the Rust client's sync: {}", r.text));
    let name = ctx
        .rust
        .user_key
        .decrypt_str(cipher["name"].as_str().expect("encrypted name"))
        .expect("the Rust client decrypts a name bw encrypted");
    assert_eq!(name, LOGIN);
    login
}

/// Renames the login, changes its password, marks it favourite and moves it into the folder.
pub async fn edit_favourite_move(ctx: &mut Ctx, mut login: Value) {
    let id = ctx.id(LOGIN);
    login["name"] = json!(LOGIN_EDITED);
    login["login"]["password"] = json!(NEW_PASSWORD);
    login["favorite"] = json!(true);
    login["folderId"] = json!(ctx.folder_id);
    let edited = ctx.bw.json(&["edit", "item", &id, &encode(&login)]).await;
    assert_eq!(edited["name"], LOGIN_EDITED, "{edited}");
    assert_eq!(edited["favorite"], true, "{edited}");
    assert_eq!(edited["folderId"], ctx.folder_id.as_str(), "{edited}");
    assert_eq!(edited["login"]["password"], NEW_PASSWORD, "{edited}");
}

/// The note goes to the trash and comes back; the identity is deleted for good. Then a forced
/// sync shows the server kept the edit, the restore and the permanent delete.
pub async fn trash_restore_purge(ctx: &mut Ctx) {
    let (note, identity) = (ctx.id(NOTE), ctx.id(IDENTITY));
    ctx.bw.ok(&["delete", "item", &note]).await;
    ctx.bw
        .ok(&["delete", "item", &identity, "--permanent"])
        .await;
    let trash = ctx.bw.list("items", &["--trash"]).await;
    assert_eq!(ids(&trash), vec![note.clone()], "bw list items --trash");
    assert!(
        !trash[0]["deletedDate"].is_null(),
        "trashed item has no deletedDate"
    );
    ctx.bw.ok(&["restore", "item", &note]).await;

    sync(ctx, true).await;
    let listed = ctx.bw.list("items", &[]).await;
    let mut expected = vec![ctx.id(LOGIN), note, ctx.id(CARD), ctx.id(SSH)];
    expected.sort();
    assert_eq!(ids(&listed), expected, "bw list items after restore/delete");
    let login = by_name(&listed, LOGIN_EDITED);
    assert_eq!(login["login"]["password"], NEW_PASSWORD);
    assert_eq!(login["favorite"], true);
    assert_eq!(login["folderId"], ctx.folder_id.as_str());
    assert_eq!(
        login["passwordHistory"][0]["password"], LOGIN_PASSWORD,
        "the edit keeps the old password in the history: {login}"
    );
    assert!(by_name(&listed, NOTE)["deletedDate"].is_null());
}
