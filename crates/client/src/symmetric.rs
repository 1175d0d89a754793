//! AES-256-CBC + HMAC-SHA256 keys and EncString type 2
//! (`2.<iv>|<ciphertext>|<mac>`), used for every vault field.

use aes::cipher::block_padding::Pkcs7;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::{b64, CryptoError};

type Aes256CbcEnc = cbc::Encryptor<aes::Aes256>;
type Aes256CbcDec = cbc::Decryptor<aes::Aes256>;
type HmacSha256 = Hmac<Sha256>;

/// A 64-byte symmetric key: 32 bytes for AES, 32 for the HMAC.
#[derive(Clone, PartialEq, Eq)]
pub struct SymmetricKey {
    enc: [u8; 32],
    mac: [u8; 32],
}

// Keys end up inside structs that tests `dbg!` or assert on; never print them.
impl std::fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SymmetricKey(<redacted>)")
    }
}

impl SymmetricKey {
    /// A fresh key from the OS RNG (user keys, org keys, cipher keys).
    pub fn random() -> Self {
        let mut bytes = [0u8; 64];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Self::from_bytes(&bytes)
    }

    /// Splits 64 raw bytes: first half encrypts, second half authenticates.
    pub fn from_bytes(bytes: &[u8; 64]) -> Self {
        let mut enc = [0u8; 32];
        let mut mac = [0u8; 32];
        enc.copy_from_slice(&bytes[..32]);
        mac.copy_from_slice(&bytes[32..]);
        Self { enc, mac }
    }

