#!/usr/bin/env bash
# npm test: types, unit + integration (real SQLite), end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n== %s\n' "$*"; }

step "types (tsc --noEmit)"
npx tsc --noEmit

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

step "end-to-end (playwright: npm start on a fresh database, then api + ui)"
rm -f data/e2e.db data/e2e.db-wal data/e2e.db-shm data/e2e-key-*.txt
npx playwright test
