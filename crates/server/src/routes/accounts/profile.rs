use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::{accounts, profile};
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::time::now_micros;
use bulwark_wire::account::{AvatarRequest, ProfileResponse, UpdateProfileRequest};

pub async fn get_profile(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ProfileResponse>> {
    let two_factor = accounts::two_factor_enabled(&state, auth.id()).await?;
    let mut conn = state.store.conn().await?;
    Ok(Json(
        profile::full(&mut conn, &auth.user, two_factor).await?,
    ))
}

pub async fn update_profile(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<UpdateProfileRequest>,
) -> ApiResult<Json<ProfileResponse>> {
    if req.name.as_deref().is_some_and(|n| n.chars().count() > 50) {
        return Err(ApiError::field(
            "Name",
            "The field Name must be a string with a maximum length of 50.",
        ));
    }
    let mut user = auth.user;
    user.name = req.name.filter(|n| !n.trim().is_empty());
    user.revision_date = now_micros();
    user.account_revision_date = user.revision_date;
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    let two_factor = accounts::two_factor_enabled(&state, user.id).await?;
    Ok(Json(profile::full(&mut conn, &user, two_factor).await?))
}

pub async fn update_avatar(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<AvatarRequest>,
) -> ApiResult<Json<ProfileResponse>> {
    let valid = |c: &str| {
        c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
    };
    if req.avatar_color.as_deref().is_some_and(|c| !valid(c)) {
        return Err(ApiError::field(
            "AvatarColor",
            "The field AvatarColor must be a color like #rrggbb.",
        ));
    }
    let mut user = auth.user;
    user.avatar_color = req.avatar_color;
    user.revision_date = now_micros();
    user.account_revision_date = user.revision_date;
    let mut conn = state.store.conn().await?;
    bulwark_store::users::update(&mut conn, &user).await?;
    let two_factor = accounts::two_factor_enabled(&state, user.id).await?;
    Ok(Json(profile::full(&mut conn, &user, two_factor).await?))
}

/// Milliseconds since the epoch: the CLI re-syncs only when this moved.
pub async fn revision_date(auth: AuthUser) -> Json<i64> {
    Json(auth.user.account_revision_date / 1000)
}
