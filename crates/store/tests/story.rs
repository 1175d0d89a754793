//! The storage conformance story: one scenario, run unchanged on SQLite and on PostgreSQL, so
//! both backends behave the same for every repository function the server relies on.

mod support;

use bulwark_domain::{CipherId, FolderId, UserId};
use bulwark_store::attachments::AttachmentRow;
use bulwark_store::ciphers::CipherRow;
use bulwark_store::tokens::RefreshTokenRow;
use bulwark_store::users::UserRow;
use bulwark_store::{
    attachments, ciphers, devices, folders, settings, tokens, two_factor, users, Store, StoreError,
};
use futures::StreamExt;

fn user(email: &str) -> UserRow {
    UserRow {
        id: UserId::new(),
        email: email.into(),
        name: Some("Name".into()),
        email_verified: 1,
        password_hash: "$argon2id$placeholder".into(),
        password_hint: None,
        salt: email.into(),
        kdf_type: 0,
        kdf_iterations: 600_000,
        kdf_memory: None,
        kdf_parallelism: None,
        user_key: "2.a|b|c".into(),
        private_key: None,
        public_key: None,
        user_key_id: None,
        security_stamp: "stamp".into(),
        api_key: "key".into(),
        culture: "en-US".into(),
        avatar_color: None,
        equivalent_domains: None,
        excluded_global_domains: None,
        creation_date: 1,
        revision_date: 1,
        account_revision_date: 1,
    }
}

fn cipher(folder: Option<FolderId>) -> CipherRow {
    CipherRow {
        id: CipherId::new(),
        cipher_type: 1,
        data: r#"{"name":"2.a|b|c"}"#.into(),
        item_key: None,
        reprompt: 0,
        creation_date: 10,
        revision_date: 10,
        deleted_date: None,
        folder_id: folder.map(|f| f.to_string()),
        favorite: 0,
        archived_date: None,
    }
}

