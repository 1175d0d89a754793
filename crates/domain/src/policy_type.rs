//! Organization policy types with the upstream numbers (`PolicyType`).

use crate::numbered::numbered_enum;

numbered_enum! {
    pub enum PolicyType {
        TwoFactorAuthentication = 0,
        MasterPassword = 1,
        PasswordGenerator = 2,
        SingleOrg = 3,
        RequireSso = 4,
        /// Client name `PersonalOwnership`.
        OrganizationDataOwnership = 5,
        DisableSend = 6,
        SendOptions = 7,
        ResetPassword = 8,
        MaximumVaultTimeout = 9,
        DisablePersonalVaultExport = 10,
        ActivateAutofill = 11,
        AutomaticAppLogIn = 12,
        FreeFamiliesSponsorshipPolicy = 13,
        RemoveUnlockWithPin = 14,
        RestrictedItemTypesPolicy = 15,
        UriMatchDefaults = 16,
        AutotypeDefaultSetting = 17,
        AutomaticUserConfirmation = 18,
        BlockClaimedDomainAccountCreation = 19,
        OrganizationUserNotification = 20,
        SendControls = 21,
        FillAssist = 22,
    }
}

impl PolicyType {
    /// Whether enabling this policy needs the Single organization policy on first (and
    /// disabling Single organization is refused while it is on).
    #[must_use]
    pub fn requires_single_org(self) -> bool {
        matches!(
            self,
            Self::RequireSso
                | Self::ResetPassword
                | Self::MaximumVaultTimeout
                | Self::UriMatchDefaults
                | Self::AutomaticUserConfirmation
                | Self::OrganizationUserNotification
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_numbers_are_dense_from_0_to_22() {
        for (i, p) in PolicyType::ALL.iter().enumerate() {
            assert_eq!(p.number(), i64::try_from(i).unwrap());
        }
        assert_eq!(PolicyType::try_from(23), Err(23));
        assert!(PolicyType::ResetPassword.requires_single_org());
        assert!(!PolicyType::TwoFactorAuthentication.requires_single_org());
    }
}
