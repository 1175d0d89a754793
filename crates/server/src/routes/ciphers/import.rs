//! `POST /ciphers/import`: folders and items from another manager or an export, all or nothing.
//! Everything is validated before the transaction starts, so a bad item anywhere writes nothing.

use super::new_row;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppJson, AuthUser};
use crate::services::accounts::require_enc_string;
use crate::services::cipher_input::{self, CipherInput};
use crate::state::AppState;
use axum::extract::State;
use bulwark_domain::time::now_micros;
use bulwark_domain::{CipherId, FolderId};
use bulwark_store::{ciphers, folders, users, AnyConnection, StoreError};
use bulwark_wire::cipher::{ImportFolder, ImportRequest};

/// Upstream's cloud limits, applied here too: one request must stay a bounded transaction.
const MAX_CIPHERS: usize = 7000;
const MAX_FOLDERS: usize = 2000;
const MAX_RELATIONSHIPS: usize = 7000;

fn check_limits(req: &ImportRequest) -> ApiResult<()> {
    if req.ciphers.len() > MAX_CIPHERS
        || req.folders.len() > MAX_FOLDERS
        || req.folder_relationships.len() > MAX_RELATIONSHIPS
    {
        return Err(ApiError::bad("You cannot import this much data at once."));
    }
    Ok(())
}

fn validate_folders(list: &[ImportFolder]) -> ApiResult<()> {
    for (i, f) in list.iter().enumerate() {
        let key = format!("Folders[{i}].Name");
        let name = f
            .name
            .as_deref()
            .filter(|n| !n.is_empty())
            .ok_or_else(|| ApiError::field(&key, "The Name field is required."))?;
        require_enc_string(&key, name)?;
        if name.len() > 1000 {
            return Err(ApiError::field(
                key,
                "The field Name exceeds the maximum encrypted value length of 1000 characters.",
            ));
        }
    }
    Ok(())
}

/// The folder of each item: the last relationship naming it wins; out-of-range pairs are
/// ignored, as upstream does.
fn folder_indexes(req: &ImportRequest) -> Vec<Option<usize>> {
    let mut out = vec![None; req.ciphers.len()];
    for r in &req.folder_relationships {
        let (Some(c), Some(f)) = (r.key, r.value) else {
            continue;
        };
        let (Ok(c), Ok(f)) = (usize::try_from(c), usize::try_from(f)) else {
            continue;
        };
        if c < out.len() && f < req.folders.len() {
            out[c] = Some(f);
        }
    }
    out
}

/// Reuses the user's folder when the import names its id, else creates one.
async fn place_folder(
    conn: &mut AnyConnection,
    owner: bulwark_domain::UserId,
    f: &ImportFolder,
    now: i64,
) -> ApiResult<FolderId> {
    if let Some(id) = f.id.as_deref().and_then(|s| s.parse::<FolderId>().ok()) {
        match folders::find(conn, owner, id).await {
            Ok(existing) => return Ok(existing.id),
            Err(StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let name = f.name.as_deref().unwrap_or_default();
    Ok(folders::insert(conn, owner, FolderId::new(), name, now)
        .await?
        .id)
}

pub(super) async fn import(
    State(state): State<AppState>,
    auth: AuthUser,
    AppJson(req): AppJson<ImportRequest>,
) -> ApiResult<()> {
    check_limits(&req)?;
    validate_folders(&req.folders)?;
    // Imported items are always personal and get new ids; their own folder ids are ignored
    // in favour of the relationships.
    let inputs = req
        .ciphers
        .iter()
        .enumerate()
        .map(|(i, c)| cipher_input::validate(c, &format!("Ciphers[{i}].")))
        .collect::<ApiResult<Vec<CipherInput>>>()?;
    let placement = folder_indexes(&req);
    let now = now_micros();
    let mut tx = state.store.begin().await?;
    users::bump_revision(&mut tx, auth.id(), now).await?;
    if ciphers::personal_ownership_binds(&mut tx, auth.id()).await? {
        return Err(ApiError::bad(
            "You cannot import items into your personal vault because you are a member of an \
             organization which forbids it.",
        ));
    }
    let mut folder_ids = Vec::with_capacity(req.folders.len());
    for f in &req.folders {
        folder_ids.push(place_folder(&mut tx, auth.id(), f, now).await?);
    }
    for (mut input, slot) in inputs.into_iter().zip(placement) {
        input.folder = slot.map(|i| folder_ids[i]);
        let row = new_row(input, CipherId::new(), now);
        ciphers::insert(&mut tx, auth.id(), &row).await?;
    }
    tx.commit().await?;
    Ok(())
}
