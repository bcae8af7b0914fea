#!/usr/bin/env bash
# One-cluster chat ceiling: committed messages/s one PostgreSQL 15 carries with LISTEN/NOTIFY fan-out
# before p99 post->deliver latency passes 100 ms. A scratch PostgreSQL 15 (Debian binaries, ops/ha's
# settings, no standby), one Mooring server started as ops/bench/chat/run.sh starts one, and ChatCeiling:
# CIRCLES circles of MEMBERS peers, all connected, every member sending at the same rate, stepped up
# until p99 > 100 ms, a loss or a failed send. One line per step, load average before and after each.
# Usage (root): ops/bench/ceiling/chat.sh [seconds-per-step=15] [circles=100] [members=5] ["rates per member"]
# CEILING_ALL_STEPS=true runs every step, past the limit too (the whole curve).
# Ports: BENCH_PORT_BASE (default 18720) for Mooring, +8 for PostgreSQL; state in /tmp/mooring-bench-chat.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
. ops/bench/ceiling/scratch-pg.sh
STEP=${1:-15}
CIRCLES=${2:-100}
MEMBERS=${3:-5}
RATES=${4:-0.1 0.2 0.4 0.8 1.2 1.6 2 3 4 6 8}
BASE=${BENCH_PORT_BASE:-18720}
DIR=/tmp/mooring-bench-chat KEYS=$(pwd)/target/bench-ceiling-chat
SERVER=
cleanup() {
  [ -n "$SERVER" ] && { kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }
  scratch_pg_stop "$DIR"; rm -rf "$DIR"
}
trap cleanup EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
URL=$(scratch_pg_start "$DIR" $((BASE + 8)) bench-chat)
rm -rf "$KEYS" && mkdir -p "$KEYS"
MOORING_DB_URL="$URL" MOORING_DATA_DIR="$KEYS" MOORING_PORT="$BASE" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 \
  MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 java -Xmx768m -cp "$CP" io.mooring.Main serve >"$KEYS.log" 2>&1 &
SERVER=$!
for i in $(seq 1 90); do curl -sf "http://127.0.0.1:$BASE/health/ready" >/dev/null 2>&1 && break; [ "$i" = 90 ] && { echo "server not ready; see $KEYS.log" >&2; exit 1; }; sleep 1; done
# The first step (0.1/s per member, 20 s) warms the JIT and is discarded.
MOORING_DB_URL="$URL" MOORING_BENCH_PG_PIDS="$(scratch_pg_pid "$DIR")" java -Xmx768m -Dmooring.ceiling.all="${CEILING_ALL_STEPS:-false}" -cp "$CP" io.mooring.bench.ChatCeiling \
  "$BASE" "$KEYS" "$SERVER" "$CIRCLES" "$MEMBERS" "$STEP" 100 0.1 $RATES
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
