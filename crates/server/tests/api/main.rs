//! HTTP tests through the real router, with a client that does the real client-side crypto.
//! Each test runs on SQLite and on PostgreSQL.

mod helpers;
mod member_support;

mod account_changes;
mod accounts;
mod attachments;
mod cipher_bad_input;
mod cipher_lifecycle;
mod ciphers;
mod collections;
mod devices;
mod events;
mod flows;
mod folders;
mod groups;
mod import;
mod invite_registration;
mod login;
mod mail;
mod member_auth;
mod member_list;
mod member_policies;
mod members;
mod org_admin_items;
mod org_import;
mod org_item_auth;
mod org_item_files;
mod org_item_state;
mod org_items;
mod org_settings;
mod org_support;
mod orgs;
mod policies;
mod profile;
mod provider_auth;
mod provider_clients;
mod provider_operator;
mod provider_setup;
mod provider_statements;
mod provider_support;
mod provider_users;
mod route_auth;
mod two_factor;
mod vault_support;
