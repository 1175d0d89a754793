//! The organization measures of issue 3: a member's sync across many organizations, and an
//! admin's member list of one large organization. Seeding goes through the same routes a
//! client uses (create, invite, accept with the mailed token, confirm with a wrapped key).

pub mod admin;
pub mod invite_log;
pub mod large_org;
pub mod measure;
pub mod members_page;
pub mod org_items;
pub mod phases;
pub mod shared;
