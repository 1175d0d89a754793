//! TOTP (RFC 6238, SHA-1, 6 digits, 30 s) and the 30-day "remember this device" token.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const STEP_SECS: u64 = 30;

/// The time step (of ±1 around `now`) at which `code` is valid for `secret_b32`, if any.
#[must_use]
pub fn matching_step(secret_b32: &str, code: &str, now_secs: u64) -> Option<u64> {
    let secret = data_encoding::BASE32_NOPAD
        .decode(secret_b32.trim_end_matches('=').to_uppercase().as_bytes())
        .ok()?;
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 0, STEP_SECS, secret);
    let step = now_secs / STEP_SECS;
    [step.saturating_sub(1), step, step + 1]
        .into_iter()
        .find(|s| crate::auth::tokens::secrets_equal(&totp.generate(s * STEP_SECS), &code))
}

/// A fresh 20-byte secret, base32 without padding (32 characters).
#[must_use]
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

const REMEMBER_SECS: i64 = 30 * 86_400;

fn remember_mac(key: &[u8], user: &str, device: &str, stamp: &str, expires: i64) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(format!("{user}|{device}|{stamp}|{expires}").as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// A token that skips the second factor on this device for 30 days; it dies with the security
/// stamp, so a password change or 2FA reset invalidates it.
#[must_use]
pub fn remember_token(key: &[u8], user: &str, device: &str, stamp: &str, now_secs: i64) -> String {
    let expires = now_secs + REMEMBER_SECS;
    let mac = remember_mac(key, user, device, stamp, expires);
    format!(
        "{expires}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
    )
}

#[must_use]
pub fn remember_token_valid(
    key: &[u8],
    token: &str,
    user: &str,
    device: &str,
    stamp: &str,
    now_secs: i64,
) -> bool {
    let Some((expires, mac)) = token.split_once('.') else {
        return false;
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return false;
    };
    let expected = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(remember_mac(key, user, device, stamp, expires));
    expires > now_secs && crate::auth::tokens::secrets_equal(&expected, mac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_within_one_step() {
        let secret = new_secret();
        let raw = data_encoding::BASE32_NOPAD
            .decode(secret.as_bytes())
            .unwrap();
        let totp = totp_rs::TOTP::new_unchecked(totp_rs::Algorithm::SHA1, 6, 0, 30, raw);
        let now = 1_800_000_000;
        let code = totp.generate(now);
        assert_eq!(matching_step(&secret, &code, now), Some(now / 30));
        assert_eq!(matching_step(&secret, &code, now + 30), Some(now / 30));
        assert_eq!(matching_step(&secret, &code, now + 90), None);
        assert_eq!(matching_step(&secret, "12345", now), None);
        assert_eq!(matching_step("not base32!", &code, now), None);
    }

    #[test]
    fn remember_tokens_are_bound_to_user_device_and_stamp() {
        let t = remember_token(b"k", "u", "d", "s", 1000);
        assert!(remember_token_valid(b"k", &t, "u", "d", "s", 1001));
        assert!(!remember_token_valid(b"k", &t, "u", "d", "s2", 1001));
        assert!(!remember_token_valid(b"k", &t, "u", "d2", "s", 1001));
        assert!(!remember_token_valid(
            b"k",
            &t,
            "u",
            "d",
            "s",
            1000 + REMEMBER_SECS + 1
        ));
        assert!(!remember_token_valid(b"k2", &t, "u", "d", "s", 1001));
    }
}
