//! Configuration: a TOML file, overridden by `BULWARK_*` environment variables and command-line
//! flags (clap reads both), with `*_FILE` variants for secrets. Validated once at start-up and
//! passed around as `Arc<Config>`, never read from a global.

use anyhow::{bail, Context};
use bulwark_domain::provider_statement::SeatPrices;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct Config {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`. Never logged: it may hold a password.
    pub database_url: String,
    pub tls: Option<TlsFiles>,
    pub signups_allowed: bool,
    /// When true, registration mails a verification link instead of returning the token.
    pub signups_verify_email: bool,
    /// The public URL clients use (`https://vault.example.com`); attachment download links and
    /// `/api/config` are built from it. Defaults to the bind address.
    pub public_url: String,
    pub attachment_max_bytes: u64,
    pub login_limits: LoginLimits,
    pub password_hash: PasswordHashCost,
    pub db_max_connections: u32,
    /// Outgoing mail; `None` writes each mail's link to the log instead.
    pub smtp: Option<SmtpConfig>,
    /// The Argon2id PHC hash of the operator's `/admin` bearer token; `None` turns the
    /// operator API off (every `/admin` route answers 404). The token itself is never stored.
    pub admin_token_hash: Option<String>,
    /// What providers' monthly statements charge per seat (Bulwark bills nobody; statements
    /// estimate what a provider owes).
    pub seat_prices: SeatPrices,
}

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// Plain SMTP (a relay on the same host or network).
    Off,
    /// Plain connection upgraded with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    ForceTls,
}

impl SmtpSecurity {
    #[must_use]
    pub fn default_port(self) -> u16 {
        match self {
            Self::Off => 25,
            Self::Starttls => 587,
            Self::ForceTls => 465,
        }
    }
}

#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, `Name <address>` or a bare address.
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    // The password never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// The SMTP settings from any source (file, environment, flags); merged field by field.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct SmtpSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub security: Option<SmtpSecurity>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub password_file: Option<PathBuf>,
    pub from: Option<String>,
}

impl SmtpSettings {
    fn or(self, other: Self) -> Self {
        Self {
            host: self.host.or(other.host),
            port: self.port.or(other.port),
            security: self.security.or(other.security),
            username: self.username.or(other.username),
            password: self.password.or(other.password),
            password_file: self.password_file.or(other.password_file),
            from: self.from.or(other.from),
        }
    }

    fn resolve(self) -> anyhow::Result<Option<SmtpConfig>> {
        let Some(host) = self.host.filter(|h| !h.trim().is_empty()) else {
            if self.from.is_some() || self.username.is_some() {
                bail!("SMTP settings are given but smtp_host is missing");
            }
            return Ok(None);
        };
        let security = self.security.unwrap_or(SmtpSecurity::Starttls);
        let password = match (self.password, self.password_file) {
            (Some(_), Some(_)) => bail!("give smtp_password or smtp_password_file, not both"),
            (Some(p), None) => Some(p),
            (None, Some(path)) => Some(
                std::fs::read_to_string(&path)
                    .with_context(|| format!("reading SMTP password file {}", path.display()))?
                    .trim_end_matches(['\r', '\n'])
                    .to_owned(),
            ),
            (None, None) => None,
        };
        let Some(from) = self.from else {
            bail!("smtp_from (the sender address) is required when smtp_host is set");
        };
        if crate::mail::parse_mailbox(&from).is_none() {
            bail!("smtp_from {from:?} is not an e-mail address");
        }
        Ok(Some(SmtpConfig {
            host: host.trim().to_owned(),
            port: self.port.unwrap_or_else(|| security.default_port()),
            security,
            username: self.username,
            password,
            from,
        }))
    }
}

#[derive(Clone, Debug)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// How many failed logins are tolerated per window before further attempts get 429.
#[derive(Clone, Copy, Debug)]
pub struct LoginLimits {
    pub per_account: u32,
    pub per_ip: u32,
    pub window_secs: u64,
}

/// The server-side Argon2id cost for stored master-password hashes. The defaults are OWASP's
/// minimum (19 MiB, 2 passes, 1 lane); lower values are refused.
#[derive(Clone, Copy, Debug)]
pub struct PasswordHashCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl PasswordHashCost {
    pub const OWASP_MINIMUM: Self = Self {
        memory_kib: 19 * 1024,
        iterations: 2,
    };
}

