//! `/api/settings/domains`: the user's own equivalent-domain groups (autofill treats the domains
//! of a group as one site) and which global groups they excluded. Bulwark ships no global
//! table yet, so `globalEquivalentDomains` is always empty.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use bulwark_domain::time::now_micros;
use bulwark_store::users::UserRow;
use serde::Deserialize;
use serde_json::{json, Value};

const MAX_GROUPS: usize = 1000;
const MAX_DOMAINS_PER_GROUP: usize = 100;
const MAX_DOMAIN_LEN: usize = 255;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/settings/domains",
        get(get_domains).put(update_domains).post(update_domains),
    )
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DomainsRequest {
    equivalent_domains: Option<Vec<Vec<String>>>,
    excluded_global_equivalent_domains: Option<Vec<i64>>,
}

fn domains(user: &UserRow) -> Json<Value> {
    let equivalent: Value = user
        .equivalent_domains
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or(Value::Null);
    Json(json!({
        "object": "domains",
        "equivalentDomains": equivalent,
        "globalEquivalentDomains": [],
    }))
}

async fn get_domains(auth: AuthUser) -> Json<Value> {
    domains(&auth.user)
}

fn validate(groups: &[Vec<String>]) -> ApiResult<()> {
    let too_big = groups.len() > MAX_GROUPS
        || groups.iter().any(|g| {
            g.len() > MAX_DOMAINS_PER_GROUP
                || g.iter().any(|d| d.is_empty() || d.len() > MAX_DOMAIN_LEN)
        });
    if too_big {
        return Err(ApiError::field(
            "EquivalentDomains",
            format!(
                "At most {MAX_GROUPS} groups of {MAX_DOMAINS_PER_GROUP} non-empty domains of \
                 {MAX_DOMAIN_LEN} characters are allowed."
            ),
        ));
    }
    Ok(())
}

async fn update_domains(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<DomainsRequest>,
) -> ApiResult<Json<Value>> {
    let groups = req.equivalent_domains.filter(|g| !g.is_empty());
    if let Some(g) = &groups {
        validate(g)?;
    }
    let excluded = req
        .excluded_global_equivalent_domains
        .filter(|e| !e.is_empty());
    if excluded.as_ref().is_some_and(|e| e.len() > MAX_GROUPS) {
        return Err(ApiError::field(
            "ExcludedGlobalEquivalentDomains",
            "Too many excluded groups.",
        ));
    }
    let mut user = auth.user;
    user.equivalent_domains = groups.map(|g| json!(g).to_string());
    user.excluded_global_domains = excluded.map(|e| json!(e).to_string());
    user.revision_date = now_micros();
    user.account_revision_date = user.revision_date;
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    Ok(domains(&user))
}
