//! RFC 6238 TOTP (HMAC-SHA1, 30 s step), as authenticator apps compute it,
//! so tests can pass two-factor login.

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;

const STEP_SECONDS: u64 = 30;

/// The 6-digit code for `secret_b32` at `unix_time`.
///
/// Panics if the secret is not base32: the secret comes from the server
/// under test, so a bad one should fail the test loudly.
pub fn totp_code(secret_b32: &str, unix_time: u64) -> String {
    totp_code_digits(secret_b32, unix_time, 6)
}

/// Like [`totp_code`] with a chosen length (RFC test vectors use 8).
pub fn totp_code_digits(secret_b32: &str, unix_time: u64, digits: u32) -> String {
    let secret = decode_secret(secret_b32);
    let counter = unix_time / STEP_SECONDS;
    let mut mac = Hmac::<Sha1>::new_from_slice(&secret).expect("HMAC accepts any key length");
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    // RFC 4226 dynamic truncation.
    let offset = usize::from(digest[19] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    let code = u64::from(word) % 10u64.pow(digits);
    format!("{code:0width$}", width = digits as usize)
}

/// A random 160-bit secret in the canonical form (uppercase base32, no
/// padding), for tests that play the part of the client choosing a key.
pub fn generate_totp_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// Accepts what users paste: any case, spaces, optional `=` padding.
fn decode_secret(secret_b32: &str) -> Vec<u8> {
    let cleaned: String = secret_b32
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '=')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    data_encoding::BASE32_NOPAD
        .decode(cleaned.as_bytes())
        .unwrap_or_else(|e| panic!("TOTP secret {secret_b32:?} is not base32: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // base32("12345678901234567890"), the RFC 6238 SHA-1 test secret.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn rfc6238_sha1_vectors() {
        assert_eq!(totp_code_digits(RFC_SECRET, 59, 8), "94287082");
        assert_eq!(totp_code_digits(RFC_SECRET, 1_111_111_109, 8), "07081804");
        assert_eq!(totp_code_digits(RFC_SECRET, 2_000_000_000, 8), "69279037");
        assert_eq!(totp_code(RFC_SECRET, 59), "287082");
    }

    #[test]
    fn lenient_secret_parsing() {
        assert_eq!(
            totp_code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", 59),
            "287082"
        );
    }

    #[test]
    fn generated_secret_is_canonical() {
        let s = generate_totp_secret();
        assert_eq!(s.len(), 32);
        assert!(s
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
        assert_eq!(totp_code(&s, 0).len(), 6);
    }
}
