//! Provider member requests (`ProviderUserInviteRequestModel` and friends).

use serde::Deserialize;

/// `POST /providers/{id}/users/invite`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderInviteRequest {
    /// Defaults to none, which the route refuses after it has checked the caller's right: an
    /// outsider learns nothing about a provider, not even what a valid body looks like.
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(rename = "type")]
    pub user_type: Option<i64>,
}

/// `PUT /providers/{id}/users/{id}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderUserUpdateRequest {
    #[serde(rename = "type")]
    pub user_type: Option<i64>,
}

/// `POST /providers/{id}/users/{id}/accept`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderAcceptRequest {
    pub token: Option<String>,
}
