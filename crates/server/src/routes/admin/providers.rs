//! `/admin/providers`: the operator's provider use cases over HTTP (same as the CLI).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, Path};
use crate::services::provider_admin::{self, NewProvider};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use bulwark_domain::provider::ProviderType;
use bulwark_domain::time::format_micros;
use bulwark_domain::ProviderId;
use bulwark_store::providers::ProviderSummaryRow;
use bulwark_wire::list::ListResponse;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/providers", get(list).post(create))
        .route("/providers/{id}", axum::routing::delete(delete))
        .route("/providers/{id}/resend-setup", post(resend_setup))
        .route("/providers/{id}/disable", post(disable))
        .route("/providers/{id}/enable", post(enable))
}

fn parse_id(id: &str) -> ApiResult<ProviderId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProviderSummary {
    object: &'static str,
    id: String,
    name: Option<String>,
    business_name: Option<String>,
    billing_email: Option<String>,
    #[serde(rename = "type")]
    provider_type: i64,
    status: i64,
    enabled: bool,
    client_count: i64,
    admin_count: i64,
    creation_date: String,
}

impl From<ProviderSummaryRow> for ProviderSummary {
    fn from(r: ProviderSummaryRow) -> Self {
        let p = r.provider;
        Self {
            object: "adminProvider",
            id: p.id.to_string(),
            name: p.name,
            business_name: p.business_name,
            billing_email: p.billing_email,
            provider_type: p.provider_type,
            status: p.status,
            enabled: p.enabled != 0,
            client_count: r.client_count,
            admin_count: r.admin_count,
            creation_date: format_micros(p.creation_date),
        }
    }
}

async fn list(State(state): State<AppState>) -> ApiResult<Json<ListResponse<ProviderSummary>>> {
    let rows = provider_admin::list(&state).await?;
    Ok(Json(ListResponse::new(
        rows.into_iter().map(ProviderSummary::from).collect(),
    )))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreateRequest {
    /// `msp`, `reseller`, `business-unit`, or the upstream number 0/1/2.
    #[serde(rename = "type")]
    provider_type: Value,
    owner_email: String,
    name: Option<String>,
    teams_seat_minimum: Option<i64>,
    enterprise_seat_minimum: Option<i64>,
}

fn parse_type(v: &Value) -> ApiResult<ProviderType> {
    let parsed = match v {
        Value::String(s) => ProviderType::parse_cli(s).ok(),
        Value::Number(n) => n.as_i64().and_then(|n| ProviderType::try_from(n).ok()),
        _ => None,
    };
    parsed.ok_or_else(|| {
        ApiError::field(
            "Type",
            "The type must be msp, reseller or business-unit (0, 1 or 2).",
        )
    })
}

async fn create(
    State(state): State<AppState>,
    AppJson(req): AppJson<CreateRequest>,
) -> ApiResult<Json<Value>> {
    let new = NewProvider {
        provider_type: parse_type(&req.provider_type)?,
        owner_email: req.owner_email,
        name: req.name,
        billing_email: None,
        teams_seat_minimum: req.teams_seat_minimum,
        enterprise_seat_minimum: req.enterprise_seat_minimum,
    };
    let id = provider_admin::create(&state, &new).await?;
    Ok(Json(json!({ "id": id.to_string() })))
}

async fn resend_setup(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<()> {
    provider_admin::resend_setup(&state, parse_id(&id)?).await
}

async fn disable(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<()> {
    provider_admin::set_enabled(&state, parse_id(&id)?, false).await
}

async fn enable(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<()> {
    provider_admin::set_enabled(&state, parse_id(&id)?, true).await
}

async fn delete(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<()> {
    provider_admin::delete(&state, parse_id(&id)?).await
}
