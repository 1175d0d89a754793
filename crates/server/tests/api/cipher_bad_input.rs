//! Bad input for every item route: no token, malformed JSON, wrong types, invalid items,
//! unknown ids and other users' ids. Nothing may answer 500, and nothing may change.

use crate::both_databases;
use crate::helpers::TestApp;
use crate::vault_support::*;
use bulwark_client::{Method, Response, Session};
use serde_json::{json, Value};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    NoBody,
    Cipher,
    Create,
    Partial,
    Ids,
    Move,
    Attachment,
    Multipart,
    Import,
    Purge,
}

/// Routes without an item id in the path.
const COLLECTION_ROUTES: &[(Method, &str, Kind)] = &[
    (Method::GET, "/api/ciphers", Kind::NoBody),
    (Method::POST, "/api/ciphers", Kind::Cipher),
    (Method::POST, "/api/ciphers/create", Kind::Create),
    (Method::POST, "/api/ciphers/import", Kind::Import),
    (Method::POST, "/api/ciphers/purge", Kind::Purge),
    (Method::PUT, "/api/ciphers/delete", Kind::Ids),
    (Method::POST, "/api/ciphers/delete", Kind::Ids),
    (Method::DELETE, "/api/ciphers", Kind::Ids),
    (Method::PUT, "/api/ciphers/restore", Kind::Ids),
    (Method::PUT, "/api/ciphers/move", Kind::Move),
    (Method::POST, "/api/ciphers/move", Kind::Move),
    (Method::PUT, "/api/ciphers/archive", Kind::Ids),
    (Method::PUT, "/api/ciphers/unarchive", Kind::Ids),
];

/// Routes naming an item (`{id}`) and maybe an attachment (`{att}`).
const ITEM_ROUTES: &[(Method, &str, Kind)] = &[
    (Method::GET, "/api/ciphers/{id}", Kind::NoBody),
    (Method::GET, "/api/ciphers/{id}/details", Kind::NoBody),
    (Method::GET, "/api/ciphers/{id}/full-details", Kind::NoBody),
    (Method::PUT, "/api/ciphers/{id}", Kind::Cipher),
    (Method::POST, "/api/ciphers/{id}", Kind::Cipher),
    (Method::PUT, "/api/ciphers/{id}/partial", Kind::Partial),
    (Method::POST, "/api/ciphers/{id}/partial", Kind::Partial),
    (Method::PUT, "/api/ciphers/{id}/archive", Kind::NoBody),
    (Method::PUT, "/api/ciphers/{id}/unarchive", Kind::NoBody),
    (
        Method::POST,
        "/api/ciphers/{id}/attachment/v2",
        Kind::Attachment,
    ),
    (
        Method::POST,
        "/api/ciphers/{id}/attachment",
        Kind::Multipart,
    ),
    (
        Method::GET,
        "/api/ciphers/{id}/attachment/{att}",
        Kind::NoBody,
    ),
    (
        Method::GET,
        "/api/ciphers/{id}/attachment/{att}/renew",
        Kind::NoBody,
    ),
    (
        Method::POST,
        "/api/ciphers/{id}/attachment/{att}",
        Kind::Multipart,
    ),
    (
        Method::POST,
        "/api/ciphers/{id}/attachment/{att}/delete",
        Kind::NoBody,
    ),
    (
        Method::DELETE,
        "/api/ciphers/{id}/attachment/{att}",
        Kind::NoBody,
    ),
    (Method::PUT, "/api/ciphers/{id}/restore", Kind::NoBody),
    (Method::PUT, "/api/ciphers/{id}/delete", Kind::NoBody),
    (Method::POST, "/api/ciphers/{id}/delete", Kind::NoBody),
    (Method::DELETE, "/api/ciphers/{id}", Kind::NoBody),
];

/// A body that would be accepted for `kind`, aimed at item `target`.
fn valid_body(s: &Session, kind: Kind, target: &str) -> Option<Value> {
    Some(match kind {
        Kind::NoBody | Kind::Multipart => return None,
        Kind::Cipher => note(s, "valid"),
        Kind::Create => json!({"cipher": note(s, "valid"), "collectionIds": []}),
        Kind::Partial => json!({"folderId": null, "favorite": true}),
        Kind::Ids => json!({"ids": [target]}),
        Kind::Move => json!({"ids": [target], "folderId": null}),
        Kind::Attachment => json!({"fileName": s.user_key.encrypt_str("f"), "fileSize": 10}),
        Kind::Import => json!({"ciphers": [note(s, "valid")]}),
        Kind::Purge => json!({"masterPasswordHash": "d3Jvbmc="}),
    })
}

