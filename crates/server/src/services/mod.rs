//! Use cases that need more than one store call: each opens and commits its own transaction.

pub mod account_lifecycle;
pub mod accounts;
pub mod attachment_files;
pub mod attachment_links;
pub mod cipher_checks;
pub mod cipher_input;
pub mod cipher_view;
pub mod collection_input;
pub mod collection_view;
pub mod events;
pub mod invite_token;
pub mod member_input;
pub mod member_mail;
pub mod member_view;
pub mod org_access;
pub mod org_factory;
pub mod org_items;
pub mod org_view;
pub mod policy_view;
pub mod profile;
pub mod provider_access;
pub mod provider_view;
pub mod registration_token;
pub mod sync_orgs;
pub mod totp;
pub mod two_factor_setup;
