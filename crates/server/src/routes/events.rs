//! The event log: reading it (an org's, one member's, one item's, your own) and the clients'
//! upload of what they saw happen (`POST /events/collect`: views, copies, autofills, exports).

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path, Query};
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use crate::services::org_access::{self, parse_org_id};
use crate::services::provider_access::{self, parse_provider_id};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use bulwark_domain::authz::{OrgAction, ProviderAction};
use bulwark_domain::event_page::{self, PAGE_SIZE};
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::{format_micros, now_micros, parse_rfc3339};
use bulwark_domain::{CipherId, EventId, MembershipId, OrgId, ProviderUserId};
use bulwark_store::events::{EventRow, Page};
use bulwark_store::{events as event_store, members, org_ciphers, provider_users};
use serde::Deserialize;
use serde_json::{json, Value};

/// The `/api` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/events", get(own))
        .route("/organizations/{org_id}/events", get(for_org))
        .route("/organizations/{org_id}/users/{id}/events", get(for_member))
        .route("/ciphers/{id}/events", get(for_cipher))
        .route("/providers/{provider_id}/events", get(for_provider))
        .route(
            "/providers/{provider_id}/users/{id}/events",
            get(for_provider_member),
        )
}

/// `POST /events/collect`, served at the events base (`https://host/events`).
pub fn collect_routes() -> Router<AppState> {
    Router::new().route("/events/collect", post(collect))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PageQuery {
    start: Option<String>,
    end: Option<String>,
    continuation_token: Option<String>,
}

fn page(q: &PageQuery) -> ApiResult<Page> {
    let range = event_page::range(q.start.as_deref(), q.end.as_deref(), now_micros())
        .map_err(ApiError::bad)?;
    Ok(Page {
        start: range.start,
        end: range.end,
        before: q
            .continuation_token
            .as_deref()
            .and_then(event_page::parse_token),
        limit: PAGE_SIZE,
    })
}

fn event_json(e: &EventRow) -> Value {
    json!({
        "object": "event",
        "type": e.event_type,
        "userId": e.user_id,
        "organizationId": e.org_id,
        "providerId": e.provider_id,
        "cipherId": e.cipher_id,
        "collectionId": e.collection_id,
        "groupId": e.group_id,
        "policyId": e.policy_id,
        "organizationUserId": e.membership_id,
        "providerUserId": e.provider_user_id,
        "providerOrganizationId": e.provider_org_id,
        "actingUserId": e.acting_user_id,
        "installationId": null,
        "date": format_micros(e.date),
        "deviceType": e.device_type,
        "ipAddress": e.ip_address,
        "systemUser": e.system_user,
        "domainName": null,
        "secretId": null,
        "projectId": null,
        "serviceAccountId": null,
        "grantedServiceAccountId": null,
        "sendId": null,
    })
}

/// A page of events; the token is given only when the page is full.
fn list(rows: &[EventRow]) -> Json<Value> {
    let token = (i64::try_from(rows.len()).unwrap_or(0) >= PAGE_SIZE)
        .then(|| rows.last().map(|e| event_page::token(e.date, &e.id)))
        .flatten();
    let data: Vec<Value> = rows.iter().map(event_json).collect();
    Json(json!({ "object": "list", "data": data, "continuationToken": token }))
}

/// `GET /api/events`: the caller's own account events.
async fn own(
    State(state): State<AppState>,
    auth: AuthUser,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let page = page(&q)?;
    let mut conn = state.store.conn().await?;
    Ok(list(
        &event_store::list_for_user(&mut conn, auth.id(), page).await?,
    ))
}

/// `GET /api/organizations/{id}/events`.
async fn for_org(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(org_id): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::AccessEventLogs)?;
    let page = page(&q)?;
    Ok(list(
        &event_store::list_for_org(&mut conn, ctx.org.id, page).await?,
    ))
}