/// The `[server]`-less flat TOML file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub signups_allowed: Option<bool>,
    pub signups_verify_email: Option<bool>,
    pub public_url: Option<String>,
    pub attachment_max_mb: Option<u64>,
    pub login_failures_per_account: Option<u32>,
    pub login_failures_per_ip: Option<u32>,
    pub login_failure_window_secs: Option<u64>,
    pub password_hash_memory_kib: Option<u32>,
    pub password_hash_iterations: Option<u32>,
    pub db_max_connections: Option<u32>,
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_security: Option<SmtpSecurity>,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    pub smtp_password_file: Option<PathBuf>,
    pub smtp_from: Option<String>,
    pub admin_token_hash: Option<String>,
    /// USD per seat per month (Teams, Enterprise) or per year (Enterprise annual).
    pub provider_price_teams_monthly: Option<f64>,
    pub provider_price_enterprise_monthly: Option<f64>,
    pub provider_price_enterprise_annually: Option<f64>,
}

impl FileConfig {
    fn smtp(&self) -> SmtpSettings {
        SmtpSettings {
            host: self.smtp_host.clone(),
            port: self.smtp_port,
            security: self.smtp_security,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
            password_file: self.smtp_password_file.clone(),
            from: self.smtp_from.clone(),
        }
    }

    /// # Errors
    /// When the file cannot be read or is not valid TOML with known keys.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("parsing config file {}", path.display()))
    }
}

/// Values given on the command line or in the environment; they win over the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
    pub signups_allowed: Option<bool>,
    pub public_url: Option<String>,
    pub smtp: SmtpSettings,
    pub admin_token_hash: Option<String>,
}

impl Config {
    /// Merges file and overrides, applies defaults and validates.
    ///
    /// # Errors
    /// A message naming the bad value.
    pub fn resolve(file: FileConfig, o: Overrides) -> anyhow::Result<Self> {
        let smtp = o.smtp.clone().or(file.smtp()).resolve()?;
        let bind_text = o
            .bind
            .or(file.bind)
            .unwrap_or_else(|| "127.0.0.1:8000".into());
        let bind: SocketAddr = bind_text
            .parse()
            .with_context(|| format!("bind address {bind_text:?} is not host:port"))?;
        let data_dir = o
            .data_dir
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = match o.database_url.or(file.database_url) {
            Some(url) => normalize_database_url(&url),
            None => format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("bulwark.sqlite3").display()
            ),
        };
        let tls = match (o.tls_cert.or(file.tls_cert), o.tls_key.or(file.tls_key)) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            (None, None) => None,
            _ => bail!("--tls-cert and --tls-key must be given together"),
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let public_url = o
            .public_url
            .or(file.public_url)
            .unwrap_or_else(|| format!("{scheme}://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("public URL {public_url:?} must start with http:// or https://");
        }
        let password_hash = PasswordHashCost {
            memory_kib: file
                .password_hash_memory_kib
                .unwrap_or(PasswordHashCost::OWASP_MINIMUM.memory_kib),
            iterations: file
                .password_hash_iterations
                .unwrap_or(PasswordHashCost::OWASP_MINIMUM.iterations),
        };
        if password_hash.memory_kib < PasswordHashCost::OWASP_MINIMUM.memory_kib
            || password_hash.iterations < PasswordHashCost::OWASP_MINIMUM.iterations
        {
            bail!("password hash cost below OWASP's Argon2id minimum (19456 KiB, 2 passes)");
        }
        let admin_token_hash = o
            .admin_token_hash
            .or(file.admin_token_hash)
            .map(|h| h.trim().to_owned())
            .filter(|h| !h.is_empty());
        if let Some(hash) = &admin_token_hash {
            check_admin_token_hash(hash)?;
        }
        let seat_prices = SeatPrices::from_usd(
            file.provider_price_teams_monthly,
            file.provider_price_enterprise_monthly,
            file.provider_price_enterprise_annually,
        )
        .map_err(|plan| {
            anyhow::anyhow!("provider_price_{plan} must be a price in USD between 0 and 1000000")
        })?;
        let attachment_max_mb = file.attachment_max_mb.unwrap_or(100);
        if attachment_max_mb == 0 {
            bail!("attachment_max_mb must be at least 1");
        }
        Ok(Self {
            bind,
            data_dir,
            database_url,
            tls,
            signups_allowed: o.signups_allowed.or(file.signups_allowed).unwrap_or(true),
            signups_verify_email: file.signups_verify_email.unwrap_or(false),
            public_url,
            attachment_max_bytes: attachment_max_mb * 1024 * 1024,
            login_limits: LoginLimits {
                per_account: file.login_failures_per_account.unwrap_or(10),
                per_ip: file.login_failures_per_ip.unwrap_or(50),
                window_secs: file.login_failure_window_secs.unwrap_or(300),
            },
            password_hash,
            db_max_connections: file.db_max_connections.unwrap_or(16),
            smtp,
            admin_token_hash,
            seat_prices,
        })
    }

