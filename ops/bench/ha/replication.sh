#!/usr/bin/env bash
# The cost of synchronous replication on live chat, side by side in one run: the ops/ha pair (Patroni,
# primary + synchronous standby, synchronous_mode: true, through HAProxy) against a single PostgreSQL 15
# with the same settings (Debian binaries, scratch directory), each with its own Mooring server started
# exactly as ops/bench/chat/run.sh starts one, driven by the same ChatBench scenarios, interleaved
# (single, pair, pair, single, ...) so the shared machine's drifting load hits both alike.
# Prints one line per run and a table at the end; /proc/loadavg before and after every run.
# Run as root (PostgreSQL runs as postgres; ops/ha/start.sh installs missing Debian packages).
# Usage: ops/bench/ha/replication.sh [seconds-per-run=20] [rounds=2]
# Ports: BENCH_PORT_BASE (default 18720) .. +9; state under /tmp/mooring-bench-ha*.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
. ops/bench/ceiling/scratch-pg.sh
SECONDS_PER_RUN=${1:-20}
ROUNDS=${2:-2}
BASE=${BENCH_PORT_BASE:-18720}
SINGLE_HTTP=$BASE PAIR_HTTP=$((BASE + 9)) SINGLE_PG=$((BASE + 8))
HA=/tmp/mooring-bench-ha SINGLE=/tmp/mooring-bench-ha-single KEYS=$(pwd)/target/bench-ha
export MOORING_HA_DIR=$HA MOORING_HA_PASSWORD=bench-ha MOORING_HA_PORT=$((BASE + 1))
export MOORING_HA_PG1_PORT=$((BASE + 2)) MOORING_HA_PG2_PORT=$((BASE + 3)) MOORING_HA_API1_PORT=$((BASE + 4))
export MOORING_HA_API2_PORT=$((BASE + 5)) MOORING_HA_ETCD_PORT=$((BASE + 6)) MOORING_HA_ETCD_PEER_PORT=$((BASE + 7))
SERVERS=()
cleanup() {
  for s in "${SERVERS[@]}"; do kill "$s" 2>/dev/null; wait "$s" 2>/dev/null || true; done
  scratch_pg_stop "$SINGLE"; rm -rf "$SINGLE"
  ops/ha/stop.sh --clean
}
trap cleanup EXIT
ops/ha/stop.sh --clean
rm -rf "$KEYS" && mkdir -p "$KEYS/single" "$KEYS/pair"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

PAIR_URL=$(ops/ha/start.sh | sed -n 's/^MOORING_DB_URL=//p')
SINGLE_URL=$(scratch_pg_start "$SINGLE" "$SINGLE_PG" bench-single)
# start.sh returns once a primary answers; wait until the other node is its synchronous standby.
for i in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$MOORING_HA_API1_PORT/sync" >/dev/null 2>&1 && break
  curl -fs "http://127.0.0.1:$MOORING_HA_API2_PORT/sync" >/dev/null 2>&1 && break
  [ "$i" = 240 ] && { echo "no synchronous standby within 120 s; see $HA/*.log" >&2; exit 1; }
  sleep 0.5
done

serve() { # name url port
  MOORING_DB_URL="$2" MOORING_DATA_DIR="$KEYS/$1" MOORING_PORT="$3" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 \
    MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 java -Xmx512m -cp "$CP" io.mooring.Main serve >"$KEYS/$1.log" 2>&1 &
  SERVERS+=($!)
  eval "${1^^}_PID=$!"
}
serve single "$SINGLE_URL" "$SINGLE_HTTP"
serve pair "$PAIR_URL" "$PAIR_HTTP"
for port in "$SINGLE_HTTP" "$PAIR_HTTP"; do
  for i in $(seq 1 90); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; [ "$i" = 90 ] && { echo "server on $port not ready; see $KEYS/*.log" >&2; exit 1; }; sleep 1; done
done

# bench target members rate seconds: one ChatBench run against that target's server and database.
bench() {
  local url port pid pgpids
  if [ "$1" = single ]; then
    url=$SINGLE_URL port=$SINGLE_HTTP pid=$SINGLE_PID pgpids=$(scratch_pg_pid "$SINGLE")
  else
    url=$PAIR_URL port=$PAIR_HTTP pid=$PAIR_PID pgpids="$(head -1 "$HA/pg1/postmaster.pid"),$(head -1 "$HA/pg2/postmaster.pid")"
  fi
  local before; before=$(cut -d' ' -f1 /proc/loadavg)
  local line; line=$(MOORING_DB_URL="$url" MOORING_BENCH_PG_PIDS="$pgpids" \
    java -Xmx512m -cp "$CP" io.mooring.bench.ChatBench "$port" "$KEYS/$1" "$pid" 1 "$2" "$3" "$4" | grep '^circles=')
  echo "$1 $line load=$before->$(cut -d' ' -f1 /proc/loadavg)"
}
# A fresh JVM interprets before it compiles: 15 s of 50 x 2/s on each server first (not reported).
echo "warm-up (discarded):"
bench single 50 2 15
bench pair 50 2 15
echo "measured:"
RESULTS=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="single pair"; else order="pair single"; fi
  for scenario in "50 1" "50 5" "200 0.25"; do
    for target in $order; do
      bench "$target" $scenario "$SECONDS_PER_RUN" | tee -a "$RESULTS"
    done
  done
done
echo
echo "| database | members x rate | sent | delivered | loss | p50 ms | p99 ms | msgs/s committed | deliveries/s | server CPU us/delivery | with PostgreSQL us/delivery | load |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
awk -v s="$SECONDS_PER_RUN" '{
    p = ""  # after "perMessage:" the same names are per committed message
    for (i = 2; i <= NF; i++) { if ($i == "perMessage:") p = "msg_"; split($i, kv, "="); v[p kv[1]] = kv[2]; gsub(/ms|us\/delivery|\/s$/, "", v[p kv[1]]) }
    printf "| %s | %s x %s/s | %s | %s | %s | %s | %s | %.1f | %s | %s | %s | %s |\n", ($1 == "pair" ? "synchronous pair" : "single"),
      v["members"], v["rate"], v["sent"], v["delivered"], v["loss"], v["p50"], v["p99"], v["acked"] / s, v["deliveries/s"],
      v["serverCPU"], v["withPostgres"], v[p "load"] }' "$RESULTS" | sort -t'|' -k3,3 -k2,2 -s
rm -f "$RESULTS"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