fn wrong_types(kind: Kind) -> Option<Value> {
    Some(match kind {
        Kind::NoBody | Kind::Multipart => return None,
        Kind::Cipher => json!({"type": "login", "name": 5}),
        Kind::Create => json!({"cipher": 5}),
        Kind::Partial => json!({"favorite": "yes"}),
        Kind::Ids => json!({"ids": "abc"}),
        Kind::Move => json!({"ids": 5, "folderId": 3}),
        Kind::Attachment => json!({"fileSize": "big"}),
        Kind::Import => json!({"ciphers": 5}),
        Kind::Purge => json!({"masterPasswordHash": 5}),
    })
}

fn fill(path: &str, id: &str, att: &str) -> String {
    path.replace("{id}", id).replace("{att}", att)
}

async fn send(s: &Session, method: &Method, path: &str, kind: Kind, target: &str) -> Response {
    if kind == Kind::Multipart {
        return s.multipart_upload(path, "data", "name", vec![1; 10]).await;
    }
    s.request(method.clone(), path, valid_body(s, kind, target))
        .await
}

/// A user's vault as sync shows it, without the download links (their tokens are minted per
/// response).
async fn snapshot(s: &Session) -> Value {
    let mut sync = sync(s).await;
    for c in sync["ciphers"].as_array_mut().into_iter().flatten() {
        for a in c["attachments"].as_array_mut().into_iter().flatten() {
            a["url"] = Value::Null;
        }
    }
    json!({"ciphers": sync["ciphers"], "folders": sync["folders"]})
}

/// User A with a folder and an item carrying an uploaded attachment: (item id, attachment id).
async fn vault_with_attachment(a: &Session) -> (String, String) {
    create_folder(a, "A's folder").await;
    let id = create(a, note(a, "A's item")).await;
    let body = json!({"fileName": a.user_key.encrypt_str("f"), "fileSize": 4});
    let up = expect(
        a.post(&format!("/api/ciphers/{id}/attachment/v2"), body)
            .await,
        200,
    );
    let att = up.json["attachmentId"].as_str().expect("id").to_owned();
    let r = a
        .multipart_upload(
            &format!("/api/ciphers/{id}/attachment/{att}"),
            "data",
            "n",
            vec![9; 4],
        )
        .await;
    expect(r, 200);
    (id, att)
}

both_databases!(every_route_needs_a_token, |app: TestApp| async move {
    let (_, a) = app.user("anon").await;
    let (id, att) = vault_with_attachment(&a).await;
    for (method, path, kind) in COLLECTION_ROUTES.iter().chain(ITEM_ROUTES) {
        let path = fill(path, &id, &att);
        let body = valid_body(&a, *kind, &id).or(Some(json!({})));
        let r = app
            .client
            .request(method.clone(), &path, None, body.clone())
            .await;
        assert_eq!(r.status, 401, "{method} {path}: {}", r.text);
        let r = app
            .client
            .request(method.clone(), &path, Some("not-a-token"), body)
            .await;
        assert_eq!(r.status, 401, "{method} {path} with a junk token");
    }
});

both_databases!(
    malformed_and_mistyped_bodies_are_400,
    |app: TestApp| async move {
        let (_, s) = app.user("malformed").await;
        let own = create(&s, note(&s, "mine")).await;
        let before = snapshot(&s).await;
        for (method, path, kind) in COLLECTION_ROUTES.iter().chain(ITEM_ROUTES) {
            let Some(wrong) = wrong_types(*kind) else {
                continue;
            };
            let path = fill(path, &own, "0123456789abcdef0123456789abcdef");
            let r = s
                .client
                .raw_body(
                    method.clone(),
                    &path,
                    Some(&s.access_token),
                    "application/json",
                    b"{\"name\":".to_vec(),
                )
                .await;
            expect(r, 400);
            expect(s.request(method.clone(), &path, Some(wrong)).await, 400);
            expect(
                s.request(method.clone(), &path, Some(json!([1, 2]))).await,
                400,
            );
        }
        for (method, path) in [
            (Method::PUT, "/api/ciphers/delete"),
            (Method::PUT, "/api/ciphers/restore"),
            (Method::PUT, "/api/ciphers/move"),
        ] {
            expect(
                s.request(method, path, Some(json!({"ids": ["not-a-uuid"]})))
                    .await,
                400,
            );
        }
        assert_eq!(snapshot(&s).await, before, "nothing changed");
    }
);

