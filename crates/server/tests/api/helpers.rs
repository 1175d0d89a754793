//! `spawn_app()`: the real router on port 0 against a fresh database (a temporary SQLite file,
//! or a freshly created PostgreSQL database), and users that act through the client crate.

use bulwark_client::{AccountSecrets, Client, Kdf, Session};
use bulwark_server::config::{Config, FileConfig, Overrides, SmtpSecurity};
use bulwark_server::Application;
use bulwark_testkit::smtp_sink::SmtpSink;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base_url: String,
    pub client: Client,
    /// Holds the temporary data directory (database, attachments) for the test's lifetime.
    #[allow(dead_code)]
    pub data_dir: tempfile::TempDir,
    pub db: Db,
    /// The app's database, for tests that set up what only the operator can (providers).
    pub database_url: String,
}

/// `file` with SMTP pointed at a test sink.
pub fn with_smtp(sink: &SmtpSink, mut file: FileConfig) -> FileConfig {
    file.smtp_host = Some("127.0.0.1".into());
    file.smtp_port = Some(sink.port);
    file.smtp_security = Some(SmtpSecurity::Off);
    file.smtp_from = Some(SmtpSink::FROM.into());
    file
}

pub struct Options {
    pub file: FileConfig,
    pub signups_allowed: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            file: FileConfig::default(),
            signups_allowed: true,
        }
    }
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with(db, Options::default()).await
}

pub async fn spawn_app_with(db: Db, options: Options) -> TestApp {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let database_url = match db {
        Db::Sqlite => format!(
            "sqlite://{}?mode=rwc",
            data_dir.path().join("test.sqlite3").display()
        ),
        Db::Postgres => {
            bulwark_testkit::postgres::fresh_database("bulwark_test")
                .await
                .1
        }
    };
    let mut file = options.file;
    file.db_max_connections.get_or_insert(4);
    let config = Config::resolve(
        file,
        Overrides {
            bind: Some("127.0.0.1:0".into()),
            data_dir: Some(data_dir.path().to_path_buf()),
            database_url: Some(database_url.clone()),
            signups_allowed: Some(options.signups_allowed),
            ..Overrides::default()
        },
    )
    .expect("test config");
    let app = Application::build(config).await.expect("build app");
    let addr = app.local_addr().unwrap();
    tokio::spawn(app.run());
    let base_url = format!("http://{addr}");
    TestApp {
        client: Client::new(&base_url),
        base_url,
        data_dir,
        db,
        database_url,
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fast KDF within Bitwarden's bounds, so tests spend their time on the server.
pub fn fast_kdf() -> Kdf {
    Kdf::Argon2id {
        iterations: 2,
        memory_mib: 16,
        parallelism: 1,
    }
}

pub fn new_secrets(prefix: &str) -> AccountSecrets {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let email = format!("{prefix}{n}-{}@example.com", uuid::Uuid::new_v4().simple());
    AccountSecrets::new(&email, "correct horse battery staple", fast_kdf())
}

impl TestApp {
    /// Registers and logs in a new user.
    pub async fn user(&self, prefix: &str) -> (AccountSecrets, Session) {
        let secrets = new_secrets(prefix);
        let r = self.client.register(&secrets).await;
        assert_eq!(r.status, 200, "register: {}", r.text);
        let session = self
            .client
            .login(&secrets)
            .await
            .unwrap_or_else(|r| panic!("login failed: {} {}", r.status, r.text));
        (secrets, session)
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Db::Sqlite).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let app = $crate::helpers::spawn_app($crate::helpers::Db::Postgres).await;
                ($body)(app).await;
            }
        }
    };
}

/// Runs an async test body on SQLite and on PostgreSQL against a server built with `$options`.
#[macro_export]
macro_rules! both_databases_with {
    ($name:ident, $options:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let app =
                    $crate::helpers::spawn_app_with($crate::helpers::Db::Sqlite, $options).await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let app =
                    $crate::helpers::spawn_app_with($crate::helpers::Db::Postgres, $options).await;
                ($body)(app).await;
            }
        }
    };
}
