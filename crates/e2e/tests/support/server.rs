//! The real server, in-process, serving HTTPS on a free loopback port against a fresh database.

use super::tls::TestPki;
use bulwark_client::Client;
use bulwark_server::auth::password::PasswordHasherService;
use bulwark_server::config::{Config, FileConfig, Overrides, PasswordHashCost, SmtpSecurity};
use bulwark_server::Application;
use bulwark_testkit::smtp_sink::SmtpSink;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

pub struct E2eServer {
    /// `https://127.0.0.1:PORT`, what `bw config server` is given.
    pub base_url: String,
    pub pki: TestPki,
    /// The Rust client's view of the server (another "device" of the same users).
    pub client: Client,
    /// Where the server delivers its mail (invitations).
    pub smtp: SmtpSink,
    /// The operator's token for the `/admin` API (the server holds only its Argon2id hash).
    pub admin_token: String,
    postgres_db: Option<String>,
    _data_dir: tempfile::TempDir,
}

impl E2eServer {
    pub async fn start(db: Db) -> Self {
        let pki = TestPki::generate();
        let data_dir = tempfile::tempdir().expect("temp data dir");
        let (postgres_db, database_url) = match db {
            Db::Sqlite => (
                None,
                format!(
                    "sqlite://{}?mode=rwc",
                    data_dir.path().join("e2e.sqlite3").display()
                ),
            ),
            Db::Postgres => {
                let (name, url) = bulwark_testkit::postgres::fresh_database("bulwark_e2e").await;
                (Some(name), url)
            }
        };
        let smtp = SmtpSink::start().await;
        let admin_token = format!("e2e-operator-{}", uuid::Uuid::new_v4().simple());
        // Hashed as `bulwark admin hash-token` does.
        let admin_token_hash = PasswordHasherService::new(PasswordHashCost::OWASP_MINIMUM)
            .expect("hasher")
            .hash(admin_token.clone())
            .await
            .expect("admin token hash");
        let file = FileConfig {
            db_max_connections: Some(4),
            smtp_host: Some("127.0.0.1".into()),
            smtp_port: Some(smtp.port),
            smtp_security: Some(SmtpSecurity::Off),
            smtp_from: Some(SmtpSink::FROM.into()),
            ..FileConfig::default()
        };
        let config = Config::resolve(
            file,
            Overrides {
                bind: Some("127.0.0.1:0".into()),
                data_dir: Some(data_dir.path().to_path_buf()),
                database_url: Some(database_url),
                tls_cert: Some(pki.cert_pem.clone()),
                tls_key: Some(pki.key_pem.clone()),
                signups_allowed: Some(true),
                admin_token_hash: Some(admin_token_hash),
                ..Overrides::default()
            },
        )
        .expect("e2e config");
        // `build` binds the listener, so the port accepts connections before `run` is polled:
        // no waiting loop is needed.
        let app = Application::build(config).await.expect("build app");
        let port = app.local_addr().expect("bound address").port();
        tokio::spawn(async move {
            if let Err(e) = app.run().await {
                // A panic here would only end this task; the log line explains the failures
                // the test then reports.
                eprintln!("bulwark server stopped: {e:#}");
            }
        });
        let base_url = format!("https://127.0.0.1:{port}");
        Self {
            // The Rust client only needs to reach the server; certificate checking is what the
            // `bw` runs verify (Node validates the chain against the throw-away CA).
            client: Client::new_accepting_invalid_certs(&base_url),
            base_url,
            pki,
            smtp,
            admin_token,
            postgres_db,
            _data_dir: data_dir,
        }
    }

    /// Drops the PostgreSQL database of a passed test, so runs don't pile databases up. (A
    /// failed test keeps it, for inspection.)
    pub async fn cleanup(self) {
        if let Some(name) = &self.postgres_db {
            bulwark_testkit::postgres::drop_database(name).await;
        }
    }
}
