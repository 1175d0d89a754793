//! Who may join an organization (accept an invitation, be confirmed, be restored) given the
//! policies of that org and of the user's other orgs (spec §2.5 rule 7-8, §2.6, §2.8, §6.4):
//! Single organization both ways, Two-step login required, and one free org per admin.

use crate::member::{OrgUserStatus, OrgUserType};
use crate::plan::PlanType;

/// One of the user's memberships, with what its org enforces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrgStanding {
    pub member_type: OrgUserType,
    pub status: OrgUserStatus,
    pub plan_type: i64,
    /// The org is enabled and uses policies, and has the policy switched on.
    pub single_org: bool,
    pub requires_two_factor: bool,
}

impl OrgStanding {
    /// Owners and Admins are exempt from their org's Single org and Two-step policies.
    fn exempt(&self) -> bool {
        matches!(self.member_type, OrgUserType::Owner | OrgUserType::Admin)
    }

    fn is_free_admin(&self) -> bool {
        self.plan_type == PlanType::Free.number() && self.exempt()
    }
}

/// What the user is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinStep<'a> {
    Accept,
    /// `email` names the member in the message the admin sees.
    Confirm {
        email: &'a str,
    },
    Restore {
        email: &'a str,
    },
}

/// Checks that the membership `target` may become active while the user holds `others`
/// (their memberships in other orgs, any status) and has (or not) two-step login.
///
/// # Errors
/// The upstream message for the first rule broken.
pub fn check_join(
    step: JoinStep<'_>,
    target: &OrgStanding,
    others: &[OrgStanding],
    user_has_two_factor: bool,
) -> Result<(), String> {
    let active =
        |o: &&OrgStanding| matches!(o.status, OrgUserStatus::Accepted | OrgUserStatus::Confirmed);
    if target.is_free_admin() && others.iter().filter(active).any(OrgStanding::is_free_admin) {
        return Err(match step {
            JoinStep::Accept => "You can only be an admin of 1 free organization vault.".into(),
            JoinStep::Confirm { .. } => {
                "User can only be an admin of 1 free organization vault.".into()
            }
            JoinStep::Restore { .. } => "User is an owner / admin of another free organization \
                vault. Please have them upgrade to a paid plan to restore their account."
                .into(),
        });
    }
    let in_other_orgs = others.iter().any(|o| {
        matches!(
            o.status,
            OrgUserStatus::Accepted | OrgUserStatus::Confirmed | OrgUserStatus::Revoked
        )
    });
    if target.single_org && !target.exempt() && in_other_orgs {
        return Err(match step {
            JoinStep::Accept => {
                "You cannot accept this invite until you leave all other organization vaults."
                    .into()
            }
            JoinStep::Confirm { email } => {
                format!(
                    "{email} cannot be confirmed until they leave all other organization vaults."
                )
            }
            JoinStep::Restore { email } => {
                format!(
                    "{email} cannot be restored until they leave all other organization vaults."
                )
            }
        });
    }
    if others
        .iter()
        .filter(active)
        .any(|o| o.single_org && !o.exempt())
    {
        return Err(match step {
            JoinStep::Accept => "You cannot accept this invite because you are a member of \
                another organization vault which forbids it."
                .into(),
            JoinStep::Confirm { email } => format!(
                "{email} cannot be confirmed because they are a member of another organization \
                 which forbids it."
            ),
            JoinStep::Restore { email } => format!(
                "{email} cannot be restored because they are a member of another organization \
                 which forbids it."
            ),
        });
    }
    if target.requires_two_factor && !target.exempt() && !user_has_two_factor {
        return Err(match step {
            JoinStep::Accept => "You cannot join this organization vault until you enable \
                two-step login on your user account."
                .into(),
            JoinStep::Confirm { .. } => "User does not have two-step login enabled.".into(),
            JoinStep::Restore { email } => {
                format!("{email} is not compliant with the two-step login policy.")
            }
        });
    }
    Ok(())
}

