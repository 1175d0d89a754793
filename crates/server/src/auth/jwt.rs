//! Access tokens: HS256 JWTs with the claims the official clients decode. The clients never
//! verify the signature; the server does, pins the algorithm, and compares the security stamp
//! on every request so a password change ends other sessions at once.

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

pub const ACCESS_TOKEN_SECONDS: i64 = 3600;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub nbf: i64,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
    pub sub: String,
    pub email: String,
    pub email_verified: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub name: Option<String>,
    pub premium: bool,
    pub sstamp: String,
    pub device: String,
    pub devicetype: String,
    pub client_id: String,
    pub scope: Vec<String>,
    pub amr: Vec<String>,
    pub idp: String,
    pub jti: String,
}

#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
    secret: std::sync::Arc<Vec<u8>>,
}

impl JwtKeys {
    #[must_use]
    pub fn new(secret: &[u8], issuer: String) -> Self {
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            issuer,
            secret: std::sync::Arc::new(secret.to_vec()),
        }
    }

    /// A key for another purpose (registration tokens, 2FA remember tokens), derived from the
    /// server secret so tokens of one kind can never pass as another.
    #[must_use]
    pub fn derive_key(&self, purpose: &str) -> Vec<u8> {
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&self.secret).expect("any key length");
        mac.update(purpose.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    #[must_use]
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// # Errors
    /// Only if serialization fails, which it cannot for these claims.
    pub fn sign(&self, claims: &Claims) -> anyhow::Result<String> {
        Ok(encode(
            &Header::new(Algorithm::HS256),
            claims,
            &self.encoding,
        )?)
    }

    /// Verifies signature, algorithm, expiry and issuer.
    #[must_use]
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.set_issuer(&[&self.issuer]);
        v.leeway = 5;
        decode::<Claims>(token, &self.decoding, &v)
            .ok()
            .map(|d| d.claims)
    }
}

/// The claims of an organization API token (`client_credentials` with `organization.{id}`).
/// It is signed with a key derived for this purpose only, so it can never pass as a user's
/// access token (and user routes require the `api` scope besides).
#[derive(Debug, Serialize, Deserialize)]
pub struct OrgClaims {
    pub nbf: i64,
    pub exp: i64,
    pub iat: i64,
    pub iss: String,
    pub sub: String,
    pub client_id: String,
    pub client_sub: String,
    pub client_type: String,
    pub scope: Vec<String>,
    pub jti: String,
}

impl JwtKeys {
    /// Signs an organization API token for `org`, valid for an hour.
    ///
    /// # Errors
    /// Only if serialization fails, which it cannot for these claims.
    pub fn sign_org(&self, org: &str, client_id: &str, now: i64) -> anyhow::Result<String> {
        let claims = OrgClaims {
            nbf: now,
            exp: now + ACCESS_TOKEN_SECONDS,
            iat: now,
            iss: self.issuer.clone(),
            sub: org.to_owned(),
            client_id: client_id.to_owned(),
            client_sub: org.to_owned(),
            client_type: "Organization".into(),
            scope: vec!["api.organization".into()],
            jti: uuid::Uuid::new_v4().simple().to_string(),
        };
        let key = EncodingKey::from_secret(&self.derive_key("organization-api-token"));
        Ok(encode(&Header::new(Algorithm::HS256), &claims, &key)?)
    }
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtKeys(<redacted>)")
    }
}
