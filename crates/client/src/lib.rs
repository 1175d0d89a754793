//! Bitwarden-compatible client for exercising a Bulwark server from tests
//! and benchmarks: the client-side crypto (KDFs, EncStrings, RSA key
//! wrapping, TOTP) plus an HTTP client that talks the real protocol.

mod account;
pub mod api;
mod b64;
pub mod ciphers;
mod error;
mod kdf;
pub mod orgs;
mod rsa_keys;
mod symmetric;
mod totp;

pub use account::AccountSecrets;
pub use api::{jwt_claims, register_finish_body, Client, Response, Session};
pub use error::CryptoError;
pub use kdf::{argon2_salt, make_master_key, master_password_hash, normalize_email, Kdf};
pub use rsa_keys::{rsa_wrap_for, test_keypair, RsaKeyPair};
pub use symmetric::SymmetricKey;
pub use totp::{generate_totp_secret, totp_code, totp_code_digits};

/// Re-exported so callers can build requests without depending on reqwest.
pub use reqwest::Method;
