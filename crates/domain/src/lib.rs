//! Bulwark's domain: typed ids, enums with the upstream numbers, and the pure rules that do not
//! need a database (KDF bounds, EncString shape, organization roles and plans). No I/O.
//! `authz` is the one place that decides what a caller may do in an organization.

pub mod authz;
pub mod cipher_type;
pub mod collection_access;
pub mod device_type;
pub mod enc_string;
pub mod event_page;
pub mod event_type;
pub mod ids;
pub mod join_rules;
pub mod kdf;
pub mod member;
pub mod member_rules;
mod numbered;
pub mod plan;
pub mod policy_data;
pub mod policy_type;
pub mod provider;
pub mod provider_application;
pub mod provider_statement;
pub mod seats;
pub mod time;

pub use cipher_type::CipherType;
pub use device_type::DeviceType;
pub use ids::*;
pub use kdf::{KdfConfig, KdfType};
pub use member::{OrgUserStatus, OrgUserType, Permissions};
