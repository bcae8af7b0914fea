#!/usr/bin/env bash
# PostgreSQL CPU of one chat send, with and without the cross-node send limit taken in the statement:
# starts one Mooring server (embedded PostgreSQL in target/bench-data, 127.0.0.1 only, so its LISTEN
# connection receives the notifications as in production), then runs SendCostBench on one connection.
# Usage: ops/bench/chat/sendcost.sh [sends rounds]     (default 5000 4)
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
java -Xmx256m -cp "$CP" io.mooring.bench.SendCostBench "$DATA" "${1:-5000}" "${2:-4}"
