//! Attachments: the v2 declare-then-upload flow, the signed anonymous download, the legacy
//! one-step upload, size limits, and that files leave the disk with their rows.

use crate::helpers::{Options, TestApp};
use crate::vault_support::*;
use crate::{both_databases, both_databases_with};
use bulwark_client::Session;
use bulwark_server::config::FileConfig;
use serde_json::{json, Value};
use std::path::PathBuf;

fn attachments_dir(app: &TestApp) -> PathBuf {
    app.data_dir.path().join("attachments")
}

/// Files (temporary ones included) under the attachments directory.
pub fn files_on_disk(app: &TestApp) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(attachments_dir(app)) else {
        return out;
    };
    for d in dirs.flatten() {
        if let Ok(files) = std::fs::read_dir(d.path()) {
            out.extend(files.flatten().map(|f| f.path()));
        }
    }
    out
}

pub async fn declare(s: &Session, cipher: &str, size: usize) -> Value {
    let body = json!({
        "key": s.user_key.encrypt_str("attachment key"),
        "fileName": s.user_key.encrypt_str("report.pdf"),
        "fileSize": size, "adminRequest": false,
    });
    expect(
        s.post(&format!("/api/ciphers/{cipher}/attachment/v2"), body)
            .await,
        200,
    )
    .json
}

pub async fn upload(
    s: &Session,
    cipher: &str,
    att: &str,
    bytes: Vec<u8>,
) -> bulwark_client::Response {
    s.multipart_upload(
        &format!("/api/ciphers/{cipher}/attachment/{att}"),
        "data",
        "enc-name",
        bytes,
    )
    .await
}

async fn fetch(app: &TestApp, url: &str) -> (u16, Vec<u8>) {
    let r = app
        .client
        .http
        .get(url)
        .send()
        .await
        .expect("download request");
    let status = r.status().as_u16();
    (
        status,
        r.bytes().await.map(|b| b.to_vec()).unwrap_or_default(),
    )
}

both_databases!(
    upload_download_round_trip_and_delete,
    |app: TestApp| async move {
        let (_, s) = app.user("att").await;
        let cipher = create(&s, note(&s, "with file")).await;
        let plain: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let encrypted = s.user_key.encrypt(&plain).into_bytes();
        let up = declare(&s, &cipher, encrypted.len()).await;
        assert_eq!(up["object"], "attachment-fileUpload");
        assert_eq!(up["fileUploadType"], 0);
        assert_eq!(up["cipherResponse"]["id"], json!(cipher));
        let att = up["attachmentId"].as_str().expect("id").to_owned();
        assert_eq!(att.len(), 32);
        // Declared but not uploaded: not shown yet.
        assert!(synced(&s, &cipher).await.expect("there")["attachments"].is_null());
        expect(upload(&s, &cipher, &att, encrypted.clone()).await, 200);

        let meta = expect(
            s.get(&format!("/api/ciphers/{cipher}/attachment/{att}"))
                .await,
            200,
        )
        .json;
        assert_eq!(meta["object"], "attachment");
        assert_eq!(meta["size"], json!(encrypted.len().to_string()));
        assert_eq!(dec(&s.user_key, &meta["fileName"]), "report.pdf");
        let url = meta["url"].as_str().expect("url");
        assert!(url.starts_with(&app.base_url), "{url}");
        let (status, body) = fetch(&app, url).await;
        assert_eq!(status, 200);
        assert_eq!(body, encrypted, "the bytes come back unchanged");
        let text = String::from_utf8(body).expect("EncString text");
        assert_eq!(s.user_key.decrypt(&text).expect("decrypts"), plain);

        let c = synced(&s, &cipher).await.expect("there");
        assert_eq!(c["attachments"][0]["id"], json!(att));
        assert_eq!(
            dec(&s.user_key, &c["attachments"][0]["key"]),
            "attachment key"
        );
        let (status, _) = fetch(&app, c["attachments"][0]["url"].as_str().expect("url")).await;
        assert_eq!(status, 200);

        // A link for another attachment, a tampered or a missing token: 404.
        let bad = url.replace("token=", "token=9");
        assert_eq!(fetch(&app, &bad).await.0, 404);
        let bare = url.split('?').next().unwrap_or_default();
        assert_eq!(fetch(&app, bare).await.0, 404);
        assert_eq!(files_on_disk(&app).len(), 1);

        let r = expect(
            s.delete(&format!("/api/ciphers/{cipher}/attachment/{att}"), None)
                .await,
            200,
        );
        assert_eq!(r.json["object"], "deleteAttachment");
        assert_eq!(r.json["cipher"]["object"], "cipherMini");
        assert!(r.json["cipher"]["attachments"].is_null());
        assert!(files_on_disk(&app).is_empty(), "the file is removed");
        assert_eq!(fetch(&app, url).await.0, 404);
        expect(
            s.post(
                &format!("/api/ciphers/{cipher}/attachment/{att}/delete"),
                json!({}),
            )
            .await,
            404,
        );
    }
);

