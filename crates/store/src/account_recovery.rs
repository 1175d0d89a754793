//! Reads account recovery needs beyond a membership row: the provider roles of the account being
//! recovered, since recovering a provider member's account must not hand the recoverer a higher
//! provider role than their own.

use crate::Result;
use bulwark_domain::UserId;
use sqlx::AnyConnection;

/// One provider membership of an account: the provider's id and the member's provider type.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProviderRole {
    pub provider_id: String,
    pub user_type: i64,
}

/// Every provider membership of `user`, in any status.
///
/// # Errors
/// Database failures.
pub async fn provider_roles_of(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Vec<ProviderRole>> {
    Ok(sqlx::query_as(
        "SELECT provider_id, user_type FROM provider_users WHERE user_id = $1 ORDER BY provider_id",
    )
    .bind(user.to_string())
    .fetch_all(conn)
    .await?)
}
