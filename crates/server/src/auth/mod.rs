//! Authentication: access tokens, the stored master-password hash, and login throttling.

pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod tokens;
