//! The mails of the provider lifecycle, with the links of the web vault's provider pages and
//! the query parameters it reads there (spec §3.1, §3.2).

use super::Email;
use url::form_urlencoded::byte_serialize;

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect()
}

/// What the setup invitation needs.
pub struct SetupInvitation<'a> {
    pub public_url: &'a str,
    pub provider_id: &'a str,
    /// The owner's provider user id: not in upstream's link, but the issue asks every logged
    /// link to carry it; the web vault ignores parameters it does not read.
    pub provider_user_id: &'a str,
    pub email: &'a str,
    pub token: &'a str,
    /// Human expiry, e.g. "Friday, November 27, 2026 06:10 UTC".
    pub expires: &'a str,
}

#[must_use]
pub fn setup_invitation(i: &SetupInvitation<'_>) -> Email {
    let link = format!(
        "{}/#/providers/setup-provider?providerId={}&email={}&token={}&providerUserId={}",
        i.public_url,
        enc(i.provider_id),
        enc(i.email),
        enc(i.token),
        enc(i.provider_user_id),
    );
    let text = format!(
        "A provider has been created for you on this Bitwarden server. Sign in with this \
         address and finish setting it up:\n{link}\n\nThis invitation expires on {expires}.\n\n\
         If you did not expect it, ignore this mail.\n",
        expires = i.expires,
    );
    Email {
        to: i.email.to_owned(),
        subject: "Create a Provider".to_owned(),
        text,
        link: Some(link),
        kind: "provider setup invitation",
    }
}

/// What a provider user invitation needs.
pub struct UserInvitation<'a> {
    pub public_url: &'a str,
    pub provider_id: &'a str,
    pub provider_user_id: &'a str,
    pub provider_name: &'a str,
    pub email: &'a str,
    pub token: &'a str,
    pub expires: &'a str,
}

#[must_use]
pub fn user_invitation(i: &UserInvitation<'_>) -> Email {
    let link = format!(
        "{}/#/providers/accept-provider?providerId={}&providerUserId={}&email={}&providerName={}&token={}",
        i.public_url,
        enc(i.provider_id),
        enc(i.provider_user_id),
        enc(i.email),
        enc(i.provider_name),
        enc(i.token),
    );
    let text = format!(
        "You have been invited to join the provider {name}.\n\nAccept the invitation:\n{link}\n\n\
         This invitation expires on {expires}.\n\nIf you did not expect it, ignore this mail.\n",
        name = i.provider_name,
        expires = i.expires,
    );
    Email {
        to: i.email.to_owned(),
        subject: format!("Join {}", i.provider_name),
        text,
        link: Some(link),
        kind: "provider user invitation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_links_carry_provider_owner_email_and_token_encoded() {
        let mail = setup_invitation(&SetupInvitation {
            public_url: "https://vault.example.com",
            provider_id: "p-1",
            provider_user_id: "pu-1",
            email: "a+b@example.com",
            token: "t/1=",
            expires: "soon",
        });
        let link = mail.link.unwrap();
        assert!(link
            .starts_with("https://vault.example.com/#/providers/setup-provider?providerId=p-1&"));
        assert!(link.contains("email=a%2Bb%40example.com"));
        assert!(link.contains("token=t%2F1%3D"));
        assert!(link.contains("providerUserId=pu-1"));
        assert!(mail.text.contains(&link));
    }

    #[test]
    fn user_invitation_links_carry_the_parameters_the_accept_page_reads() {
        let mail = user_invitation(&UserInvitation {
            public_url: "https://vault.example.com",
            provider_id: "p-1",
            provider_user_id: "pu-1",
            provider_name: "Acme & Co",
            email: "a@example.com",
            token: "t",
            expires: "soon",
        });
        let link = mail.link.unwrap();
        assert!(link.starts_with(
            "https://vault.example.com/#/providers/accept-provider?providerId=p-1&providerUserId=pu-1&"
        ));
        assert!(link.contains("email=a%40example.com"));
        assert!(link.contains("providerName=Acme+%26+Co"));
        assert!(link.ends_with("&token=t"));
        assert_eq!(mail.subject, "Join Acme & Co");
    }
}
