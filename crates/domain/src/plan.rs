//! Plans: the upstream `PlanType` and `ProductTierType` numbers, and a catalogue of the plans
//! Bulwark offers (Free and the current Teams and Enterprise generation) with the features and
//! seat settings an organization copies from its plan when it is created.

use crate::numbered::numbered_enum;

numbered_enum! {
    pub enum PlanType {
        Free = 0,
        FamiliesAnnually2019 = 1,
        TeamsMonthly2019 = 2,
        TeamsAnnually2019 = 3,
        EnterpriseMonthly2019 = 4,
        EnterpriseAnnually2019 = 5,
        Custom = 6,
        FamiliesAnnually2025 = 7,
        TeamsMonthly2020 = 8,
        TeamsAnnually2020 = 9,
        EnterpriseMonthly2020 = 10,
        EnterpriseAnnually2020 = 11,
        TeamsMonthly2023 = 12,
        TeamsAnnually2023 = 13,
        EnterpriseMonthly2023 = 14,
        EnterpriseAnnually2023 = 15,
        TeamsStarter2023 = 16,
        TeamsMonthly = 17,
        TeamsAnnually = 18,
        EnterpriseMonthly = 19,
        EnterpriseAnnually = 20,
        TeamsStarter = 21,
        FamiliesAnnually = 22,
    }
}

numbered_enum! {
    pub enum ProductTierType {
        Free = 0,
        Families = 1,
        Teams = 2,
        Enterprise = 3,
        TeamsStarter = 4,
    }
}

impl PlanType {
    /// The product tier clients derive features from (`productTierType` in the profile).
    /// `Custom` is reported as Enterprise, as a self-hosted "all features" org should be.
    #[must_use]
    pub fn product_tier(self) -> ProductTierType {
        use PlanType as P;
        match self {
            P::Free => ProductTierType::Free,
            P::FamiliesAnnually2019 | P::FamiliesAnnually2025 | P::FamiliesAnnually => {
                ProductTierType::Families
            }
            P::TeamsMonthly2019
            | P::TeamsAnnually2019
            | P::TeamsMonthly2020
            | P::TeamsAnnually2020
            | P::TeamsMonthly2023
            | P::TeamsAnnually2023
            | P::TeamsMonthly
            | P::TeamsAnnually => ProductTierType::Teams,
            P::TeamsStarter2023 | P::TeamsStarter => ProductTierType::TeamsStarter,
            P::Custom
            | P::EnterpriseMonthly2019
            | P::EnterpriseAnnually2019
            | P::EnterpriseMonthly2020
            | P::EnterpriseAnnually2020
            | P::EnterpriseMonthly2023
            | P::EnterpriseAnnually2023
            | P::EnterpriseMonthly
            | P::EnterpriseAnnually => ProductTierType::Enterprise,
        }
    }
}

/// The feature switches an organization copies from its plan (`Use*` on the org, `Has*` on the
/// plan). Bulwark stores them per org so an operator can change one org without a new plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // one flag per upstream switch
pub struct PlanFeatures {
    pub use_groups: bool,
    pub use_directory: bool,
    pub use_events: bool,
    pub use_totp: bool,
    pub use_2fa: bool,
    pub use_api: bool,
    pub use_scim: bool,
    pub users_get_premium: bool,
    pub use_policies: bool,
    pub use_sso: bool,
    pub use_organization_domains: bool,
    pub use_key_connector: bool,
    pub use_reset_password: bool,
    pub use_custom_permissions: bool,
    pub self_host: bool,
    pub use_my_items: bool,
    pub use_invite_links: bool,
    pub use_risk_insights: bool,
}

impl PlanFeatures {
    /// Free: nothing.
    pub const FREE: Self = Self {
        use_groups: false,
        use_directory: false,
        use_events: false,
        use_totp: false,
        use_2fa: false,
        use_api: false,
        use_scim: false,
        users_get_premium: false,
        use_policies: false,
        use_sso: false,
        use_organization_domains: false,
        use_key_connector: false,
        use_reset_password: false,
        use_custom_permissions: false,
        self_host: false,
        use_my_items: false,
        use_invite_links: false,
        use_risk_insights: false,
    };

    /// Teams: collaboration features, but no policies and no enterprise identity features.
    pub const TEAMS: Self = Self {
        use_groups: true,
        use_directory: true,
        use_events: true,
        use_totp: true,
        use_2fa: true,
        use_api: true,
        use_scim: true,
        users_get_premium: true,
        ..Self::FREE
    };

    /// Enterprise: everything.
    pub const ENTERPRISE: Self = Self {
        use_groups: true,
        use_directory: true,
        use_events: true,
        use_totp: true,
        use_2fa: true,
        use_api: true,
        use_scim: true,
        users_get_premium: true,
        use_policies: true,
        use_sso: true,
        use_organization_domains: true,
        use_key_connector: true,
        use_reset_password: true,
        use_custom_permissions: true,
        self_host: true,
        use_my_items: true,
        use_invite_links: true,
        use_risk_insights: true,
    };
}

/// One plan of the catalogue: features and seat settings (prices only for `GET /plans`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub plan_type: PlanType,
    pub name: &'static str,
    pub is_annual: bool,
    pub features: PlanFeatures,
    /// Seats included in the base price.
    pub base_seats: i64,
    /// The most seats an org on this plan may have; `None` = no cap.
    pub max_seats: Option<i64>,
    pub has_additional_seats_option: bool,
    /// `None` = unlimited.
    pub max_collections: Option<i64>,
    /// Attachment storage included; `None` = none (no attachments).
    pub base_storage_gb: Option<i64>,
    pub has_additional_storage_option: bool,
    pub trial_period_days: i64,
    /// USD per seat per billing period (0 for Free).
    pub seat_price: i64,
}

