//! Random secrets: refresh tokens, API keys, recovery codes, security stamps.

use base64::Engine;
use rand::distributions::Alphanumeric;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// A 64-byte random refresh token, URL-safe base64.
#[must_use]
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 64];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a refresh token.
#[must_use]
pub fn hash_token(token: &str) -> String {
    hex_lower(&Sha256::digest(token.as_bytes()))
}

/// Random alphanumeric text of `len` characters (API keys are 30).
#[must_use]
pub fn random_alphanumeric(len: usize) -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(len)
        .map(char::from)
        .collect()
}

/// A 32-character lowercase alphanumeric recovery code.
#[must_use]
pub fn new_recovery_code() -> String {
    random_alphanumeric(32).to_lowercase()
}

#[must_use]
pub fn new_security_stamp() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Constant-time comparison of two secrets.
#[must_use]
pub fn secrets_equal(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_hashes_are_stable_and_distinct() {
        let t = new_refresh_token();
        assert_eq!(hash_token(&t), hash_token(&t));
        assert_ne!(hash_token(&t), hash_token(&new_refresh_token()));
        assert_eq!(hash_token(&t).len(), 64);
    }

    #[test]
    fn recovery_codes_are_32_lowercase_alphanumerics() {
        let c = new_recovery_code();
        assert_eq!(c.len(), 32);
        assert!(c
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit()));
        assert!(secrets_equal(&c, &c.clone()));
        assert!(!secrets_equal(&c, "x"));
    }
}
