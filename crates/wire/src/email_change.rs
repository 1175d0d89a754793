//! Changing an account's e-mail address (`EmailTokenRequestModel`, `EmailRequestModel`).

use serde::Deserialize;

/// `POST /accounts/email-token`: proves the master password and names the new address.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailTokenRequest {
    pub master_password_hash: Option<String>,
    pub new_email: String,
}

/// `POST /accounts/email`: the mailed token plus the credentials re-derived with the new
/// address as salt (same KDF, same user key wrapped under the new master key).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmailChangeRequest {
    pub master_password_hash: Option<String>,
    pub new_email: String,
    pub token: String,
    pub new_master_password_hash: String,
    pub key: String,
}