    /// Where attachment files are kept.
    #[must_use]
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }
}

/// The admin token hash must be an Argon2id PHC string (what `bulwark admin hash-token`
/// prints); a plain token pasted by mistake is refused rather than silently never matching.
fn check_admin_token_hash(hash: &str) -> anyhow::Result<()> {
    let parsed = argon2::password_hash::PasswordHash::new(hash).map_err(|_| {
        anyhow::anyhow!(
            "admin_token_hash is not an Argon2 PHC string; make one with `bulwark admin hash-token`"
        )
    })?;
    if parsed.algorithm.as_str() != "argon2id" || parsed.hash.is_none() {
        bail!("admin_token_hash must be an Argon2id hash (from `bulwark admin hash-token`)");
    }
    Ok(())
}

/// Accepts a bare SQLite path as well as a URL, and makes sure SQLite creates the file.
fn normalize_database_url(url: &str) -> String {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return url.to_owned();
    }
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    if path.contains('?') {
        format!("sqlite://{path}")
    } else {
        format!("sqlite://{path}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_sqlite_under_the_data_dir_on_localhost() {
        let c = Config::resolve(FileConfig::default(), Overrides::default()).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:8000");
        assert!(c.database_url.starts_with("sqlite://data/bulwark.sqlite3"));
        assert!(c.signups_allowed);
        assert_eq!(c.public_url, "http://127.0.0.1:8000");
    }

    #[test]
    fn overrides_win_over_the_file() {
        let file = FileConfig {
            bind: Some("0.0.0.0:1".into()),
            signups_allowed: Some(true),
            ..FileConfig::default()
        };
        let o = Overrides {
            bind: Some("127.0.0.1:9".into()),
            signups_allowed: Some(false),
            database_url: Some("/tmp/x.db".into()),
            ..Overrides::default()
        };
        let c = Config::resolve(file, o).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:9");
        assert!(!c.signups_allowed);
        assert_eq!(c.database_url, "sqlite:///tmp/x.db?mode=rwc");
    }

    #[test]
    fn bad_values_are_refused_with_a_clear_message() {
        let o = Overrides {
            bind: Some("nowhere".into()),
            ..Overrides::default()
        };
        let e = Config::resolve(FileConfig::default(), o).unwrap_err();
        assert!(e.to_string().contains("bind address"));
        let o = Overrides {
            tls_cert: Some("c.pem".into()),
            ..Overrides::default()
        };
        assert!(Config::resolve(FileConfig::default(), o).is_err());
        let weak = FileConfig {
            password_hash_memory_kib: Some(1024),
            ..FileConfig::default()
        };
        assert!(Config::resolve(weak, Overrides::default()).is_err());
    }

    #[test]
    fn the_example_file_documents_every_key_and_parses() {
        let text = include_str!("../../../config.example.toml");
        let file: FileConfig = toml::from_str(text).unwrap();
        assert!(Config::resolve(file, Overrides::default()).is_ok());
        // Each key of the file format appears in the example, commented out or not.
        for key in [
            "bind",
            "data_dir",
            "database_url",
            "tls_cert",
            "tls_key",
            "public_url",
            "signups_allowed",
            "signups_verify_email",
            "attachment_max_mb",
            "login_failures_per_account",
            "login_failures_per_ip",
            "login_failure_window_secs",
            "password_hash_memory_kib",
            "password_hash_iterations",
            "db_max_connections",
            "smtp_host",
            "smtp_port",
            "smtp_security",
            "smtp_username",
            "smtp_password",
            "smtp_password_file",
            "smtp_from",
            "admin_token_hash",
            "provider_price_teams_monthly",
            "provider_price_enterprise_monthly",
            "provider_price_enterprise_annually",
        ] {
            assert!(
                text.contains(&format!("{key} = ")),
                "{key} missing from config.example.toml"
            );
        }
    }

    #[test]
    fn provider_prices_come_from_the_file() {
        let file = FileConfig {
            provider_price_teams_monthly: Some(3.5),
            ..FileConfig::default()
        };
        let c = Config::resolve(file, Overrides::default()).unwrap();
        assert_eq!(c.seat_prices.teams_monthly, 350);
        let file = FileConfig {
            provider_price_enterprise_monthly: Some(-1.0),
            ..FileConfig::default()
        };
        let e = Config::resolve(file, Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("provider_price_enterprise_monthly"));
    }

    #[test]
    fn smtp_is_off_without_a_host_and_complete_with_one() {
        let c = Config::resolve(FileConfig::default(), Overrides::default()).unwrap();
        assert!(c.smtp.is_none());
        let file = FileConfig {
            smtp_host: Some("mail.example.com".into()),
            smtp_from: Some("Bulwark <vault@example.com>".into()),
            smtp_security: Some(SmtpSecurity::ForceTls),
            smtp_password: Some("file-secret".into()),
            ..FileConfig::default()
        };
        let o = Overrides {
            smtp: SmtpSettings {
                password: Some("env-secret".into()),
                ..SmtpSettings::default()
            },
            ..Overrides::default()
        };
        let smtp = Config::resolve(file, o).unwrap().smtp.unwrap();
        assert_eq!(smtp.port, 465, "the port follows the security mode");
        assert_eq!(smtp.password.as_deref(), Some("env-secret"));
        assert!(
            !format!("{smtp:?}").contains("secret"),
            "Debug hides the password"
        );
    }

    #[test]
    fn smtp_password_file_is_read_and_bad_smtp_settings_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "s3cret\n").unwrap();
        let file = FileConfig {
            smtp_host: Some("mail.example.com".into()),
            smtp_from: Some("vault@example.com".into()),
            smtp_password_file: Some(path),
            ..FileConfig::default()
        };
        let smtp = Config::resolve(file, Overrides::default())
            .unwrap()
            .smtp
            .unwrap();
        assert_eq!(smtp.password.as_deref(), Some("s3cret"));
        assert_eq!(smtp.security, SmtpSecurity::Starttls);
        let no_from = FileConfig {
            smtp_host: Some("mail.example.com".into()),
            ..FileConfig::default()
        };
        let e = Config::resolve(no_from, Overrides::default()).unwrap_err();
        assert!(e.to_string().contains("smtp_from"));
        let bad_from = FileConfig {
            smtp_host: Some("mail.example.com".into()),
            smtp_from: Some("not an address".into()),
            ..FileConfig::default()
        };
        assert!(Config::resolve(bad_from, Overrides::default()).is_err());
        let no_host = FileConfig {
            smtp_from: Some("vault@example.com".into()),
            ..FileConfig::default()
        };
        assert!(Config::resolve(no_host, Overrides::default()).is_err());
    }

    #[test]
    fn the_admin_token_hash_must_be_argon2id() {
        let with = |hash: &str| {
            Config::resolve(
                FileConfig::default(),
                Overrides {
                    admin_token_hash: Some(hash.into()),
                    ..Overrides::default()
                },
            )
        };
        let good = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert_eq!(with(good).unwrap().admin_token_hash.as_deref(), Some(good));
        assert!(with("plain-token").is_err());
        assert!(with(
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        )
        .is_err());
        assert!(with("  ").unwrap().admin_token_hash.is_none());
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        assert!(toml::from_str::<FileConfig>("bnid = \"x\"").is_err());
    }
}
