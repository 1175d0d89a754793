//! Rules about the member list as a whole: an org keeps a confirmed owner, and invites come in
//! batches of at most 20 addresses.

use crate::ids::MembershipId;
use crate::member::{OrgUserStatus, OrgUserType};

/// The upstream text when a change would leave no confirmed owner.
pub const NEEDS_CONFIRMED_OWNER: &str = "Organization must have at least one confirmed owner.";

/// Most addresses one invite request may carry.
pub const INVITE_BATCH_LIMIT: usize = 20;

/// The upstream text for a bigger batch.
pub const INVITE_BATCH_TOO_LARGE: &str = "You can only submit up to 20 emails at a time.";

/// The part of a membership the owner rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberRole {
    pub id: MembershipId,
    pub user_type: OrgUserType,
    pub status: OrgUserStatus,
}

/// A proposed change to some memberships.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberChange<'a> {
    /// Remove (or leave): the memberships disappear.
    Remove(&'a [MembershipId]),
    /// Revoke: the memberships stay but stop counting.
    Revoke(&'a [MembershipId]),
    /// Change one member's role (a demotion when the new type is not Owner).
    SetType(MembershipId, OrgUserType),
}

fn is_confirmed_owner(m: &MemberRole) -> bool {
    m.user_type == OrgUserType::Owner && m.status == OrgUserStatus::Confirmed
}

/// Whether the org still has a confirmed owner after `change`. An org managed by a provider
/// with at least one confirmed provider user counts as having one (`has_provider_owner`).
///
/// Checked only when the change touches an owner, so an org that already lacks one (a
/// provider-created org before its first owner accepts) can still be managed.
///
/// # Errors
/// [`NEEDS_CONFIRMED_OWNER`] when the change would remove the last confirmed owner.
pub fn check_keeps_confirmed_owner(
    members: &[MemberRole],
    change: MemberChange<'_>,
    has_provider_owner: bool,
) -> Result<(), &'static str> {
    if has_provider_owner {
        return Ok(());
    }
    let touched = |m: &MemberRole| match change {
        MemberChange::Remove(ids) | MemberChange::Revoke(ids) => ids.contains(&m.id),
        MemberChange::SetType(id, new_type) => m.id == id && new_type != OrgUserType::Owner,
    };
    if !members.iter().any(|m| is_confirmed_owner(m) && touched(m)) {
        return Ok(());
    }
    if members.iter().any(|m| is_confirmed_owner(m) && !touched(m)) {
        Ok(())
    } else {
        Err(NEEDS_CONFIRMED_OWNER)
    }
}

/// An invite needs at least one and at most [`INVITE_BATCH_LIMIT`] addresses.
///
/// # Errors
/// The upstream model error text.
pub fn check_invite_batch(count: usize) -> Result<(), &'static str> {
    match count {
        0 => Err("An email is required."),
        n if n > INVITE_BATCH_LIMIT => Err(INVITE_BATCH_TOO_LARGE),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrgUserStatus::{Accepted, Confirmed, Invited, Revoked};
    use OrgUserType::{Admin, Owner, User};

    fn m(user_type: OrgUserType, status: OrgUserStatus) -> MemberRole {
        MemberRole {
            id: MembershipId::new(),
            user_type,
            status,
        }
    }

    #[test]
    fn the_last_confirmed_owner_cannot_go() {
        let owner = m(Owner, Confirmed);
        let other = m(User, Confirmed);
        // Unconfirmed or revoked owners do not count as the remaining owner.
        let members = [
            owner,
            other,
            m(Owner, Invited),
            m(Owner, Accepted),
            m(Owner, Revoked),
        ];
        for change in [
            MemberChange::Remove(&[owner.id]),
            MemberChange::Revoke(&[owner.id]),
            MemberChange::SetType(owner.id, Admin),
            MemberChange::Remove(&[owner.id, other.id]),
        ] {
            assert_eq!(
                check_keeps_confirmed_owner(&members, change, false),
                Err(NEEDS_CONFIRMED_OWNER),
                "{change:?}"
            );
            assert_eq!(check_keeps_confirmed_owner(&members, change, true), Ok(()));
        }
        assert_eq!(
            check_keeps_confirmed_owner(&members, MemberChange::SetType(owner.id, Owner), false),
            Ok(())
        );
        assert_eq!(
            check_keeps_confirmed_owner(&members, MemberChange::Remove(&[other.id]), false),
            Ok(())
        );
    }

    #[test]
    fn another_confirmed_owner_allows_the_change() {
        let a = m(Owner, Confirmed);
        let b = m(Owner, Confirmed);
        let members = [a, b];
        assert_eq!(
            check_keeps_confirmed_owner(&members, MemberChange::Revoke(&[a.id]), false),
            Ok(())
        );
        assert_eq!(
            check_keeps_confirmed_owner(&members, MemberChange::Remove(&[a.id, b.id]), false),
            Err(NEEDS_CONFIRMED_OWNER)
        );
    }

    #[test]
    fn changes_that_do_not_touch_an_owner_pass_even_without_one() {
        let members = [m(Owner, Invited), m(User, Confirmed)];
        assert_eq!(
            check_keeps_confirmed_owner(&members, MemberChange::Remove(&[members[1].id]), false),
            Ok(())
        );
    }

    #[test]
    fn invites_come_in_batches_of_at_most_twenty() {
        assert_eq!(check_invite_batch(0), Err("An email is required."));
        assert_eq!(check_invite_batch(1), Ok(()));
        assert_eq!(check_invite_batch(20), Ok(()));
        assert_eq!(check_invite_batch(21), Err(INVITE_BATCH_TOO_LARGE));
    }
}
