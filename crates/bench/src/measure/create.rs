//! Item creation throughput: one `POST /api/ciphers` per item from concurrent workers.

use super::Throughput;
use crate::accounts::BenchUser;
use crate::concurrent::run_indexed;
use crate::items::login_items;
use anyhow::bail;
use bulwark_client::Method;
use std::sync::Arc;
use std::time::Instant;

pub async fn create_items(
    user: &BenchUser,
    count: usize,
    workers: usize,
) -> anyhow::Result<Throughput> {
    // Encrypted and serialised up front: the load generator shares the CPUs with the server,
    // and its own work during the timed loop would be charged to the server.
    let key = user.session.user_key.clone();
    let user_id = user.session.user_id.clone();
    let bodies: Arc<Vec<Vec<u8>>> = Arc::new(
        tokio::task::spawn_blocking(move || {
            login_items(&key, &user_id, 0, count)
                .iter()
                .map(serde_json::to_vec)
                .collect::<Result<Vec<_>, _>>()
        })
        .await??,
    );
    let client = user.client.clone();
    let token = user.session.access_token.clone();
    let started = Instant::now();
    run_indexed(count, workers, move |i| {
        let (client, token, bodies) = (client.clone(), token.clone(), Arc::clone(&bodies));
        async move {
            let resp = client
                .raw_body(
                    Method::POST,
                    "/api/ciphers",
                    Some(&token),
                    "application/json",
                    bodies[i].clone(),
                )
                .await;
            if !resp.is_success() {
                bail!("creating item {i} failed: {} {}", resp.status, resp.text);
            }
            Ok(())
        }
    })
    .await?;
    Ok(Throughput::new(count, workers, started.elapsed()))
}
