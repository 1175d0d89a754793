//! The one place that answers "may this caller do X in this organization?".
//!
//! A request resolves the caller's standing in an org once, from the database, into an
//! [`OrgAccess`]. Constructing one is the membership check: only Confirmed members and confirmed
//! users of the org's provider get one; Invited, Accepted and Revoked members get `None` and so
//! can reach nothing. Service functions then take the `OrgAccess` (and its `org` as the tenant
//! scope for every query) and ask it [`OrgAccess::can`] for org-wide actions or
//! [`OrgAccess::can_on_collection`] for one collection.

mod collection;
mod member_admin;
mod provider;

pub use collection::{CollectionAction, CollectionFacts};
pub use member_admin::{check_member_op, check_role_grant, MemberOp};
pub use provider::{ProviderAccess, ProviderAction};

use crate::ids::{MembershipId, OrgId, ProviderId};
use crate::member::{OrgUserStatus, OrgUserType, Permissions};
use crate::numbered::numbered_enum;

numbered_enum! {
    /// Upstream `ProviderUserType`.
    pub enum ProviderUserType {
        ProviderAdmin = 0,
        ServiceUser = 1,
    }
}

numbered_enum! {
    /// Upstream `ProviderUserStatusType` (providers have no Revoked state).
    pub enum ProviderUserStatus {
        Invited = 0,
        Accepted = 1,
        Confirmed = 2,
    }
}

/// The caller's role in the org, as authz sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgRole {
    Owner,
    Admin,
    /// A plain member; a stored legacy `Manager` gets no more than this.
    User,
    Custom(Permissions),
    /// A confirmed user of the provider that manages the org: owner-level administration, but
    /// never a member (no org vault of their own: they reach org items through the admin routes).
    Provider(ProviderUserType),
}

/// How the caller reaches the org.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Member(MembershipId),
    Provider(ProviderId),
}

/// The org settings some decisions depend on (collection management and provider linkage).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // the four upstream collection-management switches
pub struct OrgSettings {
    pub limit_collection_creation: bool,
    pub limit_collection_deletion: bool,
    pub limit_item_deletion: bool,
    pub allow_admin_access_to_all_collection_items: bool,
    /// The org is linked to a provider: subscription changes are then the provider's.
    pub managed_by_provider: bool,
}

/// Org-wide actions. Each maps to one predicate of the spec's "Who is who" and permission
/// tables; per-collection actions are [`CollectionAction`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrgAction {
    /// `GET /organizations/{id}` (the full organization object).
    ViewOrganization,
    /// Rename, billing e-mail, key back-fill.
    EditOrganization,
    /// Seats, plan and billing e-mail; only provider users for a provider-managed org.
    EditSubscription,
    /// The four collection-management switches.
    ManageCollectionSettings,
    DeleteOrganization,
    /// View or rotate the org API key.
    ManageApiKey,
    ManageUsers,
    ManageResetPassword,
    ManageGroups,
    ManagePolicies,
    ManageSso,
    ManageScim,
    AccessEventLogs,
    AccessImportExport,
    AccessReports,
    CreateCollection,
    /// List every shared collection (`GET /organizations/{id}/collections`).
    ReadAllCollections,
    /// Every shared collection with its access lists (`.../collections/details`).
    ReadAllCollectionsWithAccess,
    /// List the groups. Members who manage at least one collection may too; the service checks
    /// that case, which needs data.
    ListGroups,
    /// All org items for the admin console (`GET /ciphers/organization-details`).
    ListAllCiphers,
    /// One item through the admin view (`GET /ciphers/{id}/admin`).
    ReadAnyCipher,
    /// Enter the admin item routes (edit, delete, restore, collections-admin); the service still
    /// checks the item unless [`OrgAction::EditAllCiphers`] holds.
    AdminCipherRoutes,
    /// Edit every item regardless of collection permissions.
    EditAllCiphers,
    /// Delete every org item at once.
    PurgeVault,
    /// Member and billing summaries (`users/mini-details`, billing metadata).
    ViewMemberSummaries,
    /// Member routes on the org vault: create items, see assigned items, upload events.
    UseVault,
    /// Leave the organization.
    Leave,
}

impl OrgAction {
    pub const ALL: [Self; 27] = [
        Self::ViewOrganization,
        Self::EditOrganization,
        Self::EditSubscription,
        Self::ManageCollectionSettings,
        Self::DeleteOrganization,
        Self::ManageApiKey,
        Self::ManageUsers,
        Self::ManageResetPassword,
        Self::ManageGroups,
        Self::ManagePolicies,
        Self::ManageSso,
        Self::ManageScim,
        Self::AccessEventLogs,
        Self::AccessImportExport,
        Self::AccessReports,
        Self::CreateCollection,
        Self::ReadAllCollections,
        Self::ReadAllCollectionsWithAccess,
        Self::ListGroups,
        Self::ListAllCiphers,
        Self::ReadAnyCipher,
        Self::AdminCipherRoutes,
        Self::EditAllCiphers,
        Self::PurgeVault,
        Self::ViewMemberSummaries,
        Self::UseVault,
        Self::Leave,
    ];
}

/// A refusal. Routes answer it with 404 (legacy checks) or 403, never 401: clients log out on 401.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Denied;

/// The caller's standing in one org: the capability service functions require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgAccess {
    pub org: OrgId,
    pub role: OrgRole,
    pub via: Via,
    pub settings: OrgSettings,
}

/// The membership fields authz needs, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub id: MembershipId,
    pub user_type: OrgUserType,
    pub status: OrgUserStatus,
    pub permissions: Permissions,
}

