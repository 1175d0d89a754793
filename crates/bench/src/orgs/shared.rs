//! Seeds the "member of many organizations" world: one owner creates the organizations and
//! their collections, invites one member to each with direct access to every collection, the
//! member accepts with the token from the invitation mail (the server log), the owner confirms
//! with the org key wrapped for the member, and the owner fills the collections with items.

use super::admin::{self, OrgHandle};
use super::invite_log;
use super::org_items::create_bodies;
use crate::accounts::BenchUser;
use crate::concurrent::run_indexed;
use anyhow::bail;
use bulwark_client::Method;
use serde_json::json;
use std::path::Path;
use std::sync::Arc;

/// Seats per organization: the owner and the member, with room to spare.
const SEATS: usize = 5;

#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub orgs: usize,
    pub collections_per_org: usize,
    pub items_per_org: usize,
}

impl Shape {
    pub fn collections(&self) -> usize {
        self.orgs * self.collections_per_org
    }

    pub fn items(&self) -> usize {
        self.orgs * self.items_per_org
    }
}

/// Builds the whole world; `workers` bounds the item creations in flight.
pub async fn seed(
    owner: &BenchUser,
    member: &BenchUser,
    log_path: &Path,
    shape: Shape,
    workers: usize,
) -> anyhow::Result<()> {
    if shape.collections_per_org == 0 {
        bail!("--org-collections must be at least 1: every item goes into a collection");
    }
    let mut orgs = Vec::with_capacity(shape.orgs);
    for o in 0..shape.orgs {
        let org = admin::create_org(owner, &format!("Bench org {o:02}"), SEATS).await?;
        let mut collections = Vec::with_capacity(shape.collections_per_org);
        for c in 0..shape.collections_per_org {
            let name = format!("Team {o:02} / collection {c:02}");
            collections.push(admin::create_collection(owner, &org, &name).await?);
        }
        let email = vec![member.secrets.email.clone()];
        admin::invite(owner, &org.id, &email, &collections).await?;
        orgs.push((org, collections));
    }
    for (org, _) in &orgs {
        join(owner, member, org, log_path).await?;
    }
    create_items(owner, &orgs, shape.items_per_org, workers).await
}

/// Accept with the mailed token, then confirm: the membership ends Confirmed with a key.
async fn join(
    owner: &BenchUser,
    member: &BenchUser,
    org: &OrgHandle,
    log_path: &Path,
) -> anyhow::Result<()> {
    let invitation =
        invite_log::wait_for_invitation(log_path, &org.id, &member.secrets.email).await?;
    let path = format!(
        "/api/organizations/{}/users/{}/accept",
        org.id, invitation.member_id
    );
    let resp = member
        .session
        .post(&path, json!({ "token": invitation.token }))
        .await;
    if !resp.is_success() {
        bail!(
            "accepting an invitation failed: {} {}",
            resp.status,
            resp.text
        );
    }
    admin::confirm(owner, org, &invitation.member_id).await
}

/// Every org's items through `POST /api/ciphers/create`, bodies encrypted and serialised first
/// (on a blocking thread: 10,000 items are a few seconds of CPU).
async fn create_items(
    owner: &BenchUser,
    orgs: &[(OrgHandle, Vec<String>)],
    per_org: usize,
    workers: usize,
) -> anyhow::Result<()> {
    let inputs: Vec<_> = orgs
        .iter()
        .map(|(org, cols)| (org.id.clone(), org.key.clone(), cols.clone()))
        .collect();
    let owner_id = owner.session.user_id.clone();
    let bodies = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<Vec<u8>>> {
        let mut all = Vec::with_capacity(inputs.len() * per_org);
        for (o, (id, key, cols)) in inputs.iter().enumerate() {
            all.extend(create_bodies(
                id,
                key,
                &owner_id,
                cols,
                o * per_org,
                per_org,
            )?);
        }
        Ok(all)
    })
    .await??;
    let bodies = Arc::new(bodies);
    let client = owner.client.clone();
    let token = owner.session.access_token.clone();
    run_indexed(bodies.len(), workers, move |i| {
        let (client, token, bodies) = (client.clone(), token.clone(), Arc::clone(&bodies));
        async move {
            let resp = client
                .raw_body(
                    Method::POST,
                    "/api/ciphers/create",
                    Some(&token),
                    "application/json",
                    bodies[i].clone(),
                )
                .await;
            if !resp.is_success() {
                bail!(
                    "creating org item {i} failed: {} {}",
                    resp.status,
                    resp.text
                );
            }
            Ok(())
        }
    })
    .await
}