async fn story(store: Store) {
    let mut conn = store.conn().await.unwrap();

    // Settings: the first value wins, later calls read it back.
    let a = settings::get_or_create(&mut conn, "k", || "first".into())
        .await
        .unwrap();
    let b = settings::get_or_create(&mut conn, "k", || "second".into())
        .await
        .unwrap();
    assert_eq!((a.as_str(), b.as_str()), ("first", "first"));

    // Users: insert, find, unique email by constraint name.
    let alice = user("alice@example.com");
    let bob = user("bob@example.com");
    users::insert(&mut conn, &alice).await.unwrap();
    users::insert(&mut conn, &bob).await.unwrap();
    let dup = users::insert(&mut conn, &user("alice@example.com"))
        .await
        .unwrap_err();
    assert!(
        dup.is_conflict_on("users_email_key", "users.email"),
        "{dup:?}"
    );
    assert_eq!(
        users::find_by_email(&mut conn, "alice@example.com")
            .await
            .unwrap()
            .unwrap()
            .id,
        alice.id
    );
    assert!(users::find_by_email(&mut conn, "nobody@example.com")
        .await
        .unwrap()
        .is_none());
    assert!(matches!(
        users::find(&mut conn, UserId::new()).await,
        Err(StoreError::NotFound)
    ));
    users::bump_revision(&mut conn, alice.id, 99).await.unwrap();
    assert_eq!(
        users::find(&mut conn, alice.id)
            .await
            .unwrap()
            .account_revision_date,
        99
    );

    // Devices: upsert creates once, then updates.
    let (d1, new1) = devices::upsert(&mut conn, alice.id, "dev-1", "linux", 25, 5)
        .await
        .unwrap();
    let (d2, new2) = devices::upsert(&mut conn, alice.id, "dev-1", "linux2", 25, 6)
        .await
        .unwrap();
    assert!(new1 && !new2);
    assert_eq!(d1.id, d2.id);
    assert_eq!(d2.name, "linux2");
    assert!(devices::find(&mut conn, bob.id, d1.id)
        .await
        .unwrap()
        .is_none());

    // Refresh tokens are single-use.
    let t = RefreshTokenRow {
        token_hash: "h1".into(),
        user_id: alice.id,
        device_id: d1.id,
        client_id: "cli".into(),
        security_stamp: "stamp".into(),
        expires_at: 1000,
    };
    tokens::insert(&mut conn, &t, 1).await.unwrap();
    assert!(tokens::take(&mut conn, "h1").await.unwrap().is_some());
    assert!(tokens::take(&mut conn, "h1").await.unwrap().is_none());

    // TOTP steps can be claimed once, and only forward.
    two_factor::upsert(&mut conn, alice.id, 0, "SECRET")
        .await
        .unwrap();
    assert!(two_factor::claim_step(&mut conn, alice.id, 0, 100)
        .await
        .unwrap());
    assert!(!two_factor::claim_step(&mut conn, alice.id, 0, 100)
        .await
        .unwrap());
    assert!(!two_factor::claim_step(&mut conn, alice.id, 0, 99)
        .await
        .unwrap());
    two_factor::set_recovery_code(&mut conn, alice.id, "code1")
        .await
        .unwrap();
    two_factor::set_recovery_code(&mut conn, alice.id, "code2")
        .await
        .unwrap();
    assert_eq!(
        two_factor::recovery_code(&mut conn, alice.id)
            .await
            .unwrap()
            .as_deref(),
        Some("code2")
    );

    // Folders are scoped to their owner.
    let f = folders::insert(&mut conn, alice.id, FolderId::new(), "2.f|f|f", 7)
        .await
        .unwrap();
    assert!(matches!(
        folders::find(&mut conn, bob.id, f.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        folders::rename(&mut conn, bob.id, f.id, "x", 8).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        folders::delete(&mut conn, bob.id, f.id).await,
        Err(StoreError::NotFound)
    ));

    // Items: scoped reads and writes, streaming, folder cleared when the folder goes.
    let c = cipher(Some(f.id));
    ciphers::insert(&mut conn, alice.id, &c).await.unwrap();
    ciphers::insert(&mut conn, alice.id, &cipher(None))
        .await
        .unwrap();
    assert!(matches!(
        ciphers::find(&mut conn, bob.id, c.id).await,
        Err(StoreError::NotFound)
    ));
    let found = ciphers::find(&mut conn, alice.id, c.id).await.unwrap();
    assert_eq!(found.folder().unwrap(), Some(f.id));
    let streamed: Vec<_> = ciphers::stream_for_user(&mut conn, alice.id)
        .collect()
        .await;
    assert_eq!(streamed.len(), 2);
    assert_eq!(
        ciphers::find_many(&mut conn, bob.id, &[c.id])
            .await
            .unwrap()
            .len(),
        0
    );
    let mut changed = found.clone();
    changed.favorite = 1;
    changed.revision_date = 20;
    assert!(matches!(
        ciphers::update(&mut conn, bob.id, &changed).await,
        Err(StoreError::NotFound)
    ));
    ciphers::update(&mut conn, alice.id, &changed)
        .await
        .unwrap();
    assert_eq!(
        ciphers::find(&mut conn, alice.id, c.id)
            .await
            .unwrap()
            .favorite,
        1
    );
    folders::delete(&mut conn, alice.id, f.id).await.unwrap();
    assert_eq!(
        ciphers::find(&mut conn, alice.id, c.id)
            .await
            .unwrap()
            .folder_id,
        None
    );

    // Attachments: only validated ones are listed; scoped by owner.
    let att = AttachmentRow {
        id: "a1".into(),
        cipher_id: c.id,
        file_name: "2.n|n|n".into(),
        attachment_key: None,
        declared_size: 10,
        size: 0,
        validated: 0,
    };
    attachments::insert(&mut conn, &att, 1).await.unwrap();
    assert!(attachments::list_for_user(&mut conn, alice.id)
        .await
        .unwrap()
        .is_empty());
    attachments::mark_uploaded(&mut conn, c.id, "a1", 10)
        .await
        .unwrap();
    assert_eq!(
        attachments::list_for_user(&mut conn, alice.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        attachments::find(&mut conn, bob.id, c.id, "a1").await,
        Err(StoreError::NotFound)
    ));

    // A transaction that fails leaves nothing behind.
    {
        let mut tx = store.begin().await.unwrap();
        folders::insert(&mut tx, bob.id, FolderId::new(), "2.x|x|x", 1)
            .await
            .unwrap();
        drop(tx); // rolled back
    }
    assert!(folders::list(&mut conn, bob.id).await.unwrap().is_empty());

    // Deleting a user cascades to everything they own.
    users::delete(&mut conn, alice.id).await.unwrap();
    assert!(ciphers::list_for_user(&mut conn, alice.id)
        .await
        .unwrap()
        .is_empty());
    assert!(devices::list(&mut conn, alice.id).await.unwrap().is_empty());
    assert!(attachments::list_for_cipher(&mut conn, c.id)
        .await
        .unwrap()
        .is_empty());
    assert!(two_factor::list(&mut conn, alice.id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_story_holds_on_sqlite() {
    support::on_sqlite(story).await;
}

#[tokio::test]
async fn the_story_holds_on_postgres() {
    support::on_postgres(story).await;
}
