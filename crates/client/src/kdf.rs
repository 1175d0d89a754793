//! Master key derivation and the master password hash that clients send to
//! the server instead of the password itself.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Key derivation settings an account was registered with.
///
/// Integer codes match the protocol: `0` = PBKDF2-SHA256, `1` = Argon2id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kdf {
    Pbkdf2 {
        iterations: u32,
    },
    Argon2id {
        iterations: u32,
        memory_mib: u32,
        parallelism: u32,
    },
}

impl Kdf {
    /// The server's defaults, used by most tests.
    pub const DEFAULT_PBKDF2: Kdf = Kdf::Pbkdf2 {
        iterations: 600_000,
    };

    /// Protocol code for the KDF: 0 = PBKDF2, 1 = Argon2id.
    pub fn kdf_type(&self) -> i32 {
        match self {
            Kdf::Pbkdf2 { .. } => 0,
            Kdf::Argon2id { .. } => 1,
        }
    }

    pub fn iterations(&self) -> u32 {
        match *self {
            Kdf::Pbkdf2 { iterations } | Kdf::Argon2id { iterations, .. } => iterations,
        }
    }

    /// Argon2 memory in MiB; `None` for PBKDF2 (the wire format sends null).
    pub fn memory_mib(&self) -> Option<u32> {
        match *self {
            Kdf::Pbkdf2 { .. } => None,
            Kdf::Argon2id { memory_mib, .. } => Some(memory_mib),
        }
    }

    /// Argon2 lanes; `None` for PBKDF2 (the wire format sends null).
    pub fn parallelism(&self) -> Option<u32> {
        match *self {
            Kdf::Pbkdf2 { .. } => None,
            Kdf::Argon2id { parallelism, .. } => Some(parallelism),
        }
    }

    /// `{"kdfType", "iterations", "memory", "parallelism"}`, the shape used
    /// by prelogin responses and KDF-change requests.
    pub fn to_json(&self) -> Value {
        json!({
            "kdfType": self.kdf_type(),
            "iterations": self.iterations(),
            "memory": self.memory_mib(),
            "parallelism": self.parallelism(),
        })
    }
}

/// Emails are salts, so every client must normalise them identically or the
/// same password would yield different keys.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Argon2id needs a salt of at least 8 bytes and emails can be shorter, so
/// the protocol hashes the normalised email to a fixed 32-byte salt.
pub fn argon2_salt(email: &str) -> [u8; 32] {
    Sha256::digest(normalize_email(email).as_bytes()).into()
}

/// Derives the 32-byte master key from the password.
///
/// Panics on Argon2 parameters the `argon2` crate rejects (e.g. zero
/// parallelism): this is a test client and such a call is a bug in the test.
pub fn make_master_key(password: &str, email: &str, kdf: &Kdf) -> [u8; 32] {
    match *kdf {
        Kdf::Pbkdf2 { iterations } => pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(
            password.as_bytes(),
            normalize_email(email).as_bytes(),
            iterations,
        ),
        Kdf::Argon2id {
            iterations,
            memory_mib,
            parallelism,
        } => {
            let params = argon2::Params::new(
                memory_mib.saturating_mul(1024),
                iterations,
                parallelism,
                Some(32),
            )
            .expect("invalid Argon2id parameters");
            let argon =
                argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
            let mut out = [0u8; 32];
            argon
                .hash_password_into(password.as_bytes(), &argon2_salt(email), &mut out)
                .expect("Argon2id derivation failed");
            out
        }
    }
}

/// The value sent as `password` / `masterPasswordHash`: one more PBKDF2
/// round keyed by the master key, so the server never sees a value that can
/// decrypt the vault.
pub fn master_password_hash(master_key: &[u8; 32], password: &str) -> String {
    use base64::Engine as _;
    let hash = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(master_key, password.as_bytes(), 1);
    base64::engine::general_purpose::STANDARD.encode(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_known_answer() {
        let kdf = Kdf::Pbkdf2 {
            iterations: 100_000,
        };
        let key = make_master_key("asdfasdf", " TEST@bitwarden.com", &kdf);
        assert_eq!(
            master_password_hash(&key, "asdfasdf"),
            "wmyadRMyBZOH7P/a/ucTCbSghKgdzDpPqUnu/DAVtSw="
        );
    }

    #[test]
    fn argon2id_known_answer() {
        let kdf = Kdf::Argon2id {
            iterations: 4,
            memory_mib: 32,
            parallelism: 2,
        };
        let key = make_master_key("asdfasdf", "test_salt", &kdf);
        assert_eq!(
            master_password_hash(&key, "asdfasdf"),
            "PR6UjYmjmppTYcdyTiNbAhPJuQQOmynKbdEl1oyi/iQ="
        );
    }

    #[test]
    fn argon2_salt_is_sha256_of_normalized_email() {
        // Expected value computed outside Rust: `printf test_salt | sha256sum`.
        let expected = "f7089d74bf224cc21fb8191bafefe24d80709bf2e598d0e8dd9648e599cfe594";
        assert_eq!(
            data_encoding::HEXLOWER.encode(&argon2_salt("test_salt")),
            expected
        );
        // Normalisation happens before hashing.
        assert_eq!(argon2_salt("  Test_Salt "), argon2_salt("test_salt"));
    }

    #[test]
    fn kdf_json_shapes() {
        assert_eq!(
            Kdf::Pbkdf2 {
                iterations: 600_000
            }
            .to_json(),
            json!({"kdfType": 0, "iterations": 600_000, "memory": null, "parallelism": null})
        );
        let argon = Kdf::Argon2id {
            iterations: 3,
            memory_mib: 64,
            parallelism: 4,
        };
        assert_eq!(argon.kdf_type(), 1);
        assert_eq!(
            argon.to_json(),
            json!({"kdfType": 1, "iterations": 3, "memory": 64, "parallelism": 4})
        );
    }
}
