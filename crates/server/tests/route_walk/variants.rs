//! What is sent: malformed bodies (JSON and, for the token endpoint, forms) and path values
//! that are not ids of the caller's objects.

use crate::send::Body;

/// A named body sent to a route.
#[derive(Clone, Debug)]
pub struct BodyVariant {
    pub name: &'static str,
    pub body: Body,
    /// What the route must answer when it reads a JSON body (the owner asking).
    pub rule: BodyRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyRule {
    /// Only the general rules (no 5xx, the error shape).
    Any,
    /// Malformed JSON; a JSON route answers 400 (used to tell JSON routes apart).
    Malformed,
    /// 400 from a JSON route.
    BadRequest,
    /// An array where an object belongs: 400 from a JSON route (unless the route takes an
    /// array: it then refuses `{}` and accepts this).
    ArrayForObject,
    /// `null`, a string or a number where an object (or array) belongs: 400 from a JSON route.
    ScalarForObject,
    /// A text field holds NUL: 400 from a JSON route.
    Nul,
    /// A non-empty body not declared as JSON: 415 from a JSON route.
    NotDeclaredJson,
    /// The well-formed empty object (compared with [`BodyRule::Malformed`]).
    EmptyObject,
}

fn nul_object() -> String {
    let nul = "a\u{0}b";
    serde_json::json!({
        "name": nul,
        "email": "a\u{0}@x.io",
        "emails": ["a\u{0}@x.io"],
        "masterPasswordHash": nul,
        "newMasterPasswordHash": nul,
        "masterPasswordHint": nul,
        "key": format!("2.{nul}|x|y"),
        "notes": nul,
        "token": nul,
        "businessName": nul,
        "billingEmail": "b\u{0}@x.io",
        "identifier": nul,
        "pushToken": nul,
        "externalId": nul,
        "ownerEmail": "o\u{0}@x.io",
        "fileName": nul,
        "secret": nul,
        "type": 0,
        "ids": [nul],
    })
    .to_string()
}

const WRONG_TYPES: &str = r#"{"name": 7, "email": 12, "emails": "a@x.io", "key": false,
 "masterPasswordHash": [], "type": 99, "planType": -1, "seats": 99999999999999999999,
 "additionalSeats": -5, "ids": "x", "collectionIds": 5, "users": {}, "groups": "g",
 "collections": 3, "favorite": "yes", "folderId": 12, "organizationId": [],
 "expectedClients": 1e308, "fileSize": -1, "enabled": "no", "data": 1,
 "login": "l", "cipher": [], "ciphers": {}, "folders": 9, "status": "x",
 "accessAll": 2, "permissions": [], "kdf": 99, "kdfIterations": -1}"#;

fn deep_array() -> String {
    "[".repeat(10_000) + &"]".repeat(10_000)
}

/// Every body the primary caller sends with the owner's real ids. The order matters a
/// little: void actions that succeed without a body come last, so a 2xx that deletes the
/// target does not turn the earlier variants into 404s.
pub fn bodies() -> Vec<BodyVariant> {
    let v = |name, body, rule| BodyVariant { name, body, rule };
    vec![
        v("`{`", Body::json("{"), BodyRule::Malformed),
        v("`[]`", Body::json("[]"), BodyRule::ArrayForObject),
        v("`null`", Body::json("null"), BodyRule::ScalarForObject),
        v("`\"x\"`", Body::json("\"x\""), BodyRule::ScalarForObject),
        v("`7`", Body::json("7"), BodyRule::ScalarForObject),
        v(
            "NUL in text fields",
            Body::json(nul_object()),
            BodyRule::Nul,
        ),
        v("wrong-typed fields", Body::json(WRONG_TYPES), BodyRule::Any),
        v(
            "10,000 nested arrays",
            Body::json(deep_array()),
            BodyRule::BadRequest,
        ),
        v(
            "`{}` as text/plain",
            Body::typed("{}", Some("text/plain")),
            BodyRule::NotDeclaredJson,
        ),
        v(
            "`{}` without Content-Type",
            Body::typed("{}", None),
            BodyRule::NotDeclaredJson,
        ),
        v("`{}`", Body::json("{}"), BodyRule::EmptyObject),
        v("no body", Body::none(), BodyRule::Any),
    ]
}

