//! Per-account RSA-2048 key pairs and EncString type 4
//! (`4.<RSA-OAEP-SHA1 ciphertext>`), used to share org keys with members.

use std::sync::OnceLock;

use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use rsa::{Oaep, RsaPrivateKey, RsaPublicKey};

use crate::{b64, CryptoError};

/// An account's (or org's) RSA key pair.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaKeyPair {
    private: RsaPrivateKey,
    public: RsaPublicKey,
}

impl std::fmt::Debug for RsaKeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RsaKeyPair(<redacted>)")
    }
}

impl RsaKeyPair {
    pub const BITS: usize = 2048;

    /// Generates a fresh 2048-bit pair. Takes seconds in debug builds; tests
    /// that don't care about key uniqueness should use [`test_keypair`].
    pub fn generate() -> Self {
        let private = RsaPrivateKey::new(&mut rand::rngs::OsRng, Self::BITS)
            .expect("RSA key generation failed");
        Self::from_private(private)
    }

    /// Parses a PKCS#8 DER private key, e.g. one just decrypted from a
    /// sync response's `privateKey`.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, CryptoError> {
        let private = RsaPrivateKey::from_pkcs8_der(der)
            .map_err(|e| CryptoError::InvalidKey(e.to_string()))?;
        Ok(Self::from_private(private))
    }

    fn from_private(private: RsaPrivateKey) -> Self {
        let public = private.to_public_key();
        Self { private, public }
    }

    /// Base64 of the SPKI DER public key, as sent in `publicKey`.
    pub fn public_key_b64(&self) -> String {
        let der = self
            .public
            .to_public_key_der()
            .expect("SPKI encoding of a valid key cannot fail");
        b64::encode(der.as_bytes())
    }

    /// PKCS#8 DER of the private key; encrypt it before it leaves the client.
    pub fn private_key_pkcs8_der(&self) -> Vec<u8> {
        self.private
            .to_pkcs8_der()
            .expect("PKCS#8 encoding of a valid key cannot fail")
            .as_bytes()
            .to_vec()
    }

    /// Encrypts `data` (normally a 64-byte symmetric key) to this pair's
    /// public key as an EncString type 4.
    pub fn wrap(&self, data: &[u8]) -> String {
        wrap_with(&self.public, data).expect("OAEP encryption of a short key cannot fail")
    }

    /// Decrypts an EncString type 4 addressed to this pair.
    pub fn unwrap(&self, enc_string: &str) -> Result<Vec<u8>, CryptoError> {
        let body = enc_string
            .strip_prefix("4.")
            .ok_or_else(|| CryptoError::InvalidEncString("expected type 4 prefix \"4.\"".into()))?;
        let ct = b64::decode(body)?;
        self.private
            .decrypt(Oaep::new::<sha1::Sha1>(), &ct)
            .map_err(|e| CryptoError::Rsa(e.to_string()))
    }
}

/// Wraps `data` for someone else, given only their published key (as seen
/// in e.g. `/api/users/{id}/public-key` or an org's confirm flow).
pub fn rsa_wrap_for(public_key_b64: &str, data: &[u8]) -> Result<String, CryptoError> {
    let der = b64::decode(public_key_b64)?;
    let public = RsaPublicKey::from_public_key_der(&der)
        .map_err(|e| CryptoError::InvalidKey(e.to_string()))?;
    wrap_with(&public, data)
}

fn wrap_with(public: &RsaPublicKey, data: &[u8]) -> Result<String, CryptoError> {
    let ct = public
        .encrypt(&mut rand::rngs::OsRng, Oaep::new::<sha1::Sha1>(), data)
        .map_err(|e| CryptoError::Rsa(e.to_string()))?;
    Ok(format!("4.{}", b64::encode(&ct)))
}

/// One key pair per process: RSA generation dominates test time in debug
/// builds, and most tests only need *a* valid pair, not a unique one.
pub fn test_keypair() -> RsaKeyPair {
    static PAIR: OnceLock<RsaKeyPair> = OnceLock::new();
    PAIR.get_or_init(RsaKeyPair::generate).clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SymmetricKey;

    #[test]
    fn wrap_unwrap_round_trip() {
        let pair = test_keypair();
        let org_key = SymmetricKey::random().to_bytes();
        let wrapped = pair.wrap(&org_key);
        assert!(wrapped.starts_with("4."));
        assert_eq!(pair.unwrap(&wrapped).unwrap(), org_key);
    }

    #[test]
    fn wrap_for_public_key_round_trip() {
        let pair = test_keypair();
        let wrapped = rsa_wrap_for(&pair.public_key_b64(), b"org key bytes").unwrap();
        assert_eq!(pair.unwrap(&wrapped).unwrap(), b"org key bytes");
    }

    #[test]
    fn pkcs8_round_trip() {
        let pair = test_keypair();
        let parsed = RsaKeyPair::from_pkcs8_der(&pair.private_key_pkcs8_der()).unwrap();
        assert_eq!(parsed.public_key_b64(), pair.public_key_b64());
    }

    #[test]
    fn rejects_garbage() {
        let pair = test_keypair();
        assert!(pair.unwrap("2.abc|def|ghi").is_err());
        assert!(pair.unwrap("4.AAAA").is_err());
        assert!(rsa_wrap_for("not base64!", b"x").is_err());
        assert!(rsa_wrap_for("AAAA", b"x").is_err());
    }

    #[test]
    fn cached_pair_is_shared() {
        assert_eq!(
            test_keypair().public_key_b64(),
            test_keypair().public_key_b64()
        );
    }
}
