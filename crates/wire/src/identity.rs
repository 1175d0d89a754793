//! Identity: prelogin and registration (`Identity/Models/Request/Accounts/*`).

use serde::{Deserialize, Serialize};

/// `PasswordPreloginRequestModel`.
#[derive(Debug, Deserialize)]
pub struct PreloginRequest {
    pub email: String,
}

/// `KdfRequestModel` / the nested `kdf` objects.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct KdfSettings {
    pub kdf_type: i64,
    pub iterations: i64,
    pub memory: Option<i64>,
    pub parallelism: Option<i64>,
}

/// `PasswordPreloginResponseModel`: flat fields for Android, `kdfSettings` + `salt` for the
/// TS clients.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreloginResponse {
    pub kdf: i64,
    pub kdf_iterations: i64,
    pub kdf_memory: Option<i64>,
    pub kdf_parallelism: Option<i64>,
    pub kdf_settings: KdfSettings,
    pub salt: String,
}

/// `RegisterSendVerificationEmailRequestModel`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendVerificationEmailRequest {
    pub email: String,
    pub name: Option<String>,
    #[serde(default)]
    pub receive_marketing_emails: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KeysRequest {
    pub public_key: String,
    pub encrypted_private_key: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MasterPasswordAuthentication {
    pub kdf: KdfSettings,
    pub salt: String,
    pub master_password_authentication_hash: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MasterPasswordUnlock {
    pub kdf: KdfSettings,
    pub salt: String,
    pub master_key_wrapped_user_key: String,
    pub contained_key_id: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountKeysRequest {
    pub user_key_encrypted_account_private_key: Option<String>,
    pub account_public_key: Option<String>,
}

/// `RegisterFinishRequestModel`, both the flat (legacy) and the nested variant, and the
/// Vaultwarden-style legacy `register` body (`key`/`keys`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterFinishRequest {
    pub email: String,
    pub name: Option<String>,
    pub master_password_hint: Option<String>,
    pub email_verification_token: Option<String>,
    /// Registration from an organization invitation: the invitation stands in for the
    /// e-mail verification (and for open signups).
    pub org_invite_token: Option<String>,
    pub organization_user_id: Option<String>,
    /// The same for a provider invitation.
    pub provider_invite_token: Option<String>,
    pub provider_user_id: Option<String>,
    pub master_password_hash: Option<String>,
    #[serde(alias = "key")]
    pub user_symmetric_key: Option<String>,
    #[serde(alias = "keys")]
    pub user_asymmetric_keys: Option<KeysRequest>,
    pub account_keys: Option<AccountKeysRequest>,
    pub kdf: Option<i64>,
    pub kdf_iterations: Option<i64>,
    pub kdf_memory: Option<i64>,
    pub kdf_parallelism: Option<i64>,
    pub master_password_authentication: Option<MasterPasswordAuthentication>,
    pub master_password_unlock: Option<MasterPasswordUnlock>,
}
