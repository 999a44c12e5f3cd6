#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests: initdb into a folder, serve on
# 127.0.0.1 only (high port, socket in the same folder), as a non-root user
# (PostgreSQL refuses to run as root; as root this script creates or uses
# the system user `callsight-pg`), stop by the postmaster's pid.
#
#   scripts/pg-cluster.sh start [DIR]   prints the DATABASE_URL (the only line on stdout)
#   scripts/pg-cluster.sh stop DIR      stops the cluster and removes DIR
#   scripts/pg-cluster.sh bindir        prints where the PostgreSQL binaries are (exit 1 if none)
#
# DIR defaults to a new temporary folder (its path is printed on stderr).
# PG_PORT picks the port (default: the first free one from 55432); PG_BIN the
# binaries folder (default: the newest /usr/lib/postgresql/<ver>/bin, which
# Debian's `apt-get install postgresql` provides, else initdb on the PATH).
# Durability is switched off (fsync, synchronous_commit): the data is thrown away.
set -euo pipefail

PG_USER_NAME=callsight-pg
DB_USER=callsight
log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

find_bindir() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/initdb" ] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"; return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then echo "$newest"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(readlink -f "$(command -v initdb)")"; return; fi
  return 1
}

# Runs a command as the cluster's owner: ourselves, or `callsight-pg` when we are root.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u "$PG_USER_NAME" -- "$@"
    else su -s /bin/sh "$PG_USER_NAME" -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
  local bindir dir port pw
  bindir=$(find_bindir) || die "PostgreSQL binaries not found: apt-get install -y postgresql (or set PG_BIN)"
  if [ -n "${1:-}" ]; then dir=$1; mkdir -p "$dir"; else dir=$(mktemp -d "${TMPDIR:-/tmp}/callsight-pg.XXXXXX"); log "cluster folder: $dir"; fi
  dir=$(cd "$dir" && pwd)
  [ -e "$dir/data" ] && die "$dir/data exists: stop that cluster first (scripts/pg-cluster.sh stop $dir)"

  if [ -n "${PG_PORT:-}" ]; then
    port=$PG_PORT
    port_free "$port" || die "port $port is in use"
  else
    port=55432
    while ! port_free "$port"; do port=$((port + 1)); [ "$port" -lt 55532 ] || die "no free port in 55432-55531"; done
  fi

  if [ "$(id -u)" -eq 0 ]; then
    if ! id -u "$PG_USER_NAME" >/dev/null 2>&1; then
      log "creating system user $PG_USER_NAME (PostgreSQL does not run as root)"
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_USER_NAME"
    fi
    chown "$PG_USER_NAME" "$dir"
  fi
  chmod 700 "$dir"

  # A random password: the port is reachable by every local user while the cluster runs.
  pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$pw" >"$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER_NAME" "$dir/pwfile"
  chmod 600 "$dir/pwfile"

  cd "$dir" # the owner may not be able to enter the caller's working directory
  as_owner "$bindir/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  rm -f "$dir/pwfile"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/postgres.log" >&2; die "the server did not start"; }

  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid")
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, pid $pid (stop: scripts/pg-cluster.sh stop $dir)"
  echo "postgresql://$DB_USER:$pw@127.0.0.1:$port/postgres"
}

stop() {
  local dir=${1:-} pid i
  [ -n "$dir" ] || die "usage: scripts/pg-cluster.sh stop DIR"
  [ -d "$dir" ] || { log "$dir does not exist: nothing to stop"; return 0; }
  if [ -f "$dir/data/postmaster.pid" ]; then
    pid=$(head -n 1 "$dir/data/postmaster.pid")
    # Only a postgres process that holds this folder is ours to signal.
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ "$(readlink -f "/proc/$pid/cwd" 2>/dev/null || echo "$dir/data")" = "$(readlink -f "$dir/data")" ]; then
      kill -INT "$pid" # fast shutdown: roll back open transactions, disconnect clients, exit
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then log "pid $pid still running after 10 s: immediate shutdown"; kill -QUIT "$pid" 2>/dev/null || true; sleep 1; fi
      log "stopped pid $pid"
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  bindir) find_bindir ;;
  *) die "usage: scripts/pg-cluster.sh start [DIR] | stop DIR | bindir" ;;
esac
