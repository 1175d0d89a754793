//! Everything a client derives for one account before talking to the server.

use crate::kdf::{make_master_key, master_password_hash};
use crate::rsa_keys::{test_keypair, RsaKeyPair};
use crate::{Kdf, SymmetricKey};

/// An account's plaintext secrets plus the encrypted forms the server stores.
#[derive(Debug, Clone)]
pub struct AccountSecrets {
    pub email: String,
    pub password: String,
    pub kdf: Kdf,
    pub master_key: [u8; 32],
    pub user_key: SymmetricKey,
    pub keypair: RsaKeyPair,
    /// The user key encrypted under the stretched master key (`key`).
    pub protected_user_key: String,
    /// PKCS#8 private key encrypted under the user key.
    pub encrypted_private_key: String,
    pub master_password_hash: String,
}

impl AccountSecrets {
    /// A new account with a random user key and the process-wide cached RSA
    /// pair (see [`test_keypair`]), which keeps test suites fast.
    pub fn new(email: &str, password: &str, kdf: Kdf) -> Self {
        Self::with_keypair(email, password, kdf, test_keypair())
    }

    /// A new account with a caller-chosen pair, for tests where two accounts
    /// must not share RSA keys (e.g. checking a key was wrapped for the
    /// right member).
    pub fn with_keypair(email: &str, password: &str, kdf: Kdf, keypair: RsaKeyPair) -> Self {
        let user_key = SymmetricKey::random();
        let encrypted_private_key = user_key.encrypt(&keypair.private_key_pkcs8_der());
        Self::assemble(
            email,
            password,
            kdf,
            user_key,
            keypair,
            encrypted_private_key,
        )
    }

    /// The same vault (user key and RSA pair) under a new password and/or
    /// KDF: what a password or KDF change request must carry.
    pub fn with_new_master_password(&self, password: &str, kdf: Kdf) -> Self {
        Self::assemble(
            &self.email,
            password,
            kdf,
            self.user_key.clone(),
            self.keypair.clone(),
            self.encrypted_private_key.clone(),
        )
    }

    /// The stretched master key that protects the user key.
    pub fn stretched_master_key(&self) -> SymmetricKey {
        SymmetricKey::stretch_master_key(&self.master_key)
    }

    fn assemble(
        email: &str,
        password: &str,
        kdf: Kdf,
        user_key: SymmetricKey,
        keypair: RsaKeyPair,
        encrypted_private_key: String,
    ) -> Self {
        let master_key = make_master_key(password, email, &kdf);
        let protected_user_key =
            SymmetricKey::stretch_master_key(&master_key).encrypt(&user_key.to_bytes());
        Self {
            email: email.to_owned(),
            password: password.to_owned(),
            kdf,
            master_key,
            master_password_hash: master_password_hash(&master_key, password),
            user_key,
            keypair,
            protected_user_key,
            encrypted_private_key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Kdf = Kdf::Pbkdf2 { iterations: 1000 };

    #[test]
    fn protected_keys_decrypt() {
        let acct = AccountSecrets::new("A@Example.com", "hunter2", FAST);
        let user_key = acct
            .stretched_master_key()
            .decrypt(&acct.protected_user_key)
            .unwrap();
        assert_eq!(SymmetricKey::from_slice(&user_key).unwrap(), acct.user_key);
        let der = acct.user_key.decrypt(&acct.encrypted_private_key).unwrap();
        assert_eq!(der, acct.keypair.private_key_pkcs8_der());
    }

    #[test]
    fn password_change_keeps_vault() {
        let acct = AccountSecrets::new("a@example.com", "old", FAST);
        let changed = acct.with_new_master_password("new", Kdf::Pbkdf2 { iterations: 2000 });
        assert_eq!(changed.user_key, acct.user_key);
        assert_ne!(changed.master_password_hash, acct.master_password_hash);
        let user_key = changed
            .stretched_master_key()
            .decrypt(&changed.protected_user_key)
            .unwrap();
        assert_eq!(user_key, acct.user_key.to_bytes());
    }
}