both_databases!(
    deleting_the_item_removes_its_files,
    |app: TestApp| async move {
        let (_, s) = app.user("attdel").await;
        let cipher = create(&s, note(&s, "n")).await;
        let att = declare(&s, &cipher, 5).await["attachmentId"]
            .as_str()
            .expect("id")
            .to_owned();
        expect(upload(&s, &cipher, &att, b"hello".to_vec()).await, 200);
        assert_eq!(files_on_disk(&app).len(), 1);
        // Trash keeps the file; permanent deletion removes it.
        expect(
            s.put(&format!("/api/ciphers/{cipher}/delete"), json!({}))
                .await,
            200,
        );
        assert_eq!(files_on_disk(&app).len(), 1);
        expect(s.delete(&format!("/api/ciphers/{cipher}"), None).await, 200);
        assert!(files_on_disk(&app).is_empty());
    }
);

both_databases!(
    legacy_upload_and_declared_length_checks,
    |app: TestApp| async move {
        let (_, s) = app.user("legacy").await;
        let cipher = create(&s, note(&s, "n")).await;
        let name = s.user_key.encrypt_str("old.txt");
        let r = s
            .multipart_upload(
                &format!("/api/ciphers/{cipher}/attachment"),
                "data",
                &name,
                b"legacy bytes".to_vec(),
            )
            .await;
        let r = expect(r, 200);
        assert_eq!(r.json["object"], "cipher");
        assert_eq!(
            dec(&s.user_key, &r.json["attachments"][0]["fileName"]),
            "old.txt"
        );
        assert_eq!(r.json["attachments"][0]["size"], "12");
        let (status, body) =
            fetch(&app, r.json["attachments"][0]["url"].as_str().expect("url")).await;
        assert_eq!((status, body), (200, b"legacy bytes".to_vec()));

        // Declared 3 MiB, sent 10 bytes (and the reverse): refused, the declaration dropped.
        let att = declare(&s, &cipher, 3 * 1024 * 1024).await["attachmentId"]
            .as_str()
            .expect("id")
            .to_owned();
        expect_400(
            upload(&s, &cipher, &att, vec![1; 10]).await,
            "does not match expected file length",
        );
        expect(upload(&s, &cipher, &att, vec![1; 10]).await, 404);
        let att = declare(&s, &cipher, 10).await["attachmentId"]
            .as_str()
            .expect("id")
            .to_owned();
        expect_400(
            upload(&s, &cipher, &att, vec![1; 1_200_000]).await,
            "does not match expected file length",
        );
        assert_eq!(files_on_disk(&app).len(), 1, "only the legacy file remains");

        expect_400(
            declare_raw(&s, &cipher, json!({"fileName": name, "fileSize": 0})).await,
            "No data to attach.",
        );
        expect(declare_raw(&s, &cipher, json!({"fileSize": 10})).await, 400);
        let stale = json!({"fileName": name, "fileSize": 10, "lastKnownRevisionDate": "2020-01-01T00:00:00Z"});
        expect_400(declare_raw(&s, &cipher, stale).await, "out of date");
        let r = s
            .multipart_upload(
                &format!("/api/ciphers/{cipher}/attachment"),
                "other",
                "x",
                vec![1],
            )
            .await;
        expect(r, 400);
    }
);

