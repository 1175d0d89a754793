//! The master-password hash the client sends is hashed again here with Argon2id and a per-user
//! salt (inside the PHC string), on the blocking pool, and verified in constant time. Unknown
//! accounts are verified against a dummy hash so both paths cost the same.

use crate::config::PasswordHashCost;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

#[derive(Clone)]
pub struct PasswordHasherService {
    cost: PasswordHashCost,
    /// A hash of a random value, verified when the account does not exist. Made on first use,
    /// so an idle server does not keep the Argon2 buffer of its making.
    dummy: std::sync::Arc<tokio::sync::OnceCell<String>>,
    /// At most one Argon2 computation per CPU: more only queue inside the OS scheduler while
    /// each holds its 19 MiB buffer, so memory would grow with the number of waiting logins.
    permits: std::sync::Arc<tokio::sync::Semaphore>,
}

fn argon(cost: PasswordHashCost) -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(cost.memory_kib, cost.iterations, 1, Some(32))
        .map_err(|e| anyhow::anyhow!("argon2 params: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_sync(cost: PasswordHashCost, secret: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon(cost)?
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("argon2 hash: {e}"))
}

fn verify_sync(stored: &str, secret: &str) -> bool {
    // The parameters come from the stored PHC string, so raising the configured cost later
    // keeps old hashes verifiable.
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

impl PasswordHasherService {
    /// # Errors
    /// When the cost parameters are invalid.
    pub fn new(cost: PasswordHashCost) -> anyhow::Result<Self> {
        argon(cost)?; // refuse bad parameters at start-up, not at the first login
        let dummy = std::sync::Arc::new(tokio::sync::OnceCell::new());
        let cpus = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Ok(Self {
            cost,
            dummy,
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new(cpus)),
        })
    }

    /// # Errors
    /// When the blocking task fails.
    pub async fn hash(&self, secret: String) -> anyhow::Result<String> {
        let cost = self.cost;
        let _permit = self.permits.acquire().await?;
        tokio::task::spawn_blocking(move || hash_sync(cost, &secret)).await?
    }

    /// Verifies `secret` against `stored`, or against the dummy hash when there is no account.
    pub async fn verify(&self, stored: Option<String>, secret: String) -> bool {
        let exists = stored.is_some();
        let hash = match stored {
            Some(h) => h,
            None => {
                let made = self
                    .dummy
                    .get_or_try_init(|| self.hash(uuid::Uuid::new_v4().to_string()))
                    .await;
                match made {
                    Ok(h) => h.clone(),
                    Err(_) => return false,
                }
            }
        };
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let ok = tokio::task::spawn_blocking(move || verify_sync(&hash, &secret))
            .await
            .unwrap_or(false);
        ok && exists
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_own_secret() {
        let h = PasswordHasherService::new(PasswordHashCost::OWASP_MINIMUM).unwrap();
        let stored = h.hash("secret-hash".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(h.verify(Some(stored.clone()), "secret-hash".into()).await);
        assert!(!h.verify(Some(stored), "other".into()).await);
        assert!(!h.verify(None, "secret-hash".into()).await);
    }
}
