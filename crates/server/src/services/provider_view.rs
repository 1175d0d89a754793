//! Providers as the clients read them (spec providers.md §2 and §4): `provider`,
//! `profileProvider` and `profileProviderOrganization`. Provider members have no custom
//! permissions, so `permissions` is always the all-false object.

use crate::services::org_view::{feature_fields, product_tier, settings_fields};
use bulwark_domain::time::format_micros;
use bulwark_domain::Permissions;
use bulwark_store::provider_orgs::ProfileProviderOrgRow;
use bulwark_store::provider_users::ProfileProviderRow;
use bulwark_store::providers::ProviderRow;
use serde_json::{json, Map, Value};

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
pub fn profile_provider_organization(r: &ProfileProviderOrgRow, user_id: &str) -> Value {
    let mut out = Map::new();
    out.insert("object".into(), json!("profileProviderOrganization"));
    out.insert("id".into(), json!(r.org_id.to_string()));
    out.insert("userId".into(), json!(user_id));
    out.insert("name".into(), json!(r.name));
    out.insert("enabled".into(), json!(r.enabled != 0));
    out.insert("identifier".into(), Value::Null);
    out.insert("productTierType".into(), json!(product_tier(r.plan_type)));
    out.insert("seats".into(), json!(r.seats));
    out.insert("maxCollections".into(), json!(r.max_collections));
    out.insert("maxStorageGb".into(), json!(r.max_storage_gb));
    out.insert("key".into(), json!(r.org_key));
    out.insert("hasPublicAndPrivateKeys".into(), json!(r.has_keys != 0));
    out.insert("status".into(), json!(2));
    out.insert("type".into(), json!(0));
    out.insert("permissions".into(), no_permissions());
    out.insert("accessSecretsManager".into(), json!(false));
    out.insert("accessPam".into(), json!(false));
    out.insert("ssoBound".into(), json!(false));
    out.insert("resetPasswordEnrolled".into(), json!(false));
    out.insert("providerId".into(), json!(r.provider_id.to_string()));
    out.insert("providerName".into(), json!(r.provider_name));
    out.insert("providerType".into(), json!(r.provider_type));
    out.insert("ssoEnabled".into(), json!(false));
    out.insert("keyConnectorEnabled".into(), json!(false));
    out.insert("keyConnectorUrl".into(), Value::Null);
    out.insert("ssoMemberDecryptionType".into(), Value::Null);
    feature_fields(&mut out, r.features.into());
    out.insert("useDisableSMAdsForUsers".into(), json!(false));
    settings_fields(&mut out, r.settings);
    Value::Object(out)
}
