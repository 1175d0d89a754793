//! Organization requests (`OrganizationCreateRequestModel`, `OrganizationUpdateRequestModel`,
//! `OrganizationKeysRequestModel`). Billing fields of the upstream models are accepted and
//! ignored: a self-hosted server takes no payment.

use serde::Deserialize;

/// `OrganizationKeysRequestModel`: the org's RSA key pair (public SPKI base64, private key as
/// an EncString under the org key).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgKeysRequest {
    pub public_key: Option<String>,
    pub encrypted_private_key: Option<String>,
}

/// `OrganizationCreateRequestModel` (also `create-without-payment`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgCreateRequest {
    pub name: Option<String>,
    pub billing_email: Option<String>,
    #[serde(default)]
    pub plan_type: i64,
    /// The org key wrapped for the creator (EncString type 4).
    pub key: Option<String>,
    pub keys: Option<OrgKeysRequest>,
    pub collection_name: Option<String>,
    #[serde(default)]
    pub additional_seats: i64,
}

/// `OrganizationUpdateRequestModel`: `name` is required; a null billing e-mail or keys stay as
/// they are.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgUpdateRequest {
    pub name: Option<String>,
    pub billing_email: Option<String>,
    pub keys: Option<OrgKeysRequest>,
}
