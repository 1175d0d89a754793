//! Timestamps are stored as microseconds since the Unix epoch (UTC) and printed as RFC 3339 with
//! six fractional digits, which every client parses. Microseconds keep the ±1 s
//! `lastKnownRevisionDate` comparison exact.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

pub type Micros = i64;

#[must_use]
pub fn now_micros() -> Micros {
    Utc::now().timestamp_micros()
}

#[must_use]
pub fn format_micros(micros: Micros) -> String {
    Utc.timestamp_micros(micros)
        .single()
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses any RFC 3339 date the clients send.
#[must_use]
pub fn parse_rfc3339(s: &str) -> Option<Micros> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&Utc).timestamp_micros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_with_microseconds() {
        let m = parse_rfc3339("2026-08-20T14:16:19.123456Z").unwrap();
        assert_eq!(format_micros(m), "2026-08-20T14:16:19.123456Z");
        assert_eq!(
            parse_rfc3339("2026-08-20T14:16:19.1Z")
                .map(format_micros)
                .unwrap(),
            "2026-08-20T14:16:19.100000Z"
        );
        assert!(parse_rfc3339("yesterday").is_none());
    }
}
