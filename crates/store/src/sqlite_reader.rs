//! Blocking connections to the SQLite file for the hottest paths: streaming a whole vault for
//! sync, and the small write transactions of item creation. sqlx runs each SQLite connection
//! on a worker thread and every statement (and every row) crosses threads twice, which costs
//! more than the statement itself; a plain connection used from one blocking task runs a whole
//! read or transaction with one hand-over.
//!
//! Readers open the same database file (WAL mode, so they never wait for the writer) with
//! `query_only`, and idle ones are kept for reuse. The one writer connection is used only
//! while the store's writer slot is held, so it never competes with sqlx's writers.

use crate::{Result, StoreError};
use rusqlite::{Connection, OpenFlags, ToSql, Transaction, TransactionBehavior};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

/// Idle connections kept; more are opened under load and closed when returned past this.
const KEEP_IDLE: usize = 4;

pub struct SqliteReader {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    writer: Mutex<Option<Connection>>,
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
            writer: Mutex::new(None),
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

    /// Runs `f` in an immediate transaction on the writer connection, committing when it
    /// returns Ok. Blocking, and only to be called while the store's writer slot is held
    /// (`Store::write_blocking` does both).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut slot = self
            .writer
            .lock()
            .map_err(|_| StoreError::Config("SQLite writer poisoned".into()))?;
        if slot.is_none() {
            let conn = Connection::open_with_flags(
                &self.path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(Duration::from_secs(10))?;
            conn.pragma_update(None, "foreign_keys", true)?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            *slot = Some(conn);
        }
        let conn = slot.as_mut().ok_or(StoreError::Busy)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
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

/// Binds `args` to a statement written with `$1`, `$2`, … (the form every query in this crate
/// uses, so one SQL text serves sqlx and rusqlite). SQLite numbers named parameters by first
/// appearance, so they are bound by name, not by position.
///
/// # Errors
/// When the statement lacks one of the parameters.
pub(crate) fn bind_numbered(stmt: &mut rusqlite::Statement<'_>, args: &[&dyn ToSql]) -> Result<()> {
    for (i, arg) in args.iter().enumerate() {
        let name = format!("${}", i + 1);
        let index = stmt
            .parameter_index(&name)?
            .ok_or_else(|| StoreError::Config(format!("statement has no {name}")))?;
        stmt.raw_bind_parameter(index, arg)?;
    }
    Ok(())
}

/// Executes a `$n` statement on a blocking connection; returns the rows changed.
///
/// # Errors
/// Database failures.
pub(crate) fn execute(conn: &Connection, sql: &str, args: &[&dyn ToSql]) -> Result<usize> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind_numbered(&mut stmt, args)?;
    Ok(stmt.raw_execute()?)
}

/// Whether a `$n` query returns any row.
///
/// # Errors
/// Database failures.
pub(crate) fn exists(conn: &Connection, sql: &str, args: &[&dyn ToSql]) -> Result<bool> {
    let mut stmt = conn.prepare_cached(sql)?;
    bind_numbered(&mut stmt, args)?;
    let mut rows = stmt.raw_query();
    let found = rows.next()?.is_some();
    Ok(found)
}
