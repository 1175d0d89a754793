//! Group requests (`GroupRequestModel`, and the bulk delete's `{ids}`).

use serde::Deserialize;

pub use crate::member::{IdsRequest, SelectionReadOnly};

/// `GroupRequestModel`: `users` null leaves the members as they are.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRequest {
    pub name: Option<String>,
    pub external_id: Option<String>,
    pub collections: Option<Vec<SelectionReadOnly>>,
    pub users: Option<Vec<String>>,
}
