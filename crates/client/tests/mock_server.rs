//! Drives the HTTP client against a tiny in-process stand-in server, to
//! check the wire format (paths, headers, form fields, JSON) the client
//! emits, independent of the real server's progress.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use bulwark_client::{AccountSecrets, Client, Kdf, Method};
use serde_json::{json, Value};

type Registered = Arc<Mutex<Option<Value>>>;

const USER_ID: &str = "6d3c8a2e-0000-4000-8000-000000000001";

fn fake_jwt(sub: &str, n: u32) -> String {
    let payload = URL_SAFE_NO_PAD.encode(json!({ "sub": sub, "n": n }).to_string());
    format!("eyJhbGciOiJub25lIn0.{payload}.c2ln")
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn send_verification(Json(body): Json<Value>) -> Json<Value> {
    assert_eq!(body["receiveMarketingEmails"], false);
    assert!(body["email"].is_string() && body["name"].is_string());
    Json(json!("verify-token"))
}

async fn finish(State(reg): State<Registered>, Json(body): Json<Value>) -> StatusCode {
    assert_eq!(body["emailVerificationToken"], "verify-token");
    assert_eq!(body["kdf"], 0);
    assert!(body["kdfMemory"].is_null());
    assert!(body["userAsymmetricKeys"]["publicKey"].is_string());
    *reg.lock().unwrap() = Some(body);
    StatusCode::OK
}

async fn token(
    State(reg): State<Registered>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> (StatusCode, Json<Value>) {
    assert_eq!(header(&headers, "device-type"), "25");
    assert_eq!(header(&headers, "bitwarden-client-name"), "cli");
    assert_eq!(header(&headers, "bitwarden-client-version"), "2026.9.0");
    let bad = (
        StatusCode::BAD_REQUEST,
        Json(json!({ "error": "invalid_grant" })),
    );
    match form["grant_type"].as_str() {
        "password" => {
            assert_eq!(form["scope"], "api offline_access");
            assert_eq!(form["client_id"], "cli");
            assert_eq!(form["deviceType"], "25");
            assert_eq!(form["deviceName"], "linux");
            assert!(!form["deviceIdentifier"].is_empty());
            let reg = reg.lock().unwrap().clone().expect("registered first");
            if form["username"] != reg["email"].as_str().unwrap()
                || form["password"] != reg["masterPasswordHash"].as_str().unwrap()
            {
                return bad;
            }
            if form.get("twoFactorToken").is_some_and(|t| t != "123456") {
                return bad;
            }
            (
                StatusCode::OK,
                Json(json!({
                    "access_token": fake_jwt(USER_ID, 1),
                    "refresh_token": "refresh-1",
                    "token_type": "Bearer",
                    "Key": reg["userSymmetricKey"],
                })),
            )
        }
        "refresh_token" if form["refresh_token"] == "refresh-1" => (
            StatusCode::OK,
            Json(json!({ "access_token": fake_jwt(USER_ID, 2), "refresh_token": "refresh-2" })),
        ),
        _ => bad,
    }
}

async fn sync(headers: HeaderMap) -> (StatusCode, Json<Value>) {
    let auth = header(&headers, "authorization");
    if auth.starts_with("Bearer ey") {
        (
            StatusCode::OK,
            Json(json!({ "object": "sync", "auth": auth })),
        )
    } else {
        (StatusCode::UNAUTHORIZED, Json(Value::Null))
    }
}

async fn upload(mut multipart: Multipart) -> Json<Value> {
    let field = multipart.next_field().await.unwrap().unwrap();
    let name = field.name().unwrap().to_owned();
    let file = field.file_name().unwrap().to_owned();
    let len = field.bytes().await.unwrap().len();
    Json(json!({ "field": name, "file": file, "len": len }))
}

async fn echo(headers: HeaderMap, body: String) -> String {
    format!("{}:{}", header(&headers, "content-type"), body)
}

async fn start() -> String {
    let app = Router::new()
        .route(
            "/identity/accounts/register/send-verification-email",
            post(send_verification),
        )
        .route("/identity/accounts/register/finish", post(finish))
        .route("/identity/connect/token", post(token))
        .route("/api/sync", get(sync))
        .route("/api/upload", post(upload))
        .route("/api/echo", post(echo))
        .with_state(Registered::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/")
}

#[tokio::test]
async fn full_client_flow_against_mock() {
    let client = Client::new(start().await);
    assert!(!client.base_url.ends_with('/'));
    let secrets = AccountSecrets::new(
        "User@Example.com",
        "correct horse",
        Kdf::Pbkdf2 { iterations: 5000 },
    );

    let reg = client.register(&secrets).await;
    assert_eq!(reg.status, 200, "{}", reg.text);
    assert_eq!(reg.json, Value::Null);

    let wrong = secrets.with_new_master_password("wrong", secrets.kdf);
    let err = client.login(&wrong).await.unwrap_err();
    assert_eq!(err.status, 400);
    assert_eq!(err.json["error"], "invalid_grant");

    let mut session = client.login(&secrets).await.expect("login");
    assert_eq!(session.user_id, USER_ID);
    assert_eq!(session.user_key, secrets.user_key);
    assert_eq!(session.refresh_token.as_deref(), Some("refresh-1"));

    let sync = session.get("/api/sync").await;
    assert_eq!(sync.status, 200);
    assert_eq!(sync.json["object"], "sync");
    let anon = client.request(Method::GET, "/api/sync", None, None).await;
    assert_eq!(anon.status, 401);

    let refreshed = session.refresh().await;
    assert_eq!(refreshed.status, 200);
    assert_eq!(session.refresh_token.as_deref(), Some("refresh-2"));
    assert_eq!(
        bulwark_client::jwt_claims(&session.access_token).unwrap()["n"],
        2
    );

    let up = session
        .multipart_upload("/api/upload", "data", "a.bin", vec![1, 2, 3])
        .await;
    assert_eq!(
        up.json,
        json!({ "field": "data", "file": "a.bin", "len": 3 })
    );

    let raw = client
        .raw_body(
            Method::POST,
            "/api/echo",
            None,
            "text/plain",
            b"{oops".to_vec(),
        )
        .await;
    assert_eq!(raw.text, "text/plain:{oops");
    assert_eq!(raw.json, Value::Null);
    assert_eq!(
        raw.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );

    assert!(client.login_with_totp(&secrets, "000000").await.is_err());
    assert!(client.login_with_totp(&secrets, "123456").await.is_ok());
}

#[tokio::test]
async fn unreachable_server_reports_status_zero() {
    // Bind then drop to get a local port that is (almost certainly) closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(format!("http://127.0.0.1:{port}"));
    let resp = client.request(Method::GET, "/alive", None, None).await;
    assert_eq!(resp.status, 0);
    assert!(resp.text.starts_with("transport error"));
}
