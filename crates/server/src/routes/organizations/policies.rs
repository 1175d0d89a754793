//! `/api/organizations/{orgId}/policies`: each organization's own policies. Saving one applies
//! its server-side effects in the same transaction (revoking members who do not comply with
//! "Require two-step login" or "Single organization"), records a 1700 event and moves every
//! member's revision date so their clients load the new rules.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path, Query};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::services::policy_view;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::event_type::EventType;
use bulwark_domain::member::RevocationReason;
use bulwark_domain::policy_type::PolicyType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{policy_data, OrgUserStatus, OrgUserType, UserId};
use bulwark_store::{members, policies, users, AnyConnection};
use serde_json::{json, Value};

fn parse_type(text: &str) -> ApiResult<PolicyType> {
    text.parse::<i64>()
        .ok()
        .and_then(|n| PolicyType::try_from(n).ok())
        .ok_or(ApiError::NotFound)
}

async fn context(conn: &mut AnyConnection, auth: &AuthUser, org_id: &str) -> ApiResult<OrgContext> {
    let ctx = org_access::resolve(conn, auth.id(), parse_org_id(org_id)?).await?;
    ctx.require(OrgAction::ManagePolicies)?;
    Ok(ctx)
}

/// `GET /organizations/{id}/policies`: the saved policies as status objects.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id).await?;
    let rows = policies::list(&mut conn, ctx.org.id).await?;
    let org = ctx.org.id.to_string();
    let data: Vec<Value> = rows
        .iter()
        .map(|r| policy_view::status(&org, r.policy_type, Some(r)))
        .collect();
    Ok(Json(
        json!({ "object": "list", "data": data, "continuationToken": null }),
    ))
}

/// `GET /organizations/{id}/policies/{type}`: a missing policy is a disabled one.
pub async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, policy_type)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let policy_type = parse_type(&policy_type)?;
    let mut conn = state.store.conn().await?;
    let ctx = context(&mut conn, &auth, &org_id).await?;
    let row = policies::find(&mut conn, ctx.org.id, policy_type).await?;
    Ok(Json(policy_view::status(
        &ctx.org.id.to_string(),
        policy_type.number(),
        row.as_ref(),
    )))
}

/// The body: `{"policy": {"enabled", "data"}, "metadata"}`, or the older flat
/// `{"type", "enabled", "data"}`.
fn read_body(body: &Value) -> ApiResult<(bool, Value)> {
    let policy = body.get("policy").filter(|p| p.is_object()).unwrap_or(body);
    let enabled = policy
        .get("enabled")
        .and_then(Value::as_bool)
        .ok_or_else(|| ApiError::field("Enabled", "The Enabled field is required."))?;
    Ok((enabled, policy.get("data").cloned().unwrap_or(Value::Null)))
}

/// Refuses a change that breaks the Single organization dependency.
async fn check_dependencies(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    policy_type: PolicyType,
    enabled: bool,
) -> ApiResult<()> {
    let saved = policies::list(conn, ctx.org.id).await?;
    let is_on = |t: PolicyType| {
        saved
            .iter()
            .any(|r| r.policy_type == t.number() && r.enabled != 0)
    };
    if enabled && policy_type.requires_single_org() && !is_on(PolicyType::SingleOrg) {
        return Err(ApiError::bad(format!(
            "Turn on the Single organization policy because it is required for the {} policy.",
            display_name(policy_type)
        )));
    }
    if !enabled && policy_type == PolicyType::SingleOrg {
        let dependents: Vec<PolicyType> = PolicyType::ALL
            .iter()
            .copied()
            .filter(|t| t.requires_single_org() && is_on(*t))
            .collect();
        match dependents.as_slice() {
            [] => {}
            [one] => {
                return Err(ApiError::bad(format!(
                    "Turn off the {} policy because it requires the Single organization policy.",
                    display_name(*one)
                )))
            }
            _ => {
                return Err(ApiError::bad(
                    "Turn off all of the policies that require the Single organization policy.",
                ))
            }
        }
    }
    Ok(())
}

fn display_name(t: PolicyType) -> &'static str {
    match t {
        PolicyType::RequireSso => "Require single sign-on authentication",
        PolicyType::ResetPassword => "Account recovery administration",
        PolicyType::MaximumVaultTimeout => "Vault timeout",
        PolicyType::UriMatchDefaults => "URI match defaults",
        PolicyType::AutomaticUserConfirmation => "Automatically confirm invited users",
        PolicyType::OrganizationUserNotification => "Vault banner message",
        _ => "selected",
    }
}

