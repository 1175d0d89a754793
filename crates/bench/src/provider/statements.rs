//! SQL statements per request, counted from the server's own log. The server runs with
//! `sqlx::query=debug` for this (see [`STATEMENT_LOG`]), which writes one event per statement
//! executed through sqlx; nothing else is in flight, so the statement events between the
//! moment a request is sent and its request log line are that request's statements.
//!
//! SQLite vault items are read outside sqlx (a plain SQLite connection streams them), a fixed
//! two statements whatever the vault holds; they are not in this count.

use crate::accounts::BenchUser;
use crate::measure::sync::get_once;
use anyhow::{bail, Context};
use std::path::Path;
use std::time::Duration;

/// The server's log filter while counting: its usual one, plus every sqlx statement.
pub const STATEMENT_LOG: (&str, &str) = ("BULWARK_LOG", "info,sqlx=warn,sqlx::query=debug");

/// How many times a request is counted; the smallest count stands, since a background task
/// (the hourly seat snapshot, taken at start too) can only add statements to a count.
const ATTEMPTS: usize = 3;
const LOG_POLLS: u32 = 100;
const LOG_POLL_INTERVAL: Duration = Duration::from_millis(20);

/// The statements `GET path` runs for `user`.
pub async fn count(user: &BenchUser, log_path: &Path, path: &str) -> anyhow::Result<usize> {
    let mut fewest = usize::MAX;
    for _ in 0..ATTEMPTS {
        fewest = fewest.min(count_once(user, log_path, path).await?);
    }
    Ok(fewest)
}

async fn count_once(user: &BenchUser, log_path: &Path, path: &str) -> anyhow::Result<usize> {
    let offset = std::fs::metadata(log_path)?.len();
    get_once(user, path).await?;
    let logged_path = path.split('?').next().unwrap_or(path);
    for _ in 0..LOG_POLLS {
        let log = std::fs::read(log_path)
            .with_context(|| format!("reading the server log {}", log_path.display()))?;
        let start = usize::try_from(offset)?.min(log.len());
        let text = String::from_utf8_lossy(&log[start..]);
        if let Some(n) = statements_before_request(&text, logged_path) {
            if n == 0 {
                bail!("no sqlx statement events: is the server logging with {STATEMENT_LOG:?}?");
            }
            return Ok(n);
        }
        tokio::time::sleep(LOG_POLL_INTERVAL).await;
    }
    bail!("the server logged no request line for {path}")
}

/// Statement events in `log` before the first request line for `path`, or `None` while that
/// line is not there yet.
fn statements_before_request(log: &str, path: &str) -> Option<usize> {
    let request_mark = format!(" path={path} ");
    let mut statements = 0;
    for line in log.lines() {
        if line.contains("::request_log: ") && line.contains(&request_mark) {
            return Some(statements);
        }
        if line.contains(" sqlx::query: ") {
            statements += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::statements_before_request;

    #[test]
    fn counts_statement_events_up_to_the_request_line() {
        let log = "\
2026-11-22T00:00:00Z DEBUG sqlx::query: summary=\"SELECT * FROM users …\" db.statement=\"\n\nSELECT\n  *\nFROM\n  users\n\" rows_returned=1
2026-11-22T00:00:00Z DEBUG sqlx::query: summary=\"SELECT l.org_id, …\" rows_returned=10000
2026-11-22T00:00:00Z  INFO bulwark_server::request_log: request method=GET path=/api/sync status=200 duration_us=900
2026-11-22T00:00:00Z DEBUG sqlx::query: summary=\"SELECT 1\"
";
        assert_eq!(statements_before_request(log, "/api/sync"), Some(2));
        assert_eq!(statements_before_request(log, "/api/other"), None);
        assert_eq!(statements_before_request("", "/api/sync"), None);
    }
}
