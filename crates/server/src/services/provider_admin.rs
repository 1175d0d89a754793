//! The operator's provider use cases (CLI `bulwark admin provider …` and `/admin/providers`).
//! Each runs in one transaction; the setup invitation is mailed after the commit.

use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{normalize_email, validate_email};
use crate::services::provider_mail::{self, PendingSetup};
use crate::state::AppState;
use bulwark_domain::authz::{ProviderUserStatus, ProviderUserType};
use bulwark_domain::plan::PlanType;
use bulwark_domain::provider::{ProviderStatus, ProviderType};
use bulwark_domain::time::now_micros;
use bulwark_domain::{ProviderId, ProviderUserId, UserId};
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderRow, ProviderSummaryRow};
use bulwark_store::{users, AnyConnection, StoreError};

/// Upstream's message for an owner without an account (spec §3.1); here only for an applicant
/// whose account was deleted before approval (an operator may name any address).
pub const INVALID_OWNER: &str = "Invalid owner. Owner must be an existing Bitwarden user.";
/// A sanity bound on contracted seats.
pub const MAX_SEAT_MINIMUM: i64 = 1_000_000;
/// Same bound as the provider's business name (spec §1.1).
const MAX_NAME: usize = 50;

/// What the operator gives to create a provider.
#[derive(Clone, Debug)]
pub struct NewProvider {
    pub provider_type: ProviderType,
    pub owner_email: String,
    /// A name for the operator's list, kept as the business name: a provider with a `name`
    /// counts as set up for the web vault's setup page, so the owner chooses that at setup.
    pub name: Option<String>,
    pub billing_email: Option<String>,
    pub teams_seat_minimum: Option<i64>,
    pub enterprise_seat_minimum: Option<i64>,
}

/// The plan lines of the contract: a Teams (Monthly) line for the Teams minimum and an
/// Enterprise (Monthly) line for the Enterprise minimum, each 0 unless given. Business Units
/// manage no Teams clients, so a Teams minimum is refused for them.
fn seat_lines(p: &NewProvider) -> ApiResult<Vec<(PlanType, i64)>> {
    let check = |key: &str, n: Option<i64>| -> ApiResult<i64> {
        let n = n.unwrap_or(0);
        if (0..=MAX_SEAT_MINIMUM).contains(&n) {
            Ok(n)
        } else {
            Err(ApiError::field(
                key,
                format!("The seat minimum must be between 0 and {MAX_SEAT_MINIMUM}."),
            ))
        }
    };
    let teams = check("TeamsSeatMinimum", p.teams_seat_minimum)?;
    let enterprise = check("EnterpriseSeatMinimum", p.enterprise_seat_minimum)?;
    let plans = p.provider_type.contract_plans();
    if p.teams_seat_minimum.is_some() && !plans.contains(&PlanType::TeamsMonthly) {
        return Err(ApiError::field(
            "TeamsSeatMinimum",
            "Business Unit providers manage no Teams organizations.",
        ));
    }
    let mut lines = Vec::new();
    if plans.contains(&PlanType::TeamsMonthly) {
        lines.push((PlanType::TeamsMonthly, teams));
    }
    lines.push((PlanType::EnterpriseMonthly, enterprise));
    Ok(lines)
}

fn clean_name(name: Option<&str>) -> ApiResult<Option<String>> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::field(
            "Name",
            format!("The field Name must be a string with a maximum length of {MAX_NAME}."),
        ));
    }
    Ok(Some(name.to_owned()))
}

