//! Vault items: `CipherRequestModel` and the bodies of the bulk, attachment and import routes
//! (bitwarden/server `src/Api/Vault/Models/Request/*`). Requests keep every member optional so
//! the server can answer a missing one with upstream's validation message instead of a serde
//! error; the server validates, then [`CipherRequest::stored_data`] builds what is stored.

mod items;
pub mod number;

use bulwark_domain::CipherType;
pub use items::*;
use number::opt_i64;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// `CipherRequestModel`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherRequest {
    #[serde(default, deserialize_with = "opt_i64")]
    pub r#type: Option<i64>,
    pub organization_id: Option<String>,
    pub folder_id: Option<String>,
    #[serde(default)]
    pub favorite: Option<bool>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub reprompt: Option<i64>,
    /// The per-item key (not EncString-checked upstream).
    pub key: Option<String>,
    pub name: Option<String>,
    pub notes: Option<String>,
    pub login: Option<LoginData>,
    pub card: Option<CardData>,
    pub identity: Option<IdentityData>,
    pub secure_note: Option<SecureNoteData>,
    /// Upstream's property is `SSHKey`; the extractor turns that into `sSHKey`.
    #[serde(alias = "sSHKey")]
    pub ssh_key: Option<SshKeyData>,
    pub bank_account: Option<BankAccountData>,
    pub drivers_license: Option<DriversLicenseData>,
    pub passport: Option<PassportData>,
    pub fields: Option<Vec<FieldData>>,
    pub password_history: Option<Vec<PasswordHistoryEntry>>,
    /// Legacy: attachment id → new encrypted file name (the key becomes null).
    pub attachments: Option<BTreeMap<String, String>>,
    /// Attachment id → new encrypted file name and key.
    pub attachments2: Option<BTreeMap<String, AttachmentNames>>,
    pub last_known_revision_date: Option<String>,
    pub archived_date: Option<String>,
    pub encrypted_for: Option<String>,
    pub encrypted_by_key_id: Option<String>,
    /// SDK blob format; accepted and ignored (the structured members are stored instead).
    pub data: Option<String>,
}

/// `CipherAttachmentModel`: one entry of `attachments2`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentNames {
    pub file_name: Option<String>,
    pub key: Option<String>,
}

fn to_value<T: Serialize>(v: &T) -> Value {
    // Plain structs of strings, numbers and options always serialize.
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn non_empty<T: Serialize>(list: Option<&Vec<T>>) -> Value {
    match list {
        Some(l) if !l.is_empty() => to_value(l),
        _ => Value::Null,
    }
}

impl CipherRequest {
    /// The stored item object: name, notes, the sub-object of `cipher_type` (the others null),
    /// custom fields and password history (null when empty, as upstream answers). Login gets
    /// the legacy `uri` (its first URI) that some mobile builds still read.
    #[must_use]
    pub fn stored_data(&self, cipher_type: CipherType) -> Value {
        let pick = |t: CipherType, v: Value| if t == cipher_type { v } else { Value::Null };
        let login = self.login.as_ref().map_or(Value::Null, |l| {
            let mut v = to_value(l);
            let first = l
                .uris
                .as_ref()
                .and_then(|u| u.first())
                .and_then(|u| u.uri.clone());
            v["uri"] = json!(first);
            v
        });
        let secure_note = self
            .secure_note
            .as_ref()
            .map_or(Value::Null, |n| json!({ "type": n.r#type.unwrap_or(0) }));
        json!({
            "name": self.name,
            "notes": self.notes,
            "login": pick(CipherType::Login, login),
            "card": pick(CipherType::Card, to_value(&self.card)),
            "identity": pick(CipherType::Identity, to_value(&self.identity)),
            "secureNote": pick(CipherType::SecureNote, secure_note),
            "sshKey": pick(CipherType::SshKey, to_value(&self.ssh_key)),
            "bankAccount": pick(CipherType::BankAccount, to_value(&self.bank_account)),
            "driversLicense": pick(CipherType::DriversLicense, to_value(&self.drivers_license)),
            "passport": pick(CipherType::Passport, to_value(&self.passport)),
            "fields": non_empty(self.fields.as_ref()),
            "passwordHistory": non_empty(self.password_history.as_ref()),
        })
    }
}

/// `CipherCreateRequestModel` (`POST /ciphers/create`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherCreateRequest {
    pub cipher: CipherRequest,
    #[serde(default)]
    pub collection_ids: Option<Vec<String>>,
}

/// `CipherBulkDeleteRequestModel` / `CipherBulkRestoreRequestModel` of the admin routes: the
/// ids and the org they must belong to.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherAdminIdsRequest {
    pub ids: Vec<String>,
    pub organization_id: Option<String>,
}

/// `CipherBulkUpdateCollectionsRequestModel` (`POST /ciphers/bulk-collections`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BulkCollectionsRequest {
    pub organization_id: Option<String>,
    pub cipher_ids: Vec<String>,
    pub collection_ids: Vec<String>,
    #[serde(default)]
    pub remove_collections: bool,
}

/// `CipherPartialRequestModel`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherPartialRequest {
    pub folder_id: Option<String>,
    #[serde(default)]
    pub favorite: Option<bool>,
}

