//! A logged-in client: bearer token plus the decrypted user key.

use reqwest::Method;
use serde_json::Value;

use super::{jwt_claims, Client, Response, CLIENT_NAME};
use crate::{AccountSecrets, SymmetricKey};

#[derive(Debug, Clone)]
pub struct Session {
    pub client: Client,
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// The JWT `sub` claim, read without verifying the signature.
    pub user_id: String,
    /// Decrypted from the token response's `Key` with the stretched master
    /// key, proving the server handed back the key we registered.
    pub user_key: SymmetricKey,
    /// The login token response as received (not replaced by refreshes).
    pub token_response: Value,
}

impl Session {
    /// Builds a session from a password-grant reply. Anything short of a
    /// 200 with a decodable token and decryptable `Key` returns the reply.
    pub fn from_token_response(
        client: Client,
        secrets: &AccountSecrets,
        resp: Response,
    ) -> Result<Self, Response> {
        if resp.status != 200 {
            return Err(resp);
        }
        let json = &resp.json;
        let Some(access_token) = field(json, "access_token").and_then(Value::as_str) else {
            return Err(resp);
        };
        let Some(user_id) = jwt_claims(access_token)
            .and_then(|c| c.get("sub").and_then(Value::as_str).map(str::to_owned))
        else {
            return Err(resp);
        };
        let user_key = field(json, "Key")
            .and_then(Value::as_str)
            .and_then(|k| secrets.stretched_master_key().decrypt(k).ok())
            .and_then(|bytes| SymmetricKey::from_slice(&bytes).ok());
        let Some(user_key) = user_key else {
            return Err(resp);
        };
        Ok(Self {
            access_token: access_token.to_owned(),
            refresh_token: field(json, "refresh_token")
                .and_then(Value::as_str)
                .map(str::to_owned),
            user_id,
            user_key,
            token_response: resp.json,
            client,
        })
    }

    pub async fn request(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        self.client
            .request(method, path, Some(&self.access_token), body)
            .await
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, json: Value) -> Response {
        self.request(Method::POST, path, Some(json)).await
    }

    pub async fn put(&self, path: &str, json: Value) -> Response {
        self.request(Method::PUT, path, Some(json)).await
    }

    pub async fn delete(&self, path: &str, json: Option<Value>) -> Response {
        self.request(Method::DELETE, path, json).await
    }

    /// POSTs a single-file multipart form, as attachment and import uploads
    /// do (the clients use field name `data`).
    pub async fn multipart_upload(
        &self,
        path: &str,
        field_name: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Response {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str("application/octet-stream")
            .expect("static MIME type is valid");
        let form = reqwest::multipart::Form::new().part(field_name.to_owned(), part);
        let req = self
            .client
            .builder(Method::POST, path, Some(&self.access_token))
            .multipart(form);
        Response::from_result(req.send().await).await
    }

    /// Trades the refresh token for new tokens; on 200 the session adopts
    /// them (keeping the old refresh token if none is returned).
    pub async fn refresh(&mut self) -> Response {
        let Some(refresh_token) = self.refresh_token.clone() else {
            return Response::client_side_error("session has no refresh token");
        };
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", CLIENT_NAME),
            ("refresh_token", refresh_token.as_str()),
        ];
        let resp = self.client.token_raw(&form).await;
        if resp.status == 200 {
            if let Some(token) = field(&resp.json, "access_token").and_then(Value::as_str) {
                self.access_token = token.to_owned();
            }
            if let Some(token) = field(&resp.json, "refresh_token").and_then(Value::as_str) {
                self.refresh_token = Some(token.to_owned());
            }
        }
        resp
    }
}

/// Token responses mix snake_case OAuth fields with PascalCase Bitwarden
/// ones, and servers differ in casing, so look fields up ignoring case.
fn field<'a>(json: &'a Value, name: &str) -> Option<&'a Value> {
    json.get(name).or_else(|| {
        json.as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}
