//! The `bulwark` command line.

use crate::config::{Config, FileConfig, Overrides, SmtpSecurity, SmtpSettings};
use bulwark_domain::provider::ProviderType;
use bulwark_domain::ProviderId;
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
    /// Operator tasks on the configured database (and SMTP), without a running server.
    Admin(AdminArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8000].
    #[arg(long, env = "BULWARK_BIND")]
    pub bind: Option<String>,
    /// Whether anyone may create an account (true/false) [default: true].
    #[arg(long, env = "BULWARK_SIGNUPS_ALLOWED")]
    pub signups_allowed: Option<bool>,
    /// PEM certificate chain: serve HTTPS directly (needs --tls-key).
    #[arg(long, env = "BULWARK_TLS_CERT")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert.
    #[arg(long, env = "BULWARK_TLS_KEY")]
    pub tls_key: Option<PathBuf>,
    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// The settings `serve` and `admin` share: where the data is, how mail goes out, the public
/// URL links are built from. Global, so `admin` accepts them after its subcommands too.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Directory for the SQLite database and attachments; created on first start [default: ./data].
    #[arg(long, global = true, env = "BULWARK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// A SQLite path or sqlite:// URL, or a postgres:// URL [default: <data-dir>/bulwark.sqlite3].
    #[arg(
        long,
        global = true,
        env = "BULWARK_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// A TOML configuration file (every key is shown in config.example.toml); flags and
    /// environment variables override its values.
    #[arg(long, global = true, env = "BULWARK_CONFIG")]
    pub config: Option<PathBuf>,
    /// The URL clients use to reach this server, e.g. https://vault.example.com [default: from --bind].
    #[arg(long, global = true, env = "BULWARK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// SMTP server for invitations and other mail; without it each mail's link is logged.
    #[arg(long, global = true, env = "BULWARK_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port [default: 25, 587 or 465 by --smtp-security].
    #[arg(long, global = true, env = "BULWARK_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// How the SMTP connection is secured [default: starttls].
    #[arg(long, global = true, env = "BULWARK_SMTP_SECURITY", value_enum)]
    pub smtp_security: Option<SmtpSecurity>,
    /// SMTP user name, when the server wants a login.
    #[arg(long, global = true, env = "BULWARK_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// SMTP password (prefer --smtp-password-file or the environment).
    #[arg(
        long,
        global = true,
        env = "BULWARK_SMTP_PASSWORD",
        hide_env_values = true
    )]
    pub smtp_password: Option<String>,
    /// A file holding the SMTP password.
    #[arg(long, global = true, env = "BULWARK_SMTP_PASSWORD_FILE")]
    pub smtp_password_file: Option<PathBuf>,
    /// The sender of Bulwark's mail, e.g. "Bulwark <vault@example.com>".
    #[arg(long, global = true, env = "BULWARK_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// The Argon2id hash of the operator's /admin bearer token (from `bulwark admin
    /// hash-token`); without it the /admin API is off.
    #[arg(
        long,
        global = true,
        env = "BULWARK_ADMIN_TOKEN_HASH",
        hide_env_values = true
    )]
    pub admin_token_hash: Option<String>,
}

impl ServeArgs {
    /// # Errors
    /// A clear message for an unreadable file or a bad value.
    pub fn into_config(self) -> anyhow::Result<Config> {
        self.settings.resolve(Overrides {
            bind: self.bind,
            tls_cert: self.tls_cert,
            tls_key: self.tls_key,
            signups_allowed: self.signups_allowed,
            ..Overrides::default()
        })
    }
}

impl SettingsArgs {
    /// The configuration from the file, the environment and these flags, with `serve`'s own
    /// values in `rest`.
    ///
    /// # Errors
    /// A clear message for an unreadable file or a bad value.
    pub fn resolve(self, rest: Overrides) -> anyhow::Result<Config> {
        let file = match &self.config {
            Some(path) => FileConfig::load(path)?,
            None => FileConfig::default(),
        };
        Config::resolve(
            file,
            Overrides {
                data_dir: self.data_dir,
                database_url: self.database_url,
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
                admin_token_hash: self.admin_token_hash,
                ..rest
            },
        )
    }
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create and manage providers (MSPs, resellers, business units).
    #[command(subcommand)]
    Provider(ProviderCommand),
    /// Read an admin token from stdin and print its Argon2id hash for `admin_token_hash`.
    HashToken,
}

#[derive(Debug, Subcommand)]
pub enum ProviderCommand {
    /// Create a provider owned by an existing account; prints its id and mails the owner the
    /// setup invitation.
    Create(CreateProviderArgs),
    /// List providers with their client and admin counts.
    List,
    /// Send the owner a fresh setup invitation (older links stop working).
    ResendSetup { id: ProviderId },
    /// Disable a provider and every client organization it manages.
    Disable { id: ProviderId },
    /// Enable a provider and its client organizations again.
    Enable { id: ProviderId },
    /// Delete a provider that manages no client organization.
    Delete { id: ProviderId },
}

#[derive(Debug, Args)]
pub struct CreateProviderArgs {
    /// msp, reseller or business-unit.
    #[arg(long = "type", value_parser = parse_provider_type)]
    pub provider_type: ProviderType,
    /// The e-mail of the provider's owner: an existing account, or an address that registers
    /// from the setup link.
    #[arg(long)]
    pub owner_email: String,
    /// A name for the operator's list; the owner chooses the provider's name at setup.
    #[arg(long)]
    pub name: Option<String>,
    /// Contracted seats of Teams (Monthly) clients [default: 0].
    #[arg(long)]
    pub teams_seat_minimum: Option<i64>,
    /// Contracted seats of Enterprise (Monthly) clients [default: 0].
    #[arg(long)]
    pub enterprise_seat_minimum: Option<i64>,
}

fn parse_provider_type(text: &str) -> Result<ProviderType, String> {
    ProviderType::parse_cli(text).map_err(str::to_owned)
}
