#!/usr/bin/env bash
# Heap and direct memory a running node holds per media participant: a fresh server, then the load tester with
# 1 publisher and 1 subscriber, then with 1 publisher and 1 + N subscribers; in each steady state two full GCs and
# the live heap, Netty's pooled direct memory and the JVM's direct buffers are read, and a class histogram is kept.
# The difference divided by N is what one more subscriber costs. Outside the test suite (see docs/PERFORMANCE.md).
# With MODE=publishers: 1 publisher, then 1 + N publishers each alone in its room (nobody receives), so the
# difference divided by N is what one more publisher costs (its tracks, layers, packet histories). LOADTEST_ARGS are
# passed to the load tester, e.g. LOADTEST_ARGS=--simulcast=false.
#
#   [MODE=publishers] scripts/memory-bench.sh [N]        (default N = 50; results in target/memory-bench/)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
plenum_find_jdk
plenum_need_maven
mvn -B -q -DskipTests -pl plenum-cli -am package

N=${1:-50}
MODE=${MODE:-subscribers}
read -r -a EXTRA <<<"${LOADTEST_ARGS:-}"
PORT=${PORT:-18190}
FLAGS=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dio.netty.leakDetection.level=disabled)
OUT=target/memory-bench
mkdir -p "$OUT"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

# measure COUNT: COUNT subscribers of one publisher (or COUNT lone publishers with MODE=publishers); prints
# "live-heap-KiB netty-direct-bytes jvm-direct-bytes connected"
measure() {
  local s=$1 data who
  if [ "$MODE" = publishers ]; then who=(-p "$s" -s 0 -r "$s"); else who=(-p 1 -s "$s"); fi
  data=$(mktemp -d)
  (cd "$data" && exec "$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar "$OLDPWD/plenum-cli/target/plenum.jar" run \
      --port "$PORT" --media-port $((PORT + 1)) --max-participants 2000) >"$OUT/server-$s.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  local duration=$(( (1 + s) / 10 + 45 ))
  "$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar plenum-cli/target/plenum.jar loadtest --url "http://127.0.0.1:$PORT" \
      "${who[@]}" ${EXTRA[@]+"${EXTRA[@]}"} --ramp 10 -d "$duration" --json "$OUT/loadtest-$s.json" >"$OUT/loadtest-$s.txt" 2>&1 &
  local tester=$!
  sleep $(( duration - 8 ))
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null; sleep 1
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null; sleep 1
  local heap netty jvm connected
  heap=$("$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info | sed -n 's/.*garbage-first heap.* used \([0-9]*\)K.*/\1/p')
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.class_histogram >"$OUT/histogram-$s.txt"
  local metrics
  metrics=$(curl -s "http://127.0.0.1:$PORT/metrics")
  netty=$(sed -n 's/^plenum_media_netty_direct_memory_used_bytes \([0-9.]*\)$/\1/p' <<<"$metrics")
  jvm=$(sed -n 's/^jvm_buffer_memory_used_bytes{id="direct"} \([0-9.]*\)$/\1/p' <<<"$metrics")
  connected=$(grep -o 'connected [0-9]*' "$OUT/loadtest-$s.txt" | tail -1 | cut -d' ' -f2)
  wait "$tester" || true
  stop_server
  rm -rf "$data"
  echo "$heap ${netty:-0} ${jvm:-0} ${connected:-0}"
}

read -r h1 n1 j1 c1 <<<"$(measure 1)"
read -r h2 n2 j2 c2 <<<"$(measure $((1 + N)))"
if [ "$MODE" = publishers ]; then one="1 publisher"; many="$((1 + N)) publishers"; unit=publisher
else one="1 publisher + 1 subscriber"; many="1 publisher + $((1 + N)) subscribers"; unit=subscriber; fi
echo "$one: live heap ${h1} KiB, Netty direct ${n1%.*} B, JVM direct ${j1%.*} B ($c1 connected)"
echo "$many: live heap ${h2} KiB, Netty direct ${n2%.*} B, JVM direct ${j2%.*} B ($c2 connected)"
awk -v h1="$h1" -v h2="$h2" -v n1="${n1%.*}" -v n2="${n2%.*}" -v j1="${j1%.*}" -v j2="${j2%.*}" -v n="$N" -v u="$unit" 'BEGIN {
  printf "per %s: heap %.0f KiB, Netty direct %.1f KiB, JVM direct %.1f KiB\n", u,
    (h2 - h1) / n, (n2 - n1) / 1024 / n, (j2 - j1) / 1024 / n }'
