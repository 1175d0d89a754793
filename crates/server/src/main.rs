use bulwark_server::cli::{Cli, Command, LogFormat};
use bulwark_server::Application;
use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc returns freed memory to the system promptly. With glibc's allocator, the 19 MiB
/// Argon2 buffers of each login stayed in per-thread arenas and the resident size grew to
/// hundreds of MiB after a few logins.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn init_logging(format: LogFormat) {
    // BULWARK_LOG takes tracing's filter syntax; sqlx is kept at warn so statements never fill
    // the log.
    let filter =
        EnvFilter::try_from_env("BULWARK_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    match cli.command {
        Command::Serve(args) => {
            let config = args.into_config()?;
            let app = Application::build(config).await?;
            // Read after `build`: with `--bind …:0` it puts the real port into the public URL.
            let public_url = app.state().config.public_url.clone();
            tracing::info!(address = %app.local_addr()?, %public_url, "bulwark listening");
            app.run().await
        }
    }
}
