//! Folders: create, list, edit, delete.

use super::{encode, Ctx};
use serde_json::json;

pub async fn create_list_edit(ctx: &mut Ctx) {
    let body = json!({"name": "E2E Folder"});
    let encoded = ctx.bw.encode(&body).await;
    assert_eq!(
        encoded,
        encode(&body),
        "bw encode differs from base64 of the JSON"
    );
    let created = ctx.bw.json(&["create", "folder", &encoded]).await;
    assert_eq!(created["name"], "E2E Folder", "{created}");
    let id = created["id"].as_str().expect("folder id").to_owned();

    let folders = ctx.bw.list("folders", &[]).await;
    assert!(
        folders
            .iter()
            .any(|f| f["id"] == id && f["name"] == "E2E Folder"),
        "bw list folders: {folders:?}"
    );

    let renamed = encode(&json!({"name": "E2E Folder renamed"}));
    let edited = ctx.bw.json(&["edit", "folder", &id, &renamed]).await;
    assert_eq!(edited["name"], "E2E Folder renamed", "{edited}");
    assert_eq!(edited["id"], id.as_str());
    ctx.folder_id = id;
}

/// Deletes the folder, which still holds the edited login item: the server must take the item
/// out of it (checked after the next sync, in `import`).
pub async fn delete(ctx: &mut Ctx) {
    let id = ctx.folder_id.clone();
    ctx.bw.ok(&["delete", "folder", &id]).await;
}
