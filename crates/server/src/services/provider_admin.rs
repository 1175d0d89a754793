//! The operator's provider use cases, shared by `bulwark admin provider …` (and later the
//! `/admin` API): creating a provider for an existing account, which then receives the setup
//! invitation, and listing providers.

use crate::error::{ApiError, ApiResult};
use crate::mail::provider_templates;
use crate::services::provider_token;
use crate::state::AppState;
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::plan::PlanType;
use bulwark_domain::provider::{ProviderStatus, ProviderType};
use bulwark_domain::time::now_micros;
use bulwark_domain::{ProviderId, ProviderUserId};
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderRow, ProviderSummaryRow};
use bulwark_store::users;

/// What the operator asks for.
pub struct NewProvider {
    pub provider_type: ProviderType,
    pub owner_email: String,
    pub name: Option<String>,
    pub teams_seat_minimum: i64,
    pub enterprise_seat_minimum: i64,
}

/// Creates the provider, Pending until its owner sets it up; the owner (an existing account) is
/// its Confirmed Provider Admin from the start and gets the setup link by mail (or in the log).
///
/// # Errors
/// 400 for an unknown owner or negative seat minimums.
pub async fn create(state: &AppState, new: NewProvider) -> ApiResult<ProviderId> {
    if new.teams_seat_minimum < 0 || new.enterprise_seat_minimum < 0 {
        return Err(ApiError::bad("Seat minimums cannot be negative."));
    }
    let email = crate::services::accounts::normalize_email(&new.owner_email);
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let owner = users::find_by_email(&mut tx, &email)
        .await?
        .ok_or_else(|| ApiError::bad("Invalid owner. Owner must be an existing Bitwarden user."))?;
    let provider = ProviderRow {
        id: ProviderId::new(),
        name: new.name.filter(|n| !n.trim().is_empty()),
        business_name: None,
        billing_email: Some(email.clone()),
        status: ProviderStatus::Pending.number(),
        provider_type: new.provider_type.number(),
        enabled: 1,
        use_events: 1,
        creation_date: now,
        revision_date: now,
    };
    providers::insert(&mut tx, &provider).await?;
    for plan in new.provider_type.contract_plans() {
        let minimum = match plan {
            PlanType::TeamsMonthly | PlanType::TeamsAnnually => new.teams_seat_minimum,
            _ => new.enterprise_seat_minimum,
        };
        providers::set_plan(&mut tx, provider.id, plan.number(), minimum).await?;
    }
    let member = ProviderUserId::new();
    let token = provider_token::issue(state, member, &email, now)?;
    provider_users::insert(
        &mut tx,
        &ProviderUserRow {
            id: member,
            provider_id: provider.id,
            user_id: Some(owner.id.to_string()),
            email: None,
            provider_key: None,
            status: ProviderUserStatus::Confirmed.number(),
            user_type: ProviderUserType::ProviderAdmin.number(),
            invite_token_hash: Some(token.hash.clone()),
            invite_expires_at: Some(token.expires_at),
            creation_date: now,
            revision_date: now,
        },
    )
    .await?;
    users::bump_revision(&mut tx, owner.id, now).await?;
    tx.commit().await?;
    let mail = provider_templates::setup(
        &state.config.public_url,
        &provider.id.to_string(),
        &email,
        &token.token,
    );
    state.mailer.send(mail).await;
    Ok(provider.id)
}

/// Every provider with its client and confirmed-admin counts.
///
/// # Errors
/// Database failures.
pub async fn list(state: &AppState) -> ApiResult<Vec<ProviderSummaryRow>> {
    let mut conn = state.store.conn().await?;
    Ok(providers::list_summaries(&mut conn).await?)
}
