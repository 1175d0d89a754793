//! The mail a member receives when an administrator recovered their account: it may be the
//! only sign of it they get before trying their old password, and the last line tells them
//! what to do if they did not ask for it.

use super::Email;

#[must_use]
pub fn account_recovered(to: &str, user_name: &str, org_name: &str, public_url: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: format!("Your master password was reset by {org_name}"),
        text: format!(
            "An administrator of {org_name} reset the master password of {user_name}. Your \
             other sessions have ended.\n\nTo get back into your vault:\n  1. Log in with the \
             password your administrator gives you\n  2. Choose a new master password of your \
             own\n\n{public_url}\n\nIf you did not ask for this, contact your administrator \
             right away.\n"
        ),
        link: None,
        kind: "account recovered",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_org_and_the_account() {
        let m = account_recovered("a@example.com", "Ann", "Acme", "https://vault.example");
        assert_eq!(m.to, "a@example.com");
        assert!(m.subject.contains("Acme"));
        assert!(m.text.contains("Ann") && m.text.contains("https://vault.example"));
    }
}
