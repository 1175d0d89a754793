//! A provider's clients (spec providers.md §2.3, §2.4, §3.4–3.6): the clients table, creating a
//! client, attaching an existing org, renaming and re-seating a client, unlinking one.

use super::input;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::events::{
    self, org_event, provider_event, ProviderSubject, RequestOrigin, Subject,
};
use crate::services::member_mail::{self, PendingInvite};
use crate::services::org_factory::{self, NewOrg};
use crate::services::provider_access::{self, parse_provider_id, ProviderContext};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::authz::ProviderAction;
use bulwark_domain::collection_access::CollectionAccess;
use bulwark_domain::event_type::EventType;
use bulwark_domain::plan::{Plan, PlanType};
use bulwark_domain::provider::{ProviderStatus, ProviderType, SeatLine};
use bulwark_domain::time::{format_micros, now_micros};
use bulwark_domain::{enc_string, MembershipId, OrgId, OrgUserStatus, OrgUserType, ProviderOrgId};
use bulwark_store::members::MemberRow;
use bulwark_store::provider_orgs::{ClientRow, ProviderOrgRow};
use bulwark_store::{
    collections, members, organizations, provider_orgs, provider_users, providers, AnyConnection,
    StoreError,
};
use bulwark_wire::provider::{
    AddExistingClientRequest, ClientDetail, CreateClientRequest, UpdateClientRequest,
};
use bulwark_wire::ListResponse;
use serde_json::{json, Value};

fn plan_name(plan_type: i64) -> &'static str {
    PlanType::try_from(plan_type)
        .ok()
        .and_then(Plan::find)
        .map_or("Custom", |p| p.name)
}

/// `providerOrganizationOrganizationDetail`: one row of the clients table.
fn client_detail(c: ClientRow) -> ClientDetail {
    ClientDetail {
        object: "providerOrganizationOrganizationDetail",
        id: c.link.id.to_string(),
        provider_id: c.link.provider_id.to_string(),
        organization_id: c.link.org_id.to_string(),
        organization_name: c.org_name,
        key: c.link.org_key,
        settings: None,
        creation_date: format_micros(c.link.creation_date),
        revision_date: format_micros(c.link.revision_date),
        user_count: c.confirmed_members,
        seats: c.seats,
        occupied_seats: c.occupied_seats,
        remaining_seats: c.seats.map(|s| s - c.occupied_seats),
        plan: plan_name(c.plan_type),
        plan_type: c.plan_type,
        enabled: c.org_enabled != 0,
    }
}

fn provider_type(ctx: &ProviderContext) -> ApiResult<ProviderType> {
    ProviderType::try_from(ctx.provider.provider_type)
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored provider type")))
}

/// Clients are managed once the provider is set up (its key exists to wrap org keys with).
fn require_set_up(ctx: &ProviderContext) -> ApiResult<()> {
    if ctx.provider.status == ProviderStatus::Pending.number() {
        return Err(ApiError::bad(
            "The provider must be set up before it can manage clients.",
        ));
    }
    Ok(())
}

/// An org key wrapped with the provider key: a symmetric EncString (type 2).
fn check_wrapped_org_key(key: Option<&str>) -> ApiResult<String> {
    let key = key.unwrap_or_default();
    if !(key.starts_with("2.") && enc_string::is_valid(key)) {
        return Err(ApiError::field(
            "Key",
            "The Key field must be the organization key encrypted with the provider key.",
        ));
    }
    Ok(key.to_owned())
}

/// `GET /providers/{id}/organizations`: every member of the provider.
pub async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<ListResponse<ClientDetail>>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::ListClients)?;
    let rows = provider_orgs::list_clients(&mut conn, ctx.provider.id).await?;
    Ok(Json(ListResponse::new(
        rows.into_iter().map(client_detail).collect(),
    )))
}

