//! Invitations: invite (spec §2.4), re-invite and accept (§2.5).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::invite_token;
use crate::services::join_check;
use crate::services::member_input::{
    self, bulk_entry, bulk_list, parse_member_id, parse_member_ids,
};
use crate::services::member_mail::{self, PendingInvite};
use crate::services::org_access::{self, parse_org_id, OrgContext};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{check_role_grant, OrgAction};
use bulwark_domain::event_type::EventType;
use bulwark_domain::join_rules::JoinStep;
use bulwark_domain::member_rules::NEEDS_CONFIRMED_OWNER;
use bulwark_domain::policy_type::PolicyType;
use bulwark_domain::seats::check_seats;
use bulwark_domain::time::now_micros;
use bulwark_domain::{MembershipId, OrgUserStatus, OrgUserType};
use bulwark_store::members::{self, MemberRow};
use bulwark_store::{collections, groups, organizations, policies, users, StoreError};
use bulwark_wire::member::{AcceptRequest, IdsRequest, InviteRequest};
use serde_json::Value;
use std::collections::HashSet;

/// The addresses of an invite, lower-cased, with the upstream model errors (1-based index).
/// Takes the org row's lock and resolves the caller, both inside `tx`.
async fn locked_context(
    state: &AppState,
    tx: &mut bulwark_store::AnyConnection,
    auth: &AuthUser,
    org_id: bulwark_domain::OrgId,
) -> ApiResult<OrgContext> {
    match organizations::lock_for_update(tx, state.store.backend(), org_id).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    }
    org_access::resolve(tx, auth.id(), org_id).await
}

