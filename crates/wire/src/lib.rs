//! Bitwarden request and response types (serde): camelCase out; in, the server's extractor
//! maps PascalCase keys to camelCase first. Each type names the upstream model it mirrors
//! (bitwarden/server at ac309aa19e). No I/O, no handler logic.

pub mod account;
pub mod cipher;
pub mod collection;
pub mod folder;
pub mod group;
pub mod identity;
pub mod list;
pub mod member;
pub mod organization;
pub mod profile_org;
pub mod provider;
pub mod provider_user;

pub use list::ListResponse;
