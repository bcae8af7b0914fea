#!/usr/bin/env bash
# One-cluster API ceiling: signed-in API requests/s one PostgreSQL 15 carries before p99 passes 100 ms,
# for a read mix of one organization (supervisor dashboards, pairings' session records, peers' check-in
# lists, a supervisee's check-ins, /me; see ApiCeiling). A scratch PostgreSQL 15 (Debian binaries,
# ops/ha's settings, no standby); Mooring and the open-loop load client in one JVM (as DashboardBench).
# The offered rate steps up until p99 > 100 ms or a request fails; load average before/after each step.
# Usage (root): ops/bench/ceiling/api.sh [seconds-per-step=10] ["rates"="25 50 100 200 300 400 600 800 1000 1300 1600 2000"]
# Port: BENCH_PORT_BASE+8 (default 18728) for PostgreSQL; state in /tmp/mooring-bench-api.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
. ops/bench/ceiling/scratch-pg.sh
STEP=${1:-10}
RATES=${2:-25 50 100 200 300 400 600 800 1000 1300 1600 2000}
DIR=/tmp/mooring-bench-api
trap 'scratch_pg_stop "$DIR"; rm -rf "$DIR"' EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
URL=$(scratch_pg_start "$DIR" $(( ${BENCH_PORT_BASE:-18720} + 8 )) bench-api)
# The first step (100 req/s) warms the JIT and is discarded.
MOORING_DB_URL="$URL" MOORING_BENCH_PG_PIDS="$(scratch_pg_pid "$DIR")" java -Xmx768m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$CP" io.mooring.bench.ApiCeiling "$STEP" 100 100 $RATES
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