const fn paid(
    plan_type: PlanType,
    name: &'static str,
    is_annual: bool,
    features: PlanFeatures,
    seat_price: i64,
) -> Plan {
    Plan {
        plan_type,
        name,
        is_annual,
        features,
        base_seats: 0,
        max_seats: None,
        has_additional_seats_option: true,
        max_collections: None,
        base_storage_gb: Some(1),
        has_additional_storage_option: true,
        trial_period_days: 7,
        seat_price,
    }
}

/// The plans Bulwark offers, Free first.
pub const CATALOGUE: [Plan; 5] = [
    Plan {
        plan_type: PlanType::Free,
        name: "Free",
        is_annual: false,
        features: PlanFeatures::FREE,
        base_seats: 2,
        max_seats: Some(2),
        has_additional_seats_option: false,
        max_collections: Some(2),
        base_storage_gb: None,
        has_additional_storage_option: false,
        trial_period_days: 0,
        seat_price: 0,
    },
    paid(
        PlanType::TeamsMonthly,
        "Teams (Monthly)",
        false,
        PlanFeatures::TEAMS,
        5,
    ),
    paid(
        PlanType::TeamsAnnually,
        "Teams (Annually)",
        true,
        PlanFeatures::TEAMS,
        48,
    ),
    paid(
        PlanType::EnterpriseMonthly,
        "Enterprise (Monthly)",
        false,
        PlanFeatures::ENTERPRISE,
        7,
    ),
    paid(
        PlanType::EnterpriseAnnually,
        "Enterprise (Annually)",
        true,
        PlanFeatures::ENTERPRISE,
        72,
    ),
];

impl Plan {
    /// The catalogue entry for a plan type, if Bulwark offers it.
    #[must_use]
    pub fn find(plan_type: PlanType) -> Option<&'static Self> {
        CATALOGUE.iter().find(|p| p.plan_type == plan_type)
    }

    /// The seat count of a new org on this plan: base plus the additional seats asked for.
    ///
    /// # Errors
    /// The upstream message when the request does not fit the plan.
    pub fn initial_seats(&self, additional: i64) -> Result<i64, &'static str> {
        if additional < 0 {
            return Err("You can't subtract Password Manager seats!");
        }
        if additional > 0 && !self.has_additional_seats_option {
            return Err("Plan does not allow additional users.");
        }
        let seats = self.base_seats + additional;
        if seats == 0 {
            return Err("You do not have any Password Manager seats!");
        }
        Ok(seats)
    }

    /// `MaxStorageGb` of a new org (Free: 0, i.e. no attachments).
    #[must_use]
    pub fn max_storage_gb(&self) -> i64 {
        self.base_storage_gb.unwrap_or(0)
    }

    #[must_use]
    pub fn product_tier(&self) -> ProductTierType {
        self.plan_type.product_tier()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_generation_has_the_upstream_numbers() {
        assert_eq!(PlanType::TeamsMonthly.number(), 17);
        assert_eq!(PlanType::EnterpriseAnnually.number(), 20);
        assert_eq!(PlanType::FamiliesAnnually.number(), 22);
        assert_eq!(PlanType::try_from(23), Err(23));
        for (i, p) in PlanType::ALL.iter().enumerate() {
            assert_eq!(p.number(), i64::try_from(i).unwrap());
        }
    }

    #[test]
    fn product_tiers_follow_the_plan_family() {
        assert_eq!(PlanType::Free.product_tier(), ProductTierType::Free);
        assert_eq!(
            PlanType::TeamsAnnually2020.product_tier(),
            ProductTierType::Teams
        );
        assert_eq!(PlanType::EnterpriseMonthly.product_tier().number(), 3);
        assert_eq!(PlanType::Custom.product_tier(), ProductTierType::Enterprise);
        assert_eq!(PlanType::TeamsStarter.product_tier().number(), 4);
        assert_eq!(PlanType::FamiliesAnnually.product_tier().number(), 1);
    }

    #[test]
    fn the_catalogue_matches_the_plan_table() {
        let free = Plan::find(PlanType::Free).unwrap();
        assert_eq!(
            (free.base_seats, free.max_seats, free.max_collections),
            (2, Some(2), Some(2))
        );
        assert_eq!(free.features, PlanFeatures::FREE);
        assert_eq!(free.max_storage_gb(), 0);

        let teams = Plan::find(PlanType::TeamsAnnually).unwrap();
        assert!(teams.features.use_groups && teams.features.use_events && teams.features.use_api);
        assert!(!teams.features.use_policies && !teams.features.use_custom_permissions);
        assert_eq!(teams.max_collections, None);

        let ent = Plan::find(PlanType::EnterpriseMonthly).unwrap();
        assert!(ent.features.use_policies && ent.features.use_reset_password);
        assert_eq!(ent.product_tier(), ProductTierType::Enterprise);
        assert!(Plan::find(PlanType::TeamsMonthly2019).is_none());
    }

    #[test]
    fn initial_seats_follow_the_plan() {
        let free = Plan::find(PlanType::Free).unwrap();
        assert_eq!(free.initial_seats(0), Ok(2));
        assert_eq!(
            free.initial_seats(1),
            Err("Plan does not allow additional users.")
        );
        let teams = Plan::find(PlanType::TeamsMonthly).unwrap();
        assert_eq!(teams.initial_seats(5), Ok(5));
        assert_eq!(
            teams.initial_seats(0),
            Err("You do not have any Password Manager seats!")
        );
        assert_eq!(
            teams.initial_seats(-1),
            Err("You can't subtract Password Manager seats!")
        );
    }
}