/// `CipherBulkDeleteRequestModel` / `CipherBulkRestoreRequestModel` / archive bodies.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherIdsRequest {
    pub ids: Vec<String>,
}

/// `CipherBulkMoveRequestModel`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherMoveRequest {
    pub ids: Vec<String>,
    pub folder_id: Option<String>,
}

/// `AttachmentRequestModel` (`POST /ciphers/{id}/attachment/v2`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentRequest {
    pub key: Option<String>,
    pub file_name: Option<String>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub file_size: Option<i64>,
    #[serde(default)]
    pub admin_request: Option<bool>,
    pub last_known_revision_date: Option<String>,
}

/// `ImportCiphersRequestModel`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    #[serde(default)]
    pub folders: Vec<ImportFolder>,
    #[serde(default)]
    pub ciphers: Vec<CipherRequest>,
    #[serde(default)]
    pub folder_relationships: Vec<ImportRelationship>,
}

/// A folder to import; an `id` naming one of the user's folders reuses it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportFolder {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// `ImportOrganizationCiphersRequestModel` (folders are ignored for an org, as upstream does).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOrgRequest {
    #[serde(default)]
    pub collections: Vec<ImportCollection>,
    #[serde(default)]
    pub ciphers: Vec<CipherRequest>,
    /// `key` = index into `ciphers`, `value` = index into `collections`.
    #[serde(default)]
    pub collection_relationships: Vec<ImportRelationship>,
}

/// A collection to import; an `id` naming one of the org's collections reuses it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportCollection {
    pub id: Option<String>,
    pub name: Option<String>,
    pub external_id: Option<String>,
}

/// `key` = index into `ciphers`, `value` = index into `folders` (or `collections`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRelationship {
    #[serde(default, deserialize_with = "opt_i64")]
    pub key: Option<i64>,
    #[serde(default, deserialize_with = "opt_i64")]
    pub value: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_data_keeps_only_the_matching_type_object() {
        let req: CipherRequest = serde_json::from_value(json!({
            "type": "1", "name": "2.a", "login": {"uris": [{"uri": "2.u", "match": 3}]},
            "card": {"number": "2.n"}, "fields": [], "response": null
        }))
        .unwrap();
        assert_eq!(req.r#type, Some(1));
        let v = req.stored_data(CipherType::Login);
        assert_eq!(v["login"]["uri"], "2.u");
        assert_eq!(v["login"]["uris"][0]["match"], 3);
        assert!(v["login"]["username"].is_null());
        assert!(v["card"].is_null());
        assert!(v["fields"].is_null());
        assert!(v["passwordHistory"].is_null());
        assert_eq!(v.as_object().map(serde_json::Map::len), Some(12));
    }

    #[test]
    fn secure_notes_always_carry_a_numeric_type() {
        let req: CipherRequest =
            serde_json::from_value(json!({"type": 2, "name": "2.a", "secureNote": {}})).unwrap();
        assert_eq!(
            req.stored_data(CipherType::SecureNote)["secureNote"]["type"],
            0
        );
    }
}

/// `CipherCollectionsRequestModel` (`PUT /ciphers/{id}/collections`, `collections_v2`). The
/// list replaces the item's collections, so it is required: a body without it must never read
/// as "in no collection".
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherCollectionsRequest {
    pub collection_ids: Vec<String>,
}

/// `CipherWithIdRequestModel`: an item of a bulk share, with its id.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherWithIdRequest {
    pub id: Option<String>,
    #[serde(flatten)]
    pub cipher: CipherRequest,
}

/// `CipherBulkShareRequestModel` (`PUT /ciphers/share`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CipherBulkShareRequest {
    pub ciphers: Vec<CipherWithIdRequest>,
    pub collection_ids: Vec<String>,
}
