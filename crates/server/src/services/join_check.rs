//! Loads what the join rules (`bulwark_domain::join_rules`) need for one user and one target
//! membership, and applies them: accept, confirm and restore all go through here.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::join_rules::{check_create, check_join, JoinStep, OrgStanding};
use bulwark_domain::{OrgUserStatus, OrgUserType, UserId};
use bulwark_store::organizations::OrgRow;
use bulwark_store::user_orgs::{self, StandingRow};
use bulwark_store::{two_factor, AnyConnection};

fn standing(r: &StandingRow) -> Option<OrgStanding> {
    Some(OrgStanding {
        member_type: OrgUserType::try_from(r.member_type).ok()?,
        status: OrgUserStatus::try_from(r.status).ok()?,
        plan_type: r.plan_type,
        single_org: r.single_org != 0,
        requires_two_factor: r.requires_two_factor != 0,
    })
}

/// Checks that `user` may hold an active membership of type `member_type` in `org`.
///
/// # Errors
/// 400 with the rule's message; database failures.
pub async fn require_may_join(
    conn: &mut AnyConnection,
    step: JoinStep<'_>,
    org: &OrgRow,
    member_type: OrgUserType,
    user: UserId,
) -> ApiResult<()> {
    let (single_org, requires_two_factor) = user_orgs::joining_policies(conn, org.id).await?;
    let target = OrgStanding {
        member_type,
        status: OrgUserStatus::Invited,
        plan_type: org.plan_type,
        single_org,
        requires_two_factor,
    };
    let others: Vec<OrgStanding> = user_orgs::standings(conn, user)
        .await?
        .iter()
        .filter(|r| r.org_id != org.id)
        .filter_map(standing)
        .collect();
    let has_two_factor = two_factor::list(conn, user)
        .await?
        .iter()
        .any(|p| p.enabled != 0);
    check_join(step, &target, &others, has_two_factor).map_err(ApiError::bad)
}

/// The member type stored on a membership, for the check.
#[must_use]
pub fn member_type(stored: i64) -> OrgUserType {
    OrgUserType::try_from(stored).unwrap_or(OrgUserType::User)
}

/// Checks that `user` may create an org on `plan_type`.
///
/// # Errors
/// 400 with the rule's message; database failures.
pub async fn require_may_create(
    conn: &mut AnyConnection,
    user: UserId,
    plan_type: i64,
) -> ApiResult<()> {
    let mine: Vec<OrgStanding> = user_orgs::standings(conn, user)
        .await?
        .iter()
        .filter_map(standing)
        .collect();
    check_create(&mine, plan_type).map_err(ApiError::bad)
}
