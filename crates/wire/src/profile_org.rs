//! The parts of `ProfileOrganizationResponseModel` and `ProfileProviderOrganizationResponseModel`
//! that are plain flag sets, and the provider client entry itself, as typed structs: a
//! provider's Service User can have thousands of clients in their profile, and typed entries
//! serialise straight to text without a map of keys and values per client.

use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::Permissions;
use serde::Serialize;

/// The `use*` switches, named as the profile names them (`use2fa`, …). The switches Bulwark
/// has no product behind are always off; the password manager always on.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // one flag per upstream switch
pub struct ProfileFeatures {
    pub use_policies: bool,
    pub use_sso: bool,
    pub use_key_connector: bool,
    pub use_scim: bool,
    pub use_groups: bool,
    pub use_directory: bool,
    pub use_events: bool,
    pub use_totp: bool,
    #[serde(rename = "use2fa")]
    pub use_2fa: bool,
    pub use_api: bool,
    pub use_reset_password: bool,
    pub use_custom_permissions: bool,
    pub use_organization_domains: bool,
    pub use_my_items: bool,
    pub use_invite_links: bool,
    pub use_risk_insights: bool,
    pub users_get_premium: bool,
    pub self_host: bool,
    pub use_secrets_manager: bool,
    pub use_admin_sponsored_families: bool,
    pub use_automatic_user_confirmation: bool,
    pub use_phishing_blocker: bool,
    pub use_pam: bool,
    pub use_activate_autofill_policy: bool,
    pub use_password_manager: bool,
}

impl From<PlanFeatures> for ProfileFeatures {
    fn from(f: PlanFeatures) -> Self {
        Self {
            use_policies: f.use_policies,
            use_sso: f.use_sso,
            use_key_connector: f.use_key_connector,
            use_scim: f.use_scim,
            use_groups: f.use_groups,
            use_directory: f.use_directory,
            use_events: f.use_events,
            use_totp: f.use_totp,
            use_2fa: f.use_2fa,
            use_api: f.use_api,
            use_reset_password: f.use_reset_password,
            use_custom_permissions: f.use_custom_permissions,
            use_organization_domains: f.use_organization_domains,
            use_my_items: f.use_my_items,
            use_invite_links: f.use_invite_links,
            use_risk_insights: f.use_risk_insights,
            users_get_premium: f.users_get_premium,
            self_host: f.self_host,
            use_secrets_manager: false,
            use_admin_sponsored_families: false,
            use_automatic_user_confirmation: false,
            use_phishing_blocker: false,
            use_pam: false,
            use_activate_autofill_policy: false,
            use_password_manager: true,
        }
    }
}

/// The collection-management switches of an org.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // one flag per upstream switch
pub struct ProfileCollectionSettings {
    pub limit_collection_creation: bool,
    pub limit_collection_deletion: bool,
    pub limit_item_deletion: bool,
    pub allow_admin_access_to_all_collection_items: bool,
}

/// `ProfileProviderOrganizationResponseModel`: a client org as a provider member's profile
/// lists it. Provider members act as owners (`type` 0) of every client, confirmed (`status`
/// 2), with no custom permissions.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_excessive_bools)] // the wire object is a flat set of fields
pub struct ProfileProviderOrganization {
    pub object: &'static str,
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub enabled: bool,
    pub identifier: Option<String>,
    pub product_tier_type: i64,
    pub seats: Option<i64>,
    pub max_collections: Option<i64>,
    pub max_storage_gb: Option<i64>,
    /// The org key wrapped with the provider key.
    pub key: Option<String>,
    pub has_public_and_private_keys: bool,
    pub status: i64,
    #[serde(rename = "type")]
    pub member_type: i64,
    pub permissions: Permissions,
    pub access_secrets_manager: bool,
    pub access_pam: bool,
    pub sso_bound: bool,
    pub reset_password_enrolled: bool,
    pub provider_id: String,
    pub provider_name: Option<String>,
    pub provider_type: i64,
    pub sso_enabled: bool,
    pub key_connector_enabled: bool,
    pub key_connector_url: Option<String>,
    pub sso_member_decryption_type: Option<i64>,
    #[serde(rename = "useDisableSMAdsForUsers")]
    pub use_disable_sm_ads_for_users: bool,
    #[serde(flatten)]
    pub features: ProfileFeatures,
    #[serde(flatten)]
    pub settings: ProfileCollectionSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_use_the_profile_names() {
        let json = serde_json::to_value(ProfileFeatures::from(PlanFeatures::default())).unwrap();
        let map = json.as_object().unwrap();
        assert_eq!(map.len(), 25);
        assert_eq!(map["use2fa"], false);
        assert_eq!(map["usePasswordManager"], true);
        assert_eq!(map["usersGetPremium"], false);
        assert!(map.contains_key("useActivateAutofillPolicy"));
    }
}
