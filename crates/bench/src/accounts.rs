//! Benchmark accounts: registered and logged in through the real protocol.

use anyhow::{anyhow, bail, Context};
use bulwark_client::{AccountSecrets, Client, Kdf, Session};

pub struct BenchUser {
    pub secrets: AccountSecrets,
    /// The user's own client, so each account logs in from one device as a real one would.
    pub client: Client,
    pub session: Session,
}

/// Registers and logs in one account per label. Emails carry `run_id` so a reused (PostgreSQL)
/// database never collides with an earlier run.
pub async fn create_users(
    base_url: &str,
    run_id: &str,
    labels: &[String],
) -> anyhow::Result<Vec<BenchUser>> {
    // The default PBKDF2 cost is what real accounts use. Deriving the keys is client-side work,
    // done on blocking threads before any request so it never competes with a measurement.
    let mut derivations = Vec::with_capacity(labels.len());
    for label in labels {
        let email = format!("bench-{label}-{run_id}@bench.invalid");
        derivations.push(tokio::task::spawn_blocking(move || {
            AccountSecrets::new(&email, "correct horse battery staple", Kdf::DEFAULT_PBKDF2)
        }));
    }
    let mut users = Vec::with_capacity(labels.len());
    for derivation in derivations {
        let secrets = derivation.await?;
        users.push(register_and_login(Client::new(base_url), secrets).await?);
    }
    Ok(users)
}

async fn register_and_login(client: Client, secrets: AccountSecrets) -> anyhow::Result<BenchUser> {
    let registered = client.register(&secrets).await;
    if !registered.is_success() {
        bail!(
            "registering {} failed: {} {}",
            secrets.email,
            registered.status,
            registered.text
        );
    }
    let session = client
        .login(&secrets)
        .await
        .map_err(|r| anyhow!("login failed: {} {}", r.status, r.text))
        .with_context(|| format!("logging in {}", secrets.email))?;
    Ok(BenchUser {
        secrets,
        client,
        session,
    })
}
