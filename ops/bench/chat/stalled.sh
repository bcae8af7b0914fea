#!/usr/bin/env bash
# Clients that stop reading: starts one Mooring server (embedded PostgreSQL in target/bench-data, 127.0.0.1
# only), opens K raw sockets that complete the WebSocket handshake and then read nothing, commits M messages
# of 4,000 characters, and prints the largest kernel send queue and socket write memory per socket (ss -tnm)
# and how long the server took to drop them.
# Usage: ops/bench/chat/stalled.sh [sockets messages seconds]     (default 20 1500 60)
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-data"
PORT="${BENCH_PORT:-18089}"
rm -rf "$DATA"
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 \
  java -Xmx512m -cp "$CP" io.mooring.Main serve > target/bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
java -Xmx256m -cp "$CP" io.mooring.bench.StalledReaderBench "$PORT" "$DATA" "${1:-20}" "${2:-1500}" "${3:-60}"
