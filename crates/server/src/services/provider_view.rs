//! Providers as the clients read them (spec providers.md §2 and §4): `provider`,
//! `profileProvider` and `profileProviderOrganization`. Provider members have no custom
//! permissions, so `permissions` is always the all-false object.

use crate::services::org_view::{collection_settings, product_tier};
use bulwark_domain::plan::PlanFeatures;
use bulwark_domain::time::format_micros;
use bulwark_domain::Permissions;
use bulwark_store::provider_orgs::ProfileProviderOrgRow;
use bulwark_store::provider_users::ProfileProviderRow;
use bulwark_store::providers::ProviderRow;
use bulwark_wire::profile_org::ProfileProviderOrganization;
use serde_json::{json, Value};

fn no_permissions() -> Value {
    serde_json::to_value(Permissions::default()).unwrap_or(Value::Null)
}

/// `ProviderResponseModel`, plus Bulwark's `confirmedAdminCount` and `adminWarning`: a lost
/// master password cannot be recovered, so a provider with one admin is one lost password away
/// from being locked out for good.
#[must_use]
pub fn provider(p: &ProviderRow, confirmed_admins: usize) -> Value {
    json!({
        "object": "provider",
        "id": p.id.to_string(),
        "name": p.name,
        "businessName": p.business_name,
        "businessAddress1": null,
        "businessAddress2": null,
        "businessAddress3": null,
        "businessCountry": null,
        "businessTaxNumber": null,
        "billingEmail": p.billing_email,
        "creationDate": format_micros(p.creation_date),
        "type": p.provider_type,
        "status": p.status,
        "enabled": p.enabled != 0,
        "confirmedAdminCount": confirmed_admins,
        "adminWarning": (confirmed_admins < 2).then_some(
            "This provider has fewer than two confirmed Provider Admins. A lost master password \
             cannot be recovered: invite a second admin so the provider is never locked out."
        ),
    })
}

/// `ProfileProviderResponseModel` for one Confirmed membership of `user_id`.
#[must_use]
pub fn profile_provider(r: &ProfileProviderRow, user_id: &str) -> Value {
    json!({
        "object": "profileProvider",
        "id": r.provider_id.to_string(),
        "name": r.name,
        "key": r.provider_key,
        "status": r.status,
        "type": r.user_type,
        "enabled": r.enabled != 0,
        "permissions": no_permissions(),
        "userId": user_id,
        "useEvents": r.use_events != 0,
        "providerStatus": r.provider_status,
        "providerType": r.provider_type,
    })
}

/// `ProfileProviderOrganizationResponseModel`: a client org as its provider's staff see it,
/// as Owners (`type` 0, `status` Confirmed) with the org key wrapped by the provider key.
#[must_use]
pub fn profile_provider_organization(
    r: &ProfileProviderOrgRow,
    user_id: &str,
) -> ProfileProviderOrganization {
    ProfileProviderOrganization {
        object: "profileProviderOrganization",
        id: r.org_id.to_string(),
        user_id: user_id.to_owned(),
        name: r.name.clone(),
        enabled: r.enabled != 0,
        identifier: None,
        product_tier_type: product_tier(r.plan_type),
        seats: r.seats,
        max_collections: r.max_collections,
        max_storage_gb: r.max_storage_gb,
        key: r.org_key.clone(),
        has_public_and_private_keys: r.has_keys != 0,
        status: 2,
        member_type: 0,
        permissions: Permissions::default(),
        access_secrets_manager: false,
        access_pam: false,
        sso_bound: false,
        reset_password_enrolled: false,
        provider_id: r.provider_id.to_string(),
        provider_name: r.provider_name.clone(),
        provider_type: r.provider_type,
        sso_enabled: false,
        key_connector_enabled: false,
        key_connector_url: None,
        sso_member_decryption_type: None,
        use_disable_sm_ads_for_users: false,
        features: PlanFeatures::from(r.features).into(),
        settings: collection_settings(r.settings),
    }
}
