#!/usr/bin/env bash
# Builds the release binaries and runs the loopback benchmark against the release server.
#
#   scripts/bench.sh                                   # SQLite on a fresh temporary data dir
#   scripts/bench.sh --database-url postgres://…       # an empty PostgreSQL database instead
#   BENCH_OUT=results.json scripts/bench.sh            # where the JSON results go
#
# Further flags go to bulwark-bench (see `target/release/bulwark-bench --help`). Figures are only
# meaningful on a quiet machine: the load average is printed under the table.
set -euo pipefail

cd "$(dirname "$0")/.."
cargo build --release --workspace --bins
out="${BENCH_OUT:-target/bench/results.json}"
exec target/release/bulwark-bench --server target/release/bulwark --out "$out" "$@"
