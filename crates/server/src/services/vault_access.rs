//! "A provider member opened a client's vault": written by the server whenever provider staff
//! load a client org's collections with their access (the admin console's vault view), as
//! `ProviderOrganization_VaultAccessed` (1903) in the provider's log and
//! `Organization_VaultAccessed` (1603) in the org's.

use crate::error::ApiResult;
use crate::services::events::{self, org_event, provider_event, ProviderSubject, RequestOrigin};
use crate::services::org_access::OrgContext;
use bulwark_domain::authz::Via;
use bulwark_domain::event_type::EventType;
use bulwark_domain::UserId;
use bulwark_store::{provider_orgs, providers, AnyConnection};

/// Records both events when `ctx` comes through a provider; members' views record nothing.
///
/// # Errors
/// Database failures.
pub async fn record_if_provider(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    actor: UserId,
    origin: &RequestOrigin,
) -> ApiResult<()> {
    let Via::Provider(provider_id) = ctx.access.via else {
        return Ok(());
    };
    let Some(link) = provider_orgs::find_by_org(conn, ctx.org.id).await? else {
        return Ok(());
    };
    let provider = providers::find(conn, provider_id).await?;
    events::record(
        conn,
        [
            provider_event(
                &provider,
                actor,
                origin,
                EventType::ProviderOrganization_VaultAccessed,
                ProviderSubject {
                    provider_org: Some(link.id),
                    ..ProviderSubject::default()
                },
            ),
            org_event(
                &ctx.org,
                actor,
                origin,
                EventType::Organization_VaultAccessed,
                events::Subject::default(),
            ),
        ],
    )
    .await
}
