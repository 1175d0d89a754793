//! Bulwark's domain: typed ids, enums with the upstream numbers, and the pure rules that do not
//! need a database (KDF bounds, EncString shape). No I/O.

pub mod cipher_type;
pub mod device_type;
pub mod enc_string;
pub mod ids;
pub mod kdf;
pub mod time;

pub use cipher_type::CipherType;
pub use device_type::DeviceType;
pub use ids::*;
pub use kdf::{KdfConfig, KdfType};
