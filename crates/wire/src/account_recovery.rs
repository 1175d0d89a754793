//! Account recovery requests: a member's enrolment, and an admin setting a member's new master
//! password.

use crate::identity::{MasterPasswordAuthentication, MasterPasswordUnlock};
use serde::Deserialize;

/// `OrganizationUserResetPasswordEnrollmentRequestModel`. A blank or null key withdraws.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrollmentRequest {
    pub reset_password_key: Option<String>,
    pub master_password_hash: Option<String>,
}

/// `OrganizationUserResetPasswordRequestModel`: the legacy pair (`newMasterPasswordHash`, `key`)
/// or the nested pair. `resetMasterPassword` is absent from the older `reset-password` route's
/// body, where a password reset is the only action.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoverRequest {
    pub reset_master_password: Option<bool>,
    pub reset_two_factor: Option<bool>,
    pub new_master_password_hash: Option<String>,
    pub key: Option<String>,
    pub authentication_data: Option<MasterPasswordAuthentication>,
    pub unlock_data: Option<MasterPasswordUnlock>,
}
