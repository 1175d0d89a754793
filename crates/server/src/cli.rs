//! The `bulwark` command line.

use crate::config::{Config, FileConfig, Overrides, SmtpSecurity, SmtpSettings};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "bulwark",
    version,
    about = "A self-hosted, Bitwarden-compatible password manager server"
)]
pub struct Cli {
    /// Log line format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "BULWARK_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(ServeArgs),
    /// Operator tasks on the configured database (same options as `serve`).
    Admin(AdminArgs),
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub server: ServeArgs,
    #[command(subcommand)]
    pub task: AdminTask,
}

#[derive(Debug, Subcommand)]
pub enum AdminTask {
    /// Providers (MSPs, resellers, business units).
    #[command(subcommand)]
    Provider(ProviderTask),
}

#[derive(Debug, Subcommand)]
pub enum ProviderTask {
    /// Create a provider for an existing account, which gets the setup link; prints its id.
    Create {
        /// msp, reseller or business-unit.
        #[arg(long = "type")]
        provider_type: String,
        /// The account that sets the provider up and becomes its first Provider Admin.
        #[arg(long)]
        owner_email: String,
        #[arg(long)]
        name: Option<String>,
        /// Contracted Teams seats.
        #[arg(long, default_value_t = 0)]
        teams_seat_minimum: i64,
        /// Contracted Enterprise seats.
        #[arg(long, default_value_t = 0)]
        enterprise_seat_minimum: i64,
    },
    /// List providers with their client and admin counts.
    List,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8000].
    #[arg(long, env = "BULWARK_BIND")]
    pub bind: Option<String>,
    /// Directory for the SQLite database and attachments; created on first start [default: ./data].
    #[arg(long, env = "BULWARK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// A SQLite path or sqlite:// URL, or a postgres:// URL [default: <data-dir>/bulwark.sqlite3].
    #[arg(long, env = "BULWARK_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// A TOML configuration file (every key is shown in config.example.toml); flags and
    /// environment variables override its values.
    #[arg(long, env = "BULWARK_CONFIG")]
    pub config: Option<PathBuf>,
    /// Whether anyone may create an account (true/false) [default: true].
    #[arg(long, env = "BULWARK_SIGNUPS_ALLOWED")]
    pub signups_allowed: Option<bool>,
    /// PEM certificate chain: serve HTTPS directly (needs --tls-key).
    #[arg(long, env = "BULWARK_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, env = "BULWARK_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
    /// The URL clients use to reach this server, e.g. https://vault.example.com [default: from --bind].
    #[arg(long, env = "BULWARK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP server for invitations and other mail; without it each mail's link is logged.
    #[arg(long, env = "BULWARK_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port [default: 25, 587 or 465 by --smtp-security].
    #[arg(long, env = "BULWARK_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// How the SMTP connection is secured [default: starttls].
    #[arg(long, env = "BULWARK_SMTP_SECURITY", value_enum)]
    pub smtp_security: Option<SmtpSecurity>,
    /// SMTP user name, when the server wants a login.
    #[arg(long, env = "BULWARK_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// SMTP password (prefer --smtp-password-file or the environment).
    #[arg(long, env = "BULWARK_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// A file holding the SMTP password.
    #[arg(long, env = "BULWARK_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// The sender of Bulwark's mail, e.g. "Bulwark <vault@example.com>".
    #[arg(long, env = "BULWARK_SMTP_FROM")]
    pub smtp_from: Option<String>,
}

impl ServeArgs {
    /// # Errors
    /// A clear message for an unreadable file or a bad value.
    pub fn into_config(self) -> anyhow::Result<Config> {
        let file = match &self.config {
            Some(path) => FileConfig::load(path)?,
            None => FileConfig::default(),
        };
        Config::resolve(
            file,
            Overrides {
                bind: self.bind,
                data_dir: self.data_dir,
                database_url: self.database_url,
                tls_cert: self.tls_cert,
                tls_key: self.tls_key,
                signups_allowed: self.signups_allowed,
                public_url: self.public_url,
                smtp: SmtpSettings {
                    host: self.smtp_host,
                    port: self.smtp_port,
                    security: self.smtp_security,
                    username: self.smtp_username,
                    password: self.smtp_password,
                    password_file: self.smtp_password_file,
                    from: self.smtp_from,
                },
            },
        )
    }
}
