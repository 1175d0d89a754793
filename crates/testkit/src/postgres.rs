//! Fresh PostgreSQL databases for tests. PostgreSQL is at 127.0.0.1:5432 with trust auth on
//! every machine (CI's too, see `scripts/test.sh`); `BULWARK_TEST_POSTGRES` overrides the admin
//! URL. Names carry a prefix that `scripts/test.sh` recognises, so databases of failed runs
//! are dropped by the next one.

use sqlx::Connection;

#[must_use]
pub fn admin_url() -> String {
    std::env::var("BULWARK_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

async fn admin_connection() -> sqlx::PgConnection {
    sqlx::PgConnection::connect(&admin_url())
        .await
        .expect("PostgreSQL must be running at 127.0.0.1:5432 (scripts/test.sh starts it)")
}

/// Creates `{prefix}_{random}` and returns (name, URL of that database).
pub async fn fresh_database(prefix: &str) -> (String, String) {
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let mut conn = admin_connection().await;
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let admin = admin_url();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let url = format!("{base}/{name}");
    (name, url)
}

/// Drops a database made by [`fresh_database`], even while a pool still holds connections.
pub async fn drop_database(name: &str) {
    let mut conn = admin_connection().await;
    sqlx::Executor::execute(
        &mut conn,
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
    )
    .await
    .expect("drop test database");
}
