//! HTTP tests through the real router, with a client that does the real client-side crypto.
//! Each test runs on SQLite and on PostgreSQL.

mod helpers;

mod accounts;
mod folders;
mod profile;
