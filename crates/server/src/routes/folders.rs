//! `/api/folders`: a user's private folders.

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser, Path};
use crate::services::accounts::require_enc_string;
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use bulwark_domain::time::{format_micros, now_micros};
use bulwark_domain::FolderId;
use bulwark_store::folders::{self, FolderRow};
use bulwark_store::users;
use bulwark_wire::folder::{FolderRequest, FolderResponse};
use bulwark_wire::ListResponse;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/folders", get(list).post(create))
        .route("/folders/all", delete(delete_all))
        .route(
            "/folders/{id}",
            get(get_one).put(update).post(update).delete(remove),
        )
        .route("/folders/{id}/delete", post(remove))
}

#[must_use]
pub fn folder_response(f: &FolderRow) -> FolderResponse {
    FolderResponse {
        object: "folder",
        id: f.id.to_string(),
        name: f.name.clone(),
        revision_date: format_micros(f.revision_date),
    }
}

fn parse_id(id: &str) -> ApiResult<FolderId> {
    id.parse().map_err(|_| ApiError::NotFound)
}

fn validate(req: &FolderRequest) -> ApiResult<()> {
    require_enc_string("Name", &req.name)?;
    if req.name.len() > 1000 {
        return Err(ApiError::field(
            "Name",
            "The field Name exceeds the maximum encrypted value length of 1000 characters.",
        ));
    }
    Ok(())
}

async fn list(
    State(state): State<AppState>,
    auth: AuthUser,
) -> ApiResult<Json<ListResponse<FolderResponse>>> {
    let mut conn = state.store.conn().await?;
    let rows = folders::list(&mut conn, auth.id()).await?;
    Ok(Json(ListResponse::new(
        rows.iter().map(folder_response).collect(),
    )))
}

async fn get_one(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<Json<FolderResponse>> {
    let mut conn = state.store.conn().await?;
    let f = folders::find(&mut conn, auth.id(), parse_id(&id)?).await?;
    Ok(Json(folder_response(&f)))
}

async fn create(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<FolderRequest>,
) -> ApiResult<Json<FolderResponse>> {
    validate(&req)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let f = folders::insert(&mut tx, auth.id(), FolderId::new(), &req.name, now).await?;
    tx.commit().await?;
    Ok(Json(folder_response(&f)))
}

async fn update(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
    AppJson(req): AppJson<FolderRequest>,
) -> ApiResult<Json<FolderResponse>> {
    let id = parse_id(&id)?;
    validate(&req)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    let f = folders::rename(&mut tx, auth.id(), id, &req.name, now).await?;
    tx.commit().await?;
    Ok(Json(folder_response(&f)))
}

async fn remove(
    State(state): State<AppState>,
    auth: AuthUser,
    Path(id): Path<String>,
) -> ApiResult<()> {
    let id = parse_id(&id)?;
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    folders::delete(&mut tx, auth.id(), id).await?;
    tx.commit().await?;
    Ok(())
}

async fn delete_all(State(state): State<AppState>, auth: AuthUser) -> ApiResult<()> {
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    folders::delete_all(&mut tx, auth.id()).await?;
    tx.commit().await?;
    Ok(())
}