/// `GET /api/organizations/{orgId}/users/{id}/events`: what one member did in the org.
async fn for_member(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((org_id, member)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let member: MembershipId = member.parse().map_err(|_| ApiError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let ctx = org_access::resolve(&mut conn, auth.id(), parse_org_id(&org_id)?).await?;
    ctx.require(OrgAction::AccessEventLogs)?;
    let row = members::find(&mut conn, ctx.org.id, member)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let user = row.user()?.ok_or(ApiError::NotFound)?;
    let page = page(&q)?;
    Ok(list(
        &event_store::list_for_org_user(&mut conn, ctx.org.id, user, page).await?,
    ))
}

/// `GET /api/ciphers/{id}/events`: an org item's log for those who may read the org's log.
/// Personal items have no log (upstream records cipher events for org items only).
async fn for_cipher(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let cipher: CipherId = id.parse().map_err(|_| ApiError::NotFound)?;
    let page = page(&q)?;
    let mut conn = state.store.conn().await?;
    let Some(org) = org_ciphers::org_of(&mut conn, cipher).await? else {
        // A personal item: its owner sees an empty log; anyone else, nothing at all.
        let own = bulwark_store::ciphers::find(&mut conn, auth.id(), cipher).await;
        return match own {
            Ok(_) => Ok(list(&[])),
            Err(_) => Err(ApiError::NotFound),
        };
    };
    let ctx = org_access::resolve(&mut conn, auth.id(), org).await?;
    ctx.require(OrgAction::AccessEventLogs)?;
    Ok(list(
        &event_store::list_for_cipher(&mut conn, org, cipher, page).await?,
    ))
}

/// `GET /api/providers/{id}/events`: Provider Admins only.
async fn for_provider(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(provider_id): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::ViewEvents)?;
    let page = page(&q)?;
    Ok(list(
        &event_store::list_for_provider(&mut conn, ctx.provider.id, page).await?,
    ))
}

/// `GET /api/providers/{providerId}/users/{id}/events`: what one provider member did.
async fn for_provider_member(
    State(state): State<AppState>,
    auth: AuthUser,
    Path((provider_id, member)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<Value>> {
    let member: ProviderUserId = member.parse().map_err(|_| ApiError::NotFound)?;
    let mut conn = state.store.conn().await?;
    let ctx =
        provider_access::resolve(&mut conn, auth.id(), parse_provider_id(&provider_id)?).await?;
    ctx.require(ProviderAction::ViewEvents)?;
    let row = provider_users::find(&mut conn, ctx.provider.id, member)
        .await
        .map_err(|_| ApiError::NotFound)?;
    let user = row.user()?.ok_or(ApiError::NotFound)?;
    let page = page(&q)?;
    Ok(list(
        &event_store::list_for_provider_user(&mut conn, ctx.provider.id, user, page).await?,
    ))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectedEvent {
    #[serde(rename = "type")]
    event_type: i64,
    cipher_id: Option<String>,
    date: Option<String>,
    organization_id: Option<String>,
}

fn is_cipher_client_event(n: i64) -> bool {
    matches!(n, 1107..=1114 | 1117 | 1119..=1132)
}

/// Turns one uploaded event into a row, or `None` when it is not accepted: unknown types,
/// items or orgs the caller cannot reach, and orgs that keep no log are silently dropped.
async fn accept(
    conn: &mut bulwark_store::AnyConnection,
    auth: &AuthUser,
    origin: &RequestOrigin,
    e: &CollectedEvent,
) -> ApiResult<Option<EventRow>> {
    let Ok(kind) = EventType::try_from(e.event_type) else {
        return Ok(None);
    };
    if !kind.is_client_collectable() {
        return Ok(None);
    }
    let date = e
        .date
        .as_deref()
        .and_then(parse_rfc3339)
        .unwrap_or_else(now_micros);
    if kind == EventType::User_ClientExportedVault {
        return Ok(Some(EventRow {
            id: EventId::new().to_string(),
            event_type: kind.number(),
            user_id: Some(auth.id().to_string()),
            acting_user_id: Some(auth.id().to_string()),
            device_type: origin.device_type,
            ip_address: origin.ip.clone(),
            date,
            ..EventRow::default()
        }));
    }
    let (org, subject) = if is_cipher_client_event(kind.number()) {
        let Some(cipher) = e
            .cipher_id
            .as_deref()
            .and_then(|c| c.parse::<CipherId>().ok())
        else {
            return Ok(None);
        };
        let Some(org) = org_ciphers::org_of(conn, cipher).await? else {
            return Ok(None);
        };
        let claimed: Option<OrgId> = e.organization_id.as_deref().and_then(|o| o.parse().ok());
        if claimed.is_some_and(|c| c != org) {
            return Ok(None);
        }
        (
            org,
            Subject {
                cipher: Some(cipher),
                ..Subject::default()
            },
        )
    } else {
        let Some(org) = e
            .organization_id
            .as_deref()
            .and_then(|o| o.parse::<OrgId>().ok())
        else {
            return Ok(None);
        };
        (org, Subject::default())
    };
    let Ok(ctx) = org_access::resolve(conn, auth.id(), org).await else {
        return Ok(None);
    };
    if !ctx.access.can(OrgAction::UseVault) {
        return Ok(None);
    }
    Ok(
        org_event(&ctx.org, auth.id(), origin, kind, subject).map(|mut row| {
            row.date = date;
            row
        }),
    )
}

/// `POST /events/collect`: a bare array of `{type, cipherId?, date, organizationId?}`.
async fn collect(
    State(state): State<AppState>,
    auth: AuthUser,
    origin: RequestOrigin,
    AppJson(body): AppJson<Vec<CollectedEvent>>,
) -> ApiResult<()> {
    if body.is_empty() {
        return Err(ApiError::bad("No events were given."));
    }
    if body.len() > 1000 {
        return Err(ApiError::bad("Too many events at once."));
    }
    let mut rows = Vec::with_capacity(body.len());
    {
        let mut conn = state.store.conn().await?;
        for e in &body {
            rows.push(accept(&mut conn, &auth, &origin, e).await?);
        }
    }
    if rows.iter().any(Option::is_some) {
        let mut tx = state.store.begin().await?;
        events::record(&mut tx, rows).await?;
        tx.commit().await?;
    }
    Ok(())
}
