#!/usr/bin/env bash
# Chat search latency at 10^6 messages (DESIGN.md target: p95 <= 50 ms for a one-word query): real server,
# embedded PostgreSQL, 100 circles x 10,000 messages seeded with generate_series, the searching peer in 5
# of them; one request at a time over HTTP for a common, a medium and a rare word. Prints a markdown table.
# Usage: ops/bench/search/run.sh [messages=1000000] [queries-per-word=300]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.mooring.bench.SearchBench "${1:-1000000}" "${2:-300}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
