//! Reads JWT claims without verifying them: the client only needs its own
//! user id, and verification is the server's job (and the server's key).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

/// The decoded payload (second segment) of a JWT, or `None` if it is not a
/// well-formed three-part token with a JSON payload.
pub fn jwt_claims(token: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    // Tolerate padded encoders even though JWTs forbid padding.
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_payload() {
        let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"abc","exp":1}"#);
        let token = format!("eyJhbGciOiJIUzI1NiJ9.{payload}.sig");
        assert_eq!(jwt_claims(&token), Some(json!({"sub": "abc", "exp": 1})));
    }

    #[test]
    fn rejects_malformed() {
        assert_eq!(jwt_claims("only.two"), None);
        assert_eq!(jwt_claims("a.!!!.c"), None);
        assert_eq!(jwt_claims("a.b.c.d"), None);
    }
}
