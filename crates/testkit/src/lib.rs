//! Test infrastructure shared by the HTTP suite (`crates/server/tests/api`) and the end-to-end
//! suite (`crates/e2e`): a real SMTP server process to deliver to, and fresh PostgreSQL
//! databases.

pub mod postgres;
pub mod smtp_sink;
