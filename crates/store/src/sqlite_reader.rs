//! Blocking read connections to the SQLite file, for the one read that dominates a server's
//! work: streaming a whole vault for sync. sqlx runs each SQLite connection on a worker thread
//! and hands every row across a channel, which costs more than reading the row; a plain
//! connection used from a blocking thread reads the rows where they are rendered.
//!
//! It opens the same database file (WAL mode, so readers never wait for the writer) with
//! `query_only`, and keeps idle connections for reuse.

use crate::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// Idle connections kept; more are opened under load and closed when returned past this.
const KEEP_IDLE: usize = 4;

pub struct SqliteReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteReader").finish_non_exhaustive()
    }
}

impl SqliteReader {
    /// # Errors
    /// When `url` is not a SQLite URL sqlx would accept.
    pub(crate) fn for_url(url: &str) -> Result<Self> {
        let options = sqlx::sqlite::SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("SQLite URL: {e}")))?;
        Ok(Self {
            path: options.get_filename().to_path_buf(),
            idle: Mutex::new(Vec::new()),
        })
    }

    fn open(&self) -> Result<Connection> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// Runs `f` on a read connection. Blocking: call it from `spawn_blocking`.
    ///
    /// # Errors
    /// What `f` returns, or a failure to open a connection.
    pub fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let taken = self.idle.lock().map_or(None, |mut idle| idle.pop());
        let conn = match taken {
            Some(conn) => conn,
            None => self.open()?,
        };
        let out = f(&conn);
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < KEEP_IDLE {
                idle.push(conn);
            }
        }
        out
    }
}
