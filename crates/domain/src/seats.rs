//! Seat arithmetic: which memberships occupy a seat, and whether new ones fit.

use crate::member::OrgUserStatus;
use crate::provider::ProviderType;

/// The self-hosted answer when invites would exceed the seats (no autoscaling here).
pub const SEAT_LIMIT_REACHED: &str = "Cannot autoscale on self-hosted instance.";
/// The answer in a client org of an MSP or a business unit, whose people set its seats.
pub const PROVIDER_SEAT_LIMIT: &str =
    "Seat limit has been reached. Please contact your provider to add more seats.";
/// The answer in a client org of a reseller, who sells the seats.
pub const RESELLER_SEAT_LIMIT: &str =
    "Seat limit has been reached. Contact your provider to purchase additional seats.";

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
/// of which `occupied` are taken; `managed_by` is the type of the provider that manages the
/// org, if one does, since only that provider can add seats.
///
/// # Errors
/// The message for whoever can add seats, when they do not fit.
pub fn check_seats(
    seats: Option<i64>,
    occupied: i64,
    adding: i64,
    managed_by: Option<ProviderType>,
) -> Result<(), &'static str> {
    match seats {
        Some(limit) if occupied.saturating_add(adding) > limit => Err(match managed_by {
            None => SEAT_LIMIT_REACHED,
            Some(ProviderType::Reseller) => RESELLER_SEAT_LIMIT,
            Some(ProviderType::Msp | ProviderType::BusinessUnit) => PROVIDER_SEAT_LIMIT,
        }),
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
        assert_eq!(check_seats(Some(5), 3, 2, None), Ok(()));
        assert_eq!(check_seats(Some(5), 3, 3, None), Err(SEAT_LIMIT_REACHED));
        assert_eq!(check_seats(Some(2), 2, 0, None), Ok(()));
        assert_eq!(check_seats(None, 10_000, 20, None), Ok(()));
    }

    #[test]
    fn a_client_org_sends_its_members_to_the_provider_for_seats() {
        let full = |by| check_seats(Some(5), 5, 1, by);
        assert_eq!(full(Some(ProviderType::Msp)), Err(PROVIDER_SEAT_LIMIT));
        assert_eq!(
            full(Some(ProviderType::BusinessUnit)),
            Err(PROVIDER_SEAT_LIMIT)
        );
        assert_eq!(full(Some(ProviderType::Reseller)), Err(RESELLER_SEAT_LIMIT));
        assert_eq!(check_seats(Some(5), 4, 1, Some(ProviderType::Msp)), Ok(()));
    }
}