impl OrgAccess {
    /// The access of a member. `None` unless the membership is Confirmed: invited, accepted and
    /// revoked members hold no rights at all, whatever their type.
    #[must_use]
    pub fn for_member(org: OrgId, m: &MemberFacts, settings: OrgSettings) -> Option<Self> {
        if m.status != OrgUserStatus::Confirmed {
            return None;
        }
        let role = match m.user_type {
            OrgUserType::Owner => OrgRole::Owner,
            OrgUserType::Admin => OrgRole::Admin,
            OrgUserType::User | OrgUserType::Manager => OrgRole::User,
            OrgUserType::Custom => OrgRole::Custom(m.permissions),
        };
        Some(Self {
            org,
            role,
            via: Via::Member(m.id),
            settings,
        })
    }

    /// The access of a provider user on a client org. The caller has established that the org
    /// is linked to `provider`; this checks the provider membership is Confirmed.
    #[must_use]
    pub fn for_provider_user(
        org: OrgId,
        provider: ProviderId,
        user_type: ProviderUserType,
        status: ProviderUserStatus,
        settings: OrgSettings,
    ) -> Option<Self> {
        (status == ProviderUserStatus::Confirmed).then_some(Self {
            org,
            role: OrgRole::Provider(user_type),
            via: Via::Provider(provider),
            settings,
        })
    }

    /// The caller's membership, unless they come through a provider.
    #[must_use]
    pub fn membership(&self) -> Option<MembershipId> {
        match self.via {
            Via::Member(id) => Some(id),
            Via::Provider(_) => None,
        }
    }

    /// Owner: member type 0 or a provider user.
    #[must_use]
    pub fn is_owner(&self) -> bool {
        matches!(self.role, OrgRole::Owner | OrgRole::Provider(_))
    }

    /// Admin: Owner or member type 1.
    #[must_use]
    pub fn is_admin(&self) -> bool {
        self.is_owner() || self.role == OrgRole::Admin
    }

    /// The custom permissions, all false for other roles.
    #[must_use]
    pub fn permissions(&self) -> Permissions {
        match self.role {
            OrgRole::Custom(p) => p,
            _ => Permissions::default(),
        }
    }

    fn is_member_owner_or_admin(&self) -> bool {
        matches!(self.role, OrgRole::Owner | OrgRole::Admin)
    }

    /// Admin or a Custom member holding the flag: the spec's `ManageX`/`AccessX` predicates.
    fn admin_or(&self, flag: impl Fn(Permissions) -> bool) -> bool {
        self.is_admin() || flag(self.permissions())
    }

    /// Whether the caller may perform `action` in the org.
    #[must_use]
    pub fn can(&self, action: OrgAction) -> bool {
        use OrgAction as A;
        let p = self.permissions();
        let provider = matches!(self.role, OrgRole::Provider(_));
        let member = !provider;
        match action {
            A::ViewOrganization
            | A::EditOrganization
            | A::ManageCollectionSettings
            | A::DeleteOrganization
            | A::ManageApiKey => self.is_owner(),
            A::EditSubscription => {
                if self.settings.managed_by_provider {
                    provider
                } else {
                    self.is_owner()
                }
            }
            A::ManageUsers => self.admin_or(|p| p.manage_users),
            A::ManageResetPassword => self.admin_or(|p| p.manage_reset_password),
            A::ManageGroups => self.admin_or(|p| p.manage_groups),
            A::ManagePolicies => self.admin_or(|p| p.manage_policies),
            A::ManageSso => self.admin_or(|p| p.manage_sso),
            A::ManageScim => self.admin_or(|p| p.manage_scim),
            A::AccessEventLogs => self.admin_or(|p| p.access_event_logs),
            A::AccessImportExport => self.admin_or(|p| p.access_import_export),
            A::AccessReports => self.admin_or(|p| p.access_reports),
            A::CreateCollection => {
                self.admin_or(|p| p.create_new_collections)
                    || !self.settings.limit_collection_creation
            }
            A::ReadAllCollections => self.admin_or(|p| {
                p.edit_any_collection
                    || p.delete_any_collection
                    || p.access_import_export
                    || p.manage_groups
            }),
            A::ReadAllCollectionsWithAccess => self.admin_or(|p| {
                p.edit_any_collection
                    || p.delete_any_collection
                    || p.manage_users
                    || p.manage_groups
            }),
            A::ListGroups => {
                self.can(A::CreateCollection)
                    || self.admin_or(|p| p.manage_users || p.manage_groups || p.access_reports)
            }
            A::ListAllCiphers => self
                .admin_or(|p| p.access_import_export || p.edit_any_collection || p.access_reports),
            // Provider staff manage their clients' items as owners do (the product documents
            // say so; upstream refuses provider users every item write). The admin routes
            // reach org items only, never a member's own vault.
            A::ReadAnyCipher => {
                provider
                    || self.is_member_owner_or_admin()
                    || p.edit_any_collection
                    || p.delete_any_collection
            }
            A::AdminCipherRoutes | A::PurgeVault => {
                provider || self.is_member_owner_or_admin() || p.edit_any_collection
            }
            // Providers hold no collection grants in client orgs, so "edit all" is their only
            // way to edit an assigned item: they get it whatever the admin-access switch says.
            A::EditAllCiphers => {
                provider
                    || p.edit_any_collection
                    || (self.is_member_owner_or_admin()
                        && self.settings.allow_admin_access_to_all_collection_items)
            }
            A::ViewMemberSummaries => true,
            A::UseVault | A::Leave => member,
        }
    }

    /// [`Self::can`] as a `Result`, for `?` in services.
    ///
    /// # Errors
    /// [`Denied`] when the caller may not.
    pub fn require(&self, action: OrgAction) -> Result<(), Denied> {
        if self.can(action) {
            Ok(())
        } else {
            Err(Denied)
        }
    }
}

#[cfg(test)]
mod tests;
