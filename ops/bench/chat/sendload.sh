#!/usr/bin/env bash
# PostgreSQL CPU per committed chat message under the many-small-circles load (issue 17): starts one
# Mooring server (embedded PostgreSQL in target/bench-data, fsync on, 127.0.0.1 only), warms it up for
# 10 s (printed, discarded), then runs SendLoadBench: circles x members sockets, each member posting at
# the rate; prints PostgreSQL CPU (every PostgreSQL process) and server CPU per acked message.
# Usage: ops/bench/chat/sendload.sh [circles members rate seconds]     (default 100 8 0.5 30)
#        SERVER_OPTS='-Dmooring.sendBatch=off' ops/bench/chat/sendload.sh   (the one-statement-per-send path)
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-data"
PORT="${BENCH_PORT:-18089}"
rm -rf "$DATA"
# Every socket comes from 127.0.0.1 here: no per-address connection cap.
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 \
  java -Xmx512m ${SERVER_OPTS:-} -cp "$CP" io.mooring.Main serve > target/bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
bench() { java -Xmx512m -cp "$CP" io.mooring.bench.SendLoadBench "$PORT" "$DATA" "$SERVER" "$@"; }
echo "warm-up (discarded):"
bench "${1:-100}" "${2:-8}" "${3:-0.5}" 10
bench "${1:-100}" "${2:-8}" "${3:-0.5}" "${4:-30}"
