#!/usr/bin/env bash
# The SFU benchmark (docs/PERFORMANCE.md): a fresh server pinned to one core, `plenum loadtest` pinned to another,
# load increasing step by step until loss exceeds 0.1%. Two series:
#   fanout  - rooms of 1 publisher and 49 subscribers, 1, 2, 4, ... rooms
#   meeting - rooms of 10 publishers, 1, 2, 4, ... rooms
# Usage: scripts/sfu-bench.sh [fanout|meeting] ...   (default: both). SERVER_CPU and TESTER_CPU choose the cores
# (default 0 and 1), MAX_ROOMS the last step (default 64); each step's table and JSON are kept in target/sfu-bench/.
# LOADTEST_ARGS go to every load test, e.g. LOADTEST_ARGS="--tile-height 720" (subscribers on the top simulcast
# layer) or LOADTEST_ARGS="--simulcast=false" (one 500 kbit/s stream per camera).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
plenum_find_jdk
plenum_need_maven
mvn -B -q -DskipTests -pl plenum-cli -am package

SERVER_CPU=${SERVER_CPU:-0}
TESTER_CPU=${TESTER_CPU:-1}
PORT=${PORT:-18090}
MAX_ROOMS=${MAX_ROOMS:-64}
read -r -a EXTRA <<<"${LOADTEST_ARGS:-}"
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.leakDetection.level=disabled)
OUT=target/sfu-bench
mkdir -p "$OUT"
server_pid=""

stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

start_server() {
  taskset -c "$SERVER_CPU" "$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar plenum-cli/target/plenum.jar run \
    --port "$PORT" --media-port $((PORT + 1)) >"$OUT/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 60); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the server did not start; see $OUT/server.log" >&2
  return 1
}

# step NAME PUBLISHERS SUBSCRIBERS ROOMS: prints one summary line; fails when loss > 0.1% or the run failed.
step() {
  local name=$1 p=$2 s=$3 r=$4 total=$(( $2 + $3 ))
  local duration=$(( total / 20 + 30 ))
  start_server
  local code=0
  taskset -c "$TESTER_CPU" "$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar plenum-cli/target/plenum.jar loadtest \
    --url "http://127.0.0.1:$PORT" -p "$p" -s "$s" -r "$r" -d "$duration" --ramp 20 ${EXTRA[@]+"${EXTRA[@]}"} --json "$OUT/$name.json" \
    >"$OUT/$name.txt" 2>&1 || code=$?
  stop_server
  local loss server
  loss=$(awk '$1 == "all" { print $6 }' "$OUT/$name.txt")
  server=$(sed -n 's/^server from .*: \(.*\)$/\1/p' "$OUT/$name.txt")
  printf '%-14s %4d participants  loss %s%%  %s\n' "$name" "$total" "${loss:-?}" "${server:-no server figures}"
  awk '$1 == "all" { printf "               delay p50 %s ms, p99 %s ms\n", $9, $10 }' "$OUT/$name.txt"
  [ "$code" -eq 0 ] && awk -v l="${loss:-100}" 'BEGIN { exit !(l <= 0.1) }'
}

series() {
  local rooms=1
  while [ "$rooms" -le "$MAX_ROOMS" ]; do
    case $1 in
      fanout) step "fanout-$rooms" "$rooms" $(( rooms * 49 )) "$rooms" || break ;;
      meeting) step "meeting-$rooms" $(( rooms * 10 )) 0 "$rooms" || break ;;
      *) echo "unknown series '$1' (fanout or meeting)" >&2; exit 2 ;;
    esac
    rooms=$(( rooms * 2 ))
  done
  echo "$1: done (up to the first step with loss above 0.1%, a failed run, or MAX_ROOMS); tables in $OUT/"
}

for s in "${@:-fanout meeting}"; do
  for one in $s; do series "$one"; done
done
