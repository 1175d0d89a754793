//! Provider mails: the owner's setup invitation and a member's invitation, with the links the
//! official web vault's provider pages read.

use super::Email;
use url::form_urlencoded::byte_serialize;

fn enc(s: &str) -> String {
    byte_serialize(s.as_bytes()).collect()
}

/// The operator created a provider: its owner sets it up from this link.
#[must_use]
pub fn setup(public_url: &str, provider_id: &str, email: &str, token: &str) -> Email {
    let link = format!(
        "{public_url}/#/providers/setup-provider?providerId={}&email={}&token={}",
        enc(provider_id),
        enc(email),
        enc(token),
    );
    Email {
        to: email.to_owned(),
        subject: "Set up your Bitwarden provider".into(),
        text: format!(
            "A provider was created for you. Set it up (name, billing e-mail and its key):\n{link}\n\n\
             The link is valid for five days.\n"
        ),
        link: Some(link),
        kind: "provider setup invitation",
    }
}

/// What a provider invitation mail needs.
pub struct ProviderInvitation<'a> {
    pub public_url: &'a str,
    pub provider_id: &'a str,
    pub provider_user_id: &'a str,
    pub provider_name: &'a str,
    pub email: &'a str,
    pub token: &'a str,
}

#[must_use]
pub fn invitation(i: &ProviderInvitation<'_>) -> Email {
    let link = format!(
        "{}/#/providers/accept-provider?providerId={}&providerUserId={}&email={}&providerName={}&token={}",
        i.public_url,
        enc(i.provider_id),
        enc(i.provider_user_id),
        enc(i.email),
        enc(i.provider_name),
        enc(i.token),
    );
    Email {
        to: i.email.to_owned(),
        subject: format!("Join {}", i.provider_name),
        text: format!(
            "You have been invited to join the provider {}.\n\nAccept invitation:\n{link}\n\n\
             This invitation is valid for five days.\n",
            i.provider_name
        ),
        link: Some(link),
        kind: "provider invitation",
    }
}
