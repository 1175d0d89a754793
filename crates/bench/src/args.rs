//! Command-line options. Every loop the benchmark runs is bounded by one of these counts.

use clap::Parser;
use std::path::PathBuf;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "bulwark-bench",
    about = "Benchmarks a Bulwark server binary over loopback and prints a results table"
)]
pub struct Args {
    /// The server binary to start (a release build, or the figures mean little).
    #[arg(long, default_value = "target/release/bulwark")]
    pub server_bin: PathBuf,

    /// Benchmark this already running Bitwarden-compatible server (e.g. `http://127.0.0.1:8000`)
    /// instead of starting `--server-bin`: only the measures that use standard routes run (the
    /// organization and provider phases need Bulwark's log or operator API and are skipped),
    /// and the server's memory is read only with `--server-pid`. It needs open registration
    /// and no rate limit on logins from loopback.
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,

    /// With `--server URL`: the process id of that server, so its resident memory can be read
    /// from `/proc` (the user running the bench must be allowed to).
    #[arg(long, requires = "server")]
    pub server_pid: Option<u32>,

    /// Run against this PostgreSQL database instead of a fresh SQLite file. It should be empty;
    /// the accounts get per-run email addresses, so a reused database still works, and it is
    /// not dropped afterwards.
    #[arg(long)]
    pub database_url: Option<String>,

    /// Write the results as JSON to this file.
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// Keep the server's log (one line per request with its duration) at this path instead of
    /// deleting it with the data directory; useful to see server-side request times.
    #[arg(long)]
    pub server_log: Option<PathBuf>,

    /// Extra environment for the server only, as KEY=VALUE (repeatable), e.g. to try allocator
    /// settings such as GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1048576 without affecting the
    /// load generator.
    #[arg(long, value_parser = parse_env_pair)]
    pub server_env: Vec<(String, String)>,

    /// Vault sizes whose sync is timed (comma-separated). The largest one is the vault during
    /// which server memory is sampled and the one the sync target applies to.
    #[arg(long, value_delimiter = ',', default_values_t = [1_000usize, 10_000])]
    pub vault_sizes: Vec<usize>,

    /// Untimed syncs before the timed ones (first-touch costs: page cache, statement cache).
    #[arg(long, default_value_t = 3)]
    pub sync_warmups: usize,

    /// Timed syncs per vault size.
    #[arg(long, default_value_t = 30)]
    pub sync_runs: usize,

    /// Items created one request at a time for the throughput measure.
    #[arg(long, default_value_t = 3_000)]
    pub create_items: usize,

    /// Password logins for the login-rate measure.
    #[arg(long, default_value_t = 200)]
    pub logins: usize,

    /// Accounts the logins are spread over.
    #[arg(long, default_value_t = 8)]
    pub login_users: usize,

    /// Requests in flight at once for the creation and login measures.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,

    /// Organizations the shared-items member belongs to (0 skips that phase).
    #[arg(long, default_value_t = 20)]
    pub org_count: usize,

    /// Collections per organization; the member has direct access to all of them.
    #[arg(long, default_value_t = 10)]
    pub org_collections: usize,

    /// Items per organization, spread evenly over its collections.
    #[arg(long, default_value_t = 500)]
    pub org_items: usize,

    /// Invited members of the organization whose member list is timed (0 skips that phase).
    #[arg(long, default_value_t = 5_000)]
    pub org_members: usize,

    /// Client organizations of the provider whose clients list and Service User sync are
    /// timed (0 skips that phase).
    #[arg(long, default_value_t = 10_000)]
    pub provider_clients: usize,

    /// The browser phase, on the provider phase's server: the portal's sign-in and its Clients
    /// page of that provider in headless Chromium (`--browser false` skips it; it is skipped
    /// with the reason when Node.js, Chromium or web/node_modules is missing).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub browser: bool,

    /// Page loads of the browser phase (each after a reload and unlock); figures are medians.
    #[arg(long, default_value_t = 5)]
    pub browser_runs: usize,

    /// The browser phase's script (relative paths from the repository's root).
    #[arg(long, default_value = "web/tests/bench/clients-page.mjs")]
    pub browser_script: PathBuf,

    /// The organization phase's browser script: the Admin Console's Members page of the
    /// `--org-members` organization (skipped, like the browser phase, with `--browser false`).
    #[arg(long, default_value = "web/tests/bench/members-page.mjs")]
    pub members_browser_script: PathBuf,

    /// The sync phase's browser script: the personal vault page of the largest `--vault-sizes`
    /// vault (skipped, like the browser phase, with `--browser false`).
    #[arg(long, default_value = "web/tests/bench/vault-page.mjs")]
    pub vault_browser_script: PathBuf,

    /// Node.js, which runs the browser phase's script.
    #[arg(long, default_value = "node")]
    pub node: PathBuf,

    /// Concurrent clients of the mixed load (0 skips that phase): each is its own account, with
    /// its own connection, that syncs and writes in a closed loop.
    #[arg(long, default_value_t = 200)]
    pub load_clients: usize,

    /// Items in each mixed-load client's vault, imported before the load.
    #[arg(long, default_value_t = 200)]
    pub load_items: usize,

    /// Rounds per mixed-load client; a round is sync, create an item, sync, update that item.
    #[arg(long, default_value_t = 5)]
    pub load_rounds: usize,

    /// Time limit of the mixed load in seconds: no client starts a round after it.
    #[arg(long, default_value_t = 120)]
    pub load_seconds: u64,

    /// Seconds to wait before the mixed load (after its accounts are registered and their vaults
    /// imported), after it with its clients still connected, and after they disconnected,
    /// before reading the server's memory each time.
    #[arg(long, default_value_t = 5)]
    pub load_settle_seconds: u64,

    /// Interval of the background RSS sampler, in milliseconds.
    #[arg(long, default_value_t = 5)]
    pub sample_ms: u64,
}

fn parse_env_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("{text:?} is not KEY=VALUE")),
    }
}
