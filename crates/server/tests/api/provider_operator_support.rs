//! The operator's test harness: an app started with (or without) the admin token hash, its
//! state for looking behind the API, and requests with the operator's token.

use crate::helpers::{with_smtp, Db, TestApp};
use bulwark_client::{Client, Method, Response};
use bulwark_domain::ProviderId;
use bulwark_server::config::{Config, FileConfig, Overrides};
use bulwark_server::state::AppState;
use bulwark_server::Application;
use bulwark_testkit::smtp_sink::SmtpSink;
use serde_json::Value;

pub const ADMIN_TOKEN: &str = "operator-token-0123456789";

/// An Argon2id hash of [`ADMIN_TOKEN`] at a low cost (tests only; verification reads the cost
/// from the hash).
pub fn admin_hash() -> String {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let params = argon2::Params::new(1024, 1, 1, Some(32)).unwrap();
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(
            ADMIN_TOKEN.as_bytes(),
            &SaltString::encode_b64(b"provider-operator").unwrap(),
        )
        .unwrap()
        .to_string()
}

/// A running app and its state (store and keys), so tests can look behind the API.
pub struct OpApp {
    pub app: TestApp,
    pub state: AppState,
}

pub async fn spawn(db: Db, admin: bool, sink: Option<&SmtpSink>) -> OpApp {
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
    let mut file = FileConfig {
        db_max_connections: Some(4),
        ..FileConfig::default()
    };
    if let Some(sink) = sink {
        file = with_smtp(sink, file);
    }
    let config = Config::resolve(
        file,
        Overrides {
            bind: Some("127.0.0.1:0".into()),
            data_dir: Some(data_dir.path().to_path_buf()),
            database_url: Some(database_url.clone()),
            admin_token_hash: admin.then(admin_hash),
            ..Overrides::default()
        },
    )
    .expect("test config");
    let application = Application::build(config).await.expect("build app");
    let state = application.state().clone();
    let base_url = format!("http://{}", application.local_addr().unwrap());
    tokio::spawn(application.run());
    OpApp {
        app: TestApp {
            client: Client::new(&base_url),
            base_url,
            data_dir,
            db,
            database_url,
        },
        state,
    }
}

impl OpApp {
    pub async fn admin(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        self.app
            .client
            .request(method, path, Some(ADMIN_TOKEN), body)
            .await
    }

    pub async fn create(&self, body: Value) -> Response {
        self.admin(Method::POST, "/admin/providers", Some(body))
            .await
    }

    pub async fn create_ok(&self, body: Value) -> ProviderId {
        let r = self.create(body).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json["id"].as_str().unwrap().parse().unwrap()
    }

    pub async fn listed(&self, id: ProviderId) -> Option<Value> {
        let r = self.admin(Method::GET, "/admin/providers", None).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id.to_string())
            .cloned()
    }
}

/// Runs `$body(db)` on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                ($body)($crate::helpers::Db::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                ($body)($crate::helpers::Db::Postgres).await;
            }
        }
    };
}
