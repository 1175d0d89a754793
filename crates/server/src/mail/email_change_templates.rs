//! The mails of an e-mail address change. Both go to the NEW address: the code proves the
//! requester reads it; the "already taken" note tells that address's owner about the attempt
//! without the requester learning whether the address has an account.

use super::Email;

/// The line prefix the code follows, so people (and tests) find it in the text.
pub const CODE_PREFIX: &str = "Code: ";

#[must_use]
pub fn email_change_code(to: &str, token: &str, public_url: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Your code to change your e-mail address".into(),
        text: format!(
            "Someone asked to move a Bulwark account ({public_url}) to this e-mail address. To \
             confirm, copy this code into the account page where you asked for it. It works \
             once, within one hour.\n\n{CODE_PREFIX}{token}\n\nIf you did not ask for this, \
             ignore this mail: nothing changes without the code.\n"
        ),
        link: None,
        kind: "e-mail change code",
    }
}

#[must_use]
pub fn email_change_address_taken(to: &str, public_url: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject: "Someone tried to use your e-mail address".into(),
        text: format!(
            "Someone asked to move another Bulwark account ({public_url}) to this e-mail \
             address. It already belongs to an account, so nothing was changed and no code \
             was sent.\n\nIf this was you, choose another address, or delete the other \
             account first.\n"
        ),
        link: None,
        kind: "e-mail change refused",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_stands_on_its_own_line() {
        let m = email_change_code("new@example.com", "abc.def.ghi", "https://vault.example");
        assert_eq!(m.to, "new@example.com");
        assert!(
            m.text.lines().any(|l| l == "Code: abc.def.ghi"),
            "{}",
            m.text
        );
        let t = email_change_address_taken("new@example.com", "https://vault.example");
        assert!(!t.text.contains(CODE_PREFIX));
    }
}
