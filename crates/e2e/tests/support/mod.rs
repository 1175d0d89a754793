//! Shared machinery of the end-to-end tests: TLS, the in-process server, the `bw` runner,
//! accounts made with the Rust client, and item fixtures.

pub mod account;
pub mod bw;
pub mod items;
pub mod server;
pub mod tls;
