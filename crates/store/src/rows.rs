//! Small helpers shared by the organization modules: affected-row checks, placeholder lists
//! and optional-id parsing.

use crate::{Result, StoreError};

/// An UPDATE or DELETE scoped by tenant that touched nothing found nothing: the row does not
/// exist, or belongs to another tenant (indistinguishable on purpose).
pub(crate) fn expect_one(rows: u64) -> Result<()> {
    if rows == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// `$from, $from+1, ...` for `n` values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses an optional id column, reporting a malformed value as corrupt storage.
pub(crate) fn parse_opt<T: std::str::FromStr>(s: Option<&str>, what: &str) -> Result<Option<T>> {
    s.map(str::parse)
        .transpose()
        .map_err(|_| StoreError::Corrupt(what.into()))
}
