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

/// `ProviderOrganizationOrganizationDetailsResponseModel`: one row of the clients table. Typed,
/// since a provider can have any number of clients.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientDetail {
    pub object: &'static str,
    /// The link id (what the client routes take).
    pub id: String,
    pub provider_id: String,
    pub organization_id: String,
    pub organization_name: String,
    /// The org key wrapped with the provider key.
    pub key: Option<String>,
    pub settings: Option<String>,
    pub creation_date: String,
    pub revision_date: String,
    /// Confirmed members.
    pub user_count: i64,
    pub seats: Option<i64>,
    /// Invited, Accepted and Confirmed members.
    pub occupied_seats: i64,
    pub remaining_seats: Option<i64>,
    pub plan: &'static str,
    pub plan_type: i64,
    pub enabled: bool,
}
