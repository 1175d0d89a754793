//! Self-authenticating download links for attachments: the clients fetch the `url` with a plain
//! GET and no Authorization header, so the link carries an expiring HMAC over item, attachment
//! and expiry.

use super::cipher_view::AttachmentLinks;
use base64::Engine;
use bulwark_store::attachments::AttachmentRow;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const LINK_SECS: i64 = 5 * 60;

fn signature(key: &[u8], cipher: &str, attachment: &str, expires: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(format!("{cipher}|{attachment}|{expires}").as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// `token` for the download route: `<expires>.<signature>`.
#[must_use]
pub fn download_token(key: &[u8], cipher: &str, attachment: &str, now_secs: i64) -> String {
    let expires = now_secs + LINK_SECS;
    format!("{expires}.{}", signature(key, cipher, attachment, expires))
}

#[must_use]
pub fn download_url(links: &AttachmentLinks<'_>, a: &AttachmentRow) -> String {
    let token = download_token(
        links.key,
        &a.cipher_id.to_string(),
        &a.id,
        chrono::Utc::now().timestamp(),
    );
    format!(
        "{}/api/attachments/{}/{}?token={token}",
        links.base_url, a.cipher_id, a.id
    )
}

/// Whether `token` was issued for this attachment and has not expired.
#[must_use]
pub fn token_valid(key: &[u8], token: &str, cipher: &str, attachment: &str, now_secs: i64) -> bool {
    let Some((expires, sig)) = token.split_once('.') else {
        return false;
    };
    let Ok(expires) = expires.parse::<i64>() else {
        return false;
    };
    expires >= now_secs
        && crate::auth::tokens::secrets_equal(&signature(key, cipher, attachment, expires), sig)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bound_to_their_attachment_and_expire() {
        let t = download_token(b"k", "c", "a", 100);
        assert!(token_valid(b"k", &t, "c", "a", 101));
        assert!(!token_valid(b"k", &t, "c", "b", 101));
        assert!(!token_valid(b"k", &t, "d", "a", 101));
        assert!(!token_valid(b"x", &t, "c", "a", 101));
        assert!(!token_valid(b"k", &t, "c", "a", 100 + LINK_SECS + 1));
        assert!(!token_valid(b"k", "junk", "c", "a", 101));
    }
}
