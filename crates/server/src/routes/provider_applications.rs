//! `/api/providers/applications`: a signed-in user applies to become a provider and sees
//! their own applications. The operator decides them under `/admin`.

use crate::error::ApiResult;
use crate::extract::{AppJson, AuthUser};
use crate::services::provider_applications::{self, Submission};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use bulwark_domain::time::format_micros;
use bulwark_store::provider_applications::ApplicationRow;
use bulwark_wire::list::ListResponse;
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new().route("/providers/applications", get(list_own).post(submit))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationView {
    object: &'static str,
    id: String,
    business_name: String,
    billing_email: String,
    #[serde(rename = "type")]
    provider_type: i64,
    expected_clients: i64,
    /// 0 pending, 1 approved, 2 rejected.
    status: i64,
    provider_id: Option<String>,
    creation_date: String,
    decision_date: Option<String>,
    /// The applicant's account e-mail (operator's list only).
    #[serde(skip_serializing_if = "Option::is_none")]
    applicant_email: Option<String>,
}

impl ApplicationView {
    #[must_use]
    pub fn with_applicant(a: ApplicationRow, applicant_email: Option<String>) -> Self {
        Self {
            object: "providerApplication",
            id: a.id.to_string(),
            business_name: a.business_name,
            billing_email: a.billing_email,
            provider_type: a.provider_type,
            expected_clients: a.expected_clients,
            status: a.status,
            provider_id: a.provider_id,
            creation_date: format_micros(a.creation_date),
            decision_date: a.decision_date.map(format_micros),
            applicant_email,
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SubmitRequest {
    business_name: String,
    billing_email: String,
    #[serde(rename = "type")]
    provider_type: i64,
    expected_clients: i64,
}

async fn submit(
    State(state): State<AppState>,
    user: AuthUser,
    AppJson(req): AppJson<SubmitRequest>,
) -> ApiResult<Json<ApplicationView>> {
    let row = provider_applications::submit(
        &state,
        user.id(),
        &Submission {
            business_name: req.business_name,
            billing_email: req.billing_email,
            provider_type: req.provider_type,
            expected_clients: req.expected_clients,
        },
    )
    .await?;
    Ok(Json(ApplicationView::with_applicant(row, None)))
}

async fn list_own(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<ListResponse<ApplicationView>>> {
    let rows = provider_applications::list_own(&state, user.id()).await?;
    Ok(Json(ListResponse::new(
        rows.into_iter()
            .map(|r| ApplicationView::with_applicant(r, None))
            .collect(),
    )))
}
