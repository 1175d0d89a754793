//! Requests sent byte for byte as the walk builds them (any method, any content type or none,
//! any path bytes), with the CLI's identifying headers, and the answer reduced to what the
//! checks read.

use bulwark_client::api::{CLIENT_NAME, CLIENT_VERSION, DEVICE_TYPE};
use bulwark_client::Client;
use reqwest::Method;
use serde_json::Value;

/// A request body and how it is declared.
#[derive(Clone, Debug)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: Option<&'static str>,
}

impl Body {
    pub fn none() -> Self {
        Self {
            bytes: Vec::new(),
            content_type: None,
        }
    }

    pub fn json(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
            content_type: Some("application/json"),
        }
    }

    pub fn typed(bytes: impl Into<Vec<u8>>, content_type: Option<&'static str>) -> Self {
        Self {
            bytes: bytes.into(),
            content_type,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub allow: Option<String>,
    pub www_authenticate: Option<String>,
    pub text: String,
    pub json: Option<Value>,
}

impl Answer {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body, shortened for a report line.
    pub fn excerpt(&self) -> String {
        let t: String = self.text.chars().take(160).collect();
        let t = t.replace('\n', " ");
        if self.text.chars().count() > 160 {
            format!("{t}…")
        } else {
            t
        }
    }
}

pub async fn send(
    client: &Client,
    method: &Method,
    path: &str,
    bearer: Option<&str>,
    body: &Body,
) -> Answer {
    let mut req = client
        .http
        .request(method.clone(), client.url(path))
        .header("Device-Type", DEVICE_TYPE)
        .header("Bitwarden-Client-Name", CLIENT_NAME)
        .header("Bitwarden-Client-Version", CLIENT_VERSION);
    if let Some(token) = bearer {
        req = req.header("Authorization", format!("Bearer {token}"));
    }
    if let Some(ct) = body.content_type {
        req = req.header("Content-Type", ct);
    }
    if !body.bytes.is_empty() {
        req = req.body(body.bytes.clone());
    }
    match req.send().await {
        Ok(resp) => {
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            };
            let status = resp.status().as_u16();
            let content_type = header("content-type");
            let allow = header("allow");
            let www_authenticate = header("www-authenticate");
            let text = resp
                .text()
                .await
                .unwrap_or_else(|e| format!("<body unreadable: {e}>"));
            let json = serde_json::from_str(&text).ok();
            Answer {
                status,
                content_type,
                allow,
                www_authenticate,
                text,
                json,
            }
        }
        // Reported as status 0: a dropped connection is as bad as a 5xx.
        Err(e) => Answer {
            status: 0,
            content_type: None,
            allow: None,
            www_authenticate: None,
            text: format!("transport error: {e}"),
            json: None,
        },
    }
}