/// Whether a user holding `memberships` may create an org on `plan_type` (spec §1.3 rules
/// 2-3): no active non-admin membership of an org enforcing Single organization, and one free
/// org per admin.
///
/// # Errors
/// The upstream message.
pub fn check_create(memberships: &[OrgStanding], plan_type: i64) -> Result<(), &'static str> {
    let active =
        |o: &&OrgStanding| matches!(o.status, OrgUserStatus::Accepted | OrgUserStatus::Confirmed);
    if memberships
        .iter()
        .filter(active)
        .any(|o| o.single_org && !o.exempt())
    {
        return Err(
            "You cannot create a new organization vault because your current membership \
            doesn't allow you to join or create additional organization vaults.",
        );
    }
    let confirmed_free_admin = memberships
        .iter()
        .any(|o| o.status == OrgUserStatus::Confirmed && o.is_free_admin());
    if plan_type == PlanType::Free.number() && confirmed_free_admin {
        return Err("You can only be an admin of 1 free organization vault.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(member_type: OrgUserType, status: OrgUserStatus) -> OrgStanding {
        OrgStanding {
            member_type,
            status,
            plan_type: PlanType::TeamsAnnually.number(),
            single_org: false,
            requires_two_factor: false,
        }
    }

    const USER: OrgUserType = OrgUserType::User;
    const CONFIRMED: OrgUserStatus = OrgUserStatus::Confirmed;

    #[test]
    fn an_org_without_policies_admits_anyone() {
        let target = standing(USER, OrgUserStatus::Invited);
        let others = [
            standing(USER, CONFIRMED),
            standing(OrgUserType::Owner, CONFIRMED),
        ];
        assert_eq!(
            check_join(JoinStep::Accept, &target, &others, false),
            Ok(())
        );
    }

    #[test]
    fn single_org_blocks_both_ways_but_not_admins_of_the_target() {
        let mut target = standing(USER, OrgUserStatus::Invited);
        target.single_org = true;
        let elsewhere = [standing(USER, OrgUserStatus::Revoked)];
        let err = check_join(JoinStep::Accept, &target, &elsewhere, true).unwrap_err();
        assert!(err.contains("until you leave all other"), "{err}");
        let err = check_join(
            JoinStep::Confirm { email: "a@b.c" },
            &target,
            &elsewhere,
            true,
        )
        .unwrap_err();
        assert!(err.starts_with("a@b.c cannot be confirmed until"), "{err}");
        assert!(check_join(JoinStep::Accept, &target, &[], true).is_ok());
        target.member_type = OrgUserType::Admin;
        assert!(check_join(JoinStep::Accept, &target, &elsewhere, true).is_ok());

        // Another org of the user forbids it, unless they are its Owner/Admin or only invited.
        let plain = standing(USER, OrgUserStatus::Invited);
        let mut strict = standing(USER, CONFIRMED);
        strict.single_org = true;
        let err = check_join(JoinStep::Accept, &plain, &[strict], true).unwrap_err();
        assert!(err.contains("which forbids it"), "{err}");
        strict.member_type = OrgUserType::Owner;
        assert!(check_join(JoinStep::Accept, &plain, &[strict], true).is_ok());
        strict.member_type = USER;
        strict.status = OrgUserStatus::Invited;
        assert!(check_join(JoinStep::Accept, &plain, &[strict], true).is_ok());
    }

    #[test]
    fn two_step_login_is_required_of_non_admins() {
        let mut target = standing(USER, OrgUserStatus::Accepted);
        target.requires_two_factor = true;
        assert_eq!(
            check_join(JoinStep::Confirm { email: "x" }, &target, &[], false),
            Err("User does not have two-step login enabled.".into())
        );
        assert!(check_join(JoinStep::Confirm { email: "x" }, &target, &[], true).is_ok());
        let err = check_join(JoinStep::Restore { email: "x@y" }, &target, &[], false).unwrap_err();
        assert_eq!(err, "x@y is not compliant with the two-step login policy.");
        target.member_type = OrgUserType::Owner;
        assert!(check_join(JoinStep::Accept, &target, &[], false).is_ok());
    }

    #[test]
    fn creating_an_org_follows_the_same_policies() {
        let mut strict = standing(USER, CONFIRMED);
        strict.single_org = true;
        assert!(check_create(&[strict], PlanType::TeamsMonthly.number())
            .unwrap_err()
            .starts_with("You cannot create a new organization vault"));
        strict.member_type = OrgUserType::Admin;
        assert!(check_create(&[strict], PlanType::TeamsMonthly.number()).is_ok());
        let mut free = standing(OrgUserType::Owner, CONFIRMED);
        free.plan_type = PlanType::Free.number();
        assert!(check_create(&[free], PlanType::Free.number()).is_err());
        assert!(check_create(&[free], PlanType::TeamsMonthly.number()).is_ok());
    }

    #[test]
    fn one_free_org_per_admin() {
        let mut target = standing(OrgUserType::Owner, OrgUserStatus::Invited);
        target.plan_type = PlanType::Free.number();
        let mut other_free = standing(OrgUserType::Admin, CONFIRMED);
        other_free.plan_type = PlanType::Free.number();
        assert_eq!(
            check_join(JoinStep::Accept, &target, &[other_free], false),
            Err("You can only be an admin of 1 free organization vault.".into())
        );
        // As a plain user of the free org, or with the other one paid, it is fine.
        target.member_type = USER;
        assert!(check_join(JoinStep::Accept, &target, &[other_free], false).is_ok());
        target.member_type = OrgUserType::Owner;
        other_free.plan_type = PlanType::TeamsMonthly.number();
        assert!(check_join(JoinStep::Accept, &target, &[other_free], false).is_ok());
    }
}