    /// Like [`from_bytes`](Self::from_bytes) for key material that arrives as
    /// a decrypted `Vec` (e.g. an unwrapped org key).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, CryptoError> {
        let arr: &[u8; 64] = bytes.try_into().map_err(|_| {
            CryptoError::InvalidKey(format!("expected 64 bytes, got {}", bytes.len()))
        })?;
        Ok(Self::from_bytes(arr))
    }

    pub fn to_bytes(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&self.enc);
        out[32..].copy_from_slice(&self.mac);
        out
    }

    /// The master key is already uniformly random output of a KDF, so the
    /// protocol skips HKDF-Extract and uses it directly as the PRK.
    pub fn stretch_master_key(master_key: &[u8; 32]) -> Self {
        let hk = Hkdf::<Sha256>::from_prk(master_key).expect("32-byte PRK is valid");
        let mut enc = [0u8; 32];
        let mut mac = [0u8; 32];
        hk.expand(b"enc", &mut enc)
            .expect("32 bytes is a valid length");
        hk.expand(b"mac", &mut mac)
            .expect("32 bytes is a valid length");
        Self { enc, mac }
    }

    /// Encrypts to an EncString type 2 with a fresh random IV.
    pub fn encrypt(&self, plaintext: &[u8]) -> String {
        let mut iv = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut iv);
        let ct = Aes256CbcEnc::new(&self.enc.into(), &iv.into())
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
        let mac = self.mac_of(&iv, &ct).finalize().into_bytes();
        format!(
            "2.{}|{}|{}",
            b64::encode(&iv),
            b64::encode(&ct),
            b64::encode(&mac)
        )
    }

    pub fn encrypt_str(&self, plaintext: &str) -> String {
        self.encrypt(plaintext.as_bytes())
    }

    /// Decrypts an EncString type 2, checking the MAC (in constant time)
    /// before touching the ciphertext so padding errors can't leak anything.
    pub fn decrypt(&self, enc_string: &str) -> Result<Vec<u8>, CryptoError> {
        let body = enc_string
            .strip_prefix("2.")
            .ok_or_else(|| CryptoError::InvalidEncString("expected type 2 prefix \"2.\"".into()))?;
        let mut parts = body.split('|');
        let (Some(iv), Some(ct), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(CryptoError::InvalidEncString(
                "expected three '|'-separated parts".into(),
            ));
        };
        let iv: [u8; 16] = b64::decode(iv)?
            .try_into()
            .map_err(|_| CryptoError::InvalidEncString("IV must be 16 bytes".into()))?;
        let ct = b64::decode(ct)?;
        let mac = b64::decode(mac)?;
        self.mac_of(&iv, &ct)
            .verify_slice(&mac)
            .map_err(|_| CryptoError::MacMismatch)?;
        Aes256CbcDec::new(&self.enc.into(), &iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(&ct)
            .map_err(|_| CryptoError::DecryptFailed)
    }

    pub fn decrypt_str(&self, enc_string: &str) -> Result<String, CryptoError> {
        String::from_utf8(self.decrypt(enc_string)?).map_err(|_| CryptoError::NotUtf8)
    }

    fn mac_of(&self, iv: &[u8], ct: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.mac).expect("HMAC accepts any key length");
        mac.update(iv);
        mac.update(ct);
        mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let key = SymmetricKey::random();
        for msg in [
            "",
            "a",
            "exactly 16 bytes",
            "a longer message spanning blocks ✓",
        ] {
            let enc = key.encrypt_str(msg);
            assert!(enc.starts_with("2."));
            assert_eq!(key.decrypt_str(&enc).unwrap(), msg);
        }
    }

    #[test]
    fn iv_is_fresh_each_time() {
        let key = SymmetricKey::random();
        assert_ne!(key.encrypt_str("same"), key.encrypt_str("same"));
    }

    #[test]
    fn bytes_round_trip() {
        let key = SymmetricKey::random();
        assert_eq!(SymmetricKey::from_bytes(&key.to_bytes()), key);
        assert!(SymmetricKey::from_slice(&[0u8; 63]).is_err());
    }

    #[test]
    fn tampered_mac_is_rejected() {
        let key = SymmetricKey::random();
        let enc = key.encrypt_str("secret");
        let parts: Vec<&str> = enc[2..].split('|').collect();
        let mut mac = b64::decode(parts[2]).unwrap();
        mac[0] ^= 1;
        let forged = format!("2.{}|{}|{}", parts[0], parts[1], b64::encode(&mac));
        assert_eq!(key.decrypt(&forged), Err(CryptoError::MacMismatch));
    }

    #[test]
    fn tampered_ciphertext_is_rejected() {
        let key = SymmetricKey::random();
        let enc = key.encrypt_str("secret");
        let parts: Vec<&str> = enc[2..].split('|').collect();
        let mut ct = b64::decode(parts[1]).unwrap();
        ct[0] ^= 1;
        let forged = format!("2.{}|{}|{}", parts[0], b64::encode(&ct), parts[2]);
        assert_eq!(key.decrypt(&forged), Err(CryptoError::MacMismatch));
    }

    #[test]
    fn wrong_key_is_rejected() {
        let enc = SymmetricKey::random().encrypt_str("secret");
        assert_eq!(
            SymmetricKey::random().decrypt(&enc),
            Err(CryptoError::MacMismatch)
        );
    }

    #[test]
    fn malformed_strings_are_rejected() {
        let key = SymmetricKey::random();
        for bad in ["", "2.", "0.abc|def", "2.a|b", "2.a|b|c|d", "2.!!|!!|!!"] {
            assert!(key.decrypt(bad).is_err(), "{bad:?} should not decrypt");
        }
    }

    #[test]
    fn stretch_is_hkdf_expand_without_extract() {
        // Expected halves computed outside Rust as HMAC-SHA256(mk, info || 0x01),
        // i.e. the single-block HKDF-Expand with the master key as the PRK.
        let key = SymmetricKey::stretch_master_key(&[7u8; 32]).to_bytes();
        assert_eq!(
            data_encoding::HEXLOWER.encode(&key[..32]),
            "b03d1f10785820663f522197ba92a7b23f6d81f13c268ab319e23d221f6cd7bc"
        );
        assert_eq!(
            data_encoding::HEXLOWER.encode(&key[32..]),
            "ce8ee376cf5ec58b26733ac08e4d7522664a3ef64224448e9bc5598a473d738d"
        );
    }
}
