//! Accounts: profile, keys, secret verification (`Api/Auth/Models/*`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `SecretVerificationRequestModel`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretVerification {
    pub master_password_hash: Option<String>,
    pub otp: Option<String>,
}

/// `UpdateProfileRequestModel`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateProfileRequest {
    /// Required but nullable: the profile page always sends it, and a body without it must not
    /// clear the name.
    #[serde(deserialize_with = "crate::required_nullable")]
    pub name: Option<String>,
    pub master_password_hint: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvatarRequest {
    /// Required but nullable (null = the default colour).
    #[serde(deserialize_with = "crate::required_nullable")]
    pub avatar_color: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserKeyIdRequest {
    pub user_key_id: String,
}

/// `PublicKeyEncryptionKeyPairResponseModel`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublicKeyEncryptionKeyPair {
    pub object: &'static str,
    pub wrapped_private_key: String,
    pub public_key: String,
    pub signed_public_key: Option<String>,
}

/// `PrivateKeysResponseModel` (`accountKeys`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountKeys {
    pub object: &'static str,
    pub signature_key_pair: Option<Value>,
    pub public_key_encryption_key_pair: PublicKeyEncryptionKeyPair,
    pub security_state: Option<Value>,
}

/// `ProfileResponseModel`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileResponse {
    pub object: &'static str,
    pub id: String,
    pub name: Option<String>,
    pub email: String,
    pub email_verified: bool,
    pub premium: bool,
    pub premium_from_organization: bool,
    pub culture: String,
    pub two_factor_enabled: bool,
    pub key: String,
    pub private_key: Option<String>,
    pub account_keys: Option<AccountKeys>,
    pub security_stamp: String,
    pub force_password_reset: bool,
    pub uses_key_connector: bool,
    pub avatar_color: Option<String>,
    pub creation_date: String,
    pub verify_devices: bool,
    pub organizations: Vec<Value>,
    pub organizations_new: Vec<Value>,
    pub providers: Vec<Value>,
    pub provider_organizations: Vec<crate::profile_org::ProfileProviderOrganization>,
}

/// `KeysResponseModel`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KeysResponse {
    pub object: &'static str,
    pub key: String,
    pub public_key: Option<String>,
    pub private_key: Option<String>,
    pub account_keys: Option<AccountKeys>,
}

/// `DeviceResponseModel`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceResponse {
    pub object: &'static str,
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub device_type: i64,
    pub identifier: String,
    pub creation_date: String,
    pub last_activity_date: String,
    pub is_trusted: bool,
    pub encrypted_user_key: Option<String>,
    pub encrypted_public_key: Option<String>,
    pub device_pending_auth_request: Option<Value>,
}
