//! Bringing people into a provider (spec providers.md §2.2, §3.1-3.2): invitations by e-mail,
//! re-sending them, accepting one, and the owner's setup of a provider the operator created.
//! Tokens are `provider_token`s; each member keeps only its current token's hash.

use super::input;
use super::outcome::{self, Outcome};
use super::users::parse_user_id;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::events::{self, provider_event, ProviderSubject, RequestOrigin};
use crate::services::member_input::check_invite_emails;
use crate::services::provider_access::{self, parse_provider_id};
use crate::services::provider_mail::{self, PendingProviderInvite};
use crate::services::provider_token;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::{ProviderAction, ProviderUserStatus, ProviderUserType};
use bulwark_domain::enc_string;
use bulwark_domain::event_type::EventType;
use bulwark_domain::provider::ProviderStatus;
use bulwark_domain::time::now_micros;
use bulwark_domain::ProviderUserId;
use bulwark_store::provider_users::{self, ProviderUserRow};
use bulwark_store::providers::{self, ProviderRow};
use bulwark_store::{users, StoreError};
use bulwark_wire::member::IdsRequest;
use bulwark_wire::provider::ProviderSetupRequest;
use bulwark_wire::provider_user::{ProviderAcceptRequest, ProviderInviteRequest};
use bulwark_wire::ListResponse;
use serde_json::Value;
use std::collections::HashSet;

async fn send(state: &AppState, provider: &ProviderRow, pending: &[PendingProviderInvite]) {
    let name = provider.name.clone().unwrap_or_default();
    provider_mail::send_user_invitations(state, provider.id, &name, pending).await;
}

/// `POST /providers/{id}/users/invite` `{emails, type}`: addresses already in the provider are
/// skipped.
pub async fn invite(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<ProviderInviteRequest>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider_id, ProviderAction::ManageUsers).await?;
    let emails = check_invite_emails(&req.emails)?;
    let user_type = req
        .user_type
        .and_then(|t| ProviderUserType::try_from(t).ok())
        .ok_or_else(|| ApiError::field("Type", "The Type field is required."))?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::ManageUsers)?;
    let mut taken: HashSet<String> = provider_users::taken_emails(&mut tx, provider_id)
        .await?
        .into_iter()
        .map(|e| e.to_lowercase())
        .collect();
    let mut pending = Vec::new();
    let mut events_out = Vec::new();
    for email in emails.into_iter().filter(|e| taken.insert(e.clone())) {
        let id = ProviderUserId::new();
        let invite = PendingProviderInvite::new(&state, id, &email, now)?;
        let row = ProviderUserRow {
            id,
            provider_id,
            user_id: None,
            email: Some(email.clone()),
            provider_key: None,
            status: ProviderUserStatus::Invited.number(),
            user_type: user_type.number(),
            invite_token_hash: Some(invite.token_hash()),
            invite_expires_at: Some(invite.expires_at),
            creation_date: now,
            revision_date: now,
        };
        provider_users::insert(&mut tx, &row).await?;
        events_out.push(provider_event(
            &ctx.provider,
            auth.id(),
            &origin,
            EventType::ProviderUser_Invited,
            ProviderSubject {
                provider_user: Some(id),
                ..ProviderSubject::default()
            },
        ));
        pending.push(invite);
    }
    events::record(&mut tx, events_out).await?;
    tx.commit().await?;
    send(&state, &ctx.provider, &pending).await;
    Ok(())
}

/// New tokens for the Invited members among `ids`.
async fn reinvite_many(
    state: &AppState,
    auth: &AuthUser,
    provider_id: &str,
    ids: &[ProviderUserId],
) -> ApiResult<Vec<(ProviderUserId, Outcome)>> {
    let provider_id = parse_provider_id(provider_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::ManageUsers)?;
    let rows = provider_users::find_many(&mut tx, provider_id, ids).await?;
    let mut results = Vec::new();
    let mut pending = Vec::new();
    for id in ids {
        let Some(row) = rows.iter().find(|r| r.id == *id) else {
            results.push((*id, Outcome::Unknown("User invalid.")));
            continue;
        };
        let email = Some(row)
            .filter(|r| r.status == ProviderUserStatus::Invited.number())
            .and_then(|r| r.email.clone());
        let Some(email) = email else {
            results.push((*id, Outcome::Refused("User invalid.")));
            continue;
        };
        let invite = PendingProviderInvite::new(state, *id, &email, now)?;
        provider_users::set_invite_token(
            &mut tx,
            provider_id,
            *id,
            &invite.token_hash(),
            invite.expires_at,
        )
        .await?;
        pending.push(invite);
        results.push((*id, Outcome::Done));
    }
    tx.commit().await?;
    send(state, &ctx.provider, &pending).await;
    Ok(results)
}

/// `POST /providers/{id}/users/reinvite` `{ids}`.
pub async fn reinvite_bulk(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<IdsRequest>,
) -> ApiResult<Json<ListResponse<Value>>> {
    let ids: Vec<ProviderUserId> = req.ids.iter().filter_map(|i| i.parse().ok()).collect();
    let results = reinvite_many(&state, &auth, &provider_id, &ids).await?;
    Ok(Json(ListResponse::new(outcome::bulk_entries(&results))))
}

/// `POST /providers/{id}/users/{id}/reinvite`.
pub async fn reinvite_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    let id = parse_user_id(&id)?;
    outcome::single(&reinvite_many(&state, &auth, &provider_id, &[id]).await?)
}