/// Revokes the members a newly enabled policy excludes: not Owners or Admins, not the actor,
/// Accepted or Confirmed, and either without two-step login (type 0) or in another org (3).
async fn revoke_non_compliant(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    actor: UserId,
    origin: &RequestOrigin,
    policy_type: PolicyType,
    now: i64,
) -> ApiResult<()> {
    let (reason, event) = match policy_type {
        PolicyType::TwoFactorAuthentication => (
            RevocationReason::TwoFactorPolicyNonCompliance,
            EventType::OrganizationUser_Revoked_TwoFactorNonCompliance,
        ),
        PolicyType::SingleOrg => (
            RevocationReason::SingleOrgPolicyNonCompliance,
            EventType::OrganizationUser_Revoked_SingleOrganizationNonCompliance,
        ),
        _ => return Ok(()),
    };
    let in_other_orgs = if policy_type == PolicyType::SingleOrg {
        members::users_in_other_orgs(conn, ctx.org.id).await?
    } else {
        Vec::new()
    };
    let mut revoked = Vec::new();
    for m in members::list(conn, ctx.org.id).await? {
        let row = &m.member;
        let Some(user) = row.user()? else { continue };
        let active = row.status == OrgUserStatus::Accepted.number()
            || row.status == OrgUserStatus::Confirmed.number();
        let exempt = row.member_type == OrgUserType::Owner.number()
            || row.member_type == OrgUserType::Admin.number()
            || user == actor;
        let non_compliant = match policy_type {
            PolicyType::TwoFactorAuthentication => m.two_factor_enabled == 0,
            _ => in_other_orgs.contains(&user),
        };
        if active && !exempt && non_compliant {
            members::set_status(
                conn,
                ctx.org.id,
                row.id,
                OrgUserStatus::Revoked,
                Some(reason.number()),
                now,
            )
            .await?;
            revoked.push(org_event(
                &ctx.org,
                actor,
                origin,
                event,
                Subject {
                    membership: Some(row.id),
                    user: Some(user),
                    ..Subject::default()
                },
            ));
        }
    }
    events::record(conn, revoked).await
}

/// `PUT /organizations/{id}/policies/{type}` (and `…/vnext`).
pub async fn put(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, policy_type)): Path<(String, String)>,
    AppJson(body): AppJson<Value>,
) -> ApiResult<Json<Value>> {
    let policy_type = parse_type(&policy_type)?;
    let (enabled, data) = read_body(&body)?;
    policy_data::validate(policy_type, &data).map_err(ApiError::bad)?;
    let data_text = (!data.is_null()).then(|| data.to_string());
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let ctx = context(&mut tx, &auth, &org_id).await?;
    if ctx.org.features.use_policies == 0 {
        return Err(ApiError::bad("This organization cannot use policies."));
    }
    check_dependencies(&mut tx, &ctx, policy_type, enabled).await?;
    let row = policies::upsert(
        &mut tx,
        ctx.org.id,
        policy_type,
        enabled,
        data_text.as_deref(),
        now,
    )
    .await?;
    if enabled {
        revoke_non_compliant(&mut tx, &ctx, auth.id(), &origin, policy_type, now).await?;
    }
    let event = org_event(
        &ctx.org,
        auth.id(),
        &origin,
        EventType::Policy_Updated,
        Subject {
            policy: Some(row.id),
            ..Subject::default()
        },
    );
    events::record(&mut tx, [event]).await?;
    users::bump_revision_for_org(&mut tx, ctx.org.id, now).await?;
    tx.commit().await?;
    Ok(Json(policy_view::policy(&row)))
}

/// `GET /organizations/{id}/policies/master-password`: any member with a linked account; the
/// enabled master-password policy, else 404.
pub async fn master_password(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let mut conn = state.store.conn().await?;
    org_access::require_linked_member(&mut conn, auth.id(), org_id).await?;
    let row = policies::find(&mut conn, org_id, PolicyType::MasterPassword)
        .await?
        .filter(|r| r.enabled != 0)
        .ok_or(ApiError::NotFound)?;
    Ok(Json(policy_view::policy(&row)))
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenQuery {
    token: Option<String>,
    email: Option<String>,
    organization_user_id: Option<String>,
}

/// `GET /organizations/{id}/policies/token?token=&email=&organizationUserId=` (anonymous): the
/// enabled policies an invitee must know before accepting, for the holder of a current
/// invitation of that org; 404 for anything else.
pub async fn by_invite_token(
    State(state): State<AppState>,
    Path(org_id): Path<String>,
    Query(q): Query<TokenQuery>,
) -> ApiResult<Json<bulwark_wire::ListResponse<Value>>> {
    let org_id = parse_org_id(&org_id)?;
    let member_id: bulwark_domain::MembershipId = q
        .organization_user_id
        .as_deref()
        .and_then(|m| m.parse().ok())
        .ok_or(ApiError::NotFound)?;
    let token = q.token.as_deref().ok_or(ApiError::NotFound)?;
    let email = q.email.as_deref().ok_or(ApiError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let org = bulwark_store::organizations::find(&mut conn, org_id)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let member = bulwark_store::members::find(&mut conn, org_id, member_id)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let now = bulwark_domain::time::now_micros() / 1_000_000;
    crate::services::invite_token::verify(
        &state
            .jwt
            .derive_key(crate::services::invite_token::KEY_PURPOSE),
        token,
        &member_id.to_string(),
        Some(email),
        now,
    )
    .map_err(|_| ApiError::NotFound)?;
    if org.features.use_policies == 0
        || member.status != bulwark_domain::OrgUserStatus::Invited.number()
    {
        return Err(ApiError::NotFound);
    }
    let rows = policies::list(&mut conn, org_id).await?;
    Ok(Json(bulwark_wire::ListResponse::new(
        rows.iter()
            .filter(|r| r.enabled != 0)
            .map(policy_view::policy)
            .collect(),
    )))
}
