//! Provider applications in storage, on SQLite and PostgreSQL: one pending application per
//! user (enforced by the database), lists by user and by status, decisions made once.

mod support;

use bulwark_domain::{ProviderApplicationId, UserId};
use bulwark_store::provider_applications::{self, ApplicationRow};
use bulwark_store::{users, Store, StoreError};
use fixtures::user;

mod fixtures;

fn application(user: UserId, date: i64) -> ApplicationRow {
    ApplicationRow {
        id: ProviderApplicationId::new(),
        user_id: user,
        business_name: "Acme IT".into(),
        billing_email: "billing@acme.example".into(),
        provider_type: 0,
        expected_clients: 10,
        status: 0,
        provider_id: None,
        creation_date: date,
        decision_date: None,
    }
}

async fn story(store: Store) {
    let mut conn = store.conn().await.unwrap();
    let c = &mut *conn;
    let (alice, bob) = (user("alice@example.com"), user("bob@example.com"));
    users::insert(c, &alice).await.unwrap();
    users::insert(c, &bob).await.unwrap();

    let first = application(alice.id, 1);
    provider_applications::insert(c, &first).await.unwrap();
    let second = provider_applications::insert(c, &application(alice.id, 2))
        .await
        .unwrap_err();
    assert!(second.is_second_pending_application(), "{second:?}");
    let bobs = application(bob.id, 3);
    provider_applications::insert(c, &bobs).await.unwrap();

    let own = provider_applications::list_for_user(c, alice.id)
        .await
        .unwrap();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].id, first.id);
    let pending = provider_applications::list(c, Some(0)).await.unwrap();
    assert_eq!(pending.len(), 2);
    assert_eq!(pending[0].applicant_email, "alice@example.com");

    // Decided once; then the user may apply again.
    provider_applications::decide(c, first.id, 2, None, 5)
        .await
        .unwrap();
    assert!(matches!(
        provider_applications::decide(c, first.id, 1, None, 6).await,
        Err(StoreError::NotFound)
    ));
    let found = provider_applications::find(c, first.id).await.unwrap();
    assert_eq!((found.status, found.decision_date), (2, Some(5)));
    provider_applications::insert(c, &application(alice.id, 7))
        .await
        .unwrap();
    assert_eq!(provider_applications::list(c, None).await.unwrap().len(), 3);
    assert_eq!(
        provider_applications::list(c, Some(2)).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn the_application_story_holds_on_sqlite() {
    support::on_sqlite(story).await;
}

#[tokio::test]
async fn the_application_story_holds_on_postgres() {
    support::on_postgres(story).await;
}
