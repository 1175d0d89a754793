use bulwark_server::cli::{Cli, Command, LogFormat};
use bulwark_server::Application;
use clap::Parser;
use tracing_subscriber::EnvFilter;

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
            let public_url = config.public_url.clone();
            let app = Application::build(config).await?;
            tracing::info!(address = %app.local_addr()?, %public_url, "bulwark listening");
            app.run().await
        }
    }
}
