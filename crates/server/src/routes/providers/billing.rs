//! What the portal shows of a provider's seats, without a payment processor (spec
//! providers.md §2.5, §6): each contracted plan's seat minimum, the seats assigned to clients,
//! the seats above the minimum and their estimated cost; the monthly statements; and the
//! portal's warnings banner.

use crate::error::ApiResult;
use crate::extract::{AuthUser, Path};
use crate::services::provider_access::{self, parse_provider_id};
use crate::services::provider_statements;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use bulwark_domain::authz::ProviderAction;
use bulwark_domain::plan::{Plan, PlanType};
use bulwark_domain::provider::SeatLine;
use bulwark_domain::provider_statement::dollar_amount;
use bulwark_store::{provider_orgs, providers};
use serde_json::{json, Value};

/// `GET /providers/{id}/billing/subscription`: any member (the create-client dialog builds its
/// plan choices from `plans`).
pub async fn subscription(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::ListClients)?;
    let mut plans = Vec::new();
    for line in providers::plans(&mut conn, ctx.provider.id).await? {
        let Ok(plan_type) = PlanType::try_from(line.plan_type) else {
            continue;
        };
        let Some(plan) = Plan::find(plan_type) else {
            continue;
        };
        let seats = SeatLine {
            seat_minimum: line.seat_minimum,
            allocated: provider_orgs::allocated_seats(&mut conn, ctx.provider.id, line.plan_type)
                .await?,
        };
        plans.push(json!({
            "planName": plan.name,
            "type": line.plan_type,
            "productTier": plan_type.product_tier().number(),
            "seatMinimum": seats.seat_minimum,
            "purchasedSeats": seats.purchased(),
            "assignedSeats": seats.allocated,
            "cost": dollar_amount(seats.billed() * state.config.seat_prices.period_cents(plan_type)),
            "cadence": if plan.is_annual { "Annual" } else { "Monthly" },
        }));
    }
    Ok(Json(json!({
        "status": if ctx.provider.enabled != 0 { "active" } else { "unpaid" },
        "currentPeriodEndDate": null,
        "discountPercentage": null,
        "collectionMethod": "send_invoice",
        "plans": plans,
        "accountCredit": 0,
        "taxInformation": null,
        "cancelAt": null,
        "suspension": null,
        "providerType": ctx.provider.provider_type,
        "paymentSource": null,
    })))
}

/// `GET /providers/{id}/billing/vnext/warnings`: a disabled provider tells its people to
/// contact the operator; nothing else applies without a payment processor.
pub async fn warnings(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::View)?;
    let suspension = (ctx.provider.enabled == 0)
        .then(|| json!({"resolution": "contact_administrator", "subscriptionCancelsAt": null}));
    Ok(Json(json!({"suspension": suspension, "taxId": null})))
}

/// `GET /providers/{id}/billing/invoices`: Provider Admins only.
pub async fn invoices(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let provider = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider, ProviderAction::ViewInvoices).await?;
    Ok(Json(
        json!({"invoices": provider_statements::list(&state, provider).await?}),
    ))
}

/// `GET /providers/{id}/billing/invoices/{month}`: the month's statement as a CSV download;
/// Provider Admins only.
pub async fn invoice(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, month)): Path<(String, String)>,
) -> ApiResult<impl IntoResponse> {
    let provider = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider, ProviderAction::ViewInvoices).await?;
    let body = provider_statements::csv(&state, provider, &month).await?;
    // The id was parsed as YYYY-MM above, so it is safe inside the header.
    let disposition = format!("attachment; filename=\"bulwark-statement-{month}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    ))
}
