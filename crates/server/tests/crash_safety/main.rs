//! Crash safety: the real `bulwark` binary is killed with SIGKILL while concurrent writers are
//! creating items and folders, several times on the same database. Every write the server
//! acknowledged must be there after each restart, the server must start cleanly on what the
//! kill left behind, and on SQLite the file must pass `PRAGMA integrity_check`.
//!
//! Also here, because it needs the binary's real stdout: the log carries no terminal colour
//! codes when it goes to a pipe.

mod load;
mod server;

use bulwark_client::{AccountSecrets, Client, Kdf, Session};
use load::{Ack, Kind, Load};
use rand::Rng;
use server::{without_colour_codes, ServerProcess};
use sqlx::Connection;
use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::path::Path;
use std::time::{Duration, Instant};

/// Kills that interrupted writes in flight, per database.
const CYCLES: usize = 5;
/// Kills that found no request in flight (a starved test process can leave every answer
/// unread in its socket while the server waits) do not count towards `CYCLES`; this many are
/// tolerated before the test gives up on hitting a busy server.
const IDLE_KILLS_TOLERATED: usize = 3;
/// Concurrent writers during each cycle.
const WRITERS: usize = 8;
/// The server is killed only once this many writes of the cycle are acknowledged: a kill
/// before that would hit a server that was barely writing, and prove little.
const MIN_ACKS_PER_CYCLE: usize = 20;
/// A debug build on a loaded machine still does this in well under a second.
const MIN_ACKS_WITHIN: Duration = Duration::from_secs(30);
/// How long after `MIN_ACKS_PER_CYCLE` the kill comes, drawn anew each cycle, in milliseconds.
const KILL_AFTER_MS: RangeInclusive<u64> = 200..=500;
/// How many lost writes a failure names; the count covers them all.
const LOST_IDS_SHOWN: usize = 50;
/// The SQLite file `bulwark serve` uses in its data directory when given no database URL.
const DEFAULT_SQLITE_FILE: &str = "bulwark.sqlite3";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_during_writes_loses_nothing_on_sqlite() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    survive_kills("SQLite", data_dir.path(), None).await;
    let integrity = sqlite_integrity_check(&data_dir.path().join(DEFAULT_SQLITE_FILE)).await;
    assert_eq!(integrity, ["ok"], "PRAGMA integrity_check after the kills");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_during_writes_loses_nothing_on_postgres() {
    let (name, url) = bulwark_testkit::postgres::fresh_database("bulwark_test").await;
    let data_dir = tempfile::tempdir().expect("temp dir");
    survive_kills("PostgreSQL", data_dir.path(), Some(&url)).await;
    // Only on success: a failed run's database stays for inspection (scripts/test.sh drops it).
    bulwark_testkit::postgres::drop_database(&name).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_on_a_pipe_carry_no_colour_codes() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut server = ServerProcess::start(data_dir.path(), None).await;
    // A request adds a request log line, with several fields, to what is checked.
    let alive = Client::new(&server.base_url)
        .request(bulwark_client::Method::GET, "/alive", None, None)
        .await;
    assert_eq!(alive.status, 200, "GET /alive\n{}", server.output_tail());
    server.kill().await;

    let lines: Vec<String> = server
        .output_lines()
        .iter()
        .map(|line| String::from_utf8_lossy(line).into_owned())
        .collect();
    let logged = |needle: &str| {
        lines
            .iter()
            .any(|line| without_colour_codes(line).contains(needle))
    };
    // Without these the check below would pass on an empty log.
    assert!(
        logged("bulwark listening"),
        "no listening line in {lines:#?}"
    );
    assert!(logged("/alive"), "no request line in {lines:#?}");
    let coloured: Vec<&String> = lines.iter().filter(|line| line.contains('\x1b')).collect();
    assert!(
        coloured.is_empty(),
        "log lines written to a pipe carry terminal colour codes (ESC bytes):\n{coloured:#?}"
    );
}

/// An acknowledged write and the cycle whose load made it, for failure messages.
struct Acknowledged {
    cycle: usize,
    ack: Ack,
}

/// Until `CYCLES` kills have interrupted writes: start the server on the database, check
/// that every write acknowledged so far is there, write concurrently and kill the server
/// mid-load. Then one last start checks the last cycle's writes.
async fn survive_kills(database: &str, data_dir: &Path, database_url: Option<&str>) {
    let secrets = new_account();
    let mut acknowledged: Vec<Acknowledged> = Vec::new();
    let mut interrupting_kills = 0;
    let mut cycle = 0;
    while interrupting_kills < CYCLES {
        cycle += 1;
        assert!(
            cycle <= CYCLES + IDLE_KILLS_TOLERATED,
            "only {interrupting_kills} of {} kills found a write in flight",
            cycle - 1
        );
        let started = Instant::now();
        let mut server = ServerProcess::start(data_dir, database_url).await;
        if cycle == 1 {
            register(&server, &secrets).await;
        }
        let session = login(&server, &secrets).await;
        let unacknowledged = assert_all_present(&session, &acknowledged, cycle).await;
        let killed = write_then_kill(&mut server, &session, cycle).await;
        if killed.cut_off > 0 {
            interrupting_kills += 1;
        }
        println!(
            "{database} cycle {cycle}: {} writes acknowledged, killed after {:?} with {} of \
             {WRITERS} writers mid-request; {unacknowledged} earlier writes were committed \
             unacknowledged; cycle took {:?}",
            killed.acks.len(),
            killed.after,
            killed.cut_off,
            started.elapsed()
        );
        let acks = killed.acks.into_iter();
        acknowledged.extend(acks.map(|ack| Acknowledged { cycle, ack }));
    }
    let mut server = ServerProcess::start(data_dir, database_url).await;
    let session = login(&server, &secrets).await;
    assert_all_present(&session, &acknowledged, cycle + 1).await;
    server.kill().await;
}

