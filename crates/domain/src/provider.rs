//! Providers: the upstream enums, which client plans each provider type may manage, and the
//! seat arithmetic of a provider's contract (seat minimum per plan, seats allocated to clients,
//! seats above the minimum).

use crate::numbered::numbered_enum;
use crate::plan::PlanType;

numbered_enum! {
    /// Upstream `ProviderType`.
    pub enum ProviderType {
        Msp = 0,
        Reseller = 1,
        BusinessUnit = 2,
    }
}

numbered_enum! {
    /// Upstream `ProviderStatusType`: Pending until the owner sets the provider up; Bulwark
    /// bills nobody, so a set-up provider is "Billable" only in the sense the clients expect.
    pub enum ProviderStatus {
        Pending = 0,
        Created = 1,
        Billable = 2,
    }
}

impl ProviderType {
    /// The operator's spelling (`--type msp|reseller|business-unit`).
    ///
    /// # Errors
    /// The accepted spellings when `text` is none of them.
    pub fn parse_cli(text: &str) -> Result<Self, &'static str> {
        match text.to_ascii_lowercase().as_str() {
            "msp" => Ok(Self::Msp),
            "reseller" => Ok(Self::Reseller),
            "business-unit" | "businessunit" | "bu" => Ok(Self::BusinessUnit),
            _ => Err("type must be msp, reseller or business-unit"),
        }
    }

    #[must_use]
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Msp => "Managed Service Provider",
            Self::Reseller => "Reseller",
            Self::BusinessUnit => "Business Unit",
        }
    }

    /// The plans whose seats the operator contracts (a seat minimum each) for this type.
    #[must_use]
    pub fn contract_plans(self) -> &'static [PlanType] {
        match self {
            Self::Msp => &[PlanType::TeamsMonthly, PlanType::EnterpriseMonthly],
            Self::BusinessUnit => &[PlanType::EnterpriseMonthly, PlanType::EnterpriseAnnually],
            Self::Reseller => &[
                PlanType::TeamsMonthly,
                PlanType::TeamsAnnually,
                PlanType::EnterpriseMonthly,
                PlanType::EnterpriseAnnually,
            ],
        }
    }

    /// Whether a client organization on `plan` may be managed by a provider of this type.
    ///
    /// # Errors
    /// Upstream's message naming the plan.
    pub fn check_client_plan(self, plan: PlanType) -> Result<(), String> {
        if self.contract_plans().contains(&plan) {
            return Ok(());
        }
        let name = crate::plan::Plan::find(plan)
            .map_or_else(|| format!("{plan:?}"), |p| p.name.to_owned());
        Err(match self {
            Self::Msp => format!(
                "Managed Service Providers cannot manage organizations with the plan type {name}. \
                 Only Teams (Monthly) and Enterprise (Monthly) are allowed."
            ),
            Self::BusinessUnit => format!(
                "Business Unit Providers cannot manage organizations with the plan type {name}. \
                 Only Enterprise (Monthly) and Enterprise (Annually) are allowed."
            ),
            Self::Reseller => format!(
                "Providers cannot manage organizations with the requested plan type ({name}). \
                 Only Teams and Enterprise accounts are allowed."
            ),
        })
    }
}

/// One plan line of a provider's contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatLine {
    pub seat_minimum: i64,
    /// Seats assigned to the clients on this plan.
    pub allocated: i64,
}

impl SeatLine {
    /// Seats billed above the contracted minimum.
    #[must_use]
    pub fn purchased(&self) -> i64 {
        (self.allocated - self.seat_minimum).max(0)
    }

    /// Seats billed in all: the minimum, or the allocation when it is larger.
    #[must_use]
    pub fn billed(&self) -> i64 {
        self.allocated.max(self.seat_minimum)
    }

    /// Whether moving a client from `old` to `new` assigned seats would bill seats beyond
    /// the minimum that are not billed today: what a Service User may not do.
    #[must_use]
    pub fn change_purchases(&self, old: i64, new: i64) -> bool {
        let after = SeatLine {
            allocated: self.allocated - old + new,
            ..*self
        };
        new > old && after.purchased() > self.purchased()
    }
}

/// Upstream's message when a change would leave no Confirmed Provider Admin.
pub const NEEDS_CONFIRMED_ADMIN: &str = "Provider must have at least one confirmed ProviderAdmin.";

/// Whether a provider keeps a Confirmed Provider Admin when `leaving` (removed, or demoted to
/// Service User) are taken from its `confirmed_admins`. Checked for a whole batch at once.
///
/// # Errors
/// [`NEEDS_CONFIRMED_ADMIN`] when none would remain.
pub fn check_keeps_confirmed_admin<T: PartialEq>(
    confirmed_admins: &[T],
    leaving: &[T],
) -> Result<(), &'static str> {
    if confirmed_admins.iter().any(|a| !leaving.contains(a)) {
        Ok(())
    } else {
        Err(NEEDS_CONFIRMED_ADMIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_provider_keeps_one_confirmed_admin() {
        assert!(check_keeps_confirmed_admin(&[1, 2], &[1]).is_ok());
        assert_eq!(
            check_keeps_confirmed_admin(&[1, 2], &[2, 1]),
            Err(NEEDS_CONFIRMED_ADMIN)
        );
        assert!(check_keeps_confirmed_admin(&[1], &[3]).is_ok());
        assert!(check_keeps_confirmed_admin::<i32>(&[], &[]).is_err());
    }

    #[test]
    fn each_type_manages_only_its_plans() {
        use PlanType as P;
        assert!(ProviderType::Msp.check_client_plan(P::TeamsMonthly).is_ok());
        assert!(ProviderType::Msp
            .check_client_plan(P::EnterpriseMonthly)
            .is_ok());
        let err = ProviderType::Msp
            .check_client_plan(P::EnterpriseAnnually)
            .unwrap_err();
        assert!(err.contains("Enterprise (Annually)"), "{err}");
        assert!(err.starts_with("Managed Service Providers"), "{err}");
        assert!(ProviderType::BusinessUnit
            .check_client_plan(P::TeamsMonthly)
            .is_err());
        assert!(ProviderType::BusinessUnit
            .check_client_plan(P::EnterpriseAnnually)
            .is_ok());
        for plan in [
            P::TeamsMonthly,
            P::TeamsAnnually,
            P::EnterpriseMonthly,
            P::EnterpriseAnnually,
        ] {
            assert!(ProviderType::Reseller.check_client_plan(plan).is_ok());
        }
        assert!(ProviderType::Reseller.check_client_plan(P::Free).is_err());
    }

    #[test]
    fn the_operator_spells_types_in_words() {
        assert_eq!(ProviderType::parse_cli("MSP"), Ok(ProviderType::Msp));
        assert_eq!(
            ProviderType::parse_cli("business-unit"),
            Ok(ProviderType::BusinessUnit)
        );
        assert!(ProviderType::parse_cli("bank").is_err());
    }

    #[test]
    fn seats_above_the_minimum_are_purchased() {
        let line = SeatLine {
            seat_minimum: 100,
            allocated: 90,
        };
        assert_eq!(line.purchased(), 0);
        assert_eq!(line.billed(), 100);
        // Within the minimum: no purchase.
        assert!(!line.change_purchases(10, 20));
        // Crossing it: a purchase.
        assert!(line.change_purchases(10, 21));
        // Lowering never purchases.
        assert!(!line.change_purchases(21, 10));
        let over = SeatLine {
            seat_minimum: 100,
            allocated: 120,
        };
        assert_eq!(over.purchased(), 20);
        assert!(over.change_purchases(5, 6));
        assert!(!over.change_purchases(6, 5));
    }
}
