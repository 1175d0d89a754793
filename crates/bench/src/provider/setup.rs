//! A provider set up the way its people do it: the operator creates it through the `/admin`
//! API, the owner completes setup with the token from the mailed link (the server log, as SMTP
//! is off) and the provider key wrapped for their public key, then invites a Service User, who
//! accepts with their own mailed token and is confirmed with the provider key wrapped for them.

use crate::accounts::BenchUser;
use crate::orgs::admin::ok;
use crate::orgs::invite_log;
use anyhow::{bail, Context};
use bulwark_client::{rsa_wrap_for, SymmetricKey};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// `ProviderUserType.ServiceUser`.
const SERVICE_USER: i64 = 1;

/// What the benchmark keeps of a provider: its id and the key its members share.
pub struct ProviderHandle {
    pub id: String,
    pub key: SymmetricKey,
}

/// A random operator token and its Argon2id hash from `bulwark admin hash-token`, which the
/// server takes from its configuration (here `BULWARK_ADMIN_TOKEN_HASH`).
pub fn admin_token(binary: &Path) -> anyhow::Result<(String, String)> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let mut child = Command::new(binary)
        .args(["admin", "hash-token"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {} admin hash-token", binary.display()))?;
    child
        .stdin
        .take()
        .context("hash-token stdin")?
        .write_all(token.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "admin hash-token failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let hash = String::from_utf8(out.stdout)?.trim().to_owned();
    Ok((token, hash))
}

/// An MSP owned by `owner`, created by the operator and set up by its owner. Seat minimums
/// are high so that no client creation is refused for seats.
pub async fn provider(
    owner: &BenchUser,
    admin_token: &str,
    log_path: &Path,
    name: &str,
) -> anyhow::Result<ProviderHandle> {
    let created = owner
        .client
        .http
        .post(owner.client.url("/admin/providers"))
        .bearer_auth(admin_token)
        .json(&json!({
            "type": "msp",
            "ownerEmail": owner.secrets.email,
            "name": name,
            "teamsSeatMinimum": 1_000_000,
            "enterpriseSeatMinimum": 1_000_000,
        }))
        .send()
        .await?;
    let status = created.status();
    let body: serde_json::Value = created.json().await.unwrap_or_default();
    if !status.is_success() {
        bail!("creating a provider through /admin failed: {status} {body}");
    }
    let id = body["id"]
        .as_str()
        .with_context(|| format!("no provider id in {body}"))?
        .to_owned();
    let link = invite_log::wait_for_link(log_path, "setup-provider?", |l| {
        l.param("providerId") == Some(id.as_str())
    })
    .await?;
    let token = link.param("token").context("setup link without token")?;
    let key = SymmetricKey::random();
    let body = json!({
        "name": name,
        "businessName": name,
        "billingEmail": owner.secrets.email,
        "token": token,
        "key": owner.secrets.keypair.wrap(&key.to_bytes()),
    });
    ok(
        owner
            .session
            .post(&format!("/api/providers/{id}/setup"), body)
            .await,
        "provider setup",
    )?;
    Ok(ProviderHandle { id, key })
}

/// Invites `member` as a Service User of `p`; they accept and the owner confirms them.
pub async fn add_service_user(
    owner: &BenchUser,
    member: &BenchUser,
    p: &ProviderHandle,
    log_path: &Path,
) -> anyhow::Result<()> {
    let base = format!("/api/providers/{}/users", p.id);
    let email = &member.secrets.email;
    let body = json!({ "emails": [email], "type": SERVICE_USER });
    ok(
        owner.session.post(&format!("{base}/invite"), body).await,
        "inviting a Service User",
    )?;
    let link = invite_log::wait_for_link(log_path, "accept-provider?", |l| {
        l.param("providerId") == Some(p.id.as_str())
            && l.param("email")
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
    })
    .await?;
    let user_id = link.param("providerUserId").context("no providerUserId")?;
    let token = link.param("token").context("no token")?;
    ok(
        member
            .session
            .post(
                &format!("{base}/{user_id}/accept"),
                json!({ "token": token }),
            )
            .await,
        "accepting the provider invitation",
    )?;
    let keys = ok(
        owner
            .session
            .post(&format!("{base}/public-keys"), json!({ "ids": [user_id] }))
            .await,
        "reading the Service User's public key",
    )?;
    let public_key = keys.json["data"][0]["key"]
        .as_str()
        .with_context(|| format!("no public key: {}", keys.text))?;
    let wrapped = rsa_wrap_for(public_key, &p.key.to_bytes())?;
    ok(
        owner
            .session
            .post(
                &format!("{base}/{user_id}/confirm"),
                json!({ "key": wrapped }),
            )
            .await,
        "confirming the Service User",
    )?;
    Ok(())
}
