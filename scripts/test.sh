#!/usr/bin/env bash
# The one test command (see README): formatting, lints, the whole test suite on SQLite and
# PostgreSQL including the end-to-end tests with the official Bitwarden CLI, the web portal's
# type check, crypto tests and browser tests (headless Chromium against the real server), and,
# when the shared acceptance script sits beside the clone (../shared/e2e/bw-e2e.sh, as in CI),
# that too.
#
# Environment: BULWARK_TEST_POSTGRES (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
# BW_BIN (use this bw instead of the pinned one), SKIP_ACCEPTANCE=1 (skip bw-e2e.sh),
# BULWARK_BROWSER_DBS (the browser tests' databases, default sqlite,postgres), CHROMIUM_BIN
# (default /usr/bin/chromium, Debian's package).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STARTED=$SECONDS
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bulwark-test.XXXXXX")"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { echo; echo "=== $* ($((SECONDS - STARTED)) s)"; }

# --- PostgreSQL: the tests create a fresh database each, as the postgres user over TCP ---
step "PostgreSQL"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
pg_isready -h 127.0.0.1 -p 5432
# Each test makes its own database; drop those that earlier runs left behind (only ours, by
# prefix; one still in use by a concurrent run is skipped). Each DROP waits for a checkpoint,
# so eight run at once.
if command -v psql >/dev/null; then
  PG_ADMIN="${BULWARK_TEST_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres}"
  psql "$PG_ADMIN" -Atc "SELECT datname FROM pg_database WHERE datname ~ '^bulwark_(test|story|e2e)_[0-9a-f]{32}$'" |
    xargs -r -P 8 -I{} sh -c 'psql "$1" -qc "DROP DATABASE IF EXISTS \"$2\"" >/dev/null 2>&1 || true' _ "$PG_ADMIN" {}
fi

# --- the official Bitwarden CLI, pinned in e2e/package-lock.json ---
step "bw CLI"
PINNED="$(node -p 'require("./e2e/package.json").dependencies["@bitwarden/cli"]')"
bw_version() { BITWARDENCLI_APPDATA_DIR="$WORK/bw-version" "$1" --version 2>/dev/null || true; }
if [ -z "${BW_BIN:-}" ]; then
  BW_BIN="$ROOT/e2e/node_modules/.bin/bw"
  # npm ci wipes and reinstalls node_modules; skip it when the pinned version is in place.
  if [ "$(bw_version "$BW_BIN")" != "$PINNED" ]; then
    npm ci --prefix e2e --no-audit --no-fund
  fi
fi
export BW_BIN
echo "bw $(bw_version "$BW_BIN") at $BW_BIN (pinned: $PINNED)"

# --- the SMTP sink the mail tests deliver to (a real SMTP server process) ---
step "aiosmtpd"
python3 -c 'import aiosmtpd' 2>/dev/null || python3 -m pip install --quiet 'aiosmtpd==1.4.6'

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

# --- the test suite; its output is kept to repeat the runner's closing lines at the end ---
step "tests"
if cargo nextest --version >/dev/null 2>&1; then
  RUNNER=(cargo nextest run --workspace --no-fail-fast)
else
  RUNNER=(cargo test --workspace --no-fail-fast)
fi
set +e
"${RUNNER[@]}" 2>&1 | tee "$WORK/tests.log"
TESTS_RC=${PIPESTATUS[0]}
set -e

# --- the web portal (web/): type check, crypto tests, browser tests against the debug binary ---
# Each step runs even if one before it failed, so one run reports every failure.
step "portal: type check, crypto and browser tests"
PORTAL_RC=0
portal() { echo "--- web: $*"; (cd "$ROOT/web" && "$@") || PORTAL_RC=1; }
# npm ci wipes and reinstalls node_modules: only when the lockfile changed since the last install
# (npm records each install in node_modules/.package-lock.json; cargo's build.rs does the same).
if [ ! "$ROOT/web/node_modules/.package-lock.json" -nt "$ROOT/web/package-lock.json" ]; then
  portal npm ci --no-audit --no-fund