async fn declare_raw(s: &Session, cipher: &str, body: Value) -> bulwark_client::Response {
    s.post(&format!("/api/ciphers/{cipher}/attachment/v2"), body)
        .await
}

fn one_mib_limit() -> Options {
    Options {
        file: FileConfig {
            attachment_max_mb: Some(1),
            ..FileConfig::default()
        },
        ..Options::default()
    }
}

both_databases_with!(
    the_size_limit_is_enforced,
    one_mib_limit(),
    |app: TestApp| async move {
        let (_, s) = app.user("limit").await;
        let cipher = create(&s, note(&s, "n")).await;
        let r = declare_raw(
            &s,
            &cipher,
            json!({"fileName": s.user_key.encrypt_str("big"), "fileSize": 2 * 1024 * 1024}),
        )
        .await;
        expect_400(r, "Max file size is 1 MB.");
        let att = declare(&s, &cipher, 1024 * 1024).await["attachmentId"]
            .as_str()
            .expect("id")
            .to_owned();
        let r = upload(&s, &cipher, &att, vec![7; 1024 * 1024 + 100_000]).await;
        no_500(&r);
        assert_eq!(r.status, 413, "{}", r.text);
        assert_eq!(first_message(&r.json), "Max file size is 1 MB.");
        let r = s
            .multipart_upload(
                &format!("/api/ciphers/{cipher}/attachment"),
                "data",
                "n",
                vec![7; 1_500_000],
            )
            .await;
        assert_eq!(
            (r.status, first_message(&r.json)),
            (413, "Max file size is 1 MB.".to_owned())
        );
        assert!(
            files_on_disk(&app).is_empty(),
            "no partial files: {:?}",
            files_on_disk(&app)
        );
        // Exactly at the limit is fine.
        expect(upload(&s, &cipher, &att, vec![7; 1024 * 1024]).await, 200);
        assert_eq!(files_on_disk(&app).len(), 1);
    }
);

both_databases!(
    updates_rename_attachments_and_renew_repeats_the_upload,
    |app: TestApp| async move {
        let (_, s) = app.user("rename").await;
        let k = s.user_key.clone();
        let body = note(&s, "n");
        let cipher = create(&s, body.clone()).await;
        let att = declare(&s, &cipher, 3).await["attachmentId"]
            .as_str()
            .expect("id")
            .to_owned();
        let renew = format!("/api/ciphers/{cipher}/attachment/{att}/renew");
        let again = expect(s.get(&renew).await, 200).json;
        assert_eq!(
            (again["object"].clone(), again["attachmentId"].clone()),
            (json!("attachment-fileUpload"), json!(att))
        );
        expect(upload(&s, &cipher, &att, b"abc".to_vec()).await, 200);
        expect_400(s.get(&renew).await, "already been uploaded");
        expect_400(
            upload(&s, &cipher, &att, b"xyz".to_vec()).await,
            "already been uploaded",
        );

        // Re-encrypted names and keys are applied; unknown ids neither fail nor create anything.
        let mut edit = body;
        edit["attachments2"] = json!({
            att.clone(): {"fileName": k.encrypt_str("renamed.txt"), "key": k.encrypt_str("new key")},
            "ffffffffffffffffffffffffffffffff": {"fileName": k.encrypt_str("ghost"), "key": null},
        });
        let r = expect(
            s.put(&format!("/api/ciphers/{cipher}"), edit.clone()).await,
            200,
        );
        assert_eq!(r.json["attachments"].as_array().map(Vec::len), Some(1));
        let c = synced(&s, &cipher).await.expect("there");
        assert_eq!(dec(&k, &c["attachments"][0]["fileName"]), "renamed.txt");
        assert_eq!(dec(&k, &c["attachments"][0]["key"]), "new key");
        edit["attachments2"] = json!({ att.clone(): {"fileName": "plain"} });
        expect_400(
            s.put(&format!("/api/ciphers/{cipher}"), edit).await,
            "FileName is not a valid encrypted string.",
        );
        let (status, bytes) = fetch(&app, c["attachments"][0]["url"].as_str().expect("url")).await;
        assert_eq!((status, bytes), (200, b"abc".to_vec()));
    }
);
