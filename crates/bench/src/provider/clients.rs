//! Client organizations created the way the portal creates them (`POST
//! /api/providers/{id}/clients`): a fresh org key wrapped with the provider key, the org's key
//! pair with its private key under the org key, the first collection's name under the org key,
//! and an owner who is invited by mail.

use super::setup::ProviderHandle;
use crate::accounts::BenchUser;
use crate::concurrent::run_indexed;
use anyhow::bail;
use bulwark_client::{RsaKeyPair, SymmetricKey};
use serde_json::{json, Value};
use std::ops::Range;
use std::sync::Arc;

/// `PlanType` TeamsMonthly and EnterpriseMonthly, the MSP plans; clients alternate.
const PLANS: [i64; 2] = [17, 19];
const SEATS: i64 = 5;

/// Creates clients `range` of `p` as `admin`, `workers` requests in flight. Names sort in
/// creation order (`Client 00042`), and owners are distinct addresses per run.
///
/// Every client gets its own org key; they share one RSA key pair, since generating 10,000
/// pairs would take minutes of load-generator CPU and the server never looks inside it.
pub async fn create(
    admin: &BenchUser,
    p: &ProviderHandle,
    run_id: &str,
    range: Range<usize>,
    workers: usize,
) -> anyhow::Result<()> {
    let keypair = Arc::new(RsaKeyPair::generate());
    let provider_key = p.key.clone();
    let path = Arc::new(format!("/api/providers/{}/clients", p.id));
    let session = Arc::new(admin.session.clone());
    let (run_id, start) = (run_id.to_owned(), range.start);
    run_indexed(range.len(), workers, move |i| {
        let i = start + i;
        let body = client_body(&provider_key, &keypair, i, &run_id);
        let (session, path) = (Arc::clone(&session), Arc::clone(&path));
        async move {
            let resp = session.post(&path, body).await;
            if !resp.is_success() {
                bail!("creating client {i} failed: {} {}", resp.status, resp.text);
            }
            Ok(())
        }
    })
    .await
}

fn client_body(provider_key: &SymmetricKey, keypair: &RsaKeyPair, i: usize, run_id: &str) -> Value {
    let org_key = SymmetricKey::random();
    json!({
        "name": format!("Client {i:05}"),
        "ownerEmail": format!("client-owner-{i:05}-{run_id}@bench.invalid"),
        "planType": PLANS[i % PLANS.len()],
        "seats": SEATS,
        "key": provider_key.encrypt(&org_key.to_bytes()),
        "keyPair": {
            "publicKey": keypair.public_key_b64(),
            "encryptedPrivateKey": org_key.encrypt(&keypair.private_key_pkcs8_der()),
        },
        "collectionName": org_key.encrypt_str("Default collection"),
    })
}
