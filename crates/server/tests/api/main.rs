//! HTTP tests through the real router, with a client that does the real client-side crypto.
//! Each test runs on SQLite and on PostgreSQL.

mod helpers;

mod accounts;
mod attachments;
mod cipher_bad_input;
mod cipher_lifecycle;
mod ciphers;
mod import;
mod vault_support;
