#!/usr/bin/env bash
# Runs Plenum's whole test suite: unit, property/fuzz (regression mode), database tests on H2 and PostgreSQL, and
# end-to-end browser tests. PostgreSQL is installed (Debian packages) when missing and a throwaway server is started
# for this run as a non-root user (scripts/postgres.sh); it is stopped and removed when the run ends, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
plenum_find_jdk
plenum_need_maven
plenum_need_chromium
plenum_need_axe
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

PLENUM_PG_DIR=""
stop_postgres() { [ -z "$PLENUM_PG_DIR" ] || scripts/postgres.sh stop "$PLENUM_PG_DIR"; }
trap stop_postgres EXIT
pg_vars=$(scripts/postgres.sh start)
eval "$pg_vars"
echo "PostgreSQL for the database tests: $PLENUM_PG_URL" >&2

mvn -B -ntp verify \
  -Dplenum.test.postgres.url="$PLENUM_PG_URL" \
  -Dplenum.test.postgres.user="$PLENUM_PG_USER" \
  -Dplenum.test.postgres.password="$PLENUM_PG_PASSWORD" \
  "$@"
