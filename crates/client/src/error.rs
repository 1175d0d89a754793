//! The one error type every crypto routine in this crate returns.

use thiserror::Error;

/// Why a decryption, unwrap or key parse failed.
///
/// Tests assert on these variants (e.g. "tampered MAC is rejected"), so each
/// failure mode gets its own variant rather than a stringly-typed error.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CryptoError {
    #[error("malformed EncString: {0}")]
    InvalidEncString(String),
    #[error("invalid base64: {0}")]
    InvalidBase64(String),
    #[error("MAC verification failed")]
    MacMismatch,
    #[error("AES-CBC decryption or padding failed")]
    DecryptFailed,
    #[error("RSA operation failed: {0}")]
    Rsa(String),
    #[error("invalid key: {0}")]
    InvalidKey(String),
    #[error("decrypted bytes are not UTF-8")]
    NotUtf8,
}
