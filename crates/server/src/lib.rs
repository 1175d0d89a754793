//! Bulwark's HTTP server: a Bitwarden-compatible API over the store.

pub mod admin_cli;
pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod extract;
pub mod mail;
mod portal;
mod request_log;
pub mod response;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod uniform_errors;

pub use startup::Application;
