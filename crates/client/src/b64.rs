//! Standard (padded) base64, the only flavour the vault formats use.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::CryptoError;

pub(crate) fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub(crate) fn decode(text: &str) -> Result<Vec<u8>, CryptoError> {
    STANDARD
        .decode(text)
        .map_err(|e| CryptoError::InvalidBase64(e.to_string()))
}
