//! The server under test: a `bulwark` child process the benchmark starts (and owns), or any
//! Bitwarden-compatible server already running at a URL (`--server URL`), for comparisons.

use crate::args::Args;
use crate::server::ServerProcess;
use anyhow::{bail, Context};
use std::time::Duration;

pub enum Target {
    Spawned(ServerProcess),
    External { base_url: String, pid: Option<u32> },
}

impl Target {
    /// Starts `--server-bin`, or checks that the `--server` URL answers `GET /alive`.
    pub async fn start(args: &Args) -> anyhow::Result<Self> {
        let Some(url) = &args.server else {
            let server = ServerProcess::start(
                &args.server_bin,
                args.database_url.as_deref(),
                args.server_log.as_deref(),
                &args.server_env,
            )
            .await?;
            return Ok(Self::Spawned(server));
        };
        let base_url = url.trim_end_matches('/').to_owned();
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()?;
        let alive = format!("{base_url}/alive");
        let resp = http
            .get(&alive)
            .send()
            .await
            .with_context(|| format!("no server answers at {alive}"))?;
        if !resp.status().is_success() {
            bail!("GET {alive} answered {}", resp.status());
        }
        if let Some(pid) = args.server_pid {
            crate::proc_status::read(pid)
                .with_context(|| format!("reading the memory of --server-pid {pid}"))?;
        }
        Ok(Self::External {
            base_url,
            pid: args.server_pid,
        })
    }

    pub fn base_url(&self) -> &str {
        match self {
            Self::Spawned(server) => &server.base_url,
            Self::External { base_url, .. } => base_url,
        }
    }

    /// The process whose memory is read, when known.
    pub fn pid(&self) -> Option<u32> {
        match self {
            Self::Spawned(server) => Some(server.pid()),
            Self::External { pid, .. } => *pid,
        }
    }

    pub fn log_tail(&self) -> Option<String> {
        match self {
            Self::Spawned(server) => Some(server.log_tail()),
            Self::External { .. } => None,
        }
    }

    /// What the results name as the server: its binary, or its URL.
    pub fn describe(&self, args: &Args) -> String {
        match self {
            Self::Spawned(_) => args.server_bin.display().to_string(),
            Self::External { base_url, .. } => base_url.clone(),
        }
    }
}
