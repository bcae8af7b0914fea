#!/usr/bin/env bash
# Idle-socket memory: starts one Mooring server (embedded PostgreSQL in target/bench-idle-data,
# 127.0.0.1 only), opens S idle authenticated member sockets with the IdleSockets client and prints
# the server's RSS before and after. Target: 10,000 sockets in <= 300 MB RSS of the server process.
# Usage: ops/bench/chat/idle.sh [sockets=10000] [circleSize=50] [holdSeconds=60] [deflate|plain]
set -euo pipefail
cd "$(dirname "$0")/../../.."
SOCKETS="${1:-10000}"; CIRCLE="${2:-50}"; HOLD="${3:-60}"; MODE="${4:-deflate}"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "ulimit -n $(ulimit -n)"
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-idle-data"
PORT="${BENCH_PORT:-18391}"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken; set BENCH_PORT" >&2; exit 1; fi
# The shipped server's flags (ops/jvm.options, as mooring.service and the Dockerfile run it) and its
# two malloc arenas; SERVER_JAVA_OPTS adds flags after them (e.g. -XX:NativeMemoryTracking=summary).
SERVER_JAVA_OPTS="@ops/jvm.options ${SERVER_JAVA_OPTS:-}"
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
