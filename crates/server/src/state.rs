//! What every handler shares: configuration, storage, keys and login throttles.

use crate::auth::jwt::JwtKeys;
use crate::auth::password::PasswordHasherService;
use crate::auth::rate_limit::FailureLimiter;
use crate::config::Config;
use crate::mail::Mailer;
use bulwark_store::Store;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub jwt: JwtKeys,
    pub passwords: PasswordHasherService,
    pub limits: Arc<LoginThrottles>,
    pub mailer: Mailer,
}

pub struct LoginThrottles {
    pub per_account: FailureLimiter,
    pub per_ip: FailureLimiter,
}

impl AppState {
    /// Connects storage, loads (or creates) the token signing key.
    ///
    /// # Errors
    /// When the database cannot be reached or migrated.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&config.data_dir)?;
        let store = Store::connect(&config.database_url, config.db_max_connections).await?;
        let secret = {
            let mut conn = store.conn().await?;
            bulwark_store::settings::get_or_create(&mut conn, "jwt_secret", || {
                crate::auth::tokens::random_alphanumeric(64)
            })
            .await?
        };
        let jwt = JwtKeys::new(secret.as_bytes(), format!("{}|login", config.public_url));
        let passwords = PasswordHasherService::new(config.password_hash)?;
        let window = Duration::from_secs(config.login_limits.window_secs);
        let limits = Arc::new(LoginThrottles {
            per_account: FailureLimiter::new(config.login_limits.per_account, window),
            per_ip: FailureLimiter::new(config.login_limits.per_ip, window),
        });
        let mailer = Mailer::new(config.smtp.as_ref())?;
        Ok(Self {
            mailer,
            config: Arc::new(config),
            store,
            jwt,
            passwords,
            limits,
        })
    }
}
