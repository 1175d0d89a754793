//! Collection requests (`CollectionRequestModel`, `SelectionReadOnlyRequestModel`,
//! `BulkCollectionAccessRequestModel`, `CollectionBulkDeleteRequestModel`). Every member is
//! optional so the server answers a missing one with a validation message, not a serde error.

use serde::Deserialize;

/// One access entry: a membership id (users) or a group id (groups) with its three flags.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectionRequest {
    pub id: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    #[serde(default)]
    pub hide_passwords: bool,
    #[serde(default)]
    pub manage: bool,
}

/// `CollectionRequestModel` (create and update; on update null members stay as they are).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionRequest {
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub groups: Option<Vec<SelectionRequest>>,
    pub users: Option<Vec<SelectionRequest>>,
}

/// `BulkCollectionAccessRequestModel`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkAccessRequest {
    pub collection_ids: Option<Vec<String>>,
    pub groups: Option<Vec<SelectionRequest>>,
    pub users: Option<Vec<SelectionRequest>>,
}

/// `CollectionBulkDeleteRequestModel`: `{ids}`, as for the other bulk routes.
pub use crate::member::IdsRequest as CollectionIdsRequest;