/// Creates the provider, its owner row and plan lines on `conn` (an open transaction) and
/// returns the setup invitation to mail after the commit. With `owner` the row is that
/// account's; without, it waits for the account `owner_email` will register from the setup
/// link (Invited, claimed at setup: see `routes::providers::invites::setup`).
///
/// Every type, Reseller included, starts Pending with the owner as a Confirmed Provider Admin
/// without a provider key, and gets a setup invitation. Upstream creates Resellers "Created"
/// with no members, usable only from its admin portal; the issue wants the owner to use the
/// Provider Portal, which needs the provider key that only setup creates, so a Reseller is set
/// up like the others.
async fn create_in(
    state: &AppState,
    conn: &mut AnyConnection,
    p: &NewProvider,
    owner: Option<UserId>,
    owner_email: &str,
    now: i64,
) -> ApiResult<(ProviderId, PendingSetup)> {
    let lines = seat_lines(p)?;
    let business_name = clean_name(p.name.as_deref())?;
    let billing_email = p.billing_email.as_deref().map(normalize_email);
    let provider = ProviderRow {
        id: ProviderId::new(),
        name: None,
        business_name,
        billing_email,
        status: ProviderStatus::Pending.number(),
        provider_type: p.provider_type.number(),
        enabled: 1,
        use_events: 1,
        creation_date: now,
        revision_date: now,
    };
    providers::insert(conn, &provider).await?;
    let owner_row = ProviderUserId::new();
    let setup = PendingSetup::new(state, provider.id, owner_row, owner_email, now)?;
    provider_users::insert(
        conn,
        &ProviderUserRow {
            id: owner_row,
            provider_id: provider.id,
            user_id: owner.map(|o| o.to_string()),
            email: owner.is_none().then(|| owner_email.to_owned()),
            provider_key: None,
            status: if owner.is_some() {
                ProviderUserStatus::Confirmed.number()
            } else {
                ProviderUserStatus::Invited.number()
            },
            user_type: ProviderUserType::ProviderAdmin.number(),
            invite_token_hash: Some(setup.token_hash()),
            invite_expires_at: Some(setup.expires_at),
            creation_date: now,
            revision_date: now,
        },
    )
    .await?;
    for (plan, minimum) in lines {
        providers::set_plan(conn, provider.id, plan.number(), minimum).await?;
    }
    Ok((provider.id, setup))
}

/// Creates a provider owned by `owner_email` and mails its setup invitation. Upstream wants an
/// existing account; here the owner may also register from the setup link (also when signups
/// are closed), so an operator can hand a provider to someone new to the server.
///
/// # Errors
/// 400 naming a bad owner e-mail, seat minimum or name.
pub async fn create(state: &AppState, p: &NewProvider) -> ApiResult<ProviderId> {
    let email = normalize_email(&p.owner_email);
    validate_email(&email)
        .map_err(|_| ApiError::field("OwnerEmail", "The owner's e-mail address is not valid."))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let owner = users::find_by_email(&mut tx, &email).await?;
    let (id, setup) = match owner {
        Some(account) => {
            create_in(state, &mut tx, p, Some(account.id), &account.email, now).await?
        }
        None => create_in(state, &mut tx, p, None, &email, now).await?,
    };
    tx.commit().await?;
    provider_mail::send_setup(state, &setup).await;
    Ok(id)
}

/// Creates a provider for an applicant (an approval) on `conn`; the caller commits and mails.
///
/// # Errors
/// As [`create`], when the applicant's account is gone.
pub(crate) async fn create_for_user(
    state: &AppState,
    conn: &mut AnyConnection,
    p: &NewProvider,
    owner: UserId,
    now: i64,
) -> ApiResult<(ProviderId, PendingSetup)> {
    let account = match users::find(conn, owner).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => return Err(ApiError::bad(INVALID_OWNER)),
        Err(e) => return Err(e.into()),
    };
    create_in(state, conn, p, Some(owner), &account.email, now).await
}

/// Every provider with its client and confirmed-admin counts.
///
/// # Errors
/// Database failures.
pub async fn list(state: &AppState) -> ApiResult<Vec<ProviderSummaryRow>> {
    let mut conn = state.store.conn().await?;
    Ok(providers::list_summaries(&mut conn).await?)
}

