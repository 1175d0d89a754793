//! The text of each mail Bulwark sends. Plain text: every client shows it, and the link is the
//! whole point. Links use the web vault's routes (`/#/…`) on the public URL, with the query
//! parameters the official web vault reads.

use super::Email;
use url::form_urlencoded::byte_serialize;

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect()
}

fn title_bool(b: bool) -> &'static str {
    // The web vault compares these case-insensitively with "true"; upstream writes True/False.
    if b {
        "True"
    } else {
        "False"
    }
}

/// What an invitation mail needs.
pub struct Invitation<'a> {
    pub public_url: &'a str,
    pub org_id: &'a str,
    pub org_name: &'a str,
    pub membership_id: &'a str,
    pub email: &'a str,
    pub token: &'a str,
    pub has_account: bool,
    /// The first owner of an organization a provider created (accept-init).
    pub init_organization: bool,
    /// Human expiry, e.g. "Friday, 27 November 2026 06:10 UTC".
    pub expires: &'a str,
}

#[must_use]
pub fn invitation(i: &Invitation<'_>) -> Email {
    let link = format!(
        "{}/#/accept-organization?organizationId={}&organizationUserId={}&email={}&organizationName={}&token={}&initOrganization={}&orgUserHasExistingUser={}",
        i.public_url,
        enc(i.org_id),
        enc(i.membership_id),
        enc(i.email),
        enc(i.org_name),
        enc(i.token),
        title_bool(i.init_organization),
        title_bool(i.has_account),
    );
    let (subject, action) = if i.has_account {
        (
            format!("{} invited you to their Bitwarden vault", i.org_name),
            "Accept invitation",
        )
    } else {
        (
            format!("{} set up a Bitwarden account for you", i.org_name),
            "Finish account setup",
        )
    };
    let text = format!(
        "You have been invited to join the organization {org}.\n\n{action}:\n{link}\n\n\
         This invitation expires on {expires}.\n\nIf you did not expect it, ignore this mail.\n",
        org = i.org_name,
        expires = i.expires,
    );
    Email {
        to: i.email.to_owned(),
        subject,
        text,
        link: Some(link),
        kind: "organization invitation",
    }
}

#[must_use]
pub fn confirmed(to: &str, org_name: &str, public_url: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("You have been confirmed to {org_name}"),
        text: format!(
            "An administrator of {org_name} confirmed your membership. Its shared items now \
             appear in your vault after your next sync.\n\n{public_url}\n"
        ),
        link: None,
        kind: "membership confirmed",
    }
}

#[must_use]
pub fn removed(to: &str, org_name: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("You have been removed from {org_name}"),
        text: format!(
            "An administrator of {org_name} removed you from the organization. Its shared \
             items are no longer in your vault.\n"
        ),
        link: None,
        kind: "membership removed",
    }
}

#[must_use]
pub fn accepted(to: &str, org_name: &str, member_email: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Action required: confirm {member_email} in {org_name}"),
        text: format!(
            "{member_email} accepted the invitation to {org_name}. Confirm them in the members \
             list so they get access to the organization's items.\n"
        ),
        link: None,
        kind: "invitation accepted",
    }
}

#[must_use]
pub fn registration_verification(to: &str, token: &str, public_url: &str) -> Email {
    let link = format!(
        "{public_url}/#/finish-signup?token={}&email={}",
        enc(token),
        enc(to)
    );
    Email {
        to: to.to_owned(),
        subject: "Verify your email".to_owned(),
        text: format!("Finish creating your account:\n{link}\n"),
        link: Some(link),
        kind: "registration verification",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_links_carry_the_ids_the_web_vault_needs_encoded() {
        let mail = invitation(&Invitation {
            public_url: "https://vault.example.com",
            org_id: "o-1",
            org_name: "Acme & Co",
            membership_id: "m-1",
            email: "a+b@example.com",
            token: "t/1=",
            has_account: false,
            init_organization: false,
            expires: "soon",
        });
        let link = mail.link.unwrap();
        assert!(link.starts_with("https://vault.example.com/#/accept-organization?"));
        assert!(link.contains("organizationUserId=m-1"));
        assert!(link.contains("email=a%2Bb%40example.com"));
        assert!(link.contains("organizationName=Acme+%26+Co"));
        assert!(link.contains("token=t%2F1%3D"));
        assert!(link.contains("orgUserHasExistingUser=False"));
        assert!(mail.text.contains(&link));
        assert_eq!(mail.subject, "Acme & Co set up a Bitwarden account for you");
    }
}
