use bulwark_server::cli::{Cli, Command};
use bulwark_server::Application;
use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("BULWARK_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(args) => {
            let config = args.into_config()?;
            let public_url = config.public_url.clone();
            let app = Application::build(config).await?;
            tracing::info!(address = %app.local_addr()?, %public_url, "bulwark listening");
            app.run().await
        }
    }
}
