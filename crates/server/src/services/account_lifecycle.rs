//! Account changes that end sessions, and account deletion.

use crate::error::ApiResult;
use crate::state::AppState;
use bulwark_domain::time::now_micros;
use bulwark_store::users::{self, UserRow};
use bulwark_store::{ciphers, tokens};

/// Saves `user` with a new security stamp and deletes every refresh token, in one transaction:
/// the stamp check kills access tokens at their next request, and no refresh token survives to
/// mint new ones (a stale-stamp token would be refused anyway; deleting them is belt and braces).
///
/// # Errors
/// Database failures; `NotFound` if the account vanished meanwhile.
pub async fn save_and_end_sessions(state: &AppState, mut user: UserRow) -> ApiResult<UserRow> {
    user.security_stamp = crate::auth::tokens::new_security_stamp();
    let now = now_micros();
    user.revision_date = now;
    user.account_revision_date = now;
    let mut tx = state.store.begin().await?;
    users::update(&mut tx, &user).await?;
    tokens::delete_for_user(&mut tx, user.id).await?;
    tx.commit().await?;
    Ok(user)
}

/// Deletes the account. Foreign keys cascade to devices, refresh tokens, two-step settings,
/// folders, items and attachment rows; the attachment files are removed after the commit, so a
/// failed deletion never leaves rows pointing at missing files.
///
/// # Errors
/// Database failures.
pub async fn delete_account(state: &AppState, user: &UserRow) -> ApiResult<()> {
    let mut tx = state.store.begin().await?;
    // Write first: on SQLite that takes the write lock before the read below.
    users::bump_revision(&mut tx, user.id, now_micros()).await?;
    let cipher_ids: Vec<String> = ciphers::list_for_user(&mut tx, user.id)
        .await?
        .into_iter()
        .map(|c| c.id.to_string())
        .collect();
    users::delete(&mut tx, user.id).await?;
    tx.commit().await?;
    let root = state.config.attachments_dir();
    for id in cipher_ids {
        // The ids come from the database as UUIDs, so the path cannot escape the root.
        match tokio::fs::remove_dir_all(root.join(&id)).await {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // The account is gone either way; an orphaned directory only costs disk space.
            Err(e) => tracing::warn!(cipher = %id, error = %e, "could not remove attachment files"),
        }
    }
    tracing::info!(user = %user.id, "account deleted");
    Ok(())
}
