//! The provider itself: read (any member), update and delete (Provider Admins).

use super::input;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, OptionalJson, Path};
use crate::services::accounts;
use crate::services::provider_access::{self, parse_provider_id, ProviderContext};
use crate::services::provider_view;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::ProviderAction;
use bulwark_domain::time::now_micros;
use bulwark_store::{provider_users, providers, AnyConnection, StoreError};
use bulwark_wire::account::SecretVerification;
use bulwark_wire::provider::ProviderUpdateRequest;
use serde_json::Value;

/// The provider as its members read it, with the confirmed-admin warning.
pub(super) async fn render(conn: &mut AnyConnection, ctx: &ProviderContext) -> ApiResult<Value> {
    let admins = provider_users::confirmed_admins(conn, ctx.provider.id).await?;
    Ok(provider_view::provider(&ctx.provider, admins.len()))
}

/// `GET /providers/{id}`.
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::View)?;
    Ok(Json(render(&mut conn, &ctx).await?))
}

/// `PUT /providers/{id}`: name, business name, billing e-mail.
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<ProviderUpdateRequest>,
) -> ApiResult<Json<Value>> {
    let provider_id = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider_id, ProviderAction::Edit).await?;
    let name = input::name("Name", req.name.as_deref(), true)?.unwrap_or_default();
    let business_name = input::name("BusinessName", req.business_name.as_deref(), false)?;
    let billing_email = input::email("BillingEmail", req.billing_email.as_deref())?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let mut ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::Edit)?;
    providers::update_details(
        &mut tx,
        provider_id,
        &name,
        business_name.as_deref(),
        &billing_email,
        now,
    )
    .await?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    ctx.provider = providers::find(&mut tx, provider_id).await?;
    let out = render(&mut tx, &ctx).await?;
    tx.commit().await?;
    Ok(Json(out))
}

/// `DELETE /providers/{id}` (and `POST …/delete`): a Provider Admin who re-enters their master
/// password, and only once no client is linked (upstream leaves that check to its web client).
pub async fn delete(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    OptionalJson(body): OptionalJson<SecretVerification>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    {
        let mut conn = state.store.conn().await?;
        let ctx = provider_access::resolve(&mut conn, auth.id(), provider_id).await?;
        ctx.require(ProviderAction::Edit)?;
    }
    // Argon2 runs before the transaction, so it holds no writer while it works.
    accounts::verify_secret(&state, &auth.user, &body.unwrap_or_default()).await?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::Edit)?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    match providers::delete_without_clients(&mut tx, provider_id).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(ApiError::bad(
                "You must unlink all clients before you can delete a provider.",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}
