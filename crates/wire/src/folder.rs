use serde::{Deserialize, Serialize};

/// `FolderRequestModel`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderRequest {
    pub name: String,
}

/// `FolderResponseModel`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FolderResponse {
    pub object: &'static str,
    pub id: String,
    pub name: String,
    pub revision_date: String,
}
