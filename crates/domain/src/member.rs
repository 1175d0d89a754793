//! Organization membership (upstream `OrganizationUser`): its role, its lifecycle status and the
//! custom permission flags, with the upstream numbers and JSON names.

use crate::numbered::numbered_enum;
use serde::{Deserialize, Serialize};

numbered_enum! {
    /// A member's role (upstream `OrganizationUserType`).
    pub enum OrgUserType {
        Owner = 0,
        Admin = 1,
        User = 2,
        /// Deleted upstream: requests naming it are refused (`The field Type is invalid.`), and
        /// authz gives a stored one no more than `User` rights.
        Manager = 3,
        Custom = 4,
    }
}

impl OrgUserType {
    /// Whether a request may assign this role (Manager no longer exists upstream).
    #[must_use]
    pub fn is_assignable(self) -> bool {
        self != Self::Manager
    }

    /// Owner or Admin: the roles that are exempt from most policies and manage everyone else.
    #[must_use]
    pub fn is_owner_or_admin(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }
}

numbered_enum! {
    /// Where a membership is in its lifecycle (upstream `OrganizationUserStatusType`).
    /// Only `Confirmed` members hold the org key and receive org data.
    pub enum OrgUserStatus {
        Revoked = -1,
        Invited = 0,
        Accepted = 1,
        Confirmed = 2,
    }
}

numbered_enum! {
    /// Why a membership was revoked (upstream `RevocationReason`).
    pub enum RevocationReason {
        Unknown = 0,
        Manual = 1,
        TwoFactorPolicyNonCompliance = 2,
        OrganizationDataOwnershipPolicyNonCompliance = 3,
        SingleOrgPolicyNonCompliance = 4,
    }
}

/// The status a revoked membership returns to on restore. Upstream remembers it implicitly in
/// the row: no user yet means the invite was never accepted, a user without a wrapped org key
/// was accepted but not confirmed, and a key means it was confirmed. Deriving it keeps one
/// source of truth instead of a separate "previous status" column that could disagree.
#[must_use]
pub fn restored_status(has_user: bool, has_key: bool) -> OrgUserStatus {
    match (has_user, has_key) {
        (false, _) => OrgUserStatus::Invited,
        (true, false) => OrgUserStatus::Accepted,
        (true, true) => OrgUserStatus::Confirmed,
    }
}

/// The custom-role permission flags (upstream `Permissions`), stored as JSON text on the
/// membership. Only meaningful for `Custom` members; unknown or missing flags are false.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[allow(clippy::struct_excessive_bools)] // the wire object is a flat set of flags
pub struct Permissions {
    pub access_event_logs: bool,
    pub access_import_export: bool,
    pub access_reports: bool,
    pub create_new_collections: bool,
    pub edit_any_collection: bool,
    pub delete_any_collection: bool,
    pub manage_groups: bool,
    pub manage_policies: bool,
    pub manage_sso: bool,
    pub manage_users: bool,
    pub manage_reset_password: bool,
    pub manage_scim: bool,
    pub manage_access_rules: bool,
}

impl Permissions {
    const fn flags(self) -> [bool; 13] {
        [
            self.access_event_logs,
            self.access_import_export,
            self.access_reports,
            self.create_new_collections,
            self.edit_any_collection,
            self.delete_any_collection,
            self.manage_groups,
            self.manage_policies,
            self.manage_sso,
            self.manage_users,
            self.manage_reset_password,
            self.manage_scim,
            self.manage_access_rules,
        ]
    }

    /// Whether every flag set here is also set in `other`: a Custom member may grant only
    /// permissions they hold themselves (`Custom users can only grant the same custom
    /// permissions that they have.`).
    #[must_use]
    pub fn is_subset_of(self, other: Self) -> bool {
        self.flags()
            .iter()
            .zip(other.flags())
            .all(|(mine, theirs)| !mine || theirs)
    }

    /// Whether no flag is set.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.flags().iter().all(|f| !f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_numbers_are_the_upstream_ones() {
        assert_eq!(OrgUserType::try_from(4), Ok(OrgUserType::Custom));
        assert_eq!(OrgUserType::try_from(5), Err(5));
        assert_eq!(OrgUserStatus::try_from(-1), Ok(OrgUserStatus::Revoked));
        assert_eq!(OrgUserStatus::Confirmed.number(), 2);
        assert_eq!(
            OrgUserStatus::try_from(3),
            Err(3),
            "Staged is never produced"
        );
        assert!(!OrgUserType::Manager.is_assignable());
        assert!(OrgUserType::Custom.is_assignable());
    }

    #[test]
    fn restore_returns_to_the_status_the_row_implies() {
        assert_eq!(restored_status(false, false), OrgUserStatus::Invited);
        assert_eq!(restored_status(true, false), OrgUserStatus::Accepted);
        assert_eq!(restored_status(true, true), OrgUserStatus::Confirmed);
    }

    #[test]
    fn permissions_use_the_upstream_json_names_and_default_to_false() {
        let p: Permissions =
            serde_json::from_str(r#"{"manageUsers":true,"accessEventLogs":true,"bogus":true}"#)
                .unwrap();
        assert!(p.manage_users && p.access_event_logs && !p.manage_groups);
        let json = serde_json::to_value(Permissions::default()).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 13);
        assert_eq!(json["editAnyCollection"], false);
        assert!(Permissions::default().is_empty());
    }

    #[test]
    fn a_custom_member_grants_only_what_they_hold() {
        let holder = Permissions {
            manage_users: true,
            access_reports: true,
            ..Permissions::default()
        };
        let ok = Permissions {
            manage_users: true,
            ..Permissions::default()
        };
        let too_much = Permissions {
            manage_groups: true,
            ..Permissions::default()
        };
        assert!(ok.is_subset_of(holder));
        assert!(Permissions::default().is_subset_of(holder));
        assert!(!too_much.is_subset_of(holder));
    }
}
