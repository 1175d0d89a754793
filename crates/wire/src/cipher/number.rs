//! Lenient integers: ASP.NET, which the clients were written against, also accepts numbers
//! sent as JSON strings (`"type": "1"`), so the enum-like fields of a cipher do too.

use serde::de::Error;
use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Number(i64),
    Text(String),
}

/// `null`, a missing field, an integer, or a string holding an integer.
///
/// # Errors
/// Any other JSON value, or text that is not an integer.
pub fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<NumberOrText>::deserialize(d)? {
        None => Ok(None),
        Some(NumberOrText::Number(n)) => Ok(Some(n)),
        Some(NumberOrText::Text(s)) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::custom(format!("expected an integer, got {s:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct T {
        #[serde(default, deserialize_with = "super::opt_i64")]
        n: Option<i64>,
    }

    fn parse(s: &str) -> Result<Option<i64>, serde_json::Error> {
        serde_json::from_str::<T>(s).map(|t| t.n)
    }

    #[test]
    fn numbers_may_arrive_as_text() {
        assert_eq!(parse(r#"{"n":3}"#).unwrap(), Some(3));
        assert_eq!(parse(r#"{"n":"3"}"#).unwrap(), Some(3));
        assert_eq!(parse(r#"{"n":null}"#).unwrap(), None);
        assert_eq!(parse("{}").unwrap(), None);
        assert!(parse(r#"{"n":"x"}"#).is_err());
        assert!(parse(r#"{"n":[1]}"#).is_err());
    }
}
