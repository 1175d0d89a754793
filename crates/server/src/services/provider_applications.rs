//! Applications to become a provider: submitted by a signed-in user, decided by the operator.
//! An approval creates the provider with the applicant as owner and mails the setup invitation.

use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{normalize_email, validate_email};
use crate::services::provider_admin::{self, NewProvider};
use crate::services::provider_mail;
use crate::state::AppState;
use bulwark_domain::provider_application::{ApplicationInput, ApplicationStatus};
use bulwark_domain::time::now_micros;
use bulwark_domain::{ProviderApplicationId, ProviderId, UserId};
use bulwark_store::provider_applications::{self, ApplicationDetailsRow, ApplicationRow};

/// What the applicant sends.
#[derive(Clone, Debug)]
pub struct Submission {
    pub business_name: String,
    pub billing_email: String,
    pub provider_type: i64,
    pub expected_clients: i64,
}

/// Stores a pending application of `user`.
///
/// # Errors
/// 400 naming the bad field; 400 while the user already has a pending application.
pub async fn submit(state: &AppState, user: UserId, s: &Submission) -> ApiResult<ApplicationRow> {
    let input = ApplicationInput {
        business_name: &s.business_name,
        billing_email: &s.billing_email,
        provider_type: s.provider_type,
        expected_clients: s.expected_clients,
    };
    let provider_type = input
        .validate()
        .map_err(|e| ApiError::field(e.field, e.message))?;
    let billing_email = normalize_email(&s.billing_email);
    validate_email(&billing_email).map_err(|_| {
        ApiError::field(
            "BillingEmail",
            "The BillingEmail field is not a supported e-mail address format.",
        )
    })?;
    let row = ApplicationRow {
        id: ProviderApplicationId::new(),
        user_id: user,
        business_name: s.business_name.trim().to_owned(),
        billing_email,
        provider_type: provider_type.number(),
        expected_clients: s.expected_clients,
        status: ApplicationStatus::Pending.number(),
        provider_id: None,
        creation_date: now_micros(),
        decision_date: None,
    };
    let mut tx = state.store.begin().await?;
    match provider_applications::insert(&mut tx, &row).await {
        Ok(()) => {}
        Err(e) if e.is_second_pending_application() => {
            return Err(ApiError::bad(
                "You already have a pending provider application.",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(row)
}

/// The user's own applications, newest first.
///
/// # Errors
/// Database failures.
pub async fn list_own(state: &AppState, user: UserId) -> ApiResult<Vec<ApplicationRow>> {
    let mut conn = state.store.conn().await?;
    Ok(provider_applications::list_for_user(&mut conn, user).await?)
}

/// The operator's list, optionally of one status.
///
/// # Errors
/// Database failures.
pub async fn list(
    state: &AppState,
    status: Option<ApplicationStatus>,
) -> ApiResult<Vec<ApplicationDetailsRow>> {
    let mut conn = state.store.conn().await?;
    Ok(provider_applications::list(&mut conn, status.map(ApplicationStatus::number)).await?)
}

const NOT_PENDING: &str = "This application has already been decided.";

/// Creates the provider the application asks for, owned by the applicant, and mails the setup
/// invitation; the application becomes approved in the same transaction.
///
/// # Errors
/// 404 for an unknown application; 400 once it is decided or when the applicant's account is
/// gone.
pub async fn approve(state: &AppState, id: ProviderApplicationId) -> ApiResult<ProviderId> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let app = provider_applications::find(&mut tx, id).await?;
    if app.status != ApplicationStatus::Pending.number() {
        return Err(ApiError::bad(NOT_PENDING));
    }
    let provider_type = bulwark_domain::provider::ProviderType::try_from(app.provider_type)
        .map_err(|_| anyhow::anyhow!("stored application has an unknown provider type"))?;
    let new = NewProvider {
        provider_type,
        owner_email: String::new(),
        name: Some(app.business_name.clone()),
        billing_email: Some(app.billing_email.clone()),
        teams_seat_minimum: None,
        enterprise_seat_minimum: None,
    };
    let (provider, setup) =
        provider_admin::create_for_user(state, &mut tx, &new, app.user_id, now).await?;
    // Conditional on still pending: a concurrent decision loses here and rolls back.
    provider_applications::decide(
        &mut tx,
        id,
        ApplicationStatus::Approved.number(),
        Some(provider),
        now,
    )
    .await
    .map_err(|e| match e {
        bulwark_store::StoreError::NotFound => ApiError::bad(NOT_PENDING),
        other => other.into(),
    })?;
    tx.commit().await?;
    provider_mail::send_setup(state, &setup).await;
    Ok(provider)
}

/// Rejects a pending application.
///
/// # Errors
/// 404 for an unknown application; 400 once it is decided.
pub async fn reject(state: &AppState, id: ProviderApplicationId) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    match provider_applications::decide(
        &mut tx,
        id,
        ApplicationStatus::Rejected.number(),
        None,
        now,
    )
    .await
    {
        Ok(()) => {}
        Err(bulwark_store::StoreError::NotFound) => {
            provider_applications::find(&mut tx, id).await?;
            return Err(ApiError::bad(NOT_PENDING));
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}
