//! Building a new organization: the validated key pair, the org row on a plan, and its first
//! collection. Shared by `POST /organizations` and a provider's `POST /providers/{id}/clients`.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::collection_access::CollectionType;
use bulwark_domain::plan::Plan;
use bulwark_domain::{enc_string, CollectionId, OrgId};
use bulwark_store::collections::CollectionRow;
use bulwark_store::organizations::{CollectionSettingsRow, OrgRow};

/// The org key pair: an SPKI public key (base64) and the private key as an EncString.
/// `prefix` names the fields in errors (`Keys` or `KeyPair`).
///
/// # Errors
/// 400 naming the bad half.
pub fn check_key_pair(
    prefix: &str,
    public: Option<&str>,
    private: Option<&str>,
) -> ApiResult<(String, String)> {
    use base64::Engine;
    let public = public.unwrap_or_default();
    if base64::engine::general_purpose::STANDARD
        .decode(public)
        .map_or(true, |b| b.is_empty())
    {
        return Err(ApiError::field(
            format!("{prefix}.PublicKey"),
            "The PublicKey field is required.",
        ));
    }
    let private = private.unwrap_or_default();
    if !enc_string::is_valid(private) {
        return Err(ApiError::field(
            format!("{prefix}.EncryptedPrivateKey"),
            "The EncryptedPrivateKey field is not a valid encrypted string.",
        ));
    }
    Ok((public.to_owned(), private.to_owned()))
}

/// An optional first-collection name: blank means none; otherwise an EncString.
///
/// # Errors
/// 400 when it is not an EncString.
pub fn check_collection_name(name: Option<&str>) -> ApiResult<Option<String>> {
    let name = name.filter(|n| !n.trim().is_empty());
    if name.is_some_and(|n| !enc_string::is_valid(n)) {
        return Err(ApiError::field(
            "CollectionName",
            "The CollectionName field is not a valid encrypted string.",
        ));
    }
    Ok(name.map(str::to_owned))
}

/// What a new organization is made of.
pub struct NewOrg<'a> {
    pub name: String,
    pub billing_email: String,
    pub plan: &'a Plan,
    pub seats: i64,
    pub public_key: String,
    pub private_key: String,
}

/// The org row, enabled, with the plan's features and a fresh API key.
#[must_use]
pub fn org_row(new: NewOrg<'_>, now: i64) -> OrgRow {
    OrgRow {
        id: OrgId::new(),
        name: new.name,
        billing_email: new.billing_email,
        plan_type: new.plan.plan_type.number(),
        seats: Some(new.seats),
        max_collections: new.plan.max_collections,
        max_storage_gb: Some(new.plan.max_storage_gb()),
        enabled: 1,
        status: 1,
        public_key: Some(new.public_key),
        private_key: Some(new.private_key),
        api_key: crate::auth::tokens::random_alphanumeric(30),
        api_key_revision_date: now,
        settings: CollectionSettingsRow::default(),
        features: new.plan.features.into(),
        creation_date: now,
        revision_date: now,
    }
}

/// A shared collection of `org` named `name` (an EncString under the org key).
#[must_use]
pub fn shared_collection(org: OrgId, name: String, now: i64) -> CollectionRow {
    CollectionRow {
        id: CollectionId::new(),
        org_id: org,
        name,
        external_id: None,
        collection_type: CollectionType::SharedCollection.number(),
        default_user_collection_email: None,
        creation_date: now,
        revision_date: now,
    }
}
