//! The account as the clients see it (profile in sync and `/accounts/profile`, keys).

use bulwark_domain::time::format_micros;
use bulwark_store::users::UserRow;
use bulwark_wire::account::{
    AccountKeys, KeysResponse, ProfileResponse, PublicKeyEncryptionKeyPair,
};

#[must_use]
pub fn account_keys(user: &UserRow) -> Option<AccountKeys> {
    match (&user.private_key, &user.public_key) {
        (Some(private_key), Some(public_key)) => Some(AccountKeys {
            object: "privateKeys",
            signature_key_pair: None,
            public_key_encryption_key_pair: PublicKeyEncryptionKeyPair {
                object: "publicKeyEncryptionKeyPair",
                wrapped_private_key: private_key.clone(),
                public_key: public_key.clone(),
                signed_public_key: None,
            },
            security_state: None,
        }),
        _ => None,
    }
}

#[must_use]
pub fn profile(user: &UserRow, two_factor_enabled: bool) -> ProfileResponse {
    ProfileResponse {
        object: "profile",
        id: user.id.to_string(),
        name: user.name.clone(),
        email: user.email.clone(),
        email_verified: user.email_verified != 0,
        // A self-hosted server has no paid tier: every user gets the premium features.
        premium: true,
        premium_from_organization: false,
        culture: user.culture.clone(),
        two_factor_enabled,
        key: user.user_key.clone(),
        private_key: user.private_key.clone(),
        account_keys: account_keys(user),
        security_stamp: user.security_stamp.clone(),
        force_password_reset: false,
        uses_key_connector: false,
        avatar_color: user.avatar_color.clone(),
        creation_date: format_micros(user.creation_date),
        verify_devices: true,
        organizations: Vec::new(),
        organizations_new: Vec::new(),
        providers: Vec::new(),
        provider_organizations: Vec::new(),
    }
}

#[must_use]
pub fn keys(user: &UserRow) -> KeysResponse {
    KeysResponse {
        object: "keys",
        key: user.user_key.clone(),
        public_key: user.public_key.clone(),
        private_key: user.private_key.clone(),
        account_keys: account_keys(user),
    }
}
