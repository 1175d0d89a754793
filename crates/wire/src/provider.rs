//! Provider requests (spec providers.md §2). Payment and address fields of the upstream models
//! are accepted and ignored: Bulwark bills nobody.

use serde::Deserialize;

/// `ProviderUpdateRequestModel`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderUpdateRequest {
    pub name: Option<String>,
    pub business_name: Option<String>,
    pub billing_email: Option<String>,
}

/// `ProviderSetupRequestModel` (`paymentMethod`, `billingAddress` ignored).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSetupRequest {
    pub name: Option<String>,
    pub business_name: Option<String>,
    pub billing_email: Option<String>,
    pub token: Option<String>,
    /// The provider key wrapped with the owner's public key (EncString type 4).
    pub key: Option<String>,
}

/// `{keyPair}` of `CreateClientOrganizationRequestBody`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientKeyPair {
    pub public_key: Option<String>,
    pub encrypted_private_key: Option<String>,
}

/// `CreateClientOrganizationRequestBody`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateClientRequest {
    pub name: Option<String>,
    pub owner_email: Option<String>,
    pub plan_type: Option<i64>,
    pub seats: Option<i64>,
    /// The org key wrapped with the provider key (EncString type 2).
    pub key: Option<String>,
    pub key_pair: Option<ClientKeyPair>,
    pub collection_name: Option<String>,
}

/// `UpdateClientOrganizationRequestBody`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateClientRequest {
    pub assigned_seats: Option<i64>,
    pub name: Option<String>,
}

/// `POST .../clients/existing` and the legacy `POST .../organizations/add`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddExistingClientRequest {
    pub organization_id: Option<String>,
    pub key: Option<String>,
}
