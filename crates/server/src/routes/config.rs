//! `GET /api/config`: read by every client at start.

use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

/// The Bitwarden server version whose API we follow; clients parse it as semver.
pub const COMPATIBLE_VERSION: &str = "2026.8.0";

pub async fn config(State(state): State<AppState>) -> Json<Value> {
    let base = &state.config.public_url;
    Json(json!({
        "object": "config",
        "version": COMPATIBLE_VERSION,
        "gitHash": env!("CARGO_PKG_VERSION"),
        // null: a non-null `server` makes the clients treat us as a third-party server.
        "server": null,
        "environment": {
            "cloudRegion": null,
            "vault": base,
            "api": format!("{base}/api"),
            "identity": format!("{base}/identity"),
            "notifications": format!("{base}/notifications"),
            "sso": "",
        },
        "featureStates": {},
        "push": { "pushTechnology": 0, "vapidPublicKey": null },
        "communication": null,
        "settings": {
            "disableUserRegistration": !state.config.signups_allowed,
            "suppressOnboardingInterstitials": false,
        },
    }))
}
