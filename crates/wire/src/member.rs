//! Member requests (`OrganizationUserInviteRequestModel`, `OrganizationUserUpdateRequestModel`,
//! `OrganizationUserAcceptRequestModel`, the confirm models and the bulk id lists).
//! Ids stay strings here: the server turns a malformed one into "not found", not a 400.

use serde::Deserialize;
use serde_json::Value;

/// `SelectionReadOnlyRequestModel`: one collection grant.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionReadOnly {
    pub id: String,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub hide_passwords: bool,
    #[serde(default)]
    pub manage: bool,
}

/// `POST …/users/invite`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InviteRequest {
    pub emails: Vec<String>,
    /// Required; kept loose so an unknown number is refused with the upstream text.
    #[serde(rename = "type")]
    pub member_type: Option<i64>,
    #[serde(default)]
    pub access_secrets_manager: bool,
    /// Free-form: unknown flags are ignored, missing ones are false.
    pub permissions: Option<Value>,
    pub collections: Option<Vec<SelectionReadOnly>>,
    pub groups: Option<Vec<String>>,
}

/// `PUT …/users/{id}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberUpdateRequest {
    #[serde(rename = "type")]
    pub member_type: Option<i64>,
    #[serde(default)]
    pub access_secrets_manager: bool,
    pub permissions: Option<Value>,
    pub collections: Option<Vec<SelectionReadOnly>>,
    /// `None` leaves the groups as they are; `[]` removes the member from all of them.
    pub groups: Option<Vec<String>>,
}

/// `POST …/users/{id}/accept`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptRequest {
    pub token: Option<String>,
    pub reset_password_key: Option<String>,
}

/// `POST …/users/{id}/confirm`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmRequest {
    pub key: Option<String>,
}

/// One entry of `POST …/users/confirm`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmKey {
    pub id: String,
    pub key: Option<String>,
}

/// `POST …/users/confirm`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkConfirmRequest {
    pub keys: Vec<ConfirmKey>,
}

/// The bulk routes' `{ids}` (reinvite, public-keys, remove, revoke, restore; collections and
/// groups too). Required, as upstream's `[Required]`: a body without it is a mistake.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdsRequest {
    pub ids: Vec<String>,
}
