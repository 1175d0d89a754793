//! Per-collection decisions (spec §4.4). They depend on the caller's own grant on the
//! collection and on whether anyone manages it, so the service loads those facts first.

use super::{OrgAccess, OrgRole};
use crate::collection_access::CollectionAccess;

/// What the service knows about one collection when asking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectionFacts {
    /// The caller's effective grant (direct or through groups), if any.
    pub grant: Option<CollectionAccess>,
    /// No member and no group has `manage` on it.
    pub unmanaged: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CollectionAction {
    /// See it and its direct user list.
    Read,
    /// See it with its user and group access lists.
    ReadWithAccess,
    /// Rename it, change its external id and access, import into it.
    Update,
    ModifyUserAccess,
    ModifyGroupAccess,
    Delete,
}

impl CollectionAction {
    pub const ALL: [Self; 6] = [
        Self::Read,
        Self::ReadWithAccess,
        Self::Update,
        Self::ModifyUserAccess,
        Self::ModifyGroupAccess,
        Self::Delete,
    ];
}

impl OrgAccess {
    /// Whether the caller may perform `action` on the collection described by `c`. Default
    /// ("My Items") collections are refused by the services with their own message before this.
    #[must_use]
    pub fn can_on_collection(&self, action: CollectionAction, c: CollectionFacts) -> bool {
        use CollectionAction as A;
        let p = self.permissions();
        let provider = matches!(self.role, OrgRole::Provider(_));
        let owner_or_admin = matches!(self.role, OrgRole::Owner | OrgRole::Admin);
        let manages = c.grant.is_some_and(|g| g.manage);
        let admin_all = self.settings.allow_admin_access_to_all_collection_items;
        // Nobody manages it: Owners, Admins and editAny members may look after it.
        let adopts_unmanaged = c.unmanaged && (owner_or_admin || p.edit_any_collection);
        let read = provider
            || owner_or_admin
            || p.edit_any_collection
            || p.delete_any_collection
            || manages;
        let update = provider
            || p.edit_any_collection
            || (owner_or_admin && admin_all)
            || manages
            || adopts_unmanaged;
        match action {
            A::Read => read,
            A::ReadWithAccess => read || p.manage_users,
            A::Update => update,
            A::ModifyUserAccess => update || (p.manage_users && admin_all),
            A::ModifyGroupAccess => update || (p.manage_groups && admin_all),
            A::Delete => {
                provider
                    || p.delete_any_collection
                    || (owner_or_admin && admin_all)
                    || ((manages || adopts_unmanaged)
                        && (!self.settings.limit_collection_deletion || owner_or_admin))
            }
        }
    }
}