/// `POST /organizations/{orgId}/users/invite`.
pub async fn invite(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<InviteRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let emails = member_input::check_invite_emails(&req.emails)?;
    let member_type = member_input::parse_type(req.member_type)?;
    let permissions = member_input::parse_permissions(member_type, req.permissions.as_ref());
    let grants = member_input::parse_selections(req.collections.as_deref())?;
    let group_ids = member_input::parse_groups(req.groups.as_deref())?.unwrap_or_default();
    let now = now_micros();

    let mut tx = state.store.begin().await?;
    let ctx = locked_context(&state, &mut tx, &auth, org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    if !grants.is_empty() {
        let grants_view: Vec<_> = grants.clone();
        member_input::collection_rights(&mut tx, &ctx)
            .await?
            .check_all_modifiable(&grants_view)?;
    }
    member_input::check_groups(&mut tx, &ctx, &group_ids).await?;
    check_role_grant(&ctx.access, None, member_type, permissions).map_err(ApiError::bad)?;
    member_input::check_custom_allowed(&ctx, member_type)?;

    // Addresses already in the org and repeats within the request are skipped silently.
    let mut taken: HashSet<String> = members::taken_emails(&mut tx, org_id)
        .await?
        .into_iter()
        .map(|e| e.to_lowercase())
        .collect();
    let fresh: Vec<String> = emails
        .into_iter()
        .filter(|e| taken.insert(e.clone()))
        .collect();
    if fresh.is_empty() {
        return Ok(());
    }
    // Counted under the org row's lock, so concurrent invites cannot overshoot the seats.
    let occupied = members::count_seats(&mut tx, org_id).await?;
    let adding = i64::try_from(fresh.len()).unwrap_or(i64::MAX);
    check_seats(ctx.org.seats, occupied, adding, ctx.managed_by)
        .map_err(|m| ApiError::Aggregate(vec![m.to_owned()]))?;
    // A provider's client is administered by the provider's people, who are not members: it
    // may fill up before its invited owner has joined (the upstream rule exempts it too).
    if member_type != OrgUserType::Owner && ctx.managed_by.is_none() {
        let roles = members::roles(&mut tx, org_id).await?;
        let has_owner = roles
            .iter()
            .any(|r| r.user_type == OrgUserType::Owner && r.status == OrgUserStatus::Confirmed);
        if !has_owner {
            return Err(ApiError::bad(NEEDS_CONFIRMED_OWNER));
        }
    }

    let mut pending = Vec::with_capacity(fresh.len());
    let mut events_out = Vec::with_capacity(fresh.len());
    for email in fresh {
        let invite = PendingInvite::new(&state, MembershipId::new(), &email, now)?;
        let row = MemberRow {
            id: invite.membership,
            org_id,
            user_id: None,
            email: Some(email),
            member_key: None,
            status: OrgUserStatus::Invited.number(),
            member_type: member_type.number(),
            permissions: member_input::stored_permissions(member_type, permissions),
            reset_password_key: None,
            external_id: None,
            access_secrets_manager: i64::from(req.access_secrets_manager),
            revocation_reason: None,
            invite_token_hash: Some(invite.token_hash()),
            invite_expires_at: Some(invite.expires_at),
            creation_date: now,
            revision_date: now,
        };
        members::insert(&mut tx, org_id, &row).await?;
        if !grants.is_empty() {
            collections::set_member_access(&mut tx, org_id, row.id, &grants, now).await?;
        }
        if !group_ids.is_empty() {
            groups::set_member_groups(&mut tx, org_id, row.id, &group_ids, now).await?;
        }
        events_out.push(org_event(
            &ctx.org,
            auth.id(),
            &origin,
            EventType::OrganizationUser_Invited,
            Subject {
                membership: Some(row.id),
                ..Subject::default()
            },
        ));
        pending.push(invite);
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    member_mail::send_invitations(&state, &ctx.org, &pending).await;
    Ok(())
}

/// Gives each Invited membership a fresh token and returns what to mail. Others get
/// `User invalid.`.
async fn reinvite_many(
    state: &AppState,
    auth: &AuthUser,
    org_id: bulwark_domain::OrgId,
    ids: &[MembershipId],
) -> ApiResult<(
    OrgContext,
    Vec<PendingInvite>,
    Vec<(MembershipId, &'static str)>,
)> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = locked_context(state, &mut tx, auth, org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    let rows = members::find_many(&mut tx, org_id, ids).await?;
    let mut pending = Vec::new();
    let mut results = Vec::new();
    for m in rows {
        let email = match (&m.email, m.status == OrgUserStatus::Invited.number()) {
            (Some(e), true) => e.clone(),
            _ => {
                results.push((m.id, "User invalid."));
                continue;
            }
        };
        let invite = PendingInvite::new(state, m.id, &email, now)?;
        members::set_invite_token(
            &mut tx,
            org_id,
            m.id,
            &invite.token_hash(),
            invite.expires_at,
            now,
        )
        .await?;
        results.push((m.id, ""));
        pending.push(invite);
    }
    tx.commit().await?;
    Ok((ctx, pending, results))
}

/// `POST /organizations/{orgId}/users/{id}/reinvite`.
pub async fn reinvite_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    // A malformed or foreign id is simply an invalid user here, as upstream answers.
    let ids: Vec<MembershipId> = id.parse().ok().into_iter().collect();
    let (ctx, pending, results) = reinvite_many(&state, &auth, org_id, &ids).await?;
    if results.first().is_none_or(|(_, e)| !e.is_empty()) {
        return Err(ApiError::bad("User invalid."));
    }
    member_mail::send_invitations(&state, &ctx.org, &pending).await;
    Ok(())
}

/// `POST /organizations/{orgId}/users/reinvite`.
pub async fn reinvite_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<IdsRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let ids = parse_member_ids(&req.ids);
    let (ctx, pending, results) = reinvite_many(&state, &auth, org_id, &ids).await?;
    member_mail::send_invitations(&state, &ctx.org, &pending).await;
    Ok(Json(bulk_list(
        results
            .into_iter()
            .map(|(id, e)| bulk_entry(id, e))
            .collect(),
    )))
}

/// `POST /organizations/{orgId}/users/{organizationUserId}/accept`: any signed-in user holding
/// the invitation for their own address.
pub async fn accept(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<AcceptRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    let token = req.token.as_deref().unwrap_or_default();
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let org = match organizations::find(&mut tx, org_id).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let m = match members::find(&mut tx, org_id, id).await {
        Ok(m) => m,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    invite_token::verify(
        &state.jwt.derive_key(invite_token::KEY_PURPOSE),
        token,
        &id.to_string(),
        m.email.as_deref(),
        now / 1_000_000,
    )
    .map_err(|e| ApiError::bad(e.message()))?;
    if let Some(existing) = members::find_by_user(&mut tx, org_id, auth.id()).await? {
        return Err(ApiError::bad(
            if existing.status == OrgUserStatus::Accepted.number() {
                "Invitation already accepted. You will receive an email when your organization membership is confirmed."
            } else {
                "You are already part of this organization."
            },
        ));
    }
    if m.email
        .as_deref()
        .is_some_and(|e| !e.eq_ignore_ascii_case(&auth.user.email))
    {
        return Err(ApiError::bad("User email does not match invite."));
    }
    if m.status == OrgUserStatus::Revoked.number() {
        return Err(ApiError::bad(format!(
            "Your access to the {} vault has been revoked.",
            org.name
        )));
    }
    if m.status != OrgUserStatus::Invited.number() {
        return Err(ApiError::bad("Already accepted."));
    }
    // Account recovery with automatic enrolment: the invitee must hand over their user key
    // wrapped for the org (spec §2.5 rule 2).
    let auto_enroll = policies::find(&mut tx, org_id, PolicyType::ResetPassword)
        .await?
        .filter(|p| p.enabled != 0 && org.features.use_reset_password != 0)
        .and_then(|p| p.data)
        .and_then(|d| serde_json::from_str::<serde_json::Value>(&d).ok())
        .is_some_and(|d| d["autoEnrollEnabled"] == true);
    let reset_key = req
        .reset_password_key
        .as_deref()
        .filter(|k| !k.trim().is_empty());
    if auto_enroll && reset_key.is_none() {
        return Err(ApiError::bad(
            "Master Password reset is required, but not provided.",
        ));
    }
    if reset_key.is_some_and(|k| !bulwark_domain::enc_string::is_valid(k)) {
        return Err(ApiError::field(
            "ResetPasswordKey",
            "The ResetPasswordKey field is not a valid encrypted string.",
        ));
    }
    join_check::require_may_join(
        &mut tx,
        JoinStep::Accept,
        &org,
        join_check::member_type(m.member_type),
        auth.id(),
    )
    .await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    members::accept(&mut tx, org_id, id, auth.id(), now).await?;
    if let Some(key) = reset_key.filter(|_| auto_enroll) {
        members::set_reset_password_key(&mut tx, org_id, id, Some(key), now).await?;
        events::record(
            &mut tx,
            [org_event(
                &org,
                auth.id(),
                &RequestOrigin::default(),
                EventType::OrganizationUser_ResetPassword_Enroll,
                Subject {
                    membership: Some(id),
                    user: Some(auth.id()),
                    ..Subject::default()
                },
            )],
        )
        .await?;
    }
    // Holding an invitation sent to this address proves it, as upstream marks it verified.
    if auth.user.email_verified == 0 {
        let mut user = auth.user.clone();
        user.email_verified = 1;
        user.account_revision_date = now;
        users::update(&mut tx, &user).await?;
    }
    tx.commit().await?;
    member_mail::notify_accepted(&state, org_id, &org.name, &auth.user.email).await;
    Ok(())
}
