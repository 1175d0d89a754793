use crate::error::ApiResult;
use crate::extract::AppJson;
use crate::services::accounts::normalize_email;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use bulwark_domain::KdfConfig;
use bulwark_wire::identity::{KdfSettings, PreloginRequest, PreloginResponse};

/// KDF settings for an email. An unknown email gets the defaults with the email as salt, so
/// the answer does not reveal whether an account exists.
pub async fn prelogin(
    State(state): State<AppState>,
    AppJson(req): AppJson<PreloginRequest>,
) -> ApiResult<Json<PreloginResponse>> {
    let email = normalize_email(&req.email);
    let mut conn = state.store.conn().await?;
    let (kdf, salt) = match bulwark_store::users::find_by_email(&mut conn, &email).await? {
        Some(u) => (
            KdfSettings {
                kdf_type: u.kdf_type,
                iterations: u.kdf_iterations,
                memory: u.kdf_memory,
                parallelism: u.kdf_parallelism,
            },
            u.salt,
        ),
        None => {
            let d = KdfConfig::DEFAULT;
            (
                KdfSettings {
                    kdf_type: d.type_number(),
                    iterations: d.iterations,
                    memory: d.memory,
                    parallelism: d.parallelism,
                },
                email,
            )
        }
    };
    Ok(Json(PreloginResponse {
        kdf: kdf.kdf_type,
        kdf_iterations: kdf.iterations,
        kdf_memory: kdf.memory,
        kdf_parallelism: kdf.parallelism,
        kdf_settings: kdf,
        salt,
    }))
}
