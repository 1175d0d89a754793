//! `bulwark-bench`: starts a Bulwark server binary on loopback (or uses any running
//! Bitwarden-compatible server given by URL), loads it with realistic clients, and prints a
//! Markdown table of latency, throughput and memory against the project's targets (optionally
//! also JSON via `--out`).

mod accounts;
mod args;
mod browser;
mod concurrent;
mod items;
mod load;
mod measure;
mod orgs;
mod proc_status;
mod provider;
mod report;
mod results;
mod rss_sampler;
mod run;
mod seed;
mod server;
mod stats;
mod target;
mod targets;
mod vault_page;

use anyhow::Context;
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args::Args::parse();
    // On Ctrl-C or SIGTERM the run future is dropped, and with it the server guard, which kills
    // the child; the default signal action would exit without running any destructor.
    let results = tokio::select! {
        results = run::run(&args) => results?,
        signal = interrupted() => anyhow::bail!("interrupted by {}", signal?),
    };
    println!("{}", report::markdown(&results));
    if let Some(path) = &args.out {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_string_pretty(&results)?;
        std::fs::write(path, json + "\n").with_context(|| format!("writing {}", path.display()))?;
        eprintln!("results written to {}", path.display());
    }
    Ok(())
}

/// Resolves with the name of the first termination signal received.
async fn interrupted() -> anyhow::Result<&'static str> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r.map(|()| "SIGINT").map_err(Into::into),
        _ = term.recv() => Ok("SIGTERM"),
    }
}
