//! Invitation links from the server log. Without SMTP the server logs every mail's link at
//! info level, and an invitation's link is the only place its membership id and token appear.

use anyhow::Context;
use std::path::Path;
use std::time::Duration;

/// The parts of one `…/#/accept-organization?…` link the accept request needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub org_id: String,
    pub member_id: String,
    pub email: String,
    pub token: String,
}

const LINK_MARK: &str = "accept-organization?";

/// The decoded query parameters of one logged link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedLink(Vec<(String, String)>);

impl LoggedLink {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every logged link whose URL contains `mark` (such as `accept-provider?`), oldest first.
pub fn links(log: &str, mark: &str) -> Vec<LoggedLink> {
    log.lines().filter_map(|line| link_in(line, mark)).collect()
}

/// The newest link with `mark` that `wanted` accepts, waiting briefly for it: the server
/// writes the mail's log line before it answers, but the line may still be on its way
/// through the file system cache.
pub async fn wait_for_link(
    log_path: &Path,
    mark: &str,
    wanted: impl Fn(&LoggedLink) -> bool,
) -> anyhow::Result<LoggedLink> {
    for _ in 0..LOG_POLLS {
        let log = std::fs::read_to_string(log_path)
            .with_context(|| format!("reading the server log {}", log_path.display()))?;
        if let Some(found) = links(&log, mark).into_iter().rev().find(|l| wanted(l)) {
            return Ok(found);
        }
        tokio::time::sleep(LOG_POLL_INTERVAL).await;
    }
    anyhow::bail!("no matching {mark} link in the server log")
}

const LOG_POLLS: u32 = 50;
const LOG_POLL_INTERVAL: Duration = Duration::from_millis(100);

/// The newest invitation of `email` to `org_id` (a re-invite would log a newer token).
pub async fn wait_for_invitation(
    log_path: &Path,
    org_id: &str,
    email: &str,
) -> anyhow::Result<Invitation> {
    let link = wait_for_link(log_path, LINK_MARK, |l| {
        l.param("organizationId") == Some(org_id)
            && l.param("email")
                .is_some_and(|e| e.eq_ignore_ascii_case(email))
    })
    .await
    .with_context(|| format!("no invitation of {email} to {org_id}"))?;
    Invitation::from_link(&link).context("an invitation link without its ids or token")
}

impl Invitation {
    fn from_link(link: &LoggedLink) -> Option<Self> {
        let param = |name: &str| link.param(name).map(str::to_owned);
        Some(Self {
            org_id: param("organizationId")?,
            member_id: param("organizationUserId")?,
            email: param("email")?,
            token: param("token")?,
        })
    }
}

fn link_in(line: &str, mark: &str) -> Option<LoggedLink> {
    let start = line.find(mark)? + mark.len();
    // The log quotes the field or ends it with a space; the query itself is URL-encoded and so
    // contains neither.
    let query = line[start..].split(['"', ' ']).next()?;
    Some(LoggedLink(
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), url_decode(v)))
            .collect(),
    ))
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match bytes[i] {
            b'+' => Some((b' ', 1)),
            b'%' => text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .map(|b| (b, 3)),
            _ => None,
        };
        let (byte, width) = decoded.unwrap_or((bytes[i], 1));
        out.push(byte);
        i += width;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_logged_link() {
        let log = "2026-11-22T07:00:00Z  INFO bulwark::mail: mail not sent (no SMTP configured); \
            pass this link on kind=\"invitation\" to=a@b.c \
            link=\"http://localhost/#/accept-organization?organizationId=o1&organizationUserId=m1\
            &email=a%40b.c&organizationName=Bench+org&token=x.y%2Bz%3D&initOrganization=False\
            &orgUserHasExistingUser=True\"\nunrelated line\n";
        let all = links(log, LINK_MARK);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].param("organizationName"), Some("Bench org"));
        assert_eq!(all[0].param("missing"), None);
        assert_eq!(
            Invitation::from_link(&all[0]),
            Some(Invitation {
                org_id: "o1".into(),
                member_id: "m1".into(),
                email: "a@b.c".into(),
                token: "x.y+z=".into(),
            })
        );
        assert!(links(log, "accept-provider?").is_empty());
    }

    #[test]
    fn decodes_form_encoding() {
        assert_eq!(url_decode("a+b%2Fc%zz"), "a b/c%zz");
    }
}