/// The few bodies sent anonymously.
pub fn anonymous_bodies() -> Vec<BodyVariant> {
    bodies()
        .into_iter()
        .filter(|b| matches!(b.name, "`{`" | "`{}`" | "no body"))
        .collect()
}

/// A path value that is not the right id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadId {
    /// A well-formed UUID that names nothing.
    RandomUuid,
    NotUuid,
    InvalidUtf8,
    Nul,
    Long,
}

impl BadId {
    pub const ALL: [BadId; 5] = [
        BadId::RandomUuid,
        BadId::NotUuid,
        BadId::InvalidUtf8,
        BadId::Nul,
        BadId::Long,
    ];

    /// The value as it goes into the path (already percent-encoded where needed).
    pub fn value(self) -> String {
        match self {
            BadId::RandomUuid => uuid::Uuid::new_v4().to_string(),
            BadId::NotUuid => "abc".into(),
            BadId::InvalidUtf8 => "%FF%FE".into(),
            BadId::Nul => "%00".into(),
            BadId::Long => "7".repeat(5_000),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BadId::RandomUuid => "random UUID",
            BadId::NotUuid => "`abc`",
            BadId::InvalidUtf8 => "`%FF%FE`",
            BadId::Nul => "`%00`",
            BadId::Long => "5,000-character id",
        }
    }
}

/// A form sent to the token endpoint.
pub struct Form {
    pub name: &'static str,
    pub body: Body,
    /// Carries a NUL (must be 400, never a login).
    pub nul: bool,
}

/// The CLI's password grant for `email`/`hash`, with the fields in `over` replaced.
fn login_form(email: &str, hash: &str, device: &str, over: &[(&str, &str)]) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("grant_type", "password".into()),
        ("username", email.into()),
        ("password", hash.into()),
        ("scope", "api offline_access".into()),
        ("client_id", "cli".into()),
        ("deviceType", "25".into()),
        ("deviceIdentifier", device.into()),
        ("deviceName", "linux".into()),
    ];
    for (k, v) in over {
        if let Some(p) = pairs.iter_mut().find(|(pk, _)| pk == k) {
            p.1 = (*v).to_owned();
        }
    }
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
        .finish()
}

/// Malformed token requests; `email`/`hash` are the caller's own credentials (or made up),
/// so the NUL cases would log in if the NUL were let through.
pub fn token_forms(email: &str, hash: &str, device: &str) -> Vec<Form> {
    let form = |s: String| Body::typed(s, Some("application/x-www-form-urlencoded"));
    let login = |over: &[(&str, &str)]| login_form(email, hash, device, over);
    let nul_email = format!("{email}\u{0}");
    let f = |name, body, nul| Form { name, body, nul };
    vec![
        f(
            "grant_type=unknown",
            form("grant_type=unknown&scope=api".into()),
            false,
        ),
        f(
            "grant_type=password alone",
            form("grant_type=password".into()),
            false,
        ),
        f(
            "refresh_token=abc",
            form("grant_type=refresh_token&refresh_token=abc&client_id=cli".into()),
            false,
        ),
        f(
            "client_credentials for user.abc",
            form(
                "grant_type=client_credentials&client_id=user.abc&client_secret=x&scope=api".into(),
            ),
            false,
        ),
        f("form garbage `%%%`", form("%%%".into()), false),
        f(
            "invalid UTF-8 username",
            form(login(&[("username", "PLACEHOLDER")]).replace("PLACEHOLDER", "a%FF%FE")),
            false,
        ),
        f(
            "deviceType=abc",
            form(login(&[("deviceType", "abc")])),
            false,
        ),
        f(
            "NUL in deviceIdentifier",
            form(login(&[("deviceIdentifier", "a\u{0}b")])),
            true,
        ),
        f(
            "NUL in deviceName",
            form(login(&[("deviceName", "a\u{0}b")])),
            true,
        ),
        f(
            "NUL in username",
            form(login(&[("username", &nul_email)])),
            true,
        ),
        f("JSON `{}` to the form endpoint", Body::json("{}"), false),
        f("no body", Body::none(), false),
    ]
}
