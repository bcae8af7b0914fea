#!/usr/bin/env bash
# Time of one HTML page as each demo role opens it (the page shell counts the reader's unread notifications, each
# checked against who may still see it). Starts the packaged server on the demo data (embedded PostgreSQL in a
# scratch folder), then per person: 50 warm-up GETs and N timed GETs on one keep-alive connection, one at a time.
# Usage: ops/bench/pages/run.sh [jar=target/mooring.jar] [path=/supervision] [n=300]
#        (build first: ./mvnw -B -q package -DskipTests; compare two versions by passing another build's jar)
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAR="${1:-target/mooring.jar}"
PAGE="${2:-/supervision}"
N="${3:-300}"
PORT="${BENCH_PORT:-18099}"
DATA="$(mktemp -d /tmp/mooring-pages.XXXXXX)"
MOORING_PORT=$PORT MOORING_HOST=127.0.0.1 MOORING_DATA_DIR="$DATA" java -Xmx512m -jar "$JAR" serve --demo > "$DATA.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$DATA" "$DATA.log"' EXIT
for _ in $(seq 1 90); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
echo "$JAR, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for who in rivera okafor sam; do python3 ops/bench/pages/pagetime.py "$PORT" "$who" "$PAGE" "$N"; done
