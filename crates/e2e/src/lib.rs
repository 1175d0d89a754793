//! Bulwark's real-client end-to-end suite. The tests are in `tests/bw_cli.rs`; they drive the
//! official Bitwarden CLI (`bw`, path in `BW_BIN`) against an in-process server over HTTPS.
//! Run them with `scripts/test.sh`, which installs the pinned CLI and sets `BW_BIN`.