both_databases!(
    invalid_items_are_refused_on_every_write,
    |app: TestApp| async move {
        let (_, s) = app.user("invalid").await;
        let own = create(&s, note(&s, "mine")).await;
        let before = snapshot(&s).await;
        let nameless = {
            let mut n = note(&s, "x");
            n["name"] = Value::Null;
            n
        };
        let plain = {
            let mut n = note(&s, "x");
            n["name"] = json!("hello");
            n
        };
        let huge = {
            let mut n = note(&s, "x");
            n["notes"] = json!(s.user_key.encrypt_str(&"x".repeat(8000)));
            n
        };
        let untyped = {
            let mut n = note(&s, "x");
            n["type"] = json!(42);
            n
        };
        let cases = [
            (nameless, "The Name field is required."),
            (plain, "Name is not a valid encrypted string."),
            (
                huge,
                "The field Notes exceeds the maximum encrypted value length of 10000 characters.",
            ),
            (untyped, "The field Type is invalid."),
        ];
        for (body, message) in cases {
            for (method, path) in [
                (Method::POST, "/api/ciphers".to_owned()),
                (Method::PUT, format!("/api/ciphers/{own}")),
                (Method::POST, format!("/api/ciphers/{own}")),
            ] {
                expect_400(s.request(method, &path, Some(body.clone())).await, message);
            }
            expect_400(
                s.post("/api/ciphers/create", json!({"cipher": body})).await,
                message,
            );
            expect_400(
                s.post("/api/ciphers/import", json!({"ciphers": [body]}))
                    .await,
                message,
            );
        }
        assert_eq!(snapshot(&s).await, before, "nothing changed");
    }
);

both_databases!(unknown_ids_are_404, |app: TestApp| async move {
    let (_, s) = app.user("unknown").await;
    let (own, att) = vault_with_attachment(&s).await;
    let before = snapshot(&s).await;
    let missing = uuid::Uuid::new_v4().to_string();
    for (method, template, kind) in ITEM_ROUTES {
        for (id, a) in [
            (missing.as_str(), att.as_str()),
            ("not-a-uuid", att.as_str()),
            (own.as_str(), "0123456789abcdef0123456789abcdef"),
            (own.as_str(), "NOT-AN-ID"),
        ] {
            if !template.contains("{att}") && id == own {
                continue;
            }
            let path = fill(template, id, a);
            let r = send(&s, method, &path, *kind, id).await;
            no_500(&r);
            assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
        }
    }
    assert_eq!(snapshot(&s).await, before, "nothing changed");
});

both_databases!(
    other_users_ids_are_404_and_change_nothing,
    |app: TestApp| async move {
        let (_, a) = app.user("owner").await;
        let (_, b) = app.user("intruder").await;
        let (id, att) = vault_with_attachment(&a).await;
        let b_own = create(&b, note(&b, "B's")).await;
        let before = snapshot(&a).await;
        for (method, template, kind) in ITEM_ROUTES {
            let path = fill(template, &id, &att);
            let r = send(&b, method, &path, *kind, &id).await;
            no_500(&r);
            assert_eq!(r.status, 404, "{method} {path}: {}", r.text);
            assert_eq!(first_message(&r.json), "Resource not found.");
        }
        // Bulk routes skip ids that are not the caller's.
        for (method, path, kind) in COLLECTION_ROUTES {
            if matches!(kind, Kind::Ids | Kind::Move) {
                let r = b
                    .request(method.clone(), path, valid_body(&b, *kind, &id))
                    .await;
                no_500(&r);
                assert!(
                    r.status == 200 || (r.status == 400 && path.contains("archive")),
                    "{method} {path}: {}",
                    r.text
                );
            }
        }
        assert_eq!(snapshot(&a).await, before, "the owner's vault is unchanged");
        let meta = expect(
            a.get(&format!("/api/ciphers/{id}/attachment/{att}")).await,
            200,
        )
        .json;
        let r = app
            .client
            .http
            .get(meta["url"].as_str().expect("url"))
            .send()
            .await
            .expect("download");
        assert_eq!(r.status().as_u16(), 200, "the file is still there");
        // B's own item went through B's bulk calls untouched by A's id (still present).
        assert!(synced(&b, &b_own).await.is_some());
    }
);
