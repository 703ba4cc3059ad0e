#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite, run as a non-root user.
#
#   scripts/postgres.sh start [--no-install] [--durable]
#                                              prints shell assignments: PLENUM_PG_DIR=... PLENUM_PG_URL=...
#                                              PLENUM_PG_USER=... PLENUM_PG_PASSWORD=...
#   scripts/postgres.sh stop DIR               stops the server started in DIR and removes DIR
#
# The cluster lives in a fresh temporary directory, listens on 127.0.0.1 and a Unix socket in that directory, on a
# free port, with password (SCRAM) authentication over TCP. Durability is off (fsync): it is thrown away afterwards;
# --durable keeps PostgreSQL's defaults (fsync, full page writes, synchronous_commit on) for benchmarks of commits.
# When the binaries are missing, `start` installs the Debian packages postgresql and postgresql-contrib (as root
# directly, otherwise with sudo) unless --no-install is given.
set -euo pipefail

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_owner() { # runs a PostgreSQL binary as the cluster's owner (PostgreSQL refuses to run as root)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bindir dir port password tries=0 install=yes durability="-c fsync=off -c full_page_writes=off"
  for arg in "$@"; do
    case "$arg" in
      --no-install) install=no ;;
      --durable) durability="" ;;
      *) echo "unknown option $arg" >&2; return 1 ;;
    esac
  done
  bindir=$(pg_bindir || true)
  if [ -z "$bindir" ]; then
    if [ "$install" = no ]; then
      echo "PostgreSQL is not installed (Debian: apt-get install postgresql)." >&2; return 1
    fi
    echo "Installing PostgreSQL for the database tests (Debian packages postgresql, postgresql-contrib)..." >&2
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql postgresql-contrib >&2 \
      || { $sudo apt-get update -qq >&2 || true;
           DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql postgresql-contrib >&2; }
    bindir=$(pg_bindir)
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/plenum-pg.XXXXXX")
  chmod 700 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" > "$dir/pwfile"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/pwfile"
  as_owner "$bindir/initdb" -D "$dir/data" -U plenum --pwfile="$dir/pwfile" --auth-host=scram-sha-256 \
    --auth-local=trust -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
  rm -f "$dir/pwfile"
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && \
       as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
         -o "-k $dir -p $port -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
         start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 10 ]; then cat "$dir/server.log" >&2 || true; rm -rf "$dir"; return 1; fi
  done
  if ! as_owner "$bindir/psql" -h "$dir" -p "$port" -U plenum -d postgres -qAt -c 'CREATE DATABASE plenum_test' >/dev/null; then
    stop "$dir"; return 1
  fi
  echo "PLENUM_PG_DIR=$dir"
  echo "PLENUM_PG_URL=jdbc:postgresql://127.0.0.1:$port/plenum_test"
  echo "PLENUM_PG_USER=plenum"
  echo "PLENUM_PG_PASSWORD=$password"
}

stop() {
  local dir="${1:?usage: postgres.sh stop DIR}" bindir
  case "$dir" in */plenum-pg.*) ;; *) echo "refusing to remove $dir" >&2; return 1 ;; esac
  bindir=$(pg_bindir || true)
  if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start [--no-install] | stop DIR" >&2; exit 2 ;;
esac
