#!/usr/bin/env bash
# Memory under hostile load: starts one Mooring server with the production JVM flags (ops/jvm.options,
# MALLOC_ARENA_MAX=2) on the embedded PostgreSQL with the demo organization (target/bench-hostile-data,
# 127.0.0.1, behind a "trusted proxy" so each attempt can come from its own X-Forwarded-For address
# and the per-address sign-in throttle does not short-cut the Argon2 work), then runs HostileLoad:
# rounds of 200 concurrent failed sign-ins, then generated requests from the OpenAPI document as
# four roles. Prints peak RSS and heap after a full GC after each phase.
# Usage: ops/bench/hostile/run.sh [minutes=10] [signInRounds=5] [concurrency=16]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
DATA="$(pwd)/target/bench-hostile-data"
PORT="${BENCH_PORT:-18393}"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is taken; set BENCH_PORT" >&2; exit 1; fi
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:-@ops/jvm.options}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
rm -rf "$DATA"
echo "server JVM: java $SERVER_JAVA_OPTS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_TRUST_PROXY=true \
  java $SERVER_JAVA_OPTS -cp "$CP" io.mooring.Main serve --demo > target/bench-hostile-server.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.mooring.bench.HostileLoad "$PORT" "$SERVER" "${1:-10}" "${2:-5}" "${3:-16}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server log lines at ERROR: $(grep -c ' ERROR ' target/bench-hostile-server.log || true)"