fi
if [ "$PORTAL_RC" -eq 0 ]; then
  portal npm run typecheck
  if node -e 'process.exit(require("./web/package.json").scripts?.["test:crypto"] ? 0 : 1)'; then
    portal npm run test:crypto
  fi
  # The browser tests start the real server binary (SQLite and PostgreSQL, a real SMTP sink)
  # and drive Debian's chromium headless.
  if cargo build --quiet -p bulwark-server --bin bulwark; then
    BULWARK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/bulwark" portal npm run test:browser
  else
    PORTAL_RC=1
  fi
fi

# --- second opinion: the independent acceptance script, when the clone has ../shared beside it ---
ACCEPTANCE="$(cd "$ROOT/.." && pwd)/shared/e2e/bw-e2e.sh"
ACCEPTANCE_RC=0
if [ -f "$ACCEPTANCE" ] && [ "${SKIP_ACCEPTANCE:-0}" != 1 ]; then
  step "acceptance: $ACCEPTANCE"
  command -v jq >/dev/null || { apt-get update -qq && apt-get install -y -qq jq; }
  python3 -c 'import cryptography' 2>/dev/null || python3 -m pip install --quiet cryptography
  cargo build --quiet -p bulwark-server --bin bulwark
  BULWARK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/bulwark"
  # Port 0: the server picks a free port and logs it once it is bound.
  NO_COLOR=1 BULWARK_LOG=info "$BULWARK_BIN" serve --bind 127.0.0.1:0 \
    --data-dir "$WORK/acceptance-data" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  ADDR=""
  for _ in $(seq 1 300); do
    ADDR="$(sed -n 's/\x1b\[[0-9;]*m//g; s/.*bulwark listening address=\([0-9.:]*\).*/\1/p' "$WORK/server.log")"
    [ -n "$ADDR" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ADDR" ]; then
    echo "bulwark serve did not start:"; cat "$WORK/server.log"; ACCEPTANCE_RC=1
  else
    # Plain http on loopback: the script puts its own TLS proxy in front for bw.
    set +e
    # Personal section only by default: in its organization section one check reads the item
    # `bw move` prints, which the CLI sometimes takes from its cache before its own update
    # lands (organizationId null in about one run of three, while the server and every later
    # check agree). BW_E2E_ONLY=all runs it too; with no SMTP here the invitation token comes
    # from the server log.
    BW="$BW_BIN" BW_E2E_STRICT=1 BW_E2E_ONLY="${BW_E2E_ONLY:-personal}" \
      BULWARK_SERVER_LOG="$WORK/server.log" \
      BW_E2E_INVITE_TOKEN_CMD="$ROOT/scripts/invite-token-from-log.sh" \
      bash "$ACCEPTANCE" "http://$ADDR"
    ACCEPTANCE_RC=$?
    set -e
  fi
  kill "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
else
  step "acceptance script not found at $ACCEPTANCE (or SKIP_ACCEPTANCE=1): skipped"
fi

step "done: tests exit $TESTS_RC, portal exit $PORTAL_RC, acceptance exit $ACCEPTANCE_RC"
# The test runner's closing lines, last, so they are what a reader (or CI) sees at the end.
if [ "${RUNNER[1]}" = nextest ]; then
  grep -E '^\s*(Summary|[0-9]+ tests? (run|failed)|FAIL|SIGSEGV|TIMEOUT)' "$WORK/tests.log" | tail -n 40 || true
else
  grep -E '^(test result:|failures:|    [a-z_:]+$)' "$WORK/tests.log" | tail -n 40 || true
fi
[ "$TESTS_RC" -eq 0 ] && [ "$PORTAL_RC" -eq 0 ] && [ "$ACCEPTANCE_RC" -eq 0 ]
