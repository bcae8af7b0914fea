#!/usr/bin/env bash
# Idle-socket memory: starts one Mooring server (embedded PostgreSQL in target/bench-idle-data,
# 127.0.0.1 only), opens S idle authenticated member sockets with the IdleSockets client and prints
# the server's RSS before and after. Target: 5,000 sockets in <= 300 MB RSS of the server process.
# Usage: ops/bench/chat/idle.sh [sockets=5000] [circleSize=50] [holdSeconds=60] [deflate|plain]
# SERVER_JAVA_OPTS overrides the server JVM flags (default below, documented in RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
SOCKETS="${1:-5000}"; CIRCLE="${2:-50}"; HOLD="${3:-60}"; MODE="${4:-deflate}"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "ulimit -n $(ulimit -n)"
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-idle-data"
PORT="${BENCH_PORT:-18391}"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken; set BENCH_PORT" >&2; exit 1; fi
# Serial GC (no G1 remembered sets, card tables or concurrent threads: ~45 MB of GC structures), a heap
# that grows only as needed and gives memory back, a small young generation (eden pages, once touched,
# stay resident), and two malloc arenas instead of one per thread. Measured in ops/bench/RESULTS.md.
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx200m -Xmn24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
rm -rf "$DATA"
echo "server JVM: MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX java $SERVER_JAVA_OPTS"
# Every socket comes from 127.0.0.1 here: no per-address connection cap.
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 \
  java $SERVER_JAVA_OPTS -cp "$CP" io.mooring.Main serve > target/bench-idle-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
java -Xmx1g -cp "$CP" io.mooring.bench.IdleSockets "$PORT" "$DATA" "$SERVER" "$SOCKETS" "$CIRCLE" "$HOLD" "$MODE"
