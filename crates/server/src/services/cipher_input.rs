//! Validation of a `CipherRequest` into what gets stored. The server never decrypts; it refuses
//! what no client could have produced (wrong shapes, non-EncStrings, oversized values) with
//! upstream's texts, keyed by the member's path (`Login.Uris[0].Uri`), so garbage never reaches
//! storage and every stored item renders into something the strict mobile parsers accept.

use crate::error::{ApiError, ApiResult};
use bulwark_domain::time::parse_rfc3339;
use bulwark_domain::{enc_string, CipherType, FolderId};
use bulwark_wire::cipher::{CipherRequest, FieldData, LoginData, PasswordHistoryEntry};
use serde::Serialize;
use serde_json::Value;

/// A validated request, ready to be written.
#[derive(Debug)]
pub struct CipherInput {
    pub cipher_type: CipherType,
    /// The stored item object as JSON text.
    pub data: String,
    pub item_key: Option<String>,
    pub reprompt: i64,
    pub folder: Option<FolderId>,
    pub favorite: bool,
    pub archived_date: Option<i64>,
    pub last_known_revision: Option<i64>,
}

const NAME_MAX: usize = 1000;
const LONG_MAX: usize = 5000;
const NOTES_MAX: usize = 10_000;

/// Prefixes error keys, so an import can say `Ciphers[3].Name`.
struct Checker<'a> {
    prefix: &'a str,
}

