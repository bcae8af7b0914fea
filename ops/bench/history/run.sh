#!/usr/bin/env bash
# History reads at 10^3 and 10^6 rows (DESIGN.md growth target: within 2x latency): a circle's message
# pages, a peer's check-in history, a pairing's sessions. Real server, embedded PostgreSQL seeded with
# generate_series. Prints a markdown table and the p50 growth of each read.
# Usage: ops/bench/history/run.sh [seconds-per-measurement=8] [concurrency=16] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.mooring.bench.HistoryBench "${1:-8}" "${2:-16}" "${3:-3}"
