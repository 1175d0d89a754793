//! The per-type objects of a cipher (`CipherLoginModel`, `CipherCardModel`, …) and its custom
//! fields and password history. The same structs are read from requests and written into the
//! stored item, so a response carries exactly the members upstream has, nulls included.
//! Every `String` here is an EncString except the dates, which the server checks separately.

use super::number::opt_i64;
use serde::{Deserialize, Serialize};

/// `CipherLoginModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginData {
    pub uris: Option<Vec<LoginUri>>,
    pub username: Option<String>,
    pub password: Option<String>,
    /// A date, not an EncString.
    pub password_revision_date: Option<String>,
    pub totp: Option<String>,
    pub autofill_on_page_load: Option<bool>,
    pub fido2_credentials: Option<Vec<Fido2Credential>>,
}

/// `CipherLoginUriModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginUri {
    pub uri: Option<String>,
    pub uri_checksum: Option<String>,
    /// UriMatchType (0–5) or null for the user's default.
    #[serde(default, deserialize_with = "opt_i64")]
    pub r#match: Option<i64>,
}

/// `CipherFido2CredentialModel`: a passkey stored with a login.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fido2Credential {
    pub credential_id: Option<String>,
    pub key_type: Option<String>,
    pub key_algorithm: Option<String>,
    pub key_curve: Option<String>,
    pub key_value: Option<String>,
    pub rp_id: Option<String>,
    pub rp_name: Option<String>,
    pub user_handle: Option<String>,
    pub user_name: Option<String>,
    pub user_display_name: Option<String>,
    pub counter: Option<String>,
    pub discoverable: Option<String>,
    /// A date, required.
    pub creation_date: Option<String>,
}

/// `CipherSecureNoteModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct SecureNoteData {
    /// 0 = Generic; the mobile apps need a number here, so a missing one is stored as 0.
    #[serde(default, deserialize_with = "opt_i64")]
    pub r#type: Option<i64>,
}

/// `CipherCardModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardData {
    pub cardholder_name: Option<String>,
    pub brand: Option<String>,
    pub number: Option<String>,
    pub exp_month: Option<String>,
    pub exp_year: Option<String>,
    pub code: Option<String>,
}

/// `CipherIdentityModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityData {
    pub title: Option<String>,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub address3: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Upstream's property is `SSN`; the extractor turns that into `sSN`.
    #[serde(alias = "sSN")]
    pub ssn: Option<String>,
    pub username: Option<String>,
    pub passport_number: Option<String>,
    pub license_number: Option<String>,
}

/// `CipherSSHKeyModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SshKeyData {
    pub private_key: Option<String>,
    pub public_key: Option<String>,
    pub key_fingerprint: Option<String>,
}

/// `CipherBankAccountModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BankAccountData {
    pub bank_name: Option<String>,
    pub name_on_account: Option<String>,
    pub account_type: Option<String>,
    pub account_number: Option<String>,
    pub routing_number: Option<String>,
    pub branch_number: Option<String>,
    pub pin: Option<String>,
    pub swift_code: Option<String>,
    pub iban: Option<String>,
    pub bank_contact_phone: Option<String>,
}

/// `CipherDriversLicenseModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriversLicenseData {
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub license_number: Option<String>,
    pub issuing_country: Option<String>,
    pub issuing_state: Option<String>,
    pub issue_date: Option<String>,
    pub issuing_authority: Option<String>,
    pub expiration_date: Option<String>,
    pub license_class: Option<String>,
}

/// `CipherPassportModel`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PassportData {
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<String>,
    pub birth_place: Option<String>,
    pub nationality: Option<String>,
    pub passport_number: Option<String>,
    pub passport_type: Option<String>,
    pub issuing_country: Option<String>,
    pub issuing_authority: Option<String>,
    pub issue_date: Option<String>,
    pub expiration_date: Option<String>,
    pub national_identification_number: Option<String>,
}

/// `CipherFieldModel`: a custom field.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldData {
    /// FieldType: 0 Text, 1 Hidden, 2 Boolean, 3 Linked. Required.
    #[serde(default, deserialize_with = "opt_i64")]
    pub r#type: Option<i64>,
    pub name: Option<String>,
    pub value: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub linked_id: Option<i64>,
}

/// `CipherPasswordHistoryModel`: both members are required.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordHistoryEntry {
    pub password: Option<String>,
    pub last_used_date: Option<String>,
}
