//! Persistence for Bulwark: one implementation over sqlx's Any driver, so every query is written
//! once and runs on the embedded SQLite file and on PostgreSQL. Schema differences live only in
//! the two migration trees (same file names, checked by a test).
//!
//! Every function takes the connection it runs on (a pool connection or an open transaction), so
//! the service layer decides what is atomic. Functions over tenant data take the owner's id and
//! filter by it, so no query can forget its tenant.

pub mod account_recovery;
pub mod attachments;
pub mod ciphers;
pub mod collections;
pub mod devices;
mod error;
pub mod events;
pub mod folders;
mod grants;
pub mod groups;
pub mod members;
pub mod org_ciphers;
pub mod org_ciphers_blocking;
pub mod organizations;
pub mod policies;
pub mod provider_applications;
pub mod provider_orgs;
pub mod provider_snapshots;
pub mod provider_users;
pub mod providers;
mod rows;
pub mod settings;
mod sqlite_reader;
pub mod tokens;
pub mod two_factor;
mod tx;
pub mod user_orgs;
pub mod users;

pub use error::StoreError;
pub use sqlite_reader::SqliteReader;
pub use sqlx::AnyConnection;
pub use tx::Tx;

use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Executor};
use std::sync::Arc;
use std::time::Duration;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How long a write transaction waits for SQLite's single writer slot before giving up.
const WRITE_WAIT: Duration = Duration::from_secs(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite admits one writer at a time. Writers that find it taken sleep in SQLite's busy
    /// handler (1 ms, 2 ms, 5 ms, … steps), which wastes most of the time under concurrent
    /// writes; queueing them here instead hands the slot over as soon as it is free.
    write_slot: Option<Arc<tokio::sync::Mutex<()>>>,
    /// Blocking read connections for the large streamed reads (sync), SQLite only.
    reader: Option<Arc<SqliteReader>>,
}

impl std::fmt::Debug for Store {
    // The pool's options hold the connection URL, which may carry a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish()
    }
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Store {
    /// Connects to `url` (`sqlite://path` or `postgres://…`) and applies pending migrations.
    ///
    /// # Errors
    /// When the database cannot be opened or a migration fails.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            return Err(StoreError::Config(
                "the database URL must start with sqlite: or postgres://".into(),
            ));
        };
        let mut options = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(30));
        if backend == Backend::Sqlite {
            // A ping before each checkout is one more round trip to sqlx's SQLite worker thread
            // (the dominant cost of small requests), and a file connection does not go stale.
            // Connections idle for 3 s close: each keeps up to 100 prepared statements and its
            // page cache, which after a burst of clients is memory nobody uses; opening a file
            // connection again takes well under a millisecond.
            options = options
                .test_before_acquire(false)
                .min_connections(0)
                .idle_timeout(Duration::from_secs(3));
            // WAL lets readers run beside the single writer; busy_timeout makes writers queue
            // instead of failing; NORMAL sync is durable across application crashes in WAL mode.
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    Ok(())
                })
            });
        }
        let pool = options.connect(url).await?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        let (write_slot, reader) = match backend {
            Backend::Sqlite => (
                Some(Arc::new(tokio::sync::Mutex::new(()))),
                Some(Arc::new(SqliteReader::for_url(url)?)),
            ),
            Backend::Postgres => (None, None),
        };
        Ok(Self {
            pool,
            backend,
            write_slot,
            reader,
        })
    }

    #[must_use]
    pub fn backend(&self) -> Backend {
        self.backend
    }

    #[must_use]
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// # Errors
    /// When no connection can be had.
    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// The blocking SQLite reader for streamed reads; `None` on PostgreSQL.
    #[must_use]
    pub fn sqlite_reader(&self) -> Option<&Arc<SqliteReader>> {
        self.reader.as_ref()
    }

    /// Runs `f` as one immediate transaction on SQLite's blocking writer connection, holding
    /// the writer slot: a whole small write costs one hand-over to a blocking thread instead
    /// of two per statement. Returns `None` on PostgreSQL (callers use `begin` there).
    ///
    /// # Errors
    /// What `f` returns, database failures, or the slot staying taken for `WRITE_WAIT`.
    pub async fn write_blocking<T, F>(&self, f: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T> + Send + 'static,
    {
        let (Some(slot), Some(reader)) = (&self.write_slot, &self.reader) else {
            return Ok(None);
        };
        let guard = tokio::time::timeout(WRITE_WAIT, Arc::clone(slot).lock_owned())
            .await
            .map_err(|_| StoreError::Busy)?;
        let reader = Arc::clone(reader);
        let out = tokio::task::spawn_blocking(move || {
            let out = reader.write(f);
            drop(guard);
            out
        })
        .await
        .map_err(|e| StoreError::Config(format!("blocking write task: {e}")))??;
        Ok(Some(out))
    }

    /// Starts a write transaction. On SQLite it first takes the process's writer slot, so a
    /// transaction must never be begun while the same task holds another one. Write
    /// transactions should write first (bumping a revision date does).
    ///
    /// # Errors
    /// When no connection can be had, or the writer slot stays taken for `WRITE_WAIT`.
    pub async fn begin(&self) -> Result<Tx> {
        let slot = match &self.write_slot {
            Some(slot) => Some(
                tokio::time::timeout(WRITE_WAIT, Arc::clone(slot).lock_owned())
                    .await
                    .map_err(|_| StoreError::Busy)?,
            ),
            None => None,
        };
        Ok(Tx::new(self.pool.begin().await?, slot))
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_have_the_same_migration_files() {
        let names = |dir: &str| {
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let base = env!("CARGO_MANIFEST_DIR");
        assert_eq!(
            names(&format!("{base}/migrations/sqlite")),
            names(&format!("{base}/migrations/postgres"))
        );
    }
}