/// Service Users may move seats within what the provider already pays for (its seat minimum
/// per plan) but not buy more: changing a client of `plan` (its number) from `from` to `to` seats must not
/// raise the seats bought above the minimum.
async fn within_purchased_seats(
    conn: &mut bulwark_store::AnyConnection,
    provider_id: bulwark_domain::ProviderId,
    plan: i64,
    from: i64,
    to: i64,
) -> ApiResult<()> {
    let minimum = providers::plans(conn, provider_id)
        .await?
        .into_iter()
        .find(|p| p.plan_type == plan)
        .map_or(0, |p| p.seat_minimum);
    let line = SeatLine {
        seat_minimum: minimum,
        allocated: provider_orgs::allocated_seats(conn, provider_id, plan).await?,
    };
    if line.change_purchases(from, to) {
        return Err(ApiError::bad(
            "Service users cannot purchase additional seats.",
        ));
    }
    Ok(())
}

/// `POST /providers/{id}/clients`: a new org on one of the provider's plans, with its key
/// pair and first collection; its owner is invited by e-mail with manage access to that
/// collection. Provider staff do not become members.
pub async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<CreateClientRequest>,
) -> ApiResult<Json<ClientDetail>> {
    let provider_id = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider_id, ProviderAction::CreateClient)
        .await?;
    let name = input::name("Name", req.name.as_deref(), true)?.unwrap_or_default();
    let owner_email = input::email("OwnerEmail", req.owner_email.as_deref())?;
    let plan = req
        .plan_type
        .and_then(|p| PlanType::try_from(p).ok())
        .and_then(Plan::find)
        .filter(|p| p.plan_type != PlanType::Free)
        .ok_or_else(|| {
            ApiError::field(
                "PlanType",
                "'planType' must be Teams (Monthly), Teams (Annually), Enterprise (Monthly) or \
                 Enterprise (Annually)",
            )
        })?;
    let seats = req
        .seats
        .filter(|s| *s > 0)
        .ok_or_else(|| ApiError::field("Seats", "'seats' must be greater than 0"))?;
    let key = check_wrapped_org_key(req.key.as_deref())?;
    let pair = req
        .key_pair
        .as_ref()
        .ok_or_else(|| ApiError::field("KeyPair", "The KeyPair field is required."))?;
    let (public_key, private_key) = org_factory::check_key_pair(
        "KeyPair",
        pair.public_key.as_deref(),
        pair.encrypted_private_key.as_deref(),
    )?;
    let collection_name = org_factory::check_collection_name(req.collection_name.as_deref())?
        .ok_or_else(|| {
            ApiError::field("CollectionName", "The CollectionName field is required.")
        })?;
    let now = now_micros();

    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::CreateClient)?;
    require_set_up(&ctx)?;
    provider_type(&ctx)?
        .check_client_plan(plan.plan_type)
        .map_err(ApiError::bad)?;
    if !ctx.access.is_admin() {
        within_purchased_seats(&mut tx, provider_id, plan.plan_type.number(), 0, seats).await?;
    }
    let org = org_factory::org_row(
        NewOrg {
            name,
            billing_email: ctx
                .provider
                .billing_email
                .clone()
                .unwrap_or_else(|| owner_email.clone()),
            plan,
            seats,
            public_key,
            private_key,
        },
        now,
    );
    organizations::insert(&mut tx, &org).await?;
    let collection = org_factory::shared_collection(org.id, collection_name, now);
    collections::insert(&mut tx, org.id, &collection).await?;
    let invite = PendingInvite::new(&state, MembershipId::new(), &owner_email, now)?;
    let owner = MemberRow {
        id: invite.membership,
        org_id: org.id,
        user_id: None,
        email: Some(owner_email),
        member_key: None,
        status: OrgUserStatus::Invited.number(),
        member_type: OrgUserType::Owner.number(),
        permissions: None,
        reset_password_key: None,
        external_id: None,
        access_secrets_manager: 0,
        revocation_reason: None,
        invite_token_hash: Some(invite.token_hash()),
        invite_expires_at: Some(invite.expires_at),
        creation_date: now,
        revision_date: now,
    };
    members::insert(&mut tx, org.id, &owner).await?;
    collections::set_user_access(
        &mut tx,
        org.id,
        collection.id,
        &[(owner.id, CollectionAccess::MANAGE)],
        now,
    )
    .await?;
    let link = ProviderOrgRow {
        id: ProviderOrgId::new(),
        provider_id,
        org_id: org.id,
        org_key: Some(key),
        creation_date: now,
        revision_date: now,
    };
    provider_orgs::insert(&mut tx, &link).await?;
    events::record(
        &mut tx,
        [
            provider_event(
                &ctx.provider,
                auth.id(),
                &origin,
                EventType::ProviderOrganization_Created,
                ProviderSubject {
                    provider_org: Some(link.id),
                    ..ProviderSubject::default()
                },
            ),
            org_event(
                &org,
                auth.id(),
                &origin,
                EventType::OrganizationUser_Invited,
                Subject {
                    membership: Some(owner.id),
                    ..Subject::default()
                },
            ),
        ],
    )
    .await?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    let created = provider_orgs::find_client(&mut tx, provider_id, link.id).await?;
    tx.commit().await?;
    member_mail::send_invitations(&state, &org, &[invite]).await;
    Ok(Json(client_detail(created)))
}

