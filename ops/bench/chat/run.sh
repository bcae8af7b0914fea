#!/usr/bin/env bash
# Live-chat load: starts one Mooring server (embedded PostgreSQL in target/bench-data, 127.0.0.1 only),
# warms it up, runs the ChatBench client for each scenario, prints one result line per scenario, stops the server.
# Usage: ops/bench/chat/run.sh            (all three scenarios)
#        ops/bench/chat/run.sh 50 5 60    (members rate seconds)
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-data"
PORT="${BENCH_PORT:-18089}"
rm -rf "$DATA"
# Every socket comes from 127.0.0.1 here: no per-address connection cap.
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 \
  java -Xmx512m -cp "$CP" io.mooring.Main serve > target/bench-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
# A fresh JVM interprets before it compiles: 15 s of 50 x 2/s first (printed, not reported) so that the
# first scenario measures the server, not its JIT warm-up.
warm() { echo "warm-up (discarded):"; bench 50 2 15; }
bench() { java -Xmx512m -cp "$CP" io.mooring.bench.ChatBench "$PORT" "$DATA" "$SERVER" "$1" "$2" "$3"; }
warm
if [ $# -eq 3 ]; then
  bench "$1" "$2" "$3"
else
  bench 50 1 30
  bench 50 5 60
  bench 200 0.25 30
fi
