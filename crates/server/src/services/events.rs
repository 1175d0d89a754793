//! The organization event log: what services record, and who/where from. Org events are
//! written only when the org is enabled and its plan has `useEvents`, as upstream does; they go
//! into the same transaction as the change they describe, so a rolled-back change leaves no
//! event behind.

use crate::error::ApiResult;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use bulwark_domain::event_type::EventType;
use bulwark_domain::time::now_micros;
use bulwark_domain::{
    CipherId, CollectionId, EventId, GroupId, MembershipId, OrgId, PolicyId, ProviderOrgId,
    ProviderUserId, UserId,
};
use bulwark_store::events::{self, EventRow};
use bulwark_store::organizations::OrgRow;
use bulwark_store::providers::ProviderRow;
use bulwark_store::{provider_orgs, AnyConnection};
use std::collections::HashMap;
use std::net::SocketAddr;

/// Where a request came from: the `Device-Type` header the clients send and the peer address.
#[derive(Clone, Debug, Default)]
pub struct RequestOrigin {
    pub device_type: Option<i64>,
    pub ip: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for RequestOrigin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let device_type = parts
            .headers
            .get("device-type")
            .and_then(|v| v.to_str().ok())
            .and_then(|s| s.trim().parse().ok());
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        Ok(Self { device_type, ip })
    }
}

/// What an org event is about (all optional; set what applies).
#[derive(Clone, Copy, Debug, Default)]
pub struct Subject {
    pub cipher: Option<CipherId>,
    pub collection: Option<CollectionId>,
    pub group: Option<GroupId>,
    pub policy: Option<PolicyId>,
    pub membership: Option<MembershipId>,
    /// The member's account, for membership events.
    pub user: Option<UserId>,
}

/// Builds one org event, or `None` when the org does not log events.
#[must_use]
pub fn org_event(
    org: &OrgRow,
    acting: UserId,
    origin: &RequestOrigin,
    event: EventType,
    subject: Subject,
) -> Option<EventRow> {
    if org.enabled == 0 || org.features.use_events == 0 {
        return None;
    }
    Some(EventRow {
        id: EventId::new().to_string(),
        event_type: event.number(),
        user_id: subject.user.map(|u| u.to_string()),
        org_id: Some(org.id.to_string()),
        provider_id: None,
        cipher_id: subject.cipher.map(|c| c.to_string()),
        collection_id: subject.collection.map(|c| c.to_string()),
        group_id: subject.group.map(|g| g.to_string()),
        policy_id: subject.policy.map(|p| p.to_string()),
        membership_id: subject.membership.map(|m| m.to_string()),
        acting_user_id: Some(acting.to_string()),
        system_user: None,
        device_type: origin.device_type,
        ip_address: origin.ip.clone(),
        date: now_micros(),
        ..EventRow::default()
    })
}

/// What a provider event is about.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProviderSubject {
    pub provider_user: Option<ProviderUserId>,
    pub provider_org: Option<ProviderOrgId>,
}

/// Builds one provider event, or `None` when the provider does not log events (disabled, or
/// events switched off), as upstream does.
#[must_use]
pub fn provider_event(
    provider: &ProviderRow,
    acting: UserId,
    origin: &RequestOrigin,
    event: EventType,
    subject: ProviderSubject,
) -> Option<EventRow> {
    if provider.enabled == 0 || provider.use_events == 0 {
        return None;
    }
    Some(EventRow {
        id: EventId::new().to_string(),
        event_type: event.number(),
        provider_id: Some(provider.id.to_string()),
        provider_user_id: subject.provider_user.map(|u| u.to_string()),
        provider_org_id: subject.provider_org.map(|l| l.to_string()),
        acting_user_id: Some(acting.to_string()),
        device_type: origin.device_type,
        ip_address: origin.ip.clone(),
        date: now_micros(),
        ..EventRow::default()
    })
}

/// Records `events` (the `None`s of orgs without event logging are skipped).
///
/// # Errors
/// Database failures.
pub async fn record(
    conn: &mut AnyConnection,
    events: impl IntoIterator<Item = Option<EventRow>>,
) -> ApiResult<()> {
    let mut rows: Vec<EventRow> = events.into_iter().flatten().collect();
    if !rows.is_empty() {
        stamp_acting_provider(conn, &mut rows).await?;
        events::insert_many(conn, &rows).await?;
    }
    Ok(())
}

/// Sets `provider_id` on org events whose actor is provider staff rather than a member, so the
/// provider's log shows what its people did in client orgs. One lookup per distinct
/// (org, actor) pair, usually one per request.
async fn stamp_acting_provider(conn: &mut AnyConnection, rows: &mut [EventRow]) -> ApiResult<()> {
    let mut seen: HashMap<(String, String), Option<String>> = HashMap::new();
    for row in rows.iter_mut().filter(|r| r.provider_id.is_none()) {
        let (Some(org), Some(actor)) = (&row.org_id, &row.acting_user_id) else {
            continue;
        };
        let key = (org.clone(), actor.clone());
        if !seen.contains_key(&key) {
            let provider = match (org.parse::<OrgId>(), actor.parse::<UserId>()) {
                (Ok(o), Ok(u)) => provider_orgs::acting_provider(conn, o, u)
                    .await?
                    .map(|p| p.to_string()),
                _ => None,
            };
            seen.insert(key.clone(), provider);
        }
        row.provider_id.clone_from(&seen[&key]);
    }
    Ok(())
}
