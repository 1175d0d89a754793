use thiserror::Error;

/// Storage failures, translated from the driver once. Constraint violations carry the
/// constraint's name so the service layer can map them to a precise client error instead of
/// checking first and inserting second.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("row not found")]
    NotFound,
    #[error("unique constraint violated: {0}")]
    Conflict(String),
    #[error("foreign key violated")]
    ForeignKey,
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("the database stayed busy")]
    Busy,
    #[error("configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Database(sqlx::Error),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) => {
                if db.is_unique_violation() {
                    // SQLite reports "UNIQUE constraint failed: users.email" without the
                    // constraint name; PostgreSQL names the constraint. Both are kept.
                    let name = db
                        .constraint()
                        .map_or_else(|| db.message().to_owned(), str::to_owned);
                    Self::Conflict(name)
                } else if db.is_foreign_key_violation() {
                    Self::ForeignKey
                } else {
                    Self::Database(e)
                }
            }
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                Self::Corrupt(e.to_string())
            }
            _ => Self::Database(e),
        }
    }
}

impl StoreError {
    /// Whether this is a unique violation of the constraint `name` (matched on the constraint
    /// name for PostgreSQL and on the column list SQLite reports).
    #[must_use]
    pub fn is_conflict_on(&self, name: &str, sqlite_columns: &str) -> bool {
        matches!(self, Self::Conflict(c) if c == name || c.contains(sqlite_columns))
    }
}
