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
use bulwark_wire::cipher::{ImportFolder, ImportRelationship, ImportRequest};

/// Upstream's cloud limits, applied here too: one request must stay a bounded transaction.
const MAX_CIPHERS: usize = 7000;
const MAX_FOLDERS: usize = 2000;
const MAX_RELATIONSHIPS: usize = 7000;

/// Upstream's cloud limits on one import (items, folders or collections, relationships).
///
/// # Errors
/// 400 `You cannot import this much data at once.`
pub(super) fn check_counts(
    ciphers: usize,
    containers: usize,
    relationships: usize,
) -> ApiResult<()> {
    if ciphers > MAX_CIPHERS || containers > MAX_FOLDERS || relationships > MAX_RELATIONSHIPS {
        return Err(ApiError::bad("You cannot import this much data at once."));
    }
    Ok(())
}

/// Folder or collection names: required EncStrings of at most 1000 characters.
/// `list` names the field (`Folders`, `Collections`).
pub(super) fn validate_names(list: &str, names: &[Option<&str>]) -> ApiResult<()> {
    for (i, name) in names.iter().enumerate() {
        let key = format!("{list}[{i}].Name");
        let name = name
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

/// The valid (item index, container index) pairs of the relationships; out-of-range or
/// malformed pairs are ignored, as upstream does.
pub(super) fn relationship_pairs(
    relationships: &[ImportRelationship],
    ciphers: usize,
    containers: usize,
) -> Vec<(usize, usize)> {
    relationships
        .iter()
        .filter_map(|r| {
            let c = usize::try_from(r.key?).ok()?;
            let f = usize::try_from(r.value?).ok()?;
            (c < ciphers && f < containers).then_some((c, f))
        })
        .collect()
}

/// The folder of each item: the last relationship naming it wins.
fn folder_indexes(req: &ImportRequest) -> Vec<Option<usize>> {
    let mut out = vec![None; req.ciphers.len()];
    for (c, f) in relationship_pairs(
        &req.folder_relationships,
        req.ciphers.len(),
        req.folders.len(),
    ) {
        out[c] = Some(f);
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
    check_counts(
        req.ciphers.len(),
        req.folders.len(),
        req.folder_relationships.len(),
    )?;
    let names: Vec<Option<&str>> = req.folders.iter().map(|f| f.name.as_deref()).collect();
    validate_names("Folders", &names)?;
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
