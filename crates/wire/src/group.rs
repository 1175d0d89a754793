//! Group requests (`GroupRequestModel`, `GroupBulkRequestModel`).

use serde::Deserialize;

/// `SelectionReadOnlyRequestModel`: one collection grant.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessSelection {
    pub id: String,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub hide_passwords: bool,
    #[serde(default)]
    pub manage: bool,
}

/// `GroupRequestModel`: `users` null leaves the members as they are.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRequest {
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub collections: Option<Vec<AccessSelection>>,
    pub users: Option<Vec<String>>,
}

/// `{ids}` of a bulk delete.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdsRequest {
    #[serde(default)]
    pub ids: Vec<String>,
}
