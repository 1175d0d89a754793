//! Issue 12, "Bad input never reaches the database": every route of the router, enumerated
//! from the router itself, is sent malformed bodies and path ids by the owner of a populated
//! organization, by an outsider and anonymously, on SQLite and on PostgreSQL. Asserted: no 5xx;
//! every error in Bitwarden's shape; the statuses of the input boundary (404 for an id that
//! cannot be an id, 405 with `Allow`, 415 for a body not declared as JSON, 400 for NUL and for
//! an array where an object belongs); and the owner's data unchanged unless a request got a
//! 2xx. All failures are collected and reported together.
//!
//! `ROUTE_WALK_REPORT=<file>` also writes the failure list to that file.

#[allow(dead_code, unused_imports, clippy::all)]
#[path = "../api/helpers.rs"]
mod helpers;

mod checks;
mod fixtures;
mod plan;
mod report;
mod routes;
mod send;
mod snapshot;
mod variants;
mod walk;

use helpers::Db;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_bad_input_on_sqlite() {
    walk::run(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_bad_input_on_postgres() {
    walk::run(Db::Postgres).await;
}
