//! Device types with the upstream numbers (bitwarden/server `src/Core/Enums/DeviceType.cs`).

const NAMES: [&str; 27] = [
    "Android",
    "iOS",
    "ChromeExtension",
    "FirefoxExtension",
    "OperaExtension",
    "EdgeExtension",
    "WindowsDesktop",
    "MacOsDesktop",
    "LinuxDesktop",
    "ChromeBrowser",
    "FirefoxBrowser",
    "OperaBrowser",
    "EdgeBrowser",
    "IEBrowser",
    "UnknownBrowser",
    "AndroidAmazon",
    "UWP",
    "SafariBrowser",
    "VivaldiBrowser",
    "VivaldiExtension",
    "SafariExtension",
    "SDK",
    "Server",
    "WindowsCLI",
    "MacOsCLI",
    "LinuxCLI",
    "DuckDuckGoBrowser",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeviceType(u8);

impl DeviceType {
    #[must_use]
    pub fn number(self) -> i64 {
        i64::from(self.0)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.0)]
    }
}

impl TryFrom<i64> for DeviceType {
    type Error = i64;
    fn try_from(v: i64) -> Result<Self, i64> {
        match u8::try_from(v) {
            Ok(n) if usize::from(n) < NAMES.len() => Ok(Self(n)),
            _ => Err(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_type_numbers_map_to_upstream_names() {
        assert_eq!(DeviceType::try_from(25).unwrap().name(), "LinuxCLI");
        assert_eq!(DeviceType::try_from(0).unwrap().name(), "Android");
        assert!(DeviceType::try_from(27).is_err());
        assert!(DeviceType::try_from(-1).is_err());
    }
}
