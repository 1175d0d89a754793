//! Applications to become a provider: their status and the rules a submission must meet.
//! The operator decides them; an approval creates the provider with the applicant as owner.

use crate::numbered::numbered_enum;
use crate::provider::ProviderType;

numbered_enum! {
    /// Stored in `provider_applications.status`.
    pub enum ApplicationStatus {
        Pending = 0,
        Approved = 1,
        Rejected = 2,
    }
}

/// Same bound as a provider's business name (spec §1.1, nvarchar(50)).
pub const MAX_BUSINESS_NAME: usize = 50;
/// Same bound as a provider's billing e-mail (nvarchar(256)).
pub const MAX_BILLING_EMAIL: usize = 256;
/// A sanity bound: no provider manages more client organizations than this.
pub const MAX_EXPECTED_CLIENTS: i64 = 1_000_000;

/// A submission before its e-mail shape is checked (that check is the server's, shared with
/// registration).
#[derive(Clone, Debug)]
pub struct ApplicationInput<'a> {
    pub business_name: &'a str,
    pub billing_email: &'a str,
    pub provider_type: i64,
    pub expected_clients: i64,
}

/// A refused field: the JSON key and the message for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

fn refuse(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

impl ApplicationInput<'_> {
    /// The provider type a valid submission asks for.
    ///
    /// # Errors
    /// The first field that breaks a rule (lengths counted in characters, as upstream's
    /// string-length attributes do).
    pub fn validate(&self) -> Result<ProviderType, FieldError> {
        let name = self.business_name.trim();
        if name.is_empty() {
            return Err(refuse(
                "BusinessName",
                "The BusinessName field is required.",
            ));
        }
        if name.chars().count() > MAX_BUSINESS_NAME {
            return Err(refuse(
                "BusinessName",
                format!("The field BusinessName must be a string with a maximum length of {MAX_BUSINESS_NAME}."),
            ));
        }
        if self.billing_email.trim().chars().count() > MAX_BILLING_EMAIL {
            return Err(refuse(
                "BillingEmail",
                format!("The field BillingEmail must be a string with a maximum length of {MAX_BILLING_EMAIL}."),
            ));
        }
        let provider_type = ProviderType::try_from(self.provider_type)
            .map_err(|n| refuse("Type", format!("{n} is not a provider type (0, 1 or 2).")))?;
        if !(0..=MAX_EXPECTED_CLIENTS).contains(&self.expected_clients) {
            return Err(refuse(
                "ExpectedClients",
                format!("The field ExpectedClients must be between 0 and {MAX_EXPECTED_CLIENTS}."),
            ));
        }
        Ok(provider_type)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ApplicationInput<'static> {
        ApplicationInput {
            business_name: "Acme IT",
            billing_email: "billing@acme.example",
            provider_type: 0,
            expected_clients: 12,
        }
    }

    #[test]
    fn a_complete_application_names_its_type() {
        assert_eq!(input().validate(), Ok(ProviderType::Msp));
        let bu = ApplicationInput {
            provider_type: 2,
            ..input()
        };
        assert_eq!(bu.validate(), Ok(ProviderType::BusinessUnit));
    }

    #[test]
    fn each_rule_names_its_field() {
        let field = |i: ApplicationInput<'_>| i.validate().unwrap_err().field;
        assert_eq!(
            field(ApplicationInput {
                business_name: "  ",
                ..input()
            }),
            "BusinessName"
        );
        let long = "x".repeat(51);
        assert_eq!(
            field(ApplicationInput {
                business_name: &long,
                ..input()
            }),
            "BusinessName"
        );
        // 50 characters of several bytes each are fine.
        let wide = "é".repeat(50);
        assert!(ApplicationInput {
            business_name: &wide,
            ..input()
        }
        .validate()
        .is_ok());
        let email = format!("{}@example.com", "a".repeat(250));
        assert_eq!(
            field(ApplicationInput {
                billing_email: &email,
                ..input()
            }),
            "BillingEmail"
        );
        assert_eq!(
            field(ApplicationInput {
                provider_type: 3,
                ..input()
            }),
            "Type"
        );
        assert_eq!(
            field(ApplicationInput {
                provider_type: -1,
                ..input()
            }),
            "Type"
        );
        assert_eq!(
            field(ApplicationInput {
                expected_clients: -1,
                ..input()
            }),
            "ExpectedClients"
        );
        assert_eq!(
            field(ApplicationInput {
                expected_clients: 1_000_001,
                ..input()
            }),
            "ExpectedClients"
        );
        assert!(ApplicationInput {
            expected_clients: 1_000_000,
            ..input()
        }
        .validate()
        .is_ok());
    }
}
