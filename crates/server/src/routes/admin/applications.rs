//! `/admin/provider-applications`: the operator lists, approves and rejects applications.

use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::routes::provider_applications::ApplicationView;
use crate::services::provider_applications;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use bulwark_domain::provider_application::ApplicationStatus;
use bulwark_domain::ProviderApplicationId;
use bulwark_wire::list::ListResponse;
use serde::Deserialize;
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/provider-applications", get(list))
        .route("/provider-applications/{id}/approve", post(approve))
        .route("/provider-applications/{id}/reject", post(reject))
}

fn parse_id(id: &str) -> ApiResult<ProviderApplicationId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

#[derive(Deserialize)]
struct ListQuery {
    /// pending, approved, rejected (or 0/1/2); all when absent.
    status: Option<String>,
}

fn parse_status(text: &str) -> ApiResult<ApplicationStatus> {
    match text.to_ascii_lowercase().as_str() {
        "pending" | "0" => Ok(ApplicationStatus::Pending),
        "approved" | "1" => Ok(ApplicationStatus::Approved),
        "rejected" | "2" => Ok(ApplicationStatus::Rejected),
        _ => Err(ApiError::field(
            "status",
            "The status must be pending, approved or rejected.",
        )),
    }
}

async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<ListResponse<ApplicationView>>> {
    let status = q.status.as_deref().map(parse_status).transpose()?;
    let rows = provider_applications::list(&state, status).await?;
    Ok(Json(ListResponse::new(
        rows.into_iter()
            .map(|r| ApplicationView::with_applicant(r.application, Some(r.applicant_email)))
            .collect(),
    )))
}

async fn approve(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let provider = provider_applications::approve(&state, parse_id(&id)?).await?;
    Ok(Json(json!({ "providerId": provider.to_string() })))
}

async fn reject(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<()> {
    provider_applications::reject(&state, parse_id(&id)?).await
}