/// The client link `id` of the caller's provider.
async fn find_link(
    conn: &mut AnyConnection,
    ctx: &ProviderContext,
    id: &str,
) -> ApiResult<ProviderOrgRow> {
    let id: ProviderOrgId = id.parse().map_err(|_| ApiError::NotFound)?;
    match provider_orgs::find(conn, ctx.provider.id, id).await {
        Ok(l) => Ok(l),
        Err(StoreError::NotFound) => Err(ApiError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// `PUT /providers/{id}/clients/{linkId}`: rename and re-seat a client. Seats cannot drop
/// below what the client uses; a Service User cannot take the provider past its seat minimum
/// for the plan (upstream answers that with a 401, which makes clients log out: Bulwark
/// answers 400 with the same message).
pub async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, id)): Path<(String, String)>,
    AppJson(req): AppJson<UpdateClientRequest>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    provider_access::authorize(&state, auth.id(), provider_id, ProviderAction::UpdateClient)
        .await?;
    let name = input::name("Name", req.name.as_deref(), true)?.unwrap_or_default();
    let seats = req
        .assigned_seats
        .ok_or_else(|| ApiError::field("AssignedSeats", "The AssignedSeats field is required."))?;
    if seats < 0 {
        return Err(ApiError::bad(
            "You cannot assign negative seats to a client organization.",
        ));
    }
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::UpdateClient)?;
    let link = find_link(&mut tx, &ctx, &id).await?;
    // Under the org row's lock, so a concurrent invite cannot slip past the new seat count.
    organizations::lock_for_update(&mut tx, state.store.backend(), link.org_id).await?;
    let org = organizations::find(&mut tx, link.org_id).await?;
    let used = members::count_seats(&mut tx, org.id).await?;
    if seats < used {
        return Err(ApiError::bad(format!(
            "You cannot assign fewer seats than the client organization uses ({used})."
        )));
    }
    if !ctx.access.is_admin() {
        within_purchased_seats(
            &mut tx,
            provider_id,
            org.plan_type,
            org.seats.unwrap_or(0),
            seats,
        )
        .await?;
    }
    organizations::set_name_and_seats(&mut tx, org.id, &name, seats, now).await?;
    bulwark_store::users::bump_revision_for_org(&mut tx, org.id, now).await?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// `GET /providers/{id}/clients/addable`: the caller's own orgs (Confirmed Owner) that this
