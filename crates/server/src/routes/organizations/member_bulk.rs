//! Remove, revoke and restore (spec §2.8), one member or many. The single routes answer 404 for
//! a member of another org and 400 with the rule's message; the bulk routes skip foreign ids and
//! report each member's outcome. Every affected account's revision date moves, and access ends
//! at the next request because authz reads the membership from the database each time.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AuthUser, OptionalJson, Path};
use crate::mail::templates;
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::join_check;
use crate::services::member_input::{bulk_entry, bulk_list, parse_member_id, parse_member_ids};
use crate::services::org_access;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{check_member_op, MemberOp, OrgAction};
use bulwark_domain::event_type::EventType;
use bulwark_domain::join_rules::JoinStep;
use bulwark_domain::member::{restored_status, RevocationReason};
use bulwark_domain::member_rules::{check_keeps_confirmed_owner, MemberChange};
use bulwark_domain::seats::check_seats;
use bulwark_domain::time::now_micros;
use bulwark_domain::{MembershipId, OrgId, OrgUserStatus, OrgUserType};
use bulwark_store::{members, organizations, users, StoreError};
use bulwark_wire::member::IdsRequest;
use serde_json::Value;

struct Outcome {
    org_name: String,
    /// Per found member: the error, empty on success.
    results: Vec<(MembershipId, String)>,
    /// Addresses to tell about a removal.
    removed: Vec<String>,
}

fn event_for(op: MemberOp) -> EventType {
    match op {
        MemberOp::Remove => EventType::OrganizationUser_Removed,
        MemberOp::Revoke => EventType::OrganizationUser_Revoked,
        MemberOp::Restore => EventType::OrganizationUser_Restored,
    }
}

#[allow(clippy::too_many_lines)] // one transaction: checks, then effects, in order
async fn apply(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: OrgId,
    op: MemberOp,
    ids: &[MembershipId],
) -> ApiResult<Outcome> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    match organizations::lock_for_update(&mut tx, state.store.backend(), org_id).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    }
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    let rows = members::find_many(&mut tx, org_id, ids).await?;
    let mut results: Vec<(MembershipId, String)> = Vec::new();
    let mut passing = Vec::new();
    for m in &rows {
        let t = OrgUserType::try_from(m.member_type).unwrap_or(OrgUserType::User);
        let status_error = match op {
            MemberOp::Revoke if m.status == OrgUserStatus::Revoked.number() => {
                Some("Already revoked.")
            }
            MemberOp::Restore if m.status != OrgUserStatus::Revoked.number() => {
                Some("Already active.")
            }
            _ => None,
        };
        match check_member_op(&ctx.access, op, m.id, t)
            .err()
            .or(status_error)
        {
            Some(e) => results.push((m.id, e.to_owned())),
            None => passing.push(m),
        }
    }
    // The confirmed-owner rule is judged once for the whole batch.
    if matches!(op, MemberOp::Remove | MemberOp::Revoke) && !passing.is_empty() {
        let roles = members::roles(&mut tx, org_id).await?;
        let ids: Vec<MembershipId> = passing.iter().map(|m| m.id).collect();
        let change = if op == MemberOp::Remove {
            MemberChange::Remove(&ids)
        } else {
            MemberChange::Revoke(&ids)
        };
        check_keeps_confirmed_owner(&roles, change, false).map_err(ApiError::bad)?;
    }
    let mut occupied = members::count_seats(&mut tx, org_id).await?;
    let mut removed = Vec::new();
    let mut events_out = Vec::new();
    for m in passing {
        let user = m.user()?;
        if op == MemberOp::Restore {
            // A restored member takes a seat again, and must meet the joining policies.
            if let Err(e) = check_seats(ctx.org.seats, occupied, 1, ctx.managed_by) {
                results.push((m.id, e.to_owned()));
                continue;
            }
            if let Some(u) = user {
                let email = users::find(&mut tx, u).await?.email;
                let step = JoinStep::Restore { email: &email };
                let t = join_check::member_type(m.member_type);
                match join_check::require_may_join(&mut tx, step, &ctx.org, t, u).await {
                    Ok(()) => {}
                    Err(ApiError::BadRequest(e)) => {
                        results.push((m.id, e));
                        continue;
                    }
                    Err(e) => return Err(e),
                }
            }
            occupied += 1;
        }
        if let Some(u) = user {
            users::bump_revision(&mut tx, u, now).await?;
        }
        match op {
            MemberOp::Remove => {
                let email = match user {
                    Some(u) => users::find(&mut tx, u).await.ok().map(|u| u.email),
                    None => m.email.clone(),
                };
                removed.extend(email);
                members::delete(&mut tx, org_id, m.id).await?;
            }
            MemberOp::Revoke => {
                let reason = Some(RevocationReason::Manual.number());
                members::set_status(&mut tx, org_id, m.id, OrgUserStatus::Revoked, reason, now)
                    .await?;
            }
            MemberOp::Restore => {
                let status = restored_status(user.is_some(), m.member_key.is_some());
                members::set_status(&mut tx, org_id, m.id, status, None, now).await?;
            }
        }
        events_out.push(org_event(
            &ctx.org,
            auth.id(),
            origin,
            event_for(op),
            Subject {
                membership: Some(m.id),
                user,
                ..Subject::default()
            },
        ));
        results.push((m.id, String::new()));
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    Ok(Outcome {
        org_name: ctx.org.name,
        results,
        removed,
    })
}

