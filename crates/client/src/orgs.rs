//! Organization crypto as the official clients do it: a fresh 64-byte org key wrapped with the
//! creator's RSA public key (EncString type 4), and an org RSA key pair whose private half is
//! encrypted under the org key.

use crate::rsa_keys::{test_keypair, RsaKeyPair};
use crate::{AccountSecrets, SymmetricKey};
use serde_json::{json, Value};

/// What the creator keeps of a new organization.
#[derive(Clone, Debug)]
pub struct NewOrg {
    pub org_key: SymmetricKey,
    pub keypair: RsaKeyPair,
    /// The `POST /api/organizations` body.
    pub body: Value,
}

/// A create body for `plan_type` with `additional_seats` and a first collection named
/// `collection_name`, encrypted for `creator`.
#[must_use]
pub fn new_org(
    creator: &AccountSecrets,
    name: &str,
    plan_type: i64,
    additional_seats: i64,
    collection_name: Option<&str>,
) -> NewOrg {
    let org_key = SymmetricKey::random();
    // The process-wide cached pair keeps suites fast; the org key is what must be unique.
    let keypair = test_keypair();
    let body = json!({
        "name": name,
        "billingEmail": creator.email,
        "planType": plan_type,
        "key": creator.keypair.wrap(&org_key.to_bytes()),
        "keys": {
            "publicKey": keypair.public_key_b64(),
            "encryptedPrivateKey": org_key.encrypt(&keypair.private_key_pkcs8_der()),
        },
        "collectionName": collection_name.map(|n| org_key.encrypt_str(n)),
        "additionalSeats": additional_seats,
        "useSecretsManager": false,
        "paymentMethodType": null,
        "initiationPath": "New organization creation in-product",
    });
    NewOrg {
        org_key,
        keypair,
        body,
    }
}

/// Unwraps a member's org key (`profileOrganization.key`) with their RSA pair.
///
/// # Errors
/// When the key was not wrapped for this pair or is not 64 bytes.
pub fn unwrap_org_key(
    member: &AccountSecrets,
    wrapped: &str,
) -> Result<SymmetricKey, crate::CryptoError> {
    SymmetricKey::from_slice(&member.keypair.unwrap(wrapped)?)
}
