#!/usr/bin/env bash
# Cold start, embedded PostgreSQL, warm disk: time from `java -jar target/mooring.jar serve` to the
# first 200 from /health/ready, over RUNS runs on an existing data directory. Builds nothing: run
# `./mvnw -B -q package -DskipTests` first. Each run is stopped with SIGTERM (a graceful shutdown)
# before the next one starts.
#
#   ops/bench/coldstart.sh            # 5 runs on ./data, port 18080
#   RUNS=10 MOORING_DATA_DIR=/tmp/d MOORING_PORT=18081 ops/bench/coldstart.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS=${RUNS:-5}
export MOORING_PORT=${MOORING_PORT:-18080}
export MOORING_DATA_DIR=${MOORING_DATA_DIR:-./data}
JAR=target/mooring.jar
LOG=$(mktemp -t mooring-coldstart.XXXXXX)
trap 'rm -f "$LOG"' EXIT

[ -f "$JAR" ] || { echo "no $JAR: build it first with ./mvnw -B -q package -DskipTests" >&2; exit 1; }
if curl -fsS -o /dev/null "http://127.0.0.1:$MOORING_PORT/health/live" 2>/dev/null; then
  echo "something already answers on port $MOORING_PORT; set MOORING_PORT" >&2; exit 1
fi

now_ms() { date +%s%3N; }

# One start: prints the ms until /health/ready answered 200, then stops the server with SIGTERM.
start_once() {
  local t0 pid ms=""
  t0=$(now_ms)
  java -jar "$JAR" serve >"$LOG" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if curl -fsS -o /dev/null "http://127.0.0.1:$MOORING_PORT/health/ready" 2>/dev/null; then
      ms=$(( $(now_ms) - t0 )); break
    fi
    sleep 0.02
    if [ $(( $(now_ms) - t0 )) -gt 120000 ]; then break; fi
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$ms" ]; then echo "the server did not become ready; its output:" >&2; cat "$LOG" >&2; exit 1; fi
  echo "$ms"
}

if [ ! -d "$MOORING_DATA_DIR/postgres" ]; then
  echo "no data in $MOORING_DATA_DIR yet: one unmeasured start creates it (initdb, migrations)"
  start_once >/dev/null
fi
echo "warm-up start (not counted, fills the page cache): $(start_once) ms"

results=()
for i in $(seq 1 "$RUNS"); do
  ms=$(start_once)
  results+=("$ms")
  echo "run $i: ${ms} ms to ready"
done
sorted=($(printf '%s\n' "${results[@]}" | sort -n))
n=${#sorted[@]}
if (( n % 2 )); then median=${sorted[$((n / 2))]}; else median=$(( (sorted[n / 2 - 1] + sorted[n / 2]) / 2 )); fi
echo "cold start to /health/ready over $n runs: min ${sorted[0]} ms, median ${median} ms, max ${sorted[$((n - 1))]} ms"
grep -m1 "Mooring is ready in" "$LOG" || true