/// Sends the owner a fresh setup invitation; the previous link stops working.
///
/// # Errors
/// 404 for an unknown provider; 400 once the provider is set up.
pub async fn resend_setup(state: &AppState, id: ProviderId) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let provider = providers::find(&mut tx, id).await?;
    if provider.status != ProviderStatus::Pending.number() {
        return Err(ApiError::bad(
            "This provider is already set up; there is no setup invitation to resend.",
        ));
    }
    // The owner is the Provider Admin still without a provider key: Confirmed with an account,
    // or Invited by address until they register (the first one created, should a second have
    // been added by hand).
    let owner = provider_users::list(&mut tx, id)
        .await?
        .into_iter()
        .find(|r| {
            r.member.user_type == ProviderUserType::ProviderAdmin.number()
                && r.member.provider_key.is_none()
                && (r.member.status == ProviderUserStatus::Confirmed.number()
                    || r.member.status == ProviderUserStatus::Invited.number())
        })
        .ok_or_else(|| ApiError::bad("This provider has no owner awaiting setup."))?;
    let email = owner
        .account_email
        .or(owner.member.email)
        .ok_or_else(|| ApiError::bad("This provider has no owner awaiting setup."))?;
    let setup = PendingSetup::new(state, id, owner.member.id, &email, now)?;
    provider_users::set_invite_token(
        &mut tx,
        id,
        owner.member.id,
        &setup.token_hash(),
        setup.expires_at,
    )
    .await?;
    tx.commit().await?;
    provider_mail::send_setup(state, &setup).await;
    Ok(())
}

/// Enables or disables a provider and its client organizations; members re-sync.
///
/// # Errors
/// 404 for an unknown provider.
pub async fn set_enabled(state: &AppState, id: ProviderId, enabled: bool) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    providers::set_enabled(&mut tx, id, enabled, now).await?;
    provider_users::bump_revision_of_members(&mut tx, id, now).await?;
    bulwark_store::users::bump_revision_for_provider_clients(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a provider that manages no client; its members re-sync.
///
/// # Errors
/// 404 for an unknown provider; 400 while clients are linked.
pub async fn delete(state: &AppState, id: ProviderId) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    // Bumped first (a write, as transactions should start) and rolled back with a refusal.
    provider_users::bump_revision_of_members(&mut tx, id, now).await?;
    match providers::delete_without_clients(&mut tx, id).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(ApiError::bad(
                "This provider still manages client organizations. Remove them from the \
                 provider before deleting it.",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(t: ProviderType, teams: Option<i64>, enterprise: Option<i64>) -> NewProvider {
        NewProvider {
            provider_type: t,
            owner_email: "o@example.com".into(),
            name: None,
            billing_email: None,
            teams_seat_minimum: teams,
            enterprise_seat_minimum: enterprise,
        }
    }

    #[test]
    fn each_type_gets_its_seat_lines() {
        assert_eq!(
            seat_lines(&new(ProviderType::Msp, Some(10), None)).unwrap(),
            vec![
                (PlanType::TeamsMonthly, 10),
                (PlanType::EnterpriseMonthly, 0)
            ]
        );
        assert_eq!(
            seat_lines(&new(ProviderType::BusinessUnit, None, Some(50))).unwrap(),
            vec![(PlanType::EnterpriseMonthly, 50)]
        );
        assert!(seat_lines(&new(ProviderType::BusinessUnit, Some(1), None)).is_err());
        assert_eq!(
            seat_lines(&new(ProviderType::Reseller, None, None)).unwrap(),
            vec![
                (PlanType::TeamsMonthly, 0),
                (PlanType::EnterpriseMonthly, 0)
            ]
        );
        assert!(seat_lines(&new(ProviderType::Msp, Some(-1), None)).is_err());
        assert!(seat_lines(&new(ProviderType::Msp, None, Some(MAX_SEAT_MINIMUM + 1))).is_err());
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(clean_name(Some("  ")).unwrap(), None);
        assert_eq!(clean_name(Some(" Acme ")).unwrap().as_deref(), Some("Acme"));
        assert!(clean_name(Some(&"x".repeat(51))).is_err());
    }
}
