//! The account as the clients see it (profile in sync and `/accounts/profile`, keys).

use crate::error::ApiResult;
use crate::services::{org_view, provider_view};
use bulwark_domain::time::format_micros;
use bulwark_store::user_orgs::{self, ProfileOrgRow};
use bulwark_store::users::UserRow;
use bulwark_store::{provider_orgs, provider_users, AnyConnection};
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

/// Fills the profile's organization lists from `memberships` and its provider lists (two
/// queries, whatever the number of providers and clients).
///
/// # Errors
/// Database failures.
pub async fn fill_lists(
    conn: &mut AnyConnection,
    profile: &mut ProfileResponse,
    user: &UserRow,
    memberships: &[ProfileOrgRow],
) -> ApiResult<()> {
    let user_id = user.id.to_string();
    (profile.organizations, profile.organizations_new) =
        org_view::profile_lists(memberships, &user_id);
    profile.providers = provider_users::profile_for_user(conn, user.id)
        .await?
        .iter()
        .map(|r| provider_view::profile_provider(r, &user_id))
        .collect();
    profile.provider_organizations = provider_orgs::profile_for_user(conn, user.id)
        .await?
        .iter()
        .map(|r| provider_view::profile_provider_organization(r, &user_id))
        .collect();
    Ok(())
}

/// The full profile of `/accounts/profile`: the account with its organizations and providers.
///
/// # Errors
/// Database failures.
pub async fn full(
    conn: &mut AnyConnection,
    user: &UserRow,
    two_factor_enabled: bool,
) -> ApiResult<ProfileResponse> {
    let mut out = profile(user, two_factor_enabled);
    let memberships = user_orgs::user_org_memberships(conn, user.id).await?;
    fill_lists(conn, &mut out, user, &memberships).await?;
    Ok(out)
}
