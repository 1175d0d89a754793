//! Cipher types with the upstream numbers (bitwarden/server `src/Core/Vault/Enums/CipherType.cs`).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CipherType {
    Login = 1,
    SecureNote = 2,
    Card = 3,
    Identity = 4,
    SshKey = 5,
    BankAccount = 6,
    DriversLicense = 7,
    Passport = 8,
}

impl CipherType {
    /// The JSON key of this type's data object in requests and responses.
    #[must_use]
    pub fn data_key(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::SecureNote => "secureNote",
            Self::Card => "card",
            Self::Identity => "identity",
            Self::SshKey => "sshKey",
            Self::BankAccount => "bankAccount",
            Self::DriversLicense => "driversLicense",
            Self::Passport => "passport",
        }
    }
}

impl TryFrom<i64> for CipherType {
    type Error = i64;
    fn try_from(v: i64) -> Result<Self, i64> {
        Ok(match v {
            1 => Self::Login,
            2 => Self::SecureNote,
            3 => Self::Card,
            4 => Self::Identity,
            5 => Self::SshKey,
            6 => Self::BankAccount,
            7 => Self::DriversLicense,
            8 => Self::Passport,
            other => return Err(other),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_cipher_types_are_rejected() {
        assert_eq!(CipherType::try_from(5), Ok(CipherType::SshKey));
        assert_eq!(CipherType::try_from(0), Err(0));
        assert_eq!(CipherType::try_from(9), Err(9));
    }
}
