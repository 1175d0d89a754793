//! An owner's requests: create an organization and its collections, invite, confirm.

use crate::accounts::BenchUser;
use anyhow::{bail, Context};
use bulwark_client::{orgs, rsa_wrap_for, Response, SymmetricKey};
use serde_json::{json, Value};

/// Enterprise (annually): no collection limit and seats can be added freely.
const ENTERPRISE_ANNUALLY: i64 = 20;
/// `OrganizationUserType.User`: the least-privileged role, so access comes only from grants.
const MEMBER_TYPE_USER: i64 = 2;

/// What the owner keeps of an organization it created.
pub struct OrgHandle {
    pub id: String,
    pub key: SymmetricKey,
}

/// `resp`, or an error naming `what` failed with the server's answer.
pub(crate) fn ok(resp: Response, what: &str) -> anyhow::Result<Response> {
    if !resp.is_success() {
        bail!("{what} failed: {} {}", resp.status, resp.text);
    }
    Ok(resp)
}

fn id_of(resp: &Response, what: &str) -> anyhow::Result<String> {
    resp.json["id"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("{what}: no id in {}", resp.text))
}

/// An Enterprise organization with `seats` seats (the owner takes one) and no collection.
pub async fn create_org(owner: &BenchUser, name: &str, seats: usize) -> anyhow::Result<OrgHandle> {
    let new = orgs::new_org(
        &owner.secrets,
        name,
        ENTERPRISE_ANNUALLY,
        i64::try_from(seats)?,
        None,
    );
    let resp = ok(
        owner.session.post("/api/organizations", new.body).await,
        "creating an organization",
    )?;
    Ok(OrgHandle {
        id: id_of(&resp, "creating an organization")?,
        key: new.org_key,
    })
}

/// A collection named `name` (encrypted under the org key, as clients send it); returns its id.
pub async fn create_collection(
    owner: &BenchUser,
    org: &OrgHandle,
    name: &str,
) -> anyhow::Result<String> {
    let body = json!({
        "name": org.key.encrypt_str(name),
        "externalId": null,
        "groups": [],
        "users": [],
    });
    let path = format!("/api/organizations/{}/collections", org.id);
    let resp = ok(
        owner.session.post(&path, body).await,
        "creating a collection",
    )?;
    id_of(&resp, "creating a collection")
}

/// Invites `emails` (at most 20, the server's batch limit) as Users with read-write access to
/// `collections`. The server answers without ids; the invitations' ids and tokens are in the
/// mails, which without SMTP are written to the server log.
pub async fn invite(
    owner: &BenchUser,
    org_id: &str,
    emails: &[String],
    collections: &[String],
) -> anyhow::Result<()> {
    let grants: Vec<Value> = collections
        .iter()
        .map(|id| json!({ "id": id, "readOnly": false, "hidePasswords": false, "manage": false }))
        .collect();
    let body = json!({
        "emails": emails,
        "type": MEMBER_TYPE_USER,
        "collections": grants,
        "groups": [],
        "permissions": null,
        "accessSecretsManager": false,
    });
    let path = format!("/api/organizations/{org_id}/users/invite");
    ok(owner.session.post(&path, body).await, "inviting")?;
    Ok(())
}

/// Confirms an accepted member the way the admin console does: fetch the member's public key,
/// wrap the org key for it, post the wrapped key.
pub async fn confirm(owner: &BenchUser, org: &OrgHandle, member_id: &str) -> anyhow::Result<()> {
    let path = format!("/api/organizations/{}/users/public-keys", org.id);
    let resp = ok(
        owner
            .session
            .post(&path, json!({ "ids": [member_id] }))
            .await,
        "reading a member's public key",
    )?;
    let public_key = resp.json["data"][0]["key"]
        .as_str()
        .with_context(|| format!("no public key for member {member_id}: {}", resp.text))?;
    let wrapped = rsa_wrap_for(public_key, &org.key.to_bytes())?;
    let path = format!("/api/organizations/{}/users/{member_id}/confirm", org.id);
    ok(
        owner.session.post(&path, json!({ "key": wrapped })).await,
        "confirming a member",
    )?;
    Ok(())
}
