//! Runs a storage story on both databases: a fresh SQLite file, and a fresh PostgreSQL database
//! that is dropped afterwards (named `bulwark_story_…`, so the test command also clears it if a
//! failed run left it behind).

use bulwark_store::Store;
use std::future::Future;

pub async fn on_sqlite<F, Fut>(story: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("story.sqlite3").display()
    );
    story(Store::connect(&url, 2).await.unwrap()).await;
}

pub async fn on_postgres<F, Fut>(story: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let (name, url) = bulwark_testkit::postgres::fresh_database("bulwark_story").await;
    let store = Store::connect(&url, 2).await.unwrap();
    story(store.clone()).await;
    store.close().await;
    bulwark_testkit::postgres::drop_database(&name).await;
}
