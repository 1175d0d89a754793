//! The paging rules of the event log routes: a date range (both ends given, or the last 30
//! days through the end of today), swapped when reversed, at most 367 days, read newest first
//! 50 at a time, continued with an opaque token naming the last row returned.

use crate::time::{parse_rfc3339, Micros};
use crate::EventId;
use chrono::{Duration, TimeZone, Utc};

pub const PAGE_SIZE: i64 = 50;
const MAX_SPAN_DAYS: i64 = 367;

/// A range to read, in microseconds, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub start: Micros,
    pub end: Micros,
}

/// The range from the route's `start` and `end` (RFC 3339), relative to `now`.
///
/// # Errors
/// `Range too large.` beyond 367 days; a message naming an unparsable date.
pub fn range(start: Option<&str>, end: Option<&str>, now: Micros) -> Result<Range, String> {
    let parse = |name: &str, s: &str| {
        parse_rfc3339(s).ok_or_else(|| format!("The value '{s}' is not valid for {name}."))
    };
    let (mut start, mut end) = match (
        start.filter(|s| !s.is_empty()),
        end.filter(|s| !s.is_empty()),
    ) {
        (Some(s), Some(e)) => (parse("start", s)?, parse("end", e)?),
        _ => {
            let today = Utc
                .timestamp_micros(now)
                .single()
                .unwrap_or_default()
                .date_naive()
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc();
            let from = today - Duration::days(30);
            let to = today + Duration::days(1) - Duration::microseconds(1);
            (from.timestamp_micros(), to.timestamp_micros())
        }
    };
    if start > end {
        std::mem::swap(&mut start, &mut end);
    }
    if end - start > MAX_SPAN_DAYS * 86_400 * 1_000_000 {
        return Err("Range too large.".into());
    }
    Ok(Range { start, end })
}

/// The token for the page after one ending with (date, id).
#[must_use]
pub fn token(date: Micros, id: &str) -> String {
    format!("{date}_{id}")
}

/// Reads a token back; `None` for anything this server did not make.
#[must_use]
pub fn parse_token(token: &str) -> Option<(Micros, EventId)> {
    let (date, id) = token.split_once('_')?;
    Some((date.parse().ok()?, id.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400 * 1_000_000;

    #[test]
    fn missing_ends_mean_the_last_thirty_days_through_today() {
        let now = parse_rfc3339("2026-11-22T10:00:00Z").unwrap();
        let r = range(None, Some("2026-01-01T00:00:00Z"), now).unwrap();
        assert_eq!(r.start, parse_rfc3339("2026-10-23T00:00:00Z").unwrap());
        assert_eq!(r.end, parse_rfc3339("2026-11-23T00:00:00Z").unwrap() - 1);
    }

    #[test]
    fn reversed_ranges_swap_and_long_ones_are_refused() {
        let r = range(
            Some("2026-02-01T00:00:00Z"),
            Some("2026-01-01T00:00:00Z"),
            0,
        )
        .unwrap();
        assert!(r.start < r.end);
        assert_eq!(r.end - r.start, 31 * DAY);
        let e = range(
            Some("2024-01-01T00:00:00Z"),
            Some("2026-01-01T00:00:00Z"),
            0,
        )
        .unwrap_err();
        assert_eq!(e, "Range too large.");
        assert!(range(Some("yesterday"), Some("2026-01-01T00:00:00Z"), 0).is_err());
    }

    #[test]
    fn tokens_round_trip_and_foreign_ones_are_ignored() {
        let id = EventId::new();
        assert_eq!(parse_token(&token(42, &id.to_string())), Some((42, id)));
        assert_eq!(parse_token("42"), None);
        assert_eq!(parse_token("x_y"), None);
    }
}