/// provider could manage; `disabled` when the provider's type cannot manage their plan or the
/// caller is not a Provider Admin (only they attach orgs).
pub async fn addable(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::ListClients)?;
    let kind = provider_type(&ctx)?;
    let may_add = ctx.access.can(ProviderAction::AddExistingClient);
    let rows = provider_orgs::addable_for_user(&mut conn, auth.id()).await?;
    let out: Vec<Value> = rows
        .iter()
        .filter_map(|o| {
            let plan = PlanType::try_from(o.plan_type).ok()?;
            Some(json!({
                "id": o.id.to_string(),
                "name": o.name,
                "plan": plan_name(o.plan_type),
                "seats": o.seats,
                "disabled": !may_add || kind.check_client_plan(plan).is_err(),
            }))
        })
        .collect();
    Ok(Json(Value::Array(out)))
}

/// `POST /providers/{id}/clients/existing` and the older `POST …/organizations/add`: attach an
/// org. Only a Provider Admin who is a Confirmed Owner of that org may (the upstream bug
/// CVE-2026-43639 let a Service User attach any org), and only an org of no provider.
pub async fn add_existing(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path(provider_id): Path<String>,
    AppJson(req): AppJson<AddExistingClientRequest>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    let org_id: OrgId = req
        .organization_id
        .as_deref()
        .and_then(|o| o.parse().ok())
        .ok_or(ApiError::NotFound)?;
    let key = check_wrapped_org_key(req.key.as_deref())?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::AddExistingClient)?;
    require_set_up(&ctx)?;
    let owner = members::find_by_user(&mut tx, org_id, auth.id())
        .await?
        .filter(|m| {
            m.status == OrgUserStatus::Confirmed.number()
                && m.member_type == OrgUserType::Owner.number()
        });
    if owner.is_none() {
        return Err(ApiError::NotFound);
    }
    let org = organizations::find(&mut tx, org_id).await?;
    let plan = PlanType::try_from(org.plan_type)
        .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored plan type")))?;
    provider_type(&ctx)?
        .check_client_plan(plan)
        .map_err(ApiError::bad)?;
    let link = ProviderOrgRow {
        id: ProviderOrgId::new(),
        provider_id,
        org_id,
        org_key: Some(key),
        creation_date: now,
        revision_date: now,
    };
    match provider_orgs::insert(&mut tx, &link).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(ApiError::bad("Organization already belongs to a provider."))
        }
        Err(e) => return Err(e.into()),
    }
    events::record(
        &mut tx,
        [provider_event(
            &ctx.provider,
            auth.id(),
            &origin,
            EventType::ProviderOrganization_Added,
            ProviderSubject {
                provider_org: Some(link.id),
                ..ProviderSubject::default()
            },
        )],
    )
    .await?;
    bulwark_store::users::bump_revision_for_org(&mut tx, org_id, now).await?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// `DELETE /providers/{id}/organizations/{linkId}`: unlink a client; the org keeps its data
/// and must keep a Confirmed Owner among its members (provider staff do not count).
pub async fn remove(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    Path((provider_id, id)): Path<(String, String)>,
) -> ApiResult<()> {
    let provider_id = parse_provider_id(&provider_id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    let ctx = provider_access::resolve(&mut tx, auth.id(), provider_id).await?;
    ctx.require(ProviderAction::RemoveClient)?;
    let link = find_link(&mut tx, &ctx, &id).await?;
    let has_owner = members::roles(&mut tx, link.org_id)
        .await?
        .iter()
        .any(|r| r.user_type == OrgUserType::Owner && r.status == OrgUserStatus::Confirmed);
    if !has_owner {
        return Err(ApiError::bad(
            "Organization must have at least one confirmed owner.",
        ));
    }
    provider_orgs::delete(&mut tx, provider_id, link.id).await?;
    events::record(
        &mut tx,
        [provider_event(
            &ctx.provider,
            auth.id(),
            &origin,
            EventType::ProviderOrganization_Removed,
            ProviderSubject {
                provider_org: Some(link.id),
                ..ProviderSubject::default()
            },
        )],
    )
    .await?;
    bulwark_store::users::bump_revision_for_org(&mut tx, link.org_id, now).await?;
    provider_users::bump_revision_of_members(&mut tx, provider_id, now).await?;
    tx.commit().await?;
    Ok(())
}
