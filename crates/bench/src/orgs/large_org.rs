//! Seeds one organization with many invited members. Invited is the state an admin's list
//! shows for most of a fresh large org, and needs no accounts: only addresses.

use super::admin::{self, OrgHandle};
use crate::accounts::BenchUser;

/// The server's limit on addresses per invite request.
const INVITE_BATCH: usize = 20;

/// An org with `members` invitations besides its owner. Batches go one at a time: each takes
/// the org row's lock to count seats, so parallel requests would only queue on it.
pub async fn seed(owner: &BenchUser, run_id: &str, members: usize) -> anyhow::Result<OrgHandle> {
    let org = admin::create_org(owner, "Bench large org", members + 1).await?;
    let emails: Vec<String> = (0..members)
        .map(|i| format!("invitee-{i:05}-{run_id}@bench.invalid"))
        .collect();
    for batch in emails.chunks(INVITE_BATCH) {
        admin::invite(owner, &org.id, batch, &[]).await?;
    }
    Ok(org)
}
