//! Who may recover whose account, and whether an org offers account recovery at all. Recovery
//! hands the recoverer the member's whole vault, so the rules keep anyone from reaching an
//! account that holds more power than their own: in the org (only owners recover owners) and in
//! any provider the member belongs to (only a Provider Admin recovers a Provider Admin).

use crate::error::{ApiError, ApiResult};
use crate::services::org_access::OrgContext;
use bulwark_domain::authz::{OrgAction, OrgRole, ProviderUserStatus, ProviderUserType};
use bulwark_domain::policy_type::PolicyType;
use bulwark_domain::{OrgUserStatus, OrgUserType, UserId};
use bulwark_store::members::MemberRow;
use bulwark_store::organizations::OrgRow;
use bulwark_store::{account_recovery, policies, provider_users, AnyConnection};

pub const NOT_PERMITTED: &str = "You are not permitted to recover this user's account.";
pub const NOT_PERMITTED_PROVIDER: &str =
    "You are not permitted to recover this Provider member's account.";

/// The org's ResetPassword policy when the org has the feature and the policy is on: `Some`
/// with whether members are enrolled automatically.
///
/// # Errors
/// Database failures.
pub async fn policy(conn: &mut AnyConnection, org: &OrgRow) -> ApiResult<Option<bool>> {
    if org.features.use_reset_password == 0 {
        return Ok(None);
    }
    Ok(policies::find(conn, org.id, PolicyType::ResetPassword)
        .await?
        .filter(|p| p.enabled != 0)
        .map(|p| {
            p.data
                .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
                .is_some_and(|d| d["autoEnrollEnabled"] == true)
        }))
}

/// The org-level checks every recovery makes: the feature, the policy.
///
/// # Errors
/// 400 with upstream's sentences.
pub async fn require_offered(conn: &mut AnyConnection, org: &OrgRow) -> ApiResult<()> {
    if org.features.use_reset_password == 0 {
        return Err(ApiError::bad("Organization does not allow password reset."));
    }
    if policy(conn, org).await?.is_none() {
        return Err(ApiError::bad(
            "Organization does not have the password reset policy enabled.",
        ));
    }
    Ok(())
}

/// The account behind `target` when it can be recovered: it has an account, it is enrolled, and
/// it is in a status that holds an account (Accepted, Confirmed or Revoked, as upstream).
///
/// # Errors
/// 400 `Organization User not valid.`
pub fn recoverable_user(target: &MemberRow) -> ApiResult<UserId> {
    let status_ok = [
        OrgUserStatus::Accepted,
        OrgUserStatus::Confirmed,
        OrgUserStatus::Revoked,
    ]
    .iter()
    .any(|s| s.number() == target.status);
    let enrolled = target
        .reset_password_key
        .as_deref()
        .is_some_and(|k| !k.trim().is_empty());
    match target.user() {
        Ok(Some(user)) if status_ok && enrolled => Ok(user),
        _ => Err(ApiError::bad("Organization User not valid.")),
    }
}

/// Whether the caller's org role reaches the target's: owners reach everyone, admins everyone
/// but owners, custom members with `manageResetPassword` only users and custom members;
/// provider staff of a client org act as owners there.
fn org_role_reaches(ctx: &OrgContext, target_type: Option<OrgUserType>) -> bool {
    if !ctx.access.can(OrgAction::ManageResetPassword) {
        return false;
    }
    match (ctx.access.role, target_type) {
        (OrgRole::Owner | OrgRole::Provider(_), _) => true,
        (_, Some(OrgUserType::Owner) | None) => false,
        (OrgRole::Admin, _) => true,
        (_, Some(OrgUserType::Admin)) => false,
        _ => true,
    }
}

/// Whether the caller holds, in every provider the target account belongs to, a role at least
/// as high as the target's there.
async fn provider_roles_reach(
    conn: &mut AnyConnection,
    caller: UserId,
    target: UserId,
) -> ApiResult<bool> {
    for role in account_recovery::provider_roles_of(conn, target).await? {
        let Ok(provider) = role.provider_id.parse() else {
            return Ok(false);
        };
        let mine = provider_users::find_by_user(conn, provider, caller)
            .await?
            .filter(|m| m.status == ProviderUserStatus::Confirmed.number());
        let Some(mine) = mine else {
            return Ok(false);
        };
        if role.user_type == ProviderUserType::ProviderAdmin.number()
            && mine.user_type != ProviderUserType::ProviderAdmin.number()
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether the caller (resolved in `ctx`) may recover `target`'s account.
///
/// # Errors
/// 400 with the reason (upstream answers 400 here: a 403 would log the client out).
pub async fn require_may_recover(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    caller: UserId,
    target: &MemberRow,
) -> ApiResult<()> {
    let target_type = OrgUserType::try_from(target.member_type).ok();
    if !org_role_reaches(ctx, target_type) {
        return Err(ApiError::bad(NOT_PERMITTED));
    }
    if let Some(user) = target.user()? {
        if user == caller {
            return Err(ApiError::bad("You cannot recover your own account."));
        }
        if !provider_roles_reach(conn, caller, user).await? {
            return Err(ApiError::bad(NOT_PERMITTED_PROVIDER));
        }
    }
    Ok(())
}