/// The member's own name, the last segment of its path (`Uri` of `Login.Uris[0].Uri`).
fn leaf(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

fn pascal(key: &str) -> String {
    let mut chars = key.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

impl Checker<'_> {
    fn error(&self, path: &str, message: String) -> ApiError {
        ApiError::field(format!("{}{path}", self.prefix), message)
    }

    fn required<T>(&self, path: &str, value: Option<T>) -> ApiResult<T> {
        value.ok_or_else(|| self.error(path, format!("The {} field is required.", leaf(path))))
    }

    fn enc(&self, path: &str, value: Option<&str>, max: usize) -> ApiResult<()> {
        let Some(v) = value else { return Ok(()) };
        let field = leaf(path);
        if !enc_string::is_valid(v) {
            return Err(self.error(path, format!("{field} is not a valid encrypted string.")));
        }
        if v.len() > max {
            return Err(self.error(
                path,
                format!("The field {field} exceeds the maximum encrypted value length of {max} characters."),
            ));
        }
        Ok(())
    }

    fn date(&self, path: &str, value: Option<&str>) -> ApiResult<Option<i64>> {
        value
            .map(|d| {
                parse_rfc3339(d).ok_or_else(|| {
                    self.error(
                        path,
                        format!("The field {} is not a valid date.", leaf(path)),
                    )
                })
            })
            .transpose()
    }

    /// Every string member of a flat per-type object must be an EncString; `long` members
    /// may be up to 5000 characters, the rest 1000. `skip` names the non-EncString members.
    fn enc_members<T: Serialize>(
        &self,
        path: &str,
        obj: &T,
        long: &[&str],
        skip: &[&str],
    ) -> ApiResult<()> {
        let Ok(Value::Object(map)) = serde_json::to_value(obj) else {
            return Ok(());
        };
        for (k, v) in &map {
            if let Some(s) = v.as_str().filter(|_| !skip.contains(&k.as_str())) {
                let max = if long.contains(&k.as_str()) {
                    LONG_MAX
                } else {
                    NAME_MAX
                };
                self.enc(&format!("{path}.{}", pascal(k)), Some(s), max)?;
            }
        }
        Ok(())
    }

    fn login(&self, l: &LoginData) -> ApiResult<()> {
        self.enc("Login.Username", l.username.as_deref(), NAME_MAX)?;
        self.enc("Login.Password", l.password.as_deref(), LONG_MAX)?;
        self.enc("Login.Totp", l.totp.as_deref(), NAME_MAX)?;
        self.date(
            "Login.PasswordRevisionDate",
            l.password_revision_date.as_deref(),
        )?;
        for (i, u) in l.uris.iter().flatten().enumerate() {
            let p = format!("Login.Uris[{i}]");
            self.enc(&format!("{p}.Uri"), u.uri.as_deref(), NOTES_MAX)?;
            self.enc(
                &format!("{p}.UriChecksum"),
                u.uri_checksum.as_deref(),
                NOTES_MAX,
            )?;
            if u.r#match.is_some_and(|m| !(0..=5).contains(&m)) {
                return Err(self.error(&format!("{p}.Match"), "The field Match is invalid.".into()));
            }
        }
        for (i, f) in l.fido2_credentials.iter().flatten().enumerate() {
            let p = format!("Login.Fido2Credentials[{i}]");
            self.enc_members(&p, f, &[], &["creationDate"])?;
            let created =
                self.required(&format!("{p}.CreationDate"), f.creation_date.as_deref())?;
            self.date(&format!("{p}.CreationDate"), Some(created))?;
        }
        Ok(())
    }

    /// The sub-object matching the type must be there (upstream fails with a 500 otherwise).
    fn type_object(&self, req: &CipherRequest, t: CipherType) -> ApiResult<()> {
        match t {
            CipherType::Login => self.login(self.required("Login", req.login.as_ref())?),
            CipherType::SecureNote => self
                .required("SecureNote", req.secure_note.as_ref())
                .map(|_| ()),
            CipherType::Card => {
                self.enc_members("Card", self.required("Card", req.card.as_ref())?, &[], &[])
            }
            CipherType::Identity => {
                let i = self.required("Identity", req.identity.as_ref())?;
                self.enc_members("Identity", i, &[], &[])
            }
            CipherType::SshKey => {
                let k = self.required("SshKey", req.ssh_key.as_ref())?;
                self.required("SshKey.PrivateKey", k.private_key.as_ref())?;
                self.required("SshKey.PublicKey", k.public_key.as_ref())?;
                self.required("SshKey.KeyFingerprint", k.key_fingerprint.as_ref())?;
                self.enc_members("SshKey", k, &["privateKey", "publicKey"], &[])
            }
            CipherType::BankAccount => {
                let b = self.required("BankAccount", req.bank_account.as_ref())?;
                self.enc_members("BankAccount", b, &[], &[])
            }
            CipherType::DriversLicense => {
                let d = self.required("DriversLicense", req.drivers_license.as_ref())?;
                self.enc_members("DriversLicense", d, &[], &[])
            }
            CipherType::Passport => {
                let p = self.required("Passport", req.passport.as_ref())?;
                self.enc_members("Passport", p, &[], &[])
            }
        }
    }

    fn fields(&self, fields: &[FieldData]) -> ApiResult<()> {
        for (i, f) in fields.iter().enumerate() {
            let p = format!("Fields[{i}]");
            let t = self.required(&format!("{p}.Type"), f.r#type)?;
            if !(0..=3).contains(&t) {
                return Err(self.error(&format!("{p}.Type"), "The field Type is invalid.".into()));
            }
            self.enc(&format!("{p}.Name"), f.name.as_deref(), NAME_MAX)?;
            self.enc(&format!("{p}.Value"), f.value.as_deref(), LONG_MAX)?;
        }
        Ok(())
    }

    fn history(&self, history: &[PasswordHistoryEntry]) -> ApiResult<()> {
        for (i, h) in history.iter().enumerate() {
            let p = format!("PasswordHistory[{i}]");
            let pw = self.required(&format!("{p}.Password"), h.password.as_deref())?;
            self.enc(&format!("{p}.Password"), Some(pw), LONG_MAX)?;
            let used = self.required(&format!("{p}.LastUsedDate"), h.last_used_date.as_deref())?;
            self.date(&format!("{p}.LastUsedDate"), Some(used))?;
        }
        Ok(())
    }

    fn attachment_names(&self, req: &CipherRequest) -> ApiResult<()> {
        for (id, names) in req.attachments2.iter().flatten() {
            let p = format!("Attachments2[{id}]");
            let file_name = self.required(&format!("{p}.FileName"), names.file_name.as_deref())?;
            self.enc(&format!("{p}.FileName"), Some(file_name), NAME_MAX)?;
            self.enc(&format!("{p}.Key"), names.key.as_deref(), NAME_MAX)?;
        }
        for (id, file_name) in req.attachments.iter().flatten() {
            self.enc(&format!("Attachments[{id}]"), Some(file_name), NAME_MAX)?;
        }
        Ok(())
    }
}

/// Parses an optional folder id; anything but a UUID cannot be one of the user's folders.
///
/// # Errors
/// 400 `Invalid folder.`
pub fn parse_folder(id: Option<&str>) -> ApiResult<Option<FolderId>> {
    id.filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| ApiError::bad("Invalid folder.")))
        .transpose()
}

