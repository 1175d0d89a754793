//! What a provider member may do in the provider itself (the Provider Portal). Their standing
//! in the provider's client organizations is an [`super::OrgAccess`] with
//! [`super::OrgRole::Provider`]; this is the other half.
//!
//! A [`ProviderAccess`] exists only for a Confirmed provider member: constructing one is the
//! membership check, as for organizations. Both roles administer every client; only Provider
//! Admins manage the provider, its people, its links and its statements.

use super::{Denied, ProviderUserStatus, ProviderUserType};
use crate::ids::{ProviderId, ProviderUserId};

/// Provider-wide actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProviderAction {
    /// Read the provider (`GET /providers/{id}`).
    View,
    /// Rename, billing e-mail, setup, delete.
    Edit,
    /// Invite, confirm, change, remove provider members; read their list and events.
    ManageUsers,
    /// The clients list, the addable orgs, the seat summary.
    ListClients,
    /// Create a new client organization.
    CreateClient,
    /// Rename a client and change its seats (Service Users only within the seat minimum).
    UpdateClient,
    /// Attach an existing organization (the caller must also be its confirmed owner).
    AddExistingClient,
    /// Unlink a client.
    RemoveClient,
    /// The provider event log.
    ViewEvents,
    /// Monthly statements.
    ViewInvoices,
}

impl ProviderAction {
    pub const ALL: [Self; 10] = [
        Self::View,
        Self::Edit,
        Self::ManageUsers,
        Self::ListClients,
        Self::CreateClient,
        Self::UpdateClient,
        Self::AddExistingClient,
        Self::RemoveClient,
        Self::ViewEvents,
        Self::ViewInvoices,
    ];
}

/// The caller's standing in one provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderAccess {
    pub provider: ProviderId,
    pub membership: ProviderUserId,
    pub role: ProviderUserType,
}

impl ProviderAccess {
    /// `None` unless the membership is Confirmed.
    #[must_use]
    pub fn for_member(
        provider: ProviderId,
        membership: ProviderUserId,
        role: ProviderUserType,
        status: ProviderUserStatus,
    ) -> Option<Self> {
        (status == ProviderUserStatus::Confirmed).then_some(Self {
            provider,
            membership,
            role,
        })
    }

    #[must_use]
    pub fn is_admin(&self) -> bool {
        self.role == ProviderUserType::ProviderAdmin
    }

    #[must_use]
    pub fn can(&self, action: ProviderAction) -> bool {
        use ProviderAction as A;
        match action {
            // Service Users administer clients, new ones included (within the seats the
            // provider already pays for, which the route checks); the provider itself and its
            // people are the admins'.
            A::View | A::ListClients | A::UpdateClient | A::CreateClient => true,
            A::Edit
            | A::ManageUsers
            | A::AddExistingClient
            | A::RemoveClient
            | A::ViewEvents
            | A::ViewInvoices => self.is_admin(),
        }
    }

    /// # Errors
    /// [`Denied`] when the caller may not.
    pub fn require(&self, action: ProviderAction) -> Result<(), Denied> {
        if self.can(action) {
            Ok(())
        } else {
            Err(Denied)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(role: ProviderUserType, status: ProviderUserStatus) -> Option<ProviderAccess> {
        ProviderAccess::for_member(ProviderId::new(), ProviderUserId::new(), role, status)
    }

    #[test]
    fn only_confirmed_members_hold_access() {
        for role in [
            ProviderUserType::ProviderAdmin,
            ProviderUserType::ServiceUser,
        ] {
            assert!(access(role, ProviderUserStatus::Invited).is_none());
            assert!(access(role, ProviderUserStatus::Accepted).is_none());
            assert!(access(role, ProviderUserStatus::Confirmed).is_some());
        }
    }

    #[test]
    fn service_users_administer_clients_but_not_the_provider() {
        let admin = access(
            ProviderUserType::ProviderAdmin,
            ProviderUserStatus::Confirmed,
        )
        .unwrap();
        let service = access(ProviderUserType::ServiceUser, ProviderUserStatus::Confirmed).unwrap();
        for action in ProviderAction::ALL {
            assert!(admin.can(action), "{action:?}");
        }
        let allowed: Vec<_> = ProviderAction::ALL
            .into_iter()
            .filter(|a| service.can(*a))
            .collect();
        assert_eq!(
            allowed,
            vec![
                ProviderAction::View,
                ProviderAction::ListClients,
                ProviderAction::CreateClient,
                ProviderAction::UpdateClient
            ]
        );
        assert_eq!(service.require(ProviderAction::ManageUsers), Err(Denied));
    }
}
