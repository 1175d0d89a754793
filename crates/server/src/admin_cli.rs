//! `bulwark admin …`: the operator's commands, run against the configured database and SMTP
//! through the same services as the `/admin` HTTP API. Results go to stdout (the created
//! provider's id alone, so scripts can capture it); logs go to stderr.

use crate::auth::password::PasswordHasherService;
use crate::cli::{AdminArgs, AdminCommand, CreateProviderArgs, ProviderCommand};
use crate::config::{Overrides, PasswordHashCost};
use crate::error::ApiError;
use crate::services::provider_admin::{self, NewProvider};
use crate::state::AppState;
use anyhow::Context;
use bulwark_domain::provider::{ProviderStatus, ProviderType};
use std::io::Read;

/// A service refusal as the operator should read it (the message, not an HTTP status).
fn explain(e: ApiError) -> anyhow::Error {
    match e {
        ApiError::BadRequest(m) => anyhow::anyhow!(m),
        ApiError::Validation { key, message } => anyhow::anyhow!("{key}: {message}"),
        ApiError::NotFound => anyhow::anyhow!("no such provider"),
        ApiError::Internal(inner) => inner,
        other => anyhow::anyhow!(other.to_string()),
    }
}

/// Runs one admin command.
///
/// # Errors
/// Bad configuration, an unreachable database, or the service's refusal.
pub async fn run(args: AdminArgs) -> anyhow::Result<()> {
    if let AdminCommand::HashToken = args.command {
        return hash_token().await;
    }
    let config = args.settings.resolve(Overrides::default())?;
    let state = AppState::build(config).await?;
    let AdminCommand::Provider(command) = args.command else {
        return Ok(());
    };
    let result = provider(&state, command).await;
    // Pending writes are committed; close so SQLite checkpoints before the process ends.
    state.store.close().await;
    result
}

async fn provider(state: &AppState, command: ProviderCommand) -> anyhow::Result<()> {
    match command {
        ProviderCommand::Create(a) => {
            let id = provider_admin::create(state, &new_provider(a))
                .await
                .map_err(explain)?;
            println!("{id}");
        }
        ProviderCommand::List => {
            let rows = provider_admin::list(state).await.map_err(explain)?;
            println!("ID\tTYPE\tSTATUS\tENABLED\tCLIENTS\tADMINS\tNAME");
            for r in rows {
                let p = r.provider;
                let kind =
                    ProviderType::try_from(p.provider_type).map_or("?", ProviderType::display_name);
                let status = match ProviderStatus::try_from(p.status) {
                    Ok(ProviderStatus::Pending) => "pending setup",
                    Ok(ProviderStatus::Created) => "created",
                    Ok(ProviderStatus::Billable) => "set up",
                    Err(_) => "?",
                };
                let name = p.name.or(p.business_name).unwrap_or_default();
                println!(
                    "{}\t{kind}\t{status}\t{}\t{}\t{}\t{name}",
                    p.id,
                    if p.enabled != 0 { "yes" } else { "no" },
                    r.client_count,
                    r.admin_count,
                );
            }
        }
        ProviderCommand::ResendSetup { id } => {
            provider_admin::resend_setup(state, id)
                .await
                .map_err(explain)?;
            eprintln!("setup invitation sent again");
        }
        ProviderCommand::Disable { id } => {
            provider_admin::set_enabled(state, id, false)
                .await
                .map_err(explain)?;
            eprintln!("provider and its client organizations disabled");
        }
        ProviderCommand::Enable { id } => {
            provider_admin::set_enabled(state, id, true)
                .await
                .map_err(explain)?;
            eprintln!("provider and its client organizations enabled");
        }
        ProviderCommand::Delete { id } => {
            provider_admin::delete(state, id).await.map_err(explain)?;
            eprintln!("provider deleted");
        }
    }
    Ok(())
}

fn new_provider(a: CreateProviderArgs) -> NewProvider {
    NewProvider {
        provider_type: a.provider_type,
        owner_email: a.owner_email,
        name: a.name,
        billing_email: None,
        teams_seat_minimum: a.teams_seat_minimum,
        enterprise_seat_minimum: a.enterprise_seat_minimum,
    }
}

/// Reads the token from stdin (one line; the trailing newline is not part of it) and prints
/// its Argon2id PHC hash at the OWASP cost.
async fn hash_token() -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("reading the token from stdin")?;
    let token = text.trim_end_matches(['\r', '\n']);
    if token.trim().len() < 16 {
        anyhow::bail!("the admin token must be at least 16 characters (pipe it on stdin)");
    }
    let hasher = PasswordHasherService::new(PasswordHashCost::OWASP_MINIMUM)?;
    println!("{}", hasher.hash(token.to_owned()).await?);
    Ok(())
}
