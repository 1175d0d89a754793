//! Benchmark accounts: registered and logged in through the real protocol.

use crate::concurrent::run_indexed;
use anyhow::{anyhow, bail, Context};
use bulwark_client::{AccountSecrets, Client, Kdf, Session};
use std::sync::{Arc, Mutex};

/// Every bench account's master password.
pub const PASSWORD: &str = "correct horse battery staple";

pub struct BenchUser {
    pub secrets: AccountSecrets,
    /// The user's own client, so each account logs in from one device as a real one would.
    pub client: Client,
    pub session: Session,
}

/// Registers and logs in one account per label, one after another. Emails carry `run_id` so a
/// reused (PostgreSQL) database never collides with an earlier run.
pub async fn create_users(
    base_url: &str,
    run_id: &str,
    labels: &[String],
) -> anyhow::Result<Vec<BenchUser>> {
    create_users_concurrently(base_url, run_id, labels, 1).await
}

/// [`create_users`] with `workers` registrations in flight: the server hashes every master
/// password hash at registration and login, so hundreds of accounts take a while one by one.
pub async fn create_users_concurrently(
    base_url: &str,
    run_id: &str,
    labels: &[String],
    workers: usize,
) -> anyhow::Result<Vec<BenchUser>> {
    // The default PBKDF2 cost is what real accounts use. Deriving the keys is client-side work,
    // done on blocking threads before any request so it never competes with a measurement.
    let mut derivations = Vec::with_capacity(labels.len());
    for label in labels {
        let email = format!("bench-{label}-{run_id}@bench.invalid");
        derivations.push(tokio::task::spawn_blocking(move || {
            AccountSecrets::new(&email, PASSWORD, Kdf::DEFAULT_PBKDF2)
        }));
    }
    let mut secrets = Vec::with_capacity(labels.len());
    for derivation in derivations {
        secrets.push(Mutex::new(Some(derivation.await?)));
    }
    let slots: Arc<Vec<Mutex<Option<AccountSecrets>>>> = Arc::new(secrets);
    let done: Arc<Mutex<Vec<(usize, BenchUser)>>> = Arc::default();
    let base_url = base_url.to_owned();
    let (queue, out) = (Arc::clone(&slots), Arc::clone(&done));
    run_indexed(labels.len(), workers, move |i| {
        let (queue, out, base_url) = (Arc::clone(&queue), Arc::clone(&out), base_url.clone());
        async move {
            let secrets = lock(&queue[i])?.take().context("account taken twice")?;
            let user = register_and_login(Client::new(base_url), secrets).await?;
            lock(&out)?.push((i, user));
            Ok(())
        }
    })
    .await?;
    let mut users = std::mem::take(&mut *lock(&done)?);
    users.sort_unstable_by_key(|(i, _)| *i);
    Ok(users.into_iter().map(|(_, user)| user).collect())
}

/// One account registered with `kdf` instead of the default PBKDF2.
pub async fn create_user_with_kdf(
    base_url: &str,
    run_id: &str,
    label: &str,
    kdf: Kdf,
) -> anyhow::Result<BenchUser> {
    let email = format!("bench-{label}-{run_id}@bench.invalid");
    let secrets =
        tokio::task::spawn_blocking(move || AccountSecrets::new(&email, PASSWORD, kdf)).await?;
    register_and_login(Client::new(base_url.to_owned()), secrets).await
}

fn lock<T>(m: &Mutex<T>) -> anyhow::Result<std::sync::MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| anyhow!("a registration worker panicked"))
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
