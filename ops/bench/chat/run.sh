#!/usr/bin/env bash
# Live-chat load: starts one Mooring server (embedded PostgreSQL in target/bench-data, 127.0.0.1 only),
# warms it up, runs the ChatBench client for each scenario, prints one result line per scenario, stops the server.
# Usage: ops/bench/chat/run.sh                 (the three one-circle scenarios: 50 x 1/s, 50 x 5/s, 200 x 0.25/s)
#        ops/bench/chat/run.sh small           (many small circles: 100 circles x 8 x 0.5/s and 500 x 8 x 0.1/s, 25 s each)
#        ops/bench/chat/run.sh 50 5 60         (one circle: members rate seconds)
#        ops/bench/chat/run.sh 100 8 0.5 25    (circles members rate seconds)
# Each line: sent, delivered, loss, duplicates, latency percentiles, server (JVM) CPU and JVM+PostgreSQL CPU
# per delivery and per committed message, then the send-to-ack latency (the commit path alone).
# SERVER_JAVA_OPTS adds server JVM flags (e.g. -XX:+FlightRecorder).
# SERVER_CHECKOUT=<another checkout> runs that checkout's server under this checkout's load client, so two
# versions are compared with the same client (e.g. git worktree add /tmp/base <commit>; SERVER_CHECKOUT=/tmp/base).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
. ops/bench/classpath.sh
SERVER_DIR="$(pwd)"
SERVER_CP="$CP"
if [ -n "${SERVER_CHECKOUT:-}" ]; then
  SERVER_DIR="$(cd "$SERVER_CHECKOUT" && pwd)"
  SERVER_CP="$(cd "$SERVER_DIR" && . "$OLDPWD/ops/bench/classpath.sh" && echo "$CP" | sed "s#^target/#$SERVER_DIR/target/#; s#:target/#:$SERVER_DIR/target/#g")"
  echo "server from $SERVER_DIR ($(git -C "$SERVER_DIR" log --oneline -1 | cut -c1-60)), load client from $(pwd)"
fi
DATA="$SERVER_DIR/target/bench-data"
PORT="${BENCH_PORT:-18089}"
rm -rf "$DATA"
# Every socket comes from 127.0.0.1 here: no per-address connection cap.
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 \
  bash -c 'cd "$1" && shift && exec "$@"' _ "$SERVER_DIR" java -Xmx512m ${SERVER_JAVA_OPTS:-} -cp "$SERVER_CP" io.mooring.Main serve \
  > target/bench-server.log 2>&1 &
SERVER=$!
echo "server pid $SERVER; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
trap 'echo "load average at end: $(cut -d" " -f1-3 /proc/loadavg)"; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
# A fresh JVM interprets before it compiles: 15 s of 50 x 2/s first (printed, not reported) so that the
# first scenario measures the server, not its JIT warm-up.
warm() { echo "warm-up (discarded):"; bench 1 50 2 "${WARM_SECONDS:-15}"; }
bench() { java -Xmx512m -cp "$CP" io.mooring.bench.ChatBench "$PORT" "$DATA" "$SERVER" "$1" "$2" "$3" "$4"; }
warm
if [ $# -eq 4 ]; then
  bench "$1" "$2" "$3" "$4"
elif [ $# -eq 3 ]; then
  bench 1 "$1" "$2" "$3"
elif [ "${1:-}" = small ]; then
  bench 100 8 0.5 25
  bench 500 8 0.1 25
else
  bench 1 50 1 30
  bench 1 50 5 60
  bench 1 200 0.25 30
fi
