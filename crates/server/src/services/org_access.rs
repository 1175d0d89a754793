//! Resolves the caller's standing in an organization, from the database on every request (so a
//! removal or revocation takes effect at the next request), into the `OrgAccess` capability
//! that services require. Anything short of a confirmed membership (or a confirmed membership
//! of the org's provider) is answered 404, as upstream's legacy checks do: it does not reveal
//! whether the org exists.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::authz::{
    Denied, MemberFacts, OrgAccess, OrgAction, OrgSettings, ProviderUserStatus, ProviderUserType,
};
use bulwark_domain::provider::ProviderType;
use bulwark_domain::{OrgId, OrgUserStatus, OrgUserType, Permissions, UserId};
use bulwark_store::organizations::{self, OrgRow};
use bulwark_store::{members, provider_orgs, AnyConnection, StoreError};

/// The org and the caller's capability in it.
pub struct OrgContext {
    pub org: OrgRow,
    pub access: OrgAccess,
    /// The type of the provider that manages the org, if one does.
    pub managed_by: Option<ProviderType>,
}

impl OrgContext {
    /// # Errors
    /// 404 when the caller may not.
    pub fn require(&self, action: OrgAction) -> ApiResult<()> {
        Ok(self.access.require(action)?)
    }
}

impl From<Denied> for ApiError {
    fn from(_: Denied) -> Self {
        Self::NotFound
    }
}

/// Parses a route's org id; a malformed one is simply not found.
///
/// # Errors
/// 404 for anything but a UUID.
pub fn parse_org_id(text: &str) -> ApiResult<OrgId> {
    text.parse().map_err(|_| ApiError::NotFound)
}

#[must_use]
pub fn settings(org: &OrgRow) -> OrgSettings {
    OrgSettings {
        limit_collection_creation: org.settings.limit_collection_creation != 0,
        limit_collection_deletion: org.settings.limit_collection_deletion != 0,
        limit_item_deletion: org.settings.limit_item_deletion != 0,
        allow_admin_access_to_all_collection_items: org
            .settings
            .allow_admin_access_to_all_collection_items
            != 0,
        managed_by_provider: false,
    }
}

/// Parses stored custom permissions; unknown or missing flags are false.
#[must_use]
pub fn parse_permissions(json: Option<&str>) -> Permissions {
    json.and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// The caller's access to `org_id`: as a Confirmed member, or else as a Confirmed member of
/// the provider that manages the org. A Confirmed membership wins when the caller has both (it
/// is what their own vault and the member routes need); provider staff who are not members
/// come in as owners through the provider.
///
/// # Errors
/// 404 unless the org exists and the caller reaches it one of those ways.
pub async fn resolve(
    conn: &mut AnyConnection,
    user: UserId,
    org_id: OrgId,
) -> ApiResult<OrgContext> {
    let org = match organizations::find(conn, org_id).await {
        Ok(o) => o,
        Err(StoreError::NotFound) => return Err(ApiError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let link = provider_orgs::link_for(conn, org_id, user).await?;
    let managed_by = link.as_ref().map(|l| l.provider_type);
    let mut org_settings = settings(&org);
    org_settings.managed_by_provider = link.is_some();
    if let Some(access) = member_access(conn, user, org_id, org_settings).await? {
        return Ok(OrgContext {
            org,
            access,
            managed_by,
        });
    }
    let access = link
        .and_then(|l| {
            let (user_type, status) = l.member?;
            OrgAccess::for_provider_user(
                org_id,
                l.provider,
                ProviderUserType::try_from(user_type).ok()?,
                ProviderUserStatus::try_from(status).ok()?,
                org_settings,
            )
        })
        .ok_or(ApiError::NotFound)?;
    Ok(OrgContext {
        org,
        access,
        managed_by,
    })
}

/// The caller's access as a member: `None` unless Confirmed.
async fn member_access(
    conn: &mut AnyConnection,
    user: UserId,
    org_id: OrgId,
    org_settings: OrgSettings,
) -> ApiResult<Option<OrgAccess>> {
    let Some(member) = members::find_by_user(conn, org_id, user).await? else {
        return Ok(None);
    };
    let facts = MemberFacts {
        id: member.id,
        user_type: OrgUserType::try_from(member.member_type)
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored member type")))?,
        status: OrgUserStatus::try_from(member.status)
            .map_err(|_| ApiError::Internal(anyhow::anyhow!("stored member status")))?,
        permissions: parse_permissions(member.permissions.as_deref()),
    };
    Ok(OrgAccess::for_member(org_id, &facts, org_settings))
}

/// Checks that the caller has a membership in `org_id` linked to their account, in any status:
/// what the few routes open to not-yet-confirmed members require (e.g. reading the
/// master-password policy before enrolling).
///
/// # Errors
/// 404 otherwise.
pub async fn require_linked_member(
    conn: &mut AnyConnection,
    user: UserId,
    org_id: OrgId,
) -> ApiResult<()> {
    members::find_by_user(conn, org_id, user)
        .await?
        .map(|_| ())
        .ok_or(ApiError::NotFound)
}
