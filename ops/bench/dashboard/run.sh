#!/usr/bin/env bash
# Supervisor dashboard vs a bare Vert.x + pg-client SELECT 1 endpoint, same JVM, same run, at 10^3 and
# 10^6 stored sessions (embedded PostgreSQL, seeded with generate_series). Prints a markdown table.
# Usage: ops/bench/dashboard/run.sh [seconds-per-measurement=15] [concurrency=16] [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" io.mooring.bench.DashboardBench "${1:-15}" "${2:-16}" "${3:-3}"
