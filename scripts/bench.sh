#!/usr/bin/env bash
# Builds the release binaries and runs the loopback benchmark against the release server.
#
#   scripts/bench.sh                                   # SQLite on a fresh temporary data dir
#   scripts/bench.sh --database-url postgres://…       # an empty PostgreSQL database instead
#   scripts/bench.sh --server http://127.0.0.1:8000    # a running Bitwarden-compatible server
#   BENCH_OUT=results.json scripts/bench.sh            # where the JSON results go
#
# Further flags go to bulwark-bench (see `target/release/bulwark-bench --help`). Figures are only
# meaningful on a quiet machine: the load average is printed under the table.
set -euo pipefail

cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
out="${BENCH_OUT:-target/bench/results.json}"
for arg in "$@"; do
    case "$arg" in
        --server | --server=*)
            # Another server, already running: only the load generator is needed.
            cargo build --release -p bulwark-bench
            exec "$target/release/bulwark-bench" --out "$out" "$@"
            ;;
    esac
done
cargo build --release --workspace --bins
exec "$target/release/bulwark-bench" --server-bin "$target/release/bulwark" --out "$out" "$@"
