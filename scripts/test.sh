#!/usr/bin/env bash
# npm test: types, unit + integration (real SQLite, and PostgreSQL when its
# binaries are installed), end-to-end in Chromium (on SQLite, then on PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$*"; }
minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

step "types (tsc --noEmit)"
npx tsc --noEmit

# PostgreSQL: a throw-away cluster, kept until the end. With TEST_POSTGRES_URL
# set, vitest runs the integration suite twice (projects "sqlite" and
# "postgresql" in vitest.config.ts) plus the PostgreSQL-only tests
# (*.postgres.test.ts), and the end-to-end suite runs a second time, on a new
# database in that cluster.
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

step "browser"
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Chromium is missing: installing Debian's package (apt-get install -y chromium)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
chromium --version 2>/dev/null || true

# End to end: the real `npm start` (migrate, seed, build, serve, one worker) on
# a fresh database, then the api and ui projects; once on SQLite, once on
# PostgreSQL. Each run has its own port, hence its own API key file
# (e2e/fixtures.ts keyFile), its own database and its own test-results folder;
# a failed run does not stop the other. The second `npm start` finds the build
# up to date and does not build again: the build does not depend on the
# database (every page that reads it is dynamic, and the URL is read at run time).
E2E_PORT=${E2E_PORT:-3100}
E2E_FAILED=""
run_e2e() { # NAME PORT DATABASE_URL
  local name=$1 port=$2 url=$3 started=$SECONDS
  rm -f "data/e2e-key-$port.txt"
  if E2E_PORT=$port E2E_DATABASE_URL=$url npx playwright test --output "test-results/e2e-$name"; then
    echo "end-to-end on $name: passed in $(minutes $((SECONDS - started)))"
  else
    echo "end-to-end on $name: FAILED after $(minutes $((SECONDS - started))) (traces in test-results/e2e-$name)"
    E2E_FAILED="$E2E_FAILED $name"
  fi
}

step "end-to-end on SQLite (playwright: npm start on a fresh data/e2e-$E2E_PORT.db, port $E2E_PORT, then api + ui)"
rm -f "data/e2e-$E2E_PORT.db" "data/e2e-$E2E_PORT.db-wal" "data/e2e-$E2E_PORT.db-shm" "data/e2e-$E2E_PORT.db.analytics"
run_e2e sqlite "$E2E_PORT" "file:./data/e2e-$E2E_PORT.db"

E2E_PG_PORT=$((E2E_PORT + 1))
step "end-to-end on PostgreSQL (playwright: npm start on a fresh database in the throw-away cluster, port $E2E_PG_PORT, then api + ui)"
if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  echo "end-to-end on postgresql: skipped (no PostgreSQL cluster: see \"PostgreSQL (throw-away cluster)\" above)"
else
  "$(scripts/pg-cluster.sh bindir)/psql" -X -q -v ON_ERROR_STOP=1 -d "$TEST_POSTGRES_URL" -c 'CREATE DATABASE callsight_e2e'
  # The analytics index keeps a PostgreSQL database's snapshot in ANALYTICS_CACHE_DIR
  # (a SQLite one's lies next to the file): a folder of this run's own, emptied first.
  rm -rf "data/e2e-$E2E_PG_PORT-analytics-cache"
  ANALYTICS_CACHE_DIR="data/e2e-$E2E_PG_PORT-analytics-cache" run_e2e postgresql "$E2E_PG_PORT" "${TEST_POSTGRES_URL%/postgres}/callsight_e2e"
fi
stop_pg

step "npm test took $(minutes $SECONDS)"
if [ -n "$E2E_FAILED" ]; then
  echo "end-to-end failed on:$E2E_FAILED" >&2
  exit 1
fi
