//! Resident memory of a process, read from `/proc/<pid>/status` (Linux only).

use serde::Serialize;
use std::io;

/// Sizes in KiB, as the kernel reports them.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Memory {
    /// Resident set size now.
    pub rss_kib: u64,
    /// High-water mark of the RSS since start or since the last [`reset_peak`].
    pub hwm_kib: u64,
}

pub fn read(pid: u32) -> io::Result<Memory> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> io::Result<u64> {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| io::Error::other(format!("{name} missing in /proc/{pid}/status")))
    };
    Ok(Memory {
        rss_kib: field("VmRSS:")?,
        hwm_kib: field("VmHWM:")?,
    })
}

/// Resets VmHWM to the current RSS (Linux >= 4.0), so a later reading reflects one phase
/// rather than the whole run (seeding large imports would otherwise dominate it).
pub fn reset_peak(pid: u32) -> io::Result<()> {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_own_process() {
        let m = read(std::process::id()).unwrap();
        assert!(m.rss_kib > 0 && m.hwm_kib >= m.rss_kib);
    }
}
