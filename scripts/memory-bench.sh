#!/usr/bin/env bash
# Heap and direct memory a running node holds per media participant: a fresh server, then the load tester with
# 1 publisher and 1 subscriber, then with 1 publisher and 1 + N subscribers; in each steady state a class histogram
# (at a full GC: the live heap), Netty's pooled direct memory and the JVM's direct buffers are read, and the
# histogram is kept. The difference divided by the subscribers added is what one more subscriber costs. Outside the
# test suite (see docs/PERFORMANCE.md).
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
# The server's full GCs compact every region: by default G1 leaves regions that are nearly all live in place, and the
# dead objects in them (filled with jdk.internal.vm.FillerElement) would count as used heap, a few MiB of noise.
SERVER_FLAGS=(-XX:MarkSweepDeadRatio=0)
OUT=target/memory-bench
mkdir -p "$OUT"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap stop_server EXIT

# measure COUNT: COUNT subscribers of one publisher (or COUNT lone publishers with MODE=publishers); prints
# "live-heap-KiB netty-direct-bytes jvm-direct-bytes connected live-objects-bytes"
measure() {
  local s=$1 data who
  if [ "$MODE" = publishers ]; then who=(-p "$s" -s 0 -r "$s"); else who=(-p 1 -s "$s"); fi
  data=$(mktemp -d)
  (cd "$data" && exec "$JAVA_HOME/bin/java" "${FLAGS[@]}" "${SERVER_FLAGS[@]}" -jar "$OLDPWD/plenum-cli/target/plenum.jar" run \
      --port "$PORT" --media-port $((PORT + 1)) --max-participants 2000) >"$OUT/server-$s.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  local duration=$(( (1 + s) / 10 + 45 ))
  "$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar plenum-cli/target/plenum.jar loadtest --url "http://127.0.0.1:$PORT" \
      "${who[@]}" ${EXTRA[@]+"${EXTRA[@]}"} --ramp 10 -d "$duration" --json "$OUT/loadtest-$s.json" >"$OUT/loadtest-$s.txt" 2>&1 &
  local tester=$!
  sleep $(( duration - 8 ))
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null; sleep 1
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null
  local heap netty jvm connected objects
  # G1's used heap right after the GC: it also counts what the running server allocated since (eden), so it is
  # only an upper bound; the histogram below (taken at a full GC of its own) is the live heap
  heap=$("$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info | sed -n 's/.*garbage-first heap.* used \([0-9]*\)K.*/\1/p')
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.class_histogram >"$OUT/histogram-$s.txt"
  # the histogram's objects, less the fillers of dead space: what is live, without G1's region accounting
  objects=$(awk '/^ *[0-9]+:/ && $4 !~ /FillerElement/ { sum += $3 } END { print sum + 0 }' "$OUT/histogram-$s.txt")
  local metrics
  metrics=$(curl -s "http://127.0.0.1:$PORT/metrics")
  netty=$(sed -n 's/^plenum_media_netty_direct_memory_used_bytes \([0-9.]*\)$/\1/p' <<<"$metrics")
  jvm=$(sed -n 's/^jvm_buffer_memory_used_bytes{id="direct"} \([0-9.]*\)$/\1/p' <<<"$metrics")
  connected=$(grep -o 'connected [0-9]*' "$OUT/loadtest-$s.txt" | tail -1 | cut -d' ' -f2)
  wait "$tester" || true
  stop_server
  rm -rf "$data"
  echo "$heap ${netty:-0} ${jvm:-0} ${connected:-0} $objects"
}

read -r h1 n1 j1 c1 o1 <<<"$(measure 1)"
read -r h2 n2 j2 c2 o2 <<<"$(measure $((1 + N)))"
if [ "$MODE" = publishers ]; then one="1 publisher"; many="$((1 + N)) publishers"; unit=publisher; first=1
else one="1 publisher + 1 subscriber"; many="1 publisher + $((1 + N)) subscribers"; unit=subscriber; first=2; fi
echo "$one: live heap $((o1 / 1024)) KiB (G1 used ${h1} KiB), Netty direct ${n1%.*} B, JVM direct ${j1%.*} B ($c1 connected)"
echo "$many: live heap $((o2 / 1024)) KiB (G1 used ${h2} KiB), Netty direct ${n2%.*} B, JVM direct ${j2%.*} B ($c2 connected)"
# per participant added that had connected when measured (on a busy machine a few may still be on their way)
added=$((c2 - c1))
if [ "$c1" != "$first" ] || [ "$added" != "$N" ]; then
  echo "warning: $c1 of $first and $c2 of $((first + N)) participants had connected when measured (DTLS handshakes time"
  echo "out on an overloaded machine): not comparable, as a participant without media holds less; run again"
fi
awk -v h1="$h1" -v h2="$h2" -v n1="${n1%.*}" -v n2="${n2%.*}" -v j1="${j1%.*}" -v j2="${j2%.*}" -v o1="$o1" -v o2="$o2" \
    -v n="$added" -v u="$unit" 'BEGIN {
  heap = (o2 - o1) / 1024 / n; netty = (n2 - n1) / 1024 / n; jvm = (j2 - j1) / 1024 / n
  printf "per %s: live heap %.1f KiB (G1 used %.0f KiB), Netty direct %.1f KiB, JVM direct %.1f KiB;" \
    " heap and direct %.1f KiB (%.0f KB)\n", u, heap, (h2 - h1) / n, netty, jvm, heap + netty + jvm, (heap + netty + jvm) * 1.024 }'
