#!/usr/bin/env bash
# npm test: types, unit + integration (real SQLite, and PostgreSQL when its
# binaries are installed), end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$*"; }

step "types (tsc --noEmit)"
npx tsc --noEmit

# PostgreSQL: a throw-away cluster. With TEST_POSTGRES_URL set, vitest runs
# the integration suite twice (projects "sqlite" and "postgresql" in
# vitest.config.ts) plus the PostgreSQL-only tests (*.postgres.test.ts).
# Missing binaries skip the PostgreSQL runs, unless CALLSIGHT_REQUIRE_POSTGRES=1 (CI).
step "PostgreSQL (throw-away cluster)"
PG_DIR=""
stop_pg() { if [ -n "$PG_DIR" ]; then scripts/pg-cluster.sh stop "$PG_DIR" || true; PG_DIR=""; fi; }
trap stop_pg EXIT
pg_unavailable() {
  if [ "${CALLSIGHT_REQUIRE_POSTGRES:-0}" = "1" ]; then echo "$1, and CALLSIGHT_REQUIRE_POSTGRES=1" >&2; exit 1; fi
  echo "$1: the PostgreSQL tests are skipped"
}
if ! scripts/pg-cluster.sh bindir >/dev/null 2>&1; then
  pg_unavailable "PostgreSQL binaries not found (apt-get install -y postgresql)"
else
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/callsight-test-pg.XXXXXX")
  if TEST_POSTGRES_URL=$(scripts/pg-cluster.sh start "$PG_DIR"); then
    export TEST_POSTGRES_URL
  else
    stop_pg
    pg_unavailable "The throw-away PostgreSQL cluster did not start"
  fi
fi

step "unit and integration (vitest)"
npx vitest run
stop_pg

step "browser"
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's package (apt-get install -y chromium)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
chromium --version 2>/dev/null || true

step "end-to-end (playwright: npm start on a fresh database, then api + ui)"
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm data/e2e-key-*.txt
npx playwright test
