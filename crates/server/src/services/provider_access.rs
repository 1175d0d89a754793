//! Resolves the caller's standing in a provider, from the database on every request (a removed
//! member loses access at their next request), into the `ProviderAccess` capability provider
//! services require. Anyone who is not a Confirmed member gets 404: the provider's existence
//! is not revealed.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::authz::{ProviderAccess, ProviderAction, ProviderUserStatus, ProviderUserType};
use bulwark_domain::{ProviderId, UserId};
use bulwark_store::providers::{self, ProviderRow};
use bulwark_store::{provider_users, AnyConnection, StoreError};

/// The provider and the caller's capability in it.
pub struct ProviderContext {
    pub provider: ProviderRow,
    pub access: ProviderAccess,
}

impl ProviderContext {
    /// # Errors
    /// 404 when the caller may not.
    pub fn require(&self, action: ProviderAction) -> ApiResult<()> {
        Ok(self.access.require(action)?)
    }
}

/// Parses a route's provider id; a malformed one is simply not found.
///
/// # Errors
/// 404 for anything but a UUID.
pub fn parse_provider_id(text: &str) -> ApiResult<ProviderId> {
    text.parse().map_err(|_| ApiError::NotFound)
}

/// The caller's access to `provider_id`.
///
/// # Errors
/// 404 unless the provider exists and the caller is a Confirmed member of it.
pub async fn resolve(
    conn: &mut AnyConnection,
    user: UserId,
    provider_id: ProviderId,
) -> ApiResult<ProviderContext> {
    let provider = match providers::find(conn, provider_id).await {
        Ok(p) => p,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let member = provider_users::find_by_user(conn, provider_id, user)
        .await?
        .ok_or(ApiError::NotFound)?;
    let access = ProviderAccess::for_member(
        provider_id,
        member.id,
        ProviderUserType::try_from(member.user_type)
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored provider user type")))?,
        ProviderUserStatus::try_from(member.status)
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored provider user status")))?,
    )
    .ok_or(ApiError::NotFound)?;
    Ok(ProviderContext { provider, access })
}

/// Checks that the caller may do `action` in the provider before a route looks at its body,
/// so someone outside the provider learns nothing, not even what a valid request looks like.
/// The route resolves again inside its transaction.
///
/// # Errors
/// 404 when the caller may not.
pub async fn authorize(
    state: &crate::state::AppState,
    user: UserId,
    provider_id: ProviderId,
    action: ProviderAction,
) -> ApiResult<()> {
    let mut conn = state.store.conn().await?;
    resolve(&mut conn, user, provider_id).await?.require(action)
}
