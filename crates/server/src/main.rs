use bulwark_server::cli::{Cli, Command, LogFormat};
use bulwark_server::Application;
use clap::Parser;
use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// jemalloc, with the background purging thread that `.cargo/config.toml` builds in: freed
/// memory goes back to the system on a timer, whatever the freeing thread does next. It
/// replaces C's malloc too (Cargo.toml), so SQLite's memory is returned the same way. With
/// glibc's allocator the 19 MiB Argon2 buffer of each login stayed in per-thread arenas
/// (hundreds of MiB after a few logins); mimalloc purges only when the freeing thread
/// allocates again, so idle blocking threads kept tens of MiB.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Logs go to stdout for `serve` and to stderr for `admin`, whose stdout is its result.
fn init_logging(format: LogFormat, to_stderr: bool) {
    // BULWARK_LOG takes tracing's filter syntax; sqlx is kept at warn so statements never fill
    // the log.
    let filter =
        EnvFilter::try_from_env("BULWARK_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    // Colour codes only on a terminal: in a file, a pipe or a log collector they are noise
    // that breaks searching. NO_COLOR (any value) turns them off on a terminal too.
    let on_terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let ansi = on_terminal && std::env::var_os("NO_COLOR").is_none();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi);
    let writer = if to_stderr {
        tracing_subscriber::fmt::writer::BoxMakeWriter::new(std::io::stderr)
    } else {
        tracing_subscriber::fmt::writer::BoxMakeWriter::new(std::io::stdout)
    };
    let builder = builder.with_writer(writer);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

fn main() -> anyhow::Result<()> {
    // Blocking threads (SQLite reads, password hashing) linger 2 s instead of tokio's 10 s once
    // idle: each holds a stack and allocator caches, so after a burst of 200 clients memory
    // comes back within seconds; re-creating a thread costs microseconds.
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_keep_alive(std::time::Duration::from_secs(2))
        .build()?
        .block_on(run())
}

async fn run() -> anyhow::Result<()> {
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
        Command::Admin(args) => bulwark_server::admin_cli::run(args).await,
    }
}
