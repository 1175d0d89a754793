//! Who may act on whose membership (spec §2.7, §2.8, §2.10): only Owners (and provider users)
//! touch Owners; Admins manage everyone else; Custom members with `manageUsers` manage Users and
//! Custom members only, and grant only the permissions they hold.

use super::{OrgAccess, OrgAction, OrgRole};
use crate::ids::MembershipId;
use crate::member::{OrgUserType, Permissions};

/// An operation on an existing membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberOp {
    Remove,
    Revoke,
    Restore,
}

const NO_MANAGE_USERS: &str = "Your account does not have permission to manage users.";

fn is_admin_or_owner(t: OrgUserType) -> bool {
    matches!(t, OrgUserType::Owner | OrgUserType::Admin)
}

/// Whether the caller may give a member the role `new_type` with `new_permissions`, the member
/// currently having `old_type` (`None` for an invite).
///
/// # Errors
/// The upstream message for the first rule broken.
pub fn check_role_grant(
    actor: &OrgAccess,
    old_type: Option<OrgUserType>,
    new_type: OrgUserType,
    new_permissions: Permissions,
) -> Result<(), &'static str> {
    if !actor.can(OrgAction::ManageUsers) {
        return Err(NO_MANAGE_USERS);
    }
    if actor.is_owner() {
        return Ok(());
    }
    if old_type == Some(OrgUserType::Owner) || new_type == OrgUserType::Owner {
        return Err("Only an Owner can configure another Owner's account.");
    }
    if let OrgRole::Custom(mine) = actor.role {
        if old_type.is_some_and(is_admin_or_owner) || is_admin_or_owner(new_type) {
            return Err("Custom users can not manage Admins or Owners.");
        }
        if new_type == OrgUserType::Custom && !new_permissions.is_subset_of(mine) {
            return Err("Custom users can only grant the same custom permissions that they have.");
        }
    }
    Ok(())
}

/// Whether the caller may remove, revoke or restore the membership `target` of type
/// `target_type`.
///
/// # Errors
/// The upstream message for the first rule broken.
pub fn check_member_op(
    actor: &OrgAccess,
    op: MemberOp,
    target: MembershipId,
    target_type: OrgUserType,
) -> Result<(), &'static str> {
    if !actor.can(OrgAction::ManageUsers) {
        return Err(NO_MANAGE_USERS);
    }
    if actor.membership() == Some(target) {
        return Err(match op {
            MemberOp::Remove => "You cannot remove yourself.",
            MemberOp::Revoke => "You cannot revoke yourself.",
            MemberOp::Restore => "You cannot restore yourself.",
        });
    }
    if target_type == OrgUserType::Owner && !actor.is_owner() {
        return Err(match op {
            MemberOp::Remove => "Only owners can remove other owners.",
            MemberOp::Revoke => "Only owners can revoke other owners.",
            MemberOp::Restore => "Only owners can restore other owners.",
        });
    }
    if matches!(actor.role, OrgRole::Custom(_)) && target_type == OrgUserType::Admin {
        return Err(match op {
            MemberOp::Remove => "Custom users can not remove admins.",
            MemberOp::Revoke => "Custom users can not revoke admins.",
            MemberOp::Restore => "Custom users can not restore admins.",
        });
    }
    Ok(())
}
