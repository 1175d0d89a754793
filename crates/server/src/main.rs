use bulwark_server::cli::{AdminTask, Cli, Command, LogFormat, ProviderTask};
use bulwark_server::services::provider_admin::{self, NewProvider};
use bulwark_server::state::AppState;
use bulwark_server::Application;
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// jemalloc, with the background purging thread that `.cargo/config.toml` builds in: freed
/// memory goes back to the system on a timer, whatever the freeing thread does next. With
/// glibc's allocator the 19 MiB Argon2 buffer of each login stayed in per-thread arenas
/// (hundreds of MiB after a few logins); mimalloc purges only when the freeing thread
/// allocates again, so idle blocking threads kept tens of MiB.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Logs go to stdout for the server; operator commands log to stderr, so their stdout carries
/// only their result (the new provider's id, a listing).
fn init_logging(format: LogFormat, to_stderr: bool) {
    // BULWARK_LOG takes tracing's filter syntax; sqlx is kept at warn so statements never fill
    // the log.
    let filter =
        EnvFilter::try_from_env("BULWARK_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match (format, to_stderr) {
        (LogFormat::Text, false) => builder.init(),
        (LogFormat::Json, false) => builder.json().flatten_event(true).init(),
        (LogFormat::Text, true) => builder.with_writer(std::io::stderr).init(),
        (LogFormat::Json, true) => builder
            .json()
            .flatten_event(true)
            .with_writer(std::io::stderr)
            .init(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_logging(cli.log_format, matches!(cli.command, Command::Admin(_)));
    match cli.command {
        Command::Serve(args) => {
            let config = args.into_config()?;
            let app = Application::build(config).await?;
            // Read after `build`: with `--bind …:0` it puts the real port into the public URL.
            let public_url = app.state().config.public_url.clone();
            tracing::info!(address = %app.local_addr()?, %public_url, "bulwark listening");
            app.run().await
        }
        Command::Admin(args) => {
            let state = AppState::build(args.server.into_config()?).await?;
            let out = match args.task {
                AdminTask::Provider(task) => provider_task(&state, task).await,
            };
            state.store.close().await;
            out
        }
    }
}

async fn provider_task(state: &AppState, task: ProviderTask) -> anyhow::Result<()> {
    match task {
        ProviderTask::Create {
            provider_type,
            owner_email,
            name,
            teams_seat_minimum,
            enterprise_seat_minimum,
        } => {
            let provider_type = bulwark_domain::provider::ProviderType::parse_cli(&provider_type)
                .map_err(anyhow::Error::msg)?;
            let id = provider_admin::create(
                state,
                NewProvider {
                    provider_type,
                    owner_email,
                    name,
                    teams_seat_minimum,
                    enterprise_seat_minimum,
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{id}");
        }
        ProviderTask::List => {
            println!("id\ttype\tstatus\tenabled\tname\tclients\tadmins");
            for p in provider_admin::list(state)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                let r = &p.provider;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.provider_type,
                    r.status,
                    r.enabled != 0,
                    r.name.as_deref().unwrap_or("-"),
                    p.client_count,
                    p.admin_count
                );
            }
        }
    }
    Ok(())
}
