//! Confirmation (spec §2.6): the admin fetches accepted members' public keys, wraps the org
//! key for each and posts it back. Only then does a member receive org data.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::mail::templates;
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::join_check;
use crate::services::member_input::{bulk_entry, bulk_list, parse_member_id, parse_member_ids};
use crate::services::org_access::{self, parse_org_id};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::OrgAction;
use bulwark_domain::enc_string;
use bulwark_domain::event_type::EventType;
use bulwark_domain::join_rules::JoinStep;
use bulwark_domain::time::now_micros;
use bulwark_domain::{MembershipId, OrgId, OrgUserStatus};
use bulwark_store::{members, users};
use bulwark_wire::member::{BulkConfirmRequest, ConfirmRequest, IdsRequest};
use serde_json::{json, Value};

/// `POST /organizations/{orgId}/users/public-keys`: account public keys of Accepted members.
pub async fn public_keys(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<IdsRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    let rows = members::public_keys(&mut conn, org_id, &parse_member_ids(&req.ids)).await?;
    let data: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            json!({
                "object": "organizationUserPublicKeyResponseModel",
                "id": r.id.to_string(),
                "userId": r.user_id.to_string(),
                "key": r.public_key,
            })
        })
        .collect();
    Ok(Json(bulk_list(data)))
}

/// The wrapped org key must be an RSA-OAEP EncString (type 4).
fn valid_key(key: Option<&str>) -> Option<&str> {
    key.filter(|k| k.starts_with("4.") && enc_string::is_valid(k))
}

/// Confirms each `(id, key)`; returns per-id errors and the addresses to mail.
async fn confirm_many(
    state: &AppState,
    auth: &AuthUser,
    origin: &RequestOrigin,
    org_id: OrgId,
    keys: &[(MembershipId, Option<String>)],
) -> ApiResult<(String, Vec<(MembershipId, String)>, Vec<String>)> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = org_access::resolve(&mut tx, auth.id(), org_id).await?;
    ctx.require(OrgAction::ManageUsers)?;
    let ids: Vec<MembershipId> = keys.iter().map(|(id, _)| *id).collect();
    let rows = members::find_many(&mut tx, org_id, &ids).await?;
    let mut results = Vec::new();
    let mut mail_to = Vec::new();
    let mut events_out = Vec::new();
    for (id, key) in keys {
        let Some(m) = rows.iter().find(|m| m.id == *id) else {
            continue;
        };
        let user = m.user()?;
        let (Some(user), true) = (user, m.status == OrgUserStatus::Accepted.number()) else {
            results.push((*id, "User not valid.".into()));
            continue;
        };
        let Some(key) = valid_key(key.as_deref()) else {
            results.push((*id, "Invalid key.".into()));
            continue;
        };
        let email = users::find(&mut tx, user).await?.email;
        let step = JoinStep::Confirm { email: &email };
        let t = join_check::member_type(m.member_type);
        match join_check::require_may_join(&mut tx, step, &ctx.org, t, user).await {
            Ok(()) => {}
            Err(ApiError::BadRequest(e)) => {
                results.push((*id, e));
                continue;
            }
            Err(e) => return Err(e),
        }
        users::bump_revision(&mut tx, user, now).await?;
        members::confirm(&mut tx, org_id, *id, key, now).await?;
        events_out.push(org_event(
            &ctx.org,
            auth.id(),
            origin,
            EventType::OrganizationUser_Confirmed,
            Subject {
                membership: Some(*id),
                user: Some(user),
                ..Subject::default()
            },
        ));
        if let Ok(u) = users::find(&mut tx, user).await {
            mail_to.push(u.email);
        }
        results.push((*id, String::new()));
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    Ok((ctx.org.name, results, mail_to))
}

async fn send_confirmed(state: &AppState, org_name: &str, to: &[String]) {
    for email in to {
        state
            .mailer
            .send(templates::confirmed(
                email,
                org_name,
                &state.config.public_url,
            ))
            .await;
    }
}

/// `POST /organizations/{orgId}/users/{id}/confirm`.
pub async fn confirm_one(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((org_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<ConfirmRequest>,
) -> ApiResult<()> {
    let org_id = parse_org_id(&org_id)?;
    let id = parse_member_id(&id)?;
    if valid_key(req.key.as_deref()).is_none() {
        return Err(ApiError::field(
            "Key",
            "The Key field must be the organization key encrypted with the member's public key.",
        ));
    }
    let (org_name, results, mail_to) =
        confirm_many(&state, &auth, &origin, org_id, &[(id, req.key)]).await?;
    match results.first() {
        Some((_, e)) if e.is_empty() => {}
        Some((_, e)) => return Err(ApiError::bad(e.clone())),
        None => return Err(ApiError::bad("User not valid.")),
    }
    send_confirmed(&state, &org_name, &mail_to).await;
    Ok(())
}

/// `POST /organizations/{orgId}/users/confirm`.
pub async fn confirm_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(org_id): Path<String>,
    AppJson(req): AppJson<BulkConfirmRequest>,
) -> ApiResult<Json<Value>> {
    let org_id = parse_org_id(&org_id)?;
    let mut keys: Vec<(MembershipId, Option<String>)> = Vec::new();
    for k in req.keys {
        if let Ok(id) = k.id.parse::<MembershipId>() {
            if !keys.iter().any(|(i, _)| *i == id) {
                keys.push((id, k.key));
            }
        }
    }
    let (org_name, results, mail_to) = confirm_many(&state, &auth, &origin, org_id, &keys).await?;
    send_confirmed(&state, &org_name, &mail_to).await;
    Ok(Json(bulk_list(
        results
            .into_iter()
            .map(|(id, e)| bulk_entry(id, &e))
            .collect(),
    )))
}
