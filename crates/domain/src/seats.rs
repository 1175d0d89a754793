//! Seat arithmetic: which memberships occupy a seat, and whether new ones fit.

use crate::member::OrgUserStatus;

/// The self-hosted answer when invites would exceed the seats (no autoscaling here).
pub const SEAT_LIMIT_REACHED: &str = "Cannot autoscale on self-hosted instance.";

/// Invited, Accepted and Confirmed memberships hold a seat; Revoked ones do not, so revoking
/// frees a seat and restoring needs one.
#[must_use]
pub fn occupies_seat(status: OrgUserStatus) -> bool {
    matches!(
        status,
        OrgUserStatus::Invited | OrgUserStatus::Accepted | OrgUserStatus::Confirmed
    )
}

/// How many seats `statuses` occupy.
#[must_use]
pub fn occupied_seats(statuses: impl IntoIterator<Item = OrgUserStatus>) -> i64 {
    let n = statuses.into_iter().filter(|s| occupies_seat(*s)).count();
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Whether `adding` more seat-holding memberships fit an org with `seats` (`None` = unlimited)
/// of which `occupied` are taken.
///
/// # Errors
/// [`SEAT_LIMIT_REACHED`] when they do not.
pub fn check_seats(seats: Option<i64>, occupied: i64, adding: i64) -> Result<(), &'static str> {
    match seats {
        Some(limit) if occupied.saturating_add(adding) > limit => Err(SEAT_LIMIT_REACHED),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrgUserStatus::{Accepted, Confirmed, Invited, Revoked};

    #[test]
    fn revoked_members_do_not_hold_a_seat() {
        assert!(occupies_seat(Invited) && occupies_seat(Accepted) && occupies_seat(Confirmed));
        assert!(!occupies_seat(Revoked));
        assert_eq!(
            occupied_seats([Invited, Accepted, Confirmed, Revoked, Revoked]),
            3
        );
        assert_eq!(occupied_seats([]), 0);
    }

    #[test]
    fn invites_must_fit_the_seats_unless_unlimited() {
        assert_eq!(check_seats(Some(5), 3, 2), Ok(()));
        assert_eq!(check_seats(Some(5), 3, 3), Err(SEAT_LIMIT_REACHED));
        assert_eq!(check_seats(Some(2), 2, 0), Ok(()));
        assert_eq!(check_seats(None, 10_000, 20), Ok(()));
    }
}