/// Validates `req`; error keys start with `prefix` (empty, or `Ciphers[i].` for imports).
///
/// # Errors
/// 400 naming the first offending member.
pub fn validate(req: &CipherRequest, prefix: &str) -> ApiResult<CipherInput> {
    let c = Checker { prefix };
    let type_number = c.required("Type", req.r#type)?;
    let cipher_type = CipherType::try_from(type_number)
        .map_err(|_| c.error("Type", "The field Type is invalid.".into()))?;
    let name = c.required("Name", req.name.as_deref().filter(|n| !n.is_empty()))?;
    c.enc("Name", Some(name), NAME_MAX)?;
    c.enc("Notes", req.notes.as_deref(), NOTES_MAX)?;
    c.type_object(req, cipher_type)?;
    c.fields(req.fields.as_deref().unwrap_or_default())?;
    c.history(req.password_history.as_deref().unwrap_or_default())?;
    c.attachment_names(req)?;
    let reprompt = req.reprompt.unwrap_or(0);
    if !(0..=1).contains(&reprompt) {
        return Err(c.error("Reprompt", "The field Reprompt is invalid.".into()));
    }
    // The per-item key is not EncString-checked upstream; only its size is bounded here.
    if req.key.as_ref().is_some_and(|k| k.len() > LONG_MAX) {
        return Err(c.error("Key", format!("The field Key exceeds the maximum encrypted value length of {LONG_MAX} characters.")));
    }
    Ok(CipherInput {
        cipher_type,
        data: req.stored_data(cipher_type).to_string(),
        item_key: req.key.clone().filter(|k| !k.is_empty()),
        reprompt,
        folder: parse_folder(req.folder_id.as_deref())?,
        favorite: req.favorite.unwrap_or(false),
        archived_date: c.date("ArchivedDate", req.archived_date.as_deref())?,
        last_known_revision: c.date(
            "LastKnownRevisionDate",
            req.last_known_revision_date.as_deref(),
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ENC: &str = "2.AAAAAAAAAAAAAAAAAAAAAA==|AAAA|AAAA";

    fn check(body: Value) -> Result<CipherInput, (String, String)> {
        let req: CipherRequest = serde_json::from_value(body).unwrap();
        validate(&req, "").map_err(|e| match e {
            ApiError::Validation { key, message } => (key, message),
            ApiError::BadRequest(m) => (String::new(), m),
            other => panic!("{other:?}"),
        })
    }

    #[test]
    fn a_valid_login_is_stored_with_its_uri() {
        let input =
            check(json!({"type": 1, "name": ENC, "login": {"uris": [{"uri": ENC}]}})).unwrap();
        let data: Value = serde_json::from_str(&input.data).unwrap();
        assert_eq!(data["login"]["uri"], ENC);
        assert_eq!(input.cipher_type, CipherType::Login);
    }

    #[test]
    fn errors_name_the_member_path() {
        let e = check(json!({"type": 1, "name": ENC, "login": {"username": "plain"}})).unwrap_err();
        assert_eq!(
            e,
            (
                "Login.Username".into(),
                "Username is not a valid encrypted string.".into()
            )
        );
        let e = check(json!({"type": 3, "name": ENC, "card": {"number": "x"}})).unwrap_err();
        assert_eq!(e.0, "Card.Number");
        let e = check(json!({"type": 2, "name": ENC})).unwrap_err();
        assert_eq!(
            e,
            (
                "SecureNote".into(),
                "The SecureNote field is required.".into()
            )
        );
        let e = check(json!({"type": 9, "name": ENC})).unwrap_err();
        assert_eq!(e.0, "Type");
        let e = check(json!({"type": 2, "secureNote": {}})).unwrap_err();
        assert_eq!(e, ("Name".into(), "The Name field is required.".into()));
        let e = check(json!({"type": 2, "name": ENC, "secureNote": {},
            "passwordHistory": [{"password": ENC}]}))
        .unwrap_err();
        assert_eq!(e.0, "PasswordHistory[0].LastUsedDate");
    }

    #[test]
    fn oversized_values_are_refused_with_the_limit() {
        let long = format!("2.{}|AAAA|AAAA", "A".repeat(1000));
        let e = check(json!({"type": 2, "name": long, "secureNote": {}})).unwrap_err();
        assert_eq!(
            e.1,
            "The field Name exceeds the maximum encrypted value length of 1000 characters."
        );
    }
}
