//! Password-login rate: `POST /identity/connect/token` with `grant_type=password`, dominated by
//! the server's Argon2id check of the master password hash.

use super::Throughput;
use crate::accounts::BenchUser;
use crate::concurrent::run_indexed;
use anyhow::bail;
use bulwark_client::Client;
use std::sync::Arc;
use std::time::Instant;

/// One account's device and its password-grant form fields, owned so workers can share them.
type LoginForm = (Client, Vec<(String, String)>);

/// `count` logins spread round-robin over `users`, so no account sees a burst. Only failed
/// logins are throttled, and every login here succeeds.
pub async fn logins(
    users: &[BenchUser],
    count: usize,
    workers: usize,
) -> anyhow::Result<Throughput> {
    // Owned forms, built once: the precomputed master password hash is what a client sends.
    let forms: Arc<Vec<LoginForm>> = Arc::new(
        users
            .iter()
            .map(|u| {
                let form = u
                    .client
                    .password_grant_form(&u.secrets)
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect();
                (u.client.clone(), form)
            })
            .collect(),
    );
    if forms.is_empty() {
        bail!("no login users");
    }
    let started = Instant::now();
    run_indexed(count, workers, move |i| {
        let forms = Arc::clone(&forms);
        async move {
            let (client, form) = &forms[i % forms.len()];
            let fields: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let resp = client.token_raw(&fields).await;
            if resp.status != 200 || resp.json.get("access_token").is_none() {
                bail!("login {i} failed: {} {}", resp.status, resp.text);
            }
            Ok(())
        }
    })
    .await?;
    Ok(Throughput::new(count, workers, started.elapsed()))
}
