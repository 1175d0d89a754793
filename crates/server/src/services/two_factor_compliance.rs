//! When a member turns off (or recovers away) their last two-step login method, every org that
//! requires two-step login revokes them (spec §6.4), except where they are Owner or Admin: the
//! policy's promise must hold after joining too, not only at the door.

use crate::error::ApiResult;
use crate::services::events::{self, org_event, RequestOrigin, Subject};
use bulwark_domain::event_type::EventType;
use bulwark_domain::member::RevocationReason;
use bulwark_domain::{OrgUserStatus, OrgUserType, UserId};
use bulwark_store::{members, organizations, two_factor, user_orgs, users, AnyConnection};

/// Revokes `user` where two-step login is required, once they have no enabled method left.
/// Returns how many memberships were revoked.
///
/// # Errors
/// Database failures.
pub async fn revoke_if_non_compliant(
    conn: &mut AnyConnection,
    user: UserId,
    origin: &RequestOrigin,
    now: i64,
) -> ApiResult<usize> {
    if two_factor::list(conn, user)
        .await?
        .iter()
        .any(|p| p.enabled != 0)
    {
        return Ok(0);
    }
    let mut revoked = 0;
    for s in user_orgs::standings(conn, user).await? {
        let active = s.status == OrgUserStatus::Accepted.number()
            || s.status == OrgUserStatus::Confirmed.number();
        let exempt = s.member_type == OrgUserType::Owner.number()
            || s.member_type == OrgUserType::Admin.number();
        if s.requires_two_factor == 0 || !active || exempt {
            continue;
        }
        members::set_status(
            conn,
            s.org_id,
            s.membership_id,
            OrgUserStatus::Revoked,
            Some(RevocationReason::TwoFactorPolicyNonCompliance.number()),
            now,
        )
        .await?;
        let org = organizations::find(conn, s.org_id).await?;
        events::record(
            conn,
            [org_event(
                &org,
                user,
                origin,
                EventType::OrganizationUser_Revoked_TwoFactorNonCompliance,
                Subject {
                    membership: Some(s.membership_id),
                    user: Some(user),
                    ..Subject::default()
                },
            )],
        )
        .await?;
        revoked += 1;
    }
    if revoked > 0 {
        users::bump_revision(conn, user, now).await?;
    }
    Ok(revoked)
}
