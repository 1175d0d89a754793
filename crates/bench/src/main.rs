//! `bulwark-bench`: starts a Bulwark server binary on loopback, loads it with realistic
//! clients, and prints a Markdown table of latency, throughput and memory against the
//! project's targets (optionally also JSON via `--out`).

mod accounts;
mod args;
mod concurrent;
mod items;
mod measure;
mod proc_status;
mod report;
mod results;
mod rss_sampler;
mod run;
mod seed;
mod server;
mod stats;
mod targets;

use anyhow::Context;
use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = args::Args::parse();
    let results = run::run(&args).await?;
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