async fn mail_removed(state: &AppState, o: &Outcome) {
    for to in &o.removed {
        state.mailer.send(templates::removed(to, &o.org_name)).await;
    }
}

async fn one(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: &str,
    id: &str,
    op: MemberOp,
) -> ApiResult<()> {
    let org_id = org_access::parse_org_id(org_id)?;
    let id = parse_member_id(id)?;
    let outcome = apply(state, auth, origin, org_id, op, &[id]).await?;
    match outcome.results.first() {
        None => return Err(ApiError::NotFound),
        Some((_, e)) if !e.is_empty() => return Err(ApiError::bad(e.clone())),
        Some(_) => {}
    }
    mail_removed(state, &outcome).await;
    Ok(())
}

async fn many(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: &str,
    ids: &[String],
    op: MemberOp,
) -> ApiResult<Json<Value>> {
    let org_id = org_access::parse_org_id(org_id)?;
    let ids = parse_member_ids(ids);
    let outcome = apply(state, auth, origin, org_id, op, &ids).await?;
    if outcome.results.is_empty() {
        return Err(ApiError::bad("Users invalid."));
    }
    mail_removed(state, &outcome).await;
    Ok(Json(bulk_list(
        outcome
            .results
            .iter()
            .map(|(id, e)| bulk_entry(*id, e))
            .collect(),
    )))
}

/// `DELETE /organizations/{orgId}/users/{id}` and `POST …/{id}/remove`.
pub async fn remove_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    one(&state, &auth, &origin, &org_id, &id, MemberOp::Remove).await
}

/// `PUT /organizations/{orgId}/users/{id}/revoke`.
pub async fn revoke_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    one(&state, &auth, &origin, &org_id, &id, MemberOp::Revoke).await
}

/// `PUT /organizations/{orgId}/users/{id}/restore` (and `/restore/vnext`; the optional
/// `defaultUserCollectionName` is ignored: no "My Items" here).
pub async fn restore_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    OptionalJson(_body): OptionalJson<Value>,
) -> ApiResult<()> {
    one(&state, &auth, &origin, &org_id, &id, MemberOp::Restore).await
}

/// `DELETE /organizations/{orgId}/users` and `POST …/remove` with `{ids}`.
pub async fn remove_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    OptionalJson(req): OptionalJson<IdsRequest>,
) -> ApiResult<Json<Value>> {
    let ids = req.map(|r| r.ids).unwrap_or_default();
    many(&state, &auth, &origin, &org_id, &ids, MemberOp::Remove).await
}

/// `PUT /organizations/{orgId}/users/revoke`.
pub async fn revoke_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    OptionalJson(req): OptionalJson<IdsRequest>,
) -> ApiResult<Json<Value>> {
    let ids = req.map(|r| r.ids).unwrap_or_default();
    many(&state, &auth, &origin, &org_id, &ids, MemberOp::Revoke).await
}

/// `PUT /organizations/{orgId}/users/restore`.
pub async fn restore_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    OptionalJson(req): OptionalJson<IdsRequest>,
) -> ApiResult<Json<Value>> {
    let ids = req.map(|r| r.ids).unwrap_or_default();
    many(&state, &auth, &origin, &org_id, &ids, MemberOp::Restore).await
}
