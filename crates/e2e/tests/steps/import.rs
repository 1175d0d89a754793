//! `bw import` in Bitwarden's own JSON and CSV formats. A plain `bw sync` afterwards must fetch
//! the imported items (the import bumps the account revision date); the same listing also
//! checks what earlier steps did to the server (folder deleted, attachment deleted).

use super::items::{CARD, LOGIN_EDITED};
use super::{sync, Ctx};
use crate::support::items::by_name;
use serde_json::{json, Value};

const JSON_FOLDER: &str = "Imported JSON folder";
const CSV_FOLDER: &str = "Imported CSV folder";

fn bitwarden_json() -> Value {
    let folder = uuid::Uuid::new_v4().to_string();
    json!({
        "encrypted": false,
        "folders": [{"id": folder, "name": JSON_FOLDER}],
        "items": [
            {
                "id": uuid::Uuid::new_v4().to_string(), "organizationId": null,
                "collectionIds": null, "folderId": folder, "type": 1,
                "name": "Imported JSON login", "notes": null, "favorite": false, "reprompt": 0,
                "fields": [{"name": "imported field", "value": "v", "type": 0, "linkedId": null}],
                "login": {"uris": [{"match": null, "uri": "https://json.example.com"}],
                          "username": "json-user", "password": "json-pw", "totp": null},
            },
            {
                "id": uuid::Uuid::new_v4().to_string(), "organizationId": null,
                "collectionIds": null, "folderId": null, "type": 2,
                "name": "Imported JSON note", "notes": "from a JSON export", "favorite": true,
                "reprompt": 0, "secureNote": {"type": 0},
            },
        ],
    })
}

const BITWARDEN_CSV: &str = "\
folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
Imported CSV folder,,login,Imported CSV login,,,0,https://csv.example.com,csv-user,csv-pw,
,1,note,Imported CSV note,\"csv note, with a comma\",,0,,,,
";

pub async fn json_and_csv(ctx: &mut Ctx) {
    let json_file = ctx.path("export.json");
    std::fs::write(&json_file, bitwarden_json().to_string()).expect("write JSON export");
    let csv_file = ctx.path("export.csv");
    std::fs::write(&csv_file, BITWARDEN_CSV).expect("write CSV export");
    for (format, file) in [("bitwardenjson", &json_file), ("bitwardencsv", &csv_file)] {
        let path = file.to_str().expect("UTF-8 temp path");
        let out = ctx.bw.ok(&["import", format, path]).await;
        assert!(out.contains("Imported"), "bw import {format}: {out}");
    }

    sync(ctx, false).await;
    let items = ctx.bw.list("items", &[]).await;
    let folders = ctx.bw.list("folders", &[]).await;
    let folder_id = |name: &str| {
        folders
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no folder {name:?} in {folders:?}"))["id"]
            .clone()
    };

    let login = by_name(&items, "Imported JSON login");
    assert_eq!(login["login"]["username"], "json-user");
    assert_eq!(login["login"]["password"], "json-pw");
    assert_eq!(login["login"]["uris"][0]["uri"], "https://json.example.com");
    assert_eq!(login["fields"][0]["name"], "imported field");
    assert_eq!(login["folderId"], folder_id(JSON_FOLDER));
    let note = by_name(&items, "Imported JSON note");
    assert_eq!(note["notes"], "from a JSON export");
    assert_eq!(note["favorite"], true);
    let login = by_name(&items, "Imported CSV login");
    assert_eq!(login["login"]["password"], "csv-pw");
    assert_eq!(login["folderId"], folder_id(CSV_FOLDER));
    let note = by_name(&items, "Imported CSV note");
    assert_eq!(note["notes"], "csv note, with a comma");
    assert_eq!(note["favorite"], true);
    assert_eq!(items.len(), 8, "4 own items + 4 imported: {items:?}");

    // Earlier steps, as the server now reports them.
    assert!(
        !folders.iter().any(|f| f["id"] == ctx.folder_id.as_str()),
        "deleted folder still listed: {folders:?}"
    );
    assert!(
        by_name(&items, LOGIN_EDITED)["folderId"].is_null(),
        "an item in a deleted folder must move to no folder"
    );
    let card_attachments = &by_name(&items, CARD)["attachments"];
    assert!(
        card_attachments.as_array().is_none_or(Vec::is_empty),
        "deleted attachment still listed: {card_attachments}"
    );
}
