//! The registration token of the two-step signup flow: a signed, 15-minute claim over the email
//! and name, so the server keeps no state between the two steps.

use crate::error::{ApiError, ApiResult};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

const AUDIENCE: &str = "bulwark-registration";
const LIFETIME_SECS: i64 = 15 * 60;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    aud: String,
    exp: i64,
    email: String,
    name: Option<String>,
}

pub struct RegistrationClaims {
    pub email: String,
    pub name: Option<String>,
}

/// # Errors
/// Never in practice (HS256 over a fixed struct).
pub fn issue(secret: &[u8], email: &str, name: Option<&str>) -> ApiResult<String> {
    let claims = Claims {
        aud: AUDIENCE.into(),
        exp: chrono::Utc::now().timestamp() + LIFETIME_SECS,
        email: email.to_owned(),
        name: name.map(str::to_owned),
    };
    encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| ApiError::Internal(e.into()))
}

/// # Errors
/// 400 `Invalid email verification token.` for a bad, expired or foreign token.
pub fn verify(secret: &[u8], token: &str) -> ApiResult<RegistrationClaims> {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[AUDIENCE]);
    decode::<Claims>(token, &DecodingKey::from_secret(secret), &v)
        .map(|d| RegistrationClaims {
            email: d.claims.email,
            name: d.claims.name,
        })
        .map_err(|_| ApiError::bad("Invalid email verification token."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_with_their_secret() {
        let t = issue(b"k1", "a@example.com", Some("A")).unwrap();
        let c = verify(b"k1", &t).unwrap();
        assert_eq!(c.email, "a@example.com");
        assert_eq!(c.name.as_deref(), Some("A"));
        assert!(verify(b"k2", &t).is_err());
        assert!(verify(b"k1", "garbage").is_err());
    }
}