/// What one load interrupted by a kill achieved.
struct KilledLoad {
    acks: Vec<Ack>,
    /// How long into the load the kill came.
    after: Duration,
    /// Writes sent before the kill that never got their answer.
    cut_off: usize,
}

/// Runs the writers and kills the server at a random moment once they are well under way.
async fn write_then_kill(
    server: &mut ServerProcess,
    session: &Session,
    cycle: usize,
) -> KilledLoad {
    let load_started = Instant::now();
    let load = Load::start(session, WRITERS);
    let under_way = load
        .wait_for_acknowledged(MIN_ACKS_PER_CYCLE, MIN_ACKS_WITHIN)
        .await;
    assert!(
        under_way,
        "cycle {cycle}: fewer than {MIN_ACKS_PER_CYCLE} writes acknowledged in \
         {MIN_ACKS_WITHIN:?}\n{}",
        server.output_tail()
    );
    let extra = Duration::from_millis(rand::thread_rng().gen_range(KILL_AFTER_MS));
    tokio::time::sleep(extra).await;
    let killed_at = Instant::now();
    server.kill().await;
    let outcome = load.finish().await;

    assert!(
        outcome.rejections.is_empty(),
        "cycle {cycle}: the server refused writes while it was up: {:?}\n{}",
        outcome.rejections,
        server.output_tail()
    );
    let cut_off = outcome
        .unanswered_sent_at
        .iter()
        .filter(|sent_at| **sent_at < killed_at)
        .count();
    KilledLoad {
        acks: outcome.acks,
        after: killed_at - load_started,
        cut_off,
    }
}

/// Fails naming every acknowledged write missing from the vault. Returns how many objects
/// the vault holds beyond the acknowledged ones (committed, but the kill ate the response).
async fn assert_all_present(
    session: &Session,
    acknowledged: &[Acknowledged],
    cycle: usize,
) -> usize {
    let sync = session.get("/api/sync").await;
    assert_eq!(
        sync.status, 200,
        "start {cycle}: sync failed: {}",
        sync.text
    );
    let present: HashSet<(Kind, &str)> = ids_in(&sync.json["ciphers"], Kind::Item)
        .chain(ids_in(&sync.json["folders"], Kind::Folder))
        .collect();
    let lost: Vec<String> = acknowledged
        .iter()
        .filter(|a| !present.contains(&(a.ack.kind, a.ack.id.as_str())))
        .map(|a| format!("{:?} {} (cycle {})", a.ack.kind, a.ack.id, a.cycle))
        .collect();
    assert!(
        lost.is_empty(),
        "start {cycle}: {} of {} acknowledged writes are gone after a SIGKILL \
         (the first {LOST_IDS_SHOWN}):\n{}",
        lost.len(),
        acknowledged.len(),
        lost[..lost.len().min(LOST_IDS_SHOWN)].join("\n")
    );
    present.len() - acknowledged.len()
}

fn ids_in(list: &serde_json::Value, kind: Kind) -> impl Iterator<Item = (Kind, &str)> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(move |object| Some((kind, object["id"].as_str()?)))
}

/// `PRAGMA integrity_check`'s rows; a sound database gives exactly `["ok"]`.
async fn sqlite_integrity_check(file: &Path) -> Vec<String> {
    let url = format!("sqlite://{}?mode=rw", file.display());
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("open the SQLite file the server left behind");
    let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .expect("run integrity_check");
    rows.into_iter().map(|(row,)| row).collect()
}

fn new_account() -> AccountSecrets {
    let email = format!("crash-{}@example.com", uuid::Uuid::new_v4().simple());
    // A cheap KDF within Bitwarden's bounds: the test's time goes to writing and restarting.
    let kdf = Kdf::Argon2id {
        iterations: 2,
        memory_mib: 16,
        parallelism: 1,
    };
    AccountSecrets::new(&email, "correct horse battery staple", kdf)
}

async fn register(server: &ServerProcess, secrets: &AccountSecrets) {
    let response = Client::new(&server.base_url).register(secrets).await;
    assert_eq!(response.status, 200, "register: {}", response.text);
}

/// A fresh login after each start: tokens name the server's URL, whose port changes.
async fn login(server: &ServerProcess, secrets: &AccountSecrets) -> Session {
    Client::new(&server.base_url)
        .login(secrets)
        .await
        .unwrap_or_else(|r| {
            panic!(
                "login after restart: {} {}\n{}",
                r.status,
                r.text,
                server.output_tail()
            )
        })
}
