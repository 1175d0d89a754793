//! A write transaction, together with SQLite's writer slot while it runs.

use crate::Result;
use sqlx::{Any, AnyConnection, Transaction};
use std::ops::{Deref, DerefMut};
use tokio::sync::OwnedMutexGuard;

/// Derefs to the connection, so repository functions take `&mut tx` like any connection.
/// Dropping it without `commit` rolls back, as sqlx transactions do.
pub struct Tx {
    // Declared before the slot: on drop the rollback is queued before the slot is released.
    inner: Transaction<'static, Any>,
    _slot: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub(crate) fn new(inner: Transaction<'static, Any>, slot: Option<OwnedMutexGuard<()>>) -> Self {
        Self { inner, _slot: slot }
    }

    /// # Errors
    /// When the database refuses the commit; nothing of the transaction is kept then.
    pub async fn commit(self) -> Result<()> {
        self.inner.commit().await?;
        Ok(())
    }
}

impl Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}
