//! Everything one run measured; serialised as the `--out` JSON file.

use crate::browser::BrowserOutcome;
use crate::measure::sync::SyncTiming;
use crate::measure::Throughput;
use crate::orgs::members_page::MembersPageOutcome;
use crate::proc_status::Memory;
use crate::rss_sampler::RssSamples;
use crate::seed::SeedMethod;
use crate::stats::Latency;
use crate::targets::Check;
use crate::vault_page::VaultPageOutcome;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub environment: Environment,
    /// `None` when the server's memory cannot be read (`--server URL` without `--server-pid`);
    /// so are the other memory figures.
    pub idle_memory: Option<Memory>,
    /// `None` when skipped with `--load-clients 0`.
    pub load: Option<LoadResult>,
    pub syncs: Vec<SyncResult>,
    pub sync_memory: Option<SyncMemory>,
    /// The personal vault page of the largest vault in headless Chromium; `None` with
    /// `--browser false`, `skipped` with the reason when the browser or Node.js is missing.
    pub vault_page: Option<VaultPageOutcome>,
    pub create: Throughput,
    pub login: LoginResult,
    /// `None` when skipped with `--org-count 0`.
    pub org_sync: Option<OrgSyncResult>,
    /// `None` when skipped with `--org-members 0`.
    pub member_list: Option<MemberListResult>,
    /// The Admin Console's Members page of that organization in headless Chromium; `None`
    /// without the member list or with `--browser false`, `skipped` with the reason.
    pub members_page: Option<MembersPageOutcome>,
    /// `None` when skipped with `--provider-clients 0`.
    pub provider: Option<ProviderResult>,
    /// The portal's Clients page of that provider in headless Chromium; `None` without the
    /// provider phase or with `--browser false`, `skipped` with the reason when the browser or
    /// Node.js is missing.
    pub browser: Option<BrowserOutcome>,
    /// Server memory after each phase, in order: shows which phase leaves memory resident.
    pub memory_by_phase: Vec<PhaseMemory>,
    pub checks: Vec<Check>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PhaseMemory {
    pub after: String,
    #[serde(flatten)]
    pub memory: Memory,
}

#[derive(Debug, Clone, Serialize)]
pub struct Environment {
    /// The binary the bench started, or the URL of the server given with `--server`.
    pub server: String,
    /// `SQLite`, `PostgreSQL`, or `unknown` for a server the bench did not start.
    pub database: &'static str,
    /// `--server-env` settings, as KEY=VALUE.
    pub server_env: Vec<String>,
    pub cpus: usize,
    /// 1-minute load average before and after the run. Other work on the machine makes every
    /// figure worse, so a run is only trustworthy when `load_before` is low; `load_after`
    /// includes the run itself (server and load generator keep about two cores busy).
    pub load_before: f64,
    pub load_after: f64,
    pub unix_time: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncResult {
    pub items: usize,
    pub seeded_by: SeedMethod,
    pub seed_seconds: f64,
    pub response_bytes: usize,
    pub latency: Latency,
}

/// The mixed load: `clients` accounts at once, each syncing and writing in a closed loop.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LoadResult {
    pub clients: usize,
    pub items_per_vault: usize,
    /// Rounds asked of each client, and rounds completed by all of them together (fewer when
    /// the time limit stopped the load: then `finished_all` is false).
    pub rounds: usize,
    pub rounds_done: usize,
    pub finished_all: bool,
    pub requests: usize,
    pub requests_per_round: usize,
    /// Registering, importing the vaults and encrypting the bodies.
    pub seed_seconds: f64,
    pub seconds: f64,
    pub requests_per_second: f64,
    /// The largest sync response (a vault after its last creation).
    pub sync_response_bytes: usize,
    pub sync: Latency,
    pub create: Latency,
    pub update: Latency,
    /// `None` when the server's memory cannot be read.
    pub memory: Option<LoadMemory>,
}

/// Server memory during the mixed load, `settle_seconds` after it with the clients still
/// connected (idle keep-alive connections), and `settle_seconds` after they disconnected.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LoadMemory {
    /// `vault_items` is the items of all the load's vaults together.
    pub during: SyncMemory,
    pub settle_seconds: u64,
    pub connected: Memory,
    pub after: Memory,
}

/// Sync of one member of many organizations, every item shared through a collection.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct OrgSyncResult {
    pub organizations: usize,
    pub collections: usize,
    pub items: usize,
    /// Creating the orgs and collections, inviting, accepting, confirming and creating items.
    pub seed_seconds: f64,
    pub response_bytes: usize,
    pub latency: Latency,
    /// Server memory during these syncs (`vault_items` is the number of shared items).
    pub memory: SyncMemory,
}

/// `GET /api/organizations/{org}/users` of one organization with many invited members.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MemberListResult {
    pub invited: usize,
    /// Rows listed: the invitations and the owner.
    pub rows: usize,
    pub seed_seconds: f64,
    pub response_bytes: usize,
    pub latency: Latency,
    /// Server memory during the timed lists (`vault_items` is the number of rows).
    pub memory: SyncMemory,
}

/// A provider with many client organizations: its Provider Admin's clients list and its
/// Service User's sync (whose `profile.providerOrganizations` lists every client).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ProviderResult {
    pub clients: usize,
    /// Creating the clients through `POST /api/providers/{id}/clients`.
    pub seed_seconds: f64,
    pub list: TimedRead,
    pub sync: TimedRead,
    pub statements: StatementCounts,
}

/// One read timed in a loop, with the server's memory meanwhile.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TimedRead {
    pub response_bytes: usize,
    pub latency: Latency,
    pub memory: SyncMemory,
}

impl TimedRead {
    pub fn new(timing: SyncTiming, memory: SyncMemory) -> Self {
        Self {
            response_bytes: timing.response_bytes,
            latency: timing.latency,
            memory,
        }
    }
}

/// SQL statements (through sqlx) per request, for a provider with `few_clients` clients and
/// for the large one; equal counts mean no statement per client.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct StatementCounts {
    pub few_clients: usize,
    pub list_few: usize,
    pub list_many: usize,
    pub sync_few: usize,
    pub sync_many: usize,
}

/// Server memory while the largest vault was synced repeatedly.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SyncMemory {
    pub vault_items: usize,
    pub sampled: RssSamples,
    pub sample_interval_ms: u64,
    /// RSS just before the first sync: what earlier phases (seeding) left resident.
    pub rss_before_kib: u64,
    /// VmHWM after the syncs; covers only the syncs when `hwm_reset` is true.
    pub hwm_kib: u64,
    pub hwm_reset: bool,
}

impl SyncMemory {
    /// The worst RSS seen during the syncs: the sampled peak, or VmHWM when it was reset before
    /// them and so catches spikes shorter than the sampling interval.
    pub fn peak_kib(&self) -> u64 {
        if self.hwm_reset {
            self.sampled.peak_rss_kib.max(self.hwm_kib)
        } else {
            self.sampled.peak_rss_kib
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct LoginResult {
    pub users: usize,
    #[serde(flatten)]
    pub throughput: Throughput,
}

#[allow(clippy::cast_precision_loss)] // KiB counts are far below 2^52
pub fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
