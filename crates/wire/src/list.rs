use serde::Serialize;

/// `ListResponseModel`: `{"object":"list","data":[…],"continuationToken":null}`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListResponse<T> {
    pub object: &'static str,
    pub data: Vec<T>,
    pub continuation_token: Option<String>,
}

impl<T> ListResponse<T> {
    pub fn new(data: Vec<T>) -> Self {
        Self {
            object: "list",
            data,
            continuation_token: None,
        }
    }
}
