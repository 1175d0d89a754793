//! Organizations as the clients read them: `organization` (the owner's view, §1.4 of the spec)
//! and `profileOrganization` (a member's view, in the profile, sync and `GET /organizations`).

use bulwark_domain::plan::{PlanFeatures, PlanType, ProductTierType};
use bulwark_store::organizations::{CollectionSettingsRow, OrgRow};
use bulwark_store::user_orgs::ProfileOrgRow;
use bulwark_wire::profile_org::{ProfileCollectionSettings, ProfileFeatures};
use serde_json::{json, Map, Value};

pub(crate) fn product_tier(plan_type: i64) -> i64 {
    PlanType::try_from(plan_type).map_or(ProductTierType::Enterprise.number(), |p| {
        p.product_tier().number()
    })
}

/// The `use*` switches, named as the profile names them (`use2fa`, …).
pub(crate) fn feature_fields(out: &mut Map<String, Value>, f: PlanFeatures) {
    extend_with(out, &ProfileFeatures::from(f));
}

pub(crate) fn settings_fields(out: &mut Map<String, Value>, s: CollectionSettingsRow) {
    extend_with(out, &collection_settings(s));
}

pub(crate) fn collection_settings(s: CollectionSettingsRow) -> ProfileCollectionSettings {
    ProfileCollectionSettings {
        limit_collection_creation: s.limit_collection_creation != 0,
        limit_collection_deletion: s.limit_collection_deletion != 0,
        limit_item_deletion: s.limit_item_deletion != 0,
        allow_admin_access_to_all_collection_items: s.allow_admin_access_to_all_collection_items
            != 0,
    }
}

/// Adds the fields of a flat struct to `out`; the typed structs are the one list of names.
fn extend_with(out: &mut Map<String, Value>, fields: &impl serde::Serialize) {
    if let Ok(Value::Object(map)) = serde_json::to_value(fields) {
        out.extend(map);
    }
}

/// `OrganizationResponseModel`.
#[must_use]
pub fn organization(o: &OrgRow) -> Value {
    let plan_name = PlanType::try_from(o.plan_type)
        .ok()
        .and_then(bulwark_domain::plan::Plan::find)
        .map_or("Custom", |p| p.name);
    let mut out = Map::new();
    out.insert("object".into(), json!("organization"));
    out.insert("id".into(), json!(o.id.to_string()));
    out.insert("name".into(), json!(o.name));
    out.insert("billingEmail".into(), json!(o.billing_email));
    for k in [
        "businessName",
        "businessAddress1",
        "businessAddress2",
        "businessAddress3",
        "businessCountry",
        "businessTaxNumber",
        "secretsManagerPlan",
        "maxAutoscaleSeats",
        "smSeats",
        "smServiceAccounts",
        "maxAutoscaleSmSeats",
        "maxAutoscaleSmServiceAccounts",
    ] {
        out.insert(k.into(), Value::Null);
    }
    out.insert(
        "plan".into(),
        json!({
            "object": "plan",
            "type": o.plan_type,
            "productTier": product_tier(o.plan_type),
            "name": plan_name,
        }),
    );
    out.insert("planType".into(), json!(o.plan_type));
    out.insert("seats".into(), json!(o.seats));
    out.insert("maxCollections".into(), json!(o.max_collections));
    out.insert("maxStorageGb".into(), json!(o.max_storage_gb));
    out.insert(
        "hasPublicAndPrivateKeys".into(),
        json!(o.public_key.is_some() && o.private_key.is_some()),
    );
    feature_fields(&mut out, o.features.into());
    out.insert("useDisableSmAdsForUsers".into(), json!(false));
    settings_fields(&mut out, o.settings);
    Value::Object(out)
}

/// `ProfileOrganizationResponseModel` for one membership of `user_id`.
#[must_use]
pub fn profile_organization(m: &ProfileOrgRow, user_id: &str) -> Value {
    let permissions = crate::services::org_access::parse_permissions(m.permissions.as_deref());
    let mut out = Map::new();
    out.insert("object".into(), json!("profileOrganization"));
    out.insert("id".into(), json!(m.org_id.to_string()));
    out.insert("userId".into(), json!(user_id));
    out.insert(
        "organizationUserId".into(),
        json!(m.membership_id.to_string()),
    );
    out.insert("name".into(), json!(m.name));
    out.insert("enabled".into(), json!(m.enabled != 0));
    out.insert("identifier".into(), Value::Null);
    out.insert("productTierType".into(), json!(product_tier(m.plan_type)));
    out.insert("planProductType".into(), json!(product_tier(m.plan_type)));
    out.insert("seats".into(), json!(m.seats));
    out.insert("maxCollections".into(), json!(m.max_collections));
    out.insert("maxStorageGb".into(), json!(m.max_storage_gb));
    out.insert("key".into(), json!(m.member_key));
    out.insert("hasPublicAndPrivateKeys".into(), json!(m.has_keys != 0));
    out.insert("status".into(), json!(m.status));
    out.insert("type".into(), json!(m.member_type));
    out.insert(
        "permissions".into(),
        serde_json::to_value(permissions).unwrap_or(Value::Null),
    );
    out.insert(
        "accessSecretsManager".into(),
        json!(m.access_secrets_manager != 0),
    );
    out.insert("accessPam".into(), json!(false));
    out.insert("ssoBound".into(), json!(false));
    out.insert(
        "resetPasswordEnrolled".into(),
        json!(m
            .reset_password_key
            .as_deref()
            .is_some_and(|k| !k.is_empty())),
    );
    // Set for a provider's client org: the clients then leave its subscription and billing
    // to the provider's people, and show its owners the org as managed.
    out.insert("providerId".into(), json!(m.provider_id));
    out.insert("providerName".into(), json!(m.provider_name));
    out.insert("providerType".into(), json!(m.provider_type));
    for k in [
        "keyConnectorUrl",
        "ssoMemberDecryptionType",
        "familySponsorshipFriendlyName",
        "familySponsorshipLastSyncDate",
        "familySponsorshipValidUntil",
        "familySponsorshipToDelete",
    ] {
        out.insert(k.into(), Value::Null);
    }
    for k in [
        "ssoEnabled",
        "keyConnectorEnabled",
        "userIsClaimedByOrganization",
        "userIsManagedByOrganization",
        "familySponsorshipAvailable",
        "isAdminInitiated",
    ] {
        out.insert(k.into(), json!(false));
    }
    feature_fields(&mut out, m.features.into());
    out.insert("useDisableSMAdsForUsers".into(), json!(false));
    settings_fields(&mut out, m.settings);
    Value::Object(out)
}

/// The profile's two lists: `organizations` (Confirmed) and `organizationsNew` (Accepted too).
#[must_use]
pub fn profile_lists(rows: &[ProfileOrgRow], user_id: &str) -> (Vec<Value>, Vec<Value>) {
    let all: Vec<Value> = rows
        .iter()
        .map(|m| profile_organization(m, user_id))
        .collect();
    let confirmed = rows
        .iter()
        .zip(&all)
        .filter(|(m, _)| m.status == bulwark_domain::OrgUserStatus::Confirmed.number())
        .map(|(_, v)| v.clone())
        .collect();
    (confirmed, all)
}
