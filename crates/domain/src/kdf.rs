//! KDF settings and the bounds Bitwarden enforces (server `KdfSettingsValidator`), with its texts.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KdfType {
    Pbkdf2Sha256 = 0,
    Argon2id = 1,
}

impl TryFrom<i64> for KdfType {
    type Error = String;
    fn try_from(v: i64) -> Result<Self, String> {
        match v {
            0 => Ok(Self::Pbkdf2Sha256),
            1 => Ok(Self::Argon2id),
            _ => Err("Invalid KDF type.".into()),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfConfig {
    pub kdf_type: KdfType,
    pub iterations: i64,
    /// MiB, Argon2id only.
    pub memory: Option<i64>,
    pub parallelism: Option<i64>,
}

impl KdfConfig {
    /// What prelogin answers for an unknown email, so the answer does not reveal whether an
    /// account exists.
    pub const DEFAULT: Self = Self {
        kdf_type: KdfType::Pbkdf2Sha256,
        iterations: 600_000,
        memory: None,
        parallelism: None,
    };

    /// Builds and validates settings from the raw numbers a client sent.
    ///
    /// # Errors
    /// The upstream message for the first bound that is violated.
    pub fn new(
        kdf: i64,
        iterations: i64,
        memory: Option<i64>,
        parallelism: Option<i64>,
    ) -> Result<Self, String> {
        let kdf_type = KdfType::try_from(kdf)?;
        let config = match kdf_type {
            KdfType::Pbkdf2Sha256 => Self {
                kdf_type,
                iterations,
                memory: None,
                parallelism: None,
            },
            KdfType::Argon2id => Self {
                kdf_type,
                iterations,
                memory,
                parallelism,
            },
        };
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        match self.kdf_type {
            KdfType::Pbkdf2Sha256 => {
                if !(600_000..=2_000_000).contains(&self.iterations) {
                    return Err("KDF iterations must be between 600000 and 2000000.".into());
                }
            }
            KdfType::Argon2id => {
                if !(2..=10).contains(&self.iterations) {
                    return Err("Argon2 iterations must be between 2 and 10.".into());
                }
                if !self.memory.is_some_and(|m| (15..=1024).contains(&m)) {
                    return Err("Argon2 memory must be between 15mb and 1024mb.".into());
                }
                if !self.parallelism.is_some_and(|p| (1..=16).contains(&p)) {
                    return Err("Argon2 parallelism must be between 1 and 16.".into());
                }
            }
        }
        Ok(())
    }

    #[must_use]
    pub fn type_number(&self) -> i64 {
        self.kdf_type as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pbkdf2_iterations_are_bounded() {
        assert!(KdfConfig::new(0, 600_000, None, None).is_ok());
        assert!(KdfConfig::new(0, 599_999, None, None).is_err());
        assert!(KdfConfig::new(0, 2_000_001, None, None).is_err());
    }

    #[test]
    fn pbkdf2_drops_argon_parameters() {
        let c = KdfConfig::new(0, 600_000, Some(64), Some(4)).unwrap();
        assert_eq!(c.memory, None);
        assert_eq!(c.parallelism, None);
    }

    #[test]
    fn argon2_needs_all_parameters_in_range() {
        assert!(KdfConfig::new(1, 3, Some(64), Some(4)).is_ok());
        assert_eq!(
            KdfConfig::new(1, 1, Some(64), Some(4)).unwrap_err(),
            "Argon2 iterations must be between 2 and 10."
        );
        assert!(KdfConfig::new(1, 3, None, Some(4)).is_err());
        assert!(KdfConfig::new(1, 3, Some(14), Some(4)).is_err());
        assert!(KdfConfig::new(1, 3, Some(64), Some(17)).is_err());
        assert!(KdfConfig::new(2, 3, Some(64), Some(4)).is_err());
    }
}