/// `POST /providers/{id}/users/{id}/accept` `{token}`: any signed-in user holding the current
/// invitation for their own address. Unlike upstream, the member must belong to the provider
/// named in the route.
pub async fn accept(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<ProviderAcceptRequest>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    let id = parse_user_id(&id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let row = match provider_users::find(&mut tx, provider_id, id).await {
        Ok(r) => r,
        Err(StoreError::NotFound) => return Err(ApiError::bad("User invalid.")),
        Err(e) => return Err(e.into()),
    };
    if row.status != ProviderUserStatus::Invited.number() {
        return Err(ApiError::bad("Already accepted."));
    }
    let invited = row.email.clone().unwrap_or_default();
    provider_token::verify_user_invite(
        &state.jwt.derive_key(provider_token::KEY_PURPOSE),
        req.token.as_deref().unwrap_or_default(),
        id,
        &invited,
        row.invite_token_hash.as_deref(),
        now / 1_000_000,
    )
    .map_err(|e| ApiError::bad(e.message()))?;
    if !invited.eq_ignore_ascii_case(&auth.user.email) {
        return Err(ApiError::bad("User email does not match invite."));
    }
    match provider_users::accept(&mut tx, provider_id, id, auth.id(), now).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(ApiError::bad("You are already a member of this provider."))
        }
        Err(e) => return Err(e.into()),
    }
    users::bump_revision(&mut tx, auth.id(), now).await?;
    tx.commit().await?;
    Ok(())
}

/// `POST /providers/{id}/setup`: the owner the operator named gives the provider its name,
/// business name and billing e-mail, and stores the provider key wrapped with their own public
/// key. Payment fields are accepted and ignored: Bulwark bills nobody.
pub async fn setup(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<ProviderSetupRequest>,
) -> ApiResult<Json<Value>> {
    let provider_id = parse_provider_id(&provider_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    claim_invited_owner(
        &state,
        &mut tx,
        provider_id,
        &auth,
        req.token.as_deref(),
        now,
    )
    .await?;
    let mut ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::Edit)?;
    if ctx.provider.status != ProviderStatus::Pending.number() {
        return Err(ApiError::bad("Provider is already setup."));
    }
    // Fields are checked once the caller is known to be this provider's admin: others learn
    // nothing, not even what the body should look like.
    let name = input::name("Name", req.name.as_deref(), true)?.unwrap_or_default();
    let business_name = input::name("BusinessName", req.business_name.as_deref(), false)?;
    let billing_email = input::email("BillingEmail", req.billing_email.as_deref())?;
    let key = req
        .key
        .as_deref()
        .filter(|k| k.starts_with("4.") && enc_string::is_valid(k))
        .ok_or_else(|| {
            ApiError::field(
                "Key",
                "The Key field must be the provider key encrypted with your public key.",
            )
        })?;
    let me = provider_users::find(&mut tx, provider_id, ctx.access.membership).await?;
    provider_token::verify_setup(
        &state.jwt.derive_key(provider_token::KEY_PURPOSE),
        req.token.as_deref().unwrap_or_default(),
        provider_id,
        me.id,
        &auth.user.email,
        me.invite_token_hash.as_deref(),
        now / 1_000_000,
    )
    .map_err(|_| ApiError::bad("Invalid token."))?;
    providers::update_details(
        &mut tx,
        provider_id,
        &name,
        business_name.as_deref(),
        &billing_email,
        now,
    )
    .await?;
    provider_users::set_key(&mut tx, provider_id, me.id, key, now).await?;
    providers::transition_status(
        &mut tx,
        provider_id,
        ProviderStatus::Pending.number(),
        ProviderStatus::Billable.number(),
        now,
    )
    .await
    .map_err(|_| ApiError::bad("Provider is already setup."))?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    ctx.provider = providers::find(&mut tx, provider_id).await?;
    let out = super::settings::render(&mut tx, &ctx).await?;
    tx.commit().await?;
    Ok(Json(out))
}

/// A provider the operator created for an address without an account has its owner row
/// Invited by address; the account registered for that address claims it with the setup
/// token (becoming the Confirmed Provider Admin that setup expects). Anyone else, or a wrong
/// token, claims nothing and meets setup's usual refusal.
async fn claim_invited_owner(
    state: &AppState,
    tx: &mut bulwark_store::AnyConnection,
    provider_id: bulwark_domain::ProviderId,
    auth: &AuthUser,
    token: Option<&str>,
    now: i64,
) -> ApiResult<()> {
    let Some(token) = token else { return Ok(()) };
    let owner = provider_users::list(tx, provider_id)
        .await?
        .into_iter()
        .map(|r| r.member)
        .find(|m| {
            m.status == ProviderUserStatus::Invited.number()
                && m.user_type == ProviderUserType::ProviderAdmin.number()
                && m.provider_key.is_none()
                && m.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&auth.user.email))
        });
    let Some(owner) = owner else { return Ok(()) };
    let genuine = provider_token::verify_setup(
        &state.jwt.derive_key(provider_token::KEY_PURPOSE),
        token,
        provider_id,
        owner.id,
        &auth.user.email,
        owner.invite_token_hash.as_deref(),
        now / 1_000_000,
    );
    if genuine.is_ok() {
        provider_users::claim_owner(tx, provider_id, owner.id, auth.id(), now).await?;
    }
    Ok(())
}
