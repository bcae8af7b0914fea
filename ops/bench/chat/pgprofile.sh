#!/usr/bin/env bash
# Where PostgreSQL's CPU goes per committed chat message (issue 17), by phase: runs run.sh on a shape (default the
# many-small-circles one, 100 x 8 x 0.5/s for 40 s), samples every PostgreSQL process with perf (call graphs by DWARF
# unwinding, 999 Hz) for 12 s inside the measured window, and prints the phases (pg-phases.py) in % and in us per
# committed message, using the PostgreSQL CPU per message that the same run measured. perf's sampling inflates the
# run's figures by a few per cent; the shares are what to read.
# Usage: ops/bench/chat/pgprofile.sh [circles members rate seconds]     (needs: perf, root)
set -euo pipefail
cd "$(dirname "$0")/../../.."
SHAPE=("${@:-100 8 0.5 40}")
read -r -a SHAPE <<< "${SHAPE[*]}"
OUT="$(mktemp -d /tmp/mooring-pgprofile.XXXXXX)"
WARM_SECONDS="${WARM_SECONDS:-20}" ops/bench/chat/run.sh "${SHAPE[@]}" > "$OUT/run.out" 2>&1 &
RUN=$!
# The warm-up prints its line (rate=2.00/s) when it ends; the measured scenario starts right after.
for _ in $(seq 1 300); do grep -q "rate=2.00" "$OUT/run.out" 2>/dev/null && break; sleep 1; done
sleep 5
perf record -q -e cpu-clock -F 999 --call-graph dwarf,32768 -p "$(pgrep -d, -x postgres)" -o "$OUT/pg.data" -- sleep 12 2>/dev/null
wait $RUN
tail -n +2 "$OUT/run.out" | grep -v "^warm-up" | tail -4
PER_MESSAGE="$(grep -o 'postgres=[0-9.]*us' "$OUT/run.out" | tail -1 | tr -dc '0-9.')"
perf script -i "$OUT/pg.data" -F pid,ip,sym 2>/dev/null | ops/bench/chat/pg-phases.py "$PER_MESSAGE"
rm -rf "$OUT"
