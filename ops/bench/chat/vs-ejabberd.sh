#!/usr/bin/env bash
# Mooring side by side with ejabberd 23.01 (MUC, no persistence) on this machine, one command:
#   ops/bench/chat/vs-ejabberd.sh
# Starts one Mooring server (embedded PostgreSQL in target/bench-vs-data, 127.0.0.1:$BENCH_PORT) and a private
# ejabberd (config in ops/bench/ejabberd, state in target/ejabberd, 127.0.0.1:5222/5280 only; installed from
# Debian's package when missing and we are root), then runs the same shapes against both, interleaved, with ONE
# load client (ops/bench/ejabberd/loadclient/bench.js: XMPP MUC over WebSocket for ejabberd, Mooring's JSON
# WebSocket for Mooring), one line per run, and a summary table at the end. Without ejabberd (or with its
# ports taken) the Mooring runs still happen and the reason is printed.
# Shapes (circles x members x msgs/s per member, SECONDS each, 25 by default):
#   100 x 8 x 0.5, 500 x 8 x 0.1, 1 x 50 x 5, 1 x 200 x 0.25, then per server the highest rate in STEP_RATES
#   with 50 members that holds p99 <= 250 ms, zero loss and no refused send (stops at the first rate that does not).
# Mooring runs with its per-person send limit (10/s by default) raised to 1,000/s: above 10/s per member the step
# search would otherwise measure that policy (refused sends, which an earlier version of this script did not count).
# Env: BENCH_PORT (18089), SECONDS_PER_RUN (25), STEP_RATES ("4 8 12 16 20 24 30 36 45 60"), SHAPES (override, e.g.
# "100x8x0.5"; " " for the step search alone), WARM_SHAPES ("100x8x0.5x20 1x50x5x10": circles x members x rate x seconds,
# run on both servers and discarded before measuring), SERVER_JAVA_OPTS (added after the shipped flags, e.g.
# "-Xlog:gc:file=target/gc.log" or an -agentpath profiler), LAT_DUMP (a path prefix: the client writes every delivery to
# PREFIX-server-shape.csv; read them with ops/bench/chat/lat-windows.py), SEND_SCHEDULE=interval (the reference client's
# setInterval sends, which bunch after a client pause; see bench.js).
# Mooring runs with the shipped JVM flags (ops/jvm.options, MALLOC_ARENA_MAX=2), as mooring.service starts it.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT="$(pwd)"
PORT="${BENCH_PORT:-18089}"
SECS="${SECONDS_PER_RUN:-25}"
STEP_RATES="${STEP_RATES:-4 8 12 16 20 24 30 36 45 60}"
SHAPES="${SHAPES:-100x8x0.5 500x8x0.1 1x50x5 1x200x0.25}"
WARM_SHAPES="${WARM_SHAPES:-100x8x0.5x20 1x50x5x10}"
OUT="$ROOT/target/vs-ejabberd-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
EJ_HOME="$ROOT/target/ejabberd"
LC="$ROOT/target/bench-loadclient"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
mkdir -p target && : > "$OUT"
echo "vs-ejabberd: $(date -u +%FT%TZ), load average at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, results also in $OUT"

command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node and npm are needed for the load client (apt-get install nodejs npm)"; exit 1; }
mkdir -p "$LC" && cp ops/bench/ejabberd/loadclient/{bench.js,package.json,package-lock.json} "$LC"/
[ -d "$LC/node_modules/@xmpp/client" ] && [ -d "$LC/node_modules/ws" ] || (cd "$LC" && npm ci --no-audit --no-fund --loglevel=error)

# ---- ejabberd (private instance) ----
EJ=""
# As root, ejabberdctl re-runs itself through su, whose PAM session leaves beam 1,024 open files (500 x 8 members
# need 4,000): become the ejabberd user with setpriv instead, which keeps this shell's limit.
ejctl() {
  if [ "$(id -u)" = 0 ] && id ejabberd >/dev/null 2>&1 && command -v setpriv >/dev/null; then
    HOME=/var/lib/ejabberd setpriv --reuid=ejabberd --regid=ejabberd --init-groups ops/bench/ejabberd/ej.sh "$@"
  else
    ops/bench/ejabberd/ej.sh "$@"
  fi
}
start_ejabberd() {
  if ! command -v ejabberdctl >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing Debian's ejabberd package (its own service is not started by this script)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ejabberd >/dev/null 2>&1 || true
    fi
    command -v ejabberdctl >/dev/null || { echo "SKIP ejabberd: not installed (apt-get install ejabberd, as root)"; return 1; }
  fi
  if ss -ltn | grep -qE '127\.0\.0\.1:(5222|5280) |\*:(5222|5280) |0\.0\.0\.0:(5222|5280) '; then
    echo "SKIP ejabberd: port 5222 or 5280 is already taken"; return 1
  fi
  rm -rf "$EJ_HOME" && mkdir -p "$EJ_HOME"/{spool,logs}
  cp ops/bench/ejabberd/ejabberd.yml "$EJ_HOME"/
  sed -e "s#^EJABBERD_CONFIG_PATH=.*#EJABBERD_CONFIG_PATH=$EJ_HOME/ejabberd.yml#" \
      -e "s#^EJABBERD_PID_PATH=.*#EJABBERD_PID_PATH=$EJ_HOME/spool/ejabberd.pid#" /etc/ejabberd/ejabberdctl.cfg > "$EJ_HOME/ejabberdctl.cfg"
  printf 'INET_DIST_INTERFACE=127.0.0.1\nexport ERL_EPMD_ADDRESS=127.0.0.1\n' >> "$EJ_HOME/ejabberdctl.cfg"
  id ejabberd >/dev/null 2>&1 && chown -R ejabberd:ejabberd "$EJ_HOME"/spool "$EJ_HOME"/logs
  export EJ_HOME ERL_EPMD_ADDRESS=127.0.0.1
  EPMD_BEFORE="$(pgrep -x epmd || true)"
  ejctl start
  for _ in $(seq 1 30); do ejctl status >/dev/null 2>&1 && break; sleep 1; done
  EJ="$(pgrep -f "beam.smp.*$EJ_HOME" | head -1 || true)"
  [ -n "$EJ" ] || { echo "SKIP ejabberd: it did not start (see $EJ_HOME/logs)"; return 1; }
  echo "ejabberd open files (soft/hard): $(grep 'open files' /proc/"$EJ"/limits | awk '{print $4 "/" $5}')"
  echo "ejabberd $(dpkg-query -W -f='${Version}' ejabberd 2>/dev/null) pid $EJ listening on: $(ss -ltnp | grep "pid=$EJ," | awk '{print $4}' | tr '\n' ' ')"
}
stop_ejabberd() {
  [ -n "$EJ" ] || return 0
  ejctl stop >/dev/null 2>&1 || kill "$EJ" 2>/dev/null || true
  [ -n "${EPMD_BEFORE:-}" ] || epmd -kill >/dev/null 2>&1 || true
}

# ---- Mooring ----
. ops/bench/classpath.sh
DATA="$ROOT/target/bench-vs-data"
rm -rf "$DATA"
MOORING_DATA_DIR="$DATA" MOORING_PORT="$PORT" MOORING_HOST=127.0.0.1 MOORING_EVENT_LOOPS=2 MOORING_MAX_CONNECTIONS_PER_ADDRESS=0 \
  MALLOC_ARENA_MAX=2 java @ops/jvm.options -Dmooring.sendBurst=1000 -Dmooring.sendPerSecond=1000 ${SERVER_JAVA_OPTS:-} -cp "$CP" io.mooring.Main serve \
  > target/bench-vs-server.log 2>&1 &
SERVER=$!
trap 'echo "load average at end: $(cut -d" " -f1-3 /proc/loadavg)"; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; stop_ejabberd' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
PG="$(head -1 "$DATA/postgres/postmaster.pid")"
echo "Mooring pid $SERVER (PostgreSQL postmaster $PG) on 127.0.0.1:$PORT"
start_ejabberd || true

# One run: server circles members rate seconds; prints the client's line and appends its JSON to $OUT.
run() {
  local json
  if [ "$1" = mooring ]; then
    java -Xmx256m -cp "$CP" io.mooring.bench.BenchCircles "$DATA" "$2" "$3" "$LC/tokens.json"
    json="$(node "$LC/bench.js" mooring "$2" "$3" "$4" "$5" "$SERVER" "$PG" "$PORT" "$LC/tokens.json" | tail -1 || true)"
  else
    json="$(node "$LC/bench.js" ejabberd "$2" "$3" "$4" "$5" "$EJ" | tail -1 || true)"
  fi
  if [ "${json:0:1}" != "{" ]; then
    json="{\"server\":\"$1\",\"circles\":$2,\"members\":$3,\"ratePerMember\":$4,\"seconds\":$5,\"failed\":true,\"loss\":-1,\"dups\":0,\"latMs\":{}}"
    echo "$1 $2x$3x$4/s: the load client failed (see above)"; echo "$json" >> "$OUT"; return 0
  fi
  echo "$json" >> "$OUT"
  echo "$json" | node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const pg = r.withPgUsPerDelivery == null ? "" : ` (with PG ${r.withPgUsPerDelivery}; of it JIT compiler threads ${r.jitUsPerDelivery})`;
    const msg = r.withPgUsPerMessage == null ? `${r.serverUsPerMessage}` : `${r.serverUsPerMessage} (with PG ${r.withPgUsPerMessage}, PG alone ${r.pgUsPerMessage})`;
    console.log(`${r.server.padEnd(8)} ${r.circles}x${r.members}x${r.ratePerMember}/s ${r.seconds}s: sent ${r.sent} delivered ${r.delivered} loss ${r.loss} dup ${r.dups} refused ${r.errors}`
      + ` p50 ${r.latMs.p50} p90 ${r.latMs.p90} p99 ${r.latMs.p99} max ${r.latMs.max} ms; server CPU us/delivery ${r.serverUsPerDelivery}${pg};`
      + ` us/message ${msg}; client CPU ${r.clientCpuPct}% loop p99 ${r.clientLoopDelayP99Ms} ms`);'
}
passes() { tail -1 "$OUT" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(r.loss === 0 && r.dups === 0 && !r.errors && r.latMs.p99 <= 250 ? 0 : 1)'; }
servers() { if [ -n "$EJ" ]; then [ "$1" -eq 0 ] && echo "mooring ejabberd" || echo "ejabberd mooring"; else echo mooring; fi; }

# Both servers first run the small-circle and the one-circle paths (discarded): a fresh JVM interprets, then compiles
# what is hot, and a short run after a one-circle warm-up measured the JIT compiling the small-circle path.
echo "warm-up (discarded): $WARM_SHAPES"
for s in $(servers 0); do
  for w in $WARM_SHAPES; do IFS=x read -r c m r t <<< "$w"; run "$s" "$c" "$m" "$r" "$t" >/dev/null; done
done
: > "$OUT"
i=0
for shape in $SHAPES; do
  IFS=x read -r c m r <<< "$shape"
  order="$(servers $((i % 2)))"; i=$((i + 1))   # which server goes first alternates from shape to shape
  for s in $order; do run "$s" "$c" "$m" "$r" "$SECS"; done
done
echo "highest rate per member with 50 members holding p99 <= 250 ms, zero loss and no refused send (steps: $STEP_RATES):"
declare -A best=() stopped=()
for rate in $STEP_RATES; do
  order="$(servers $((i % 2)))"; i=$((i + 1))
  for s in $order; do
    [ -z "${stopped[$s]:-}" ] || continue
    run "$s" 1 50 "$rate" "$SECS"
    if passes; then best[$s]=$rate; else stopped[$s]=1; fi
  done
done
for s in $(servers 0); do echo "  $s: ${best[$s]:-none of the steps}/s per member (x50 members)"; done
echo "summary (p99 ms, server CPU us/delivery; Mooring also with PostgreSQL):"
node -e '
  const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
  for (const r of rows) if (r.failed) console.log(`  ${`${r.circles}x${r.members}x${r.ratePerMember}/s`.padEnd(14)} ${r.server.padEnd(8)} failed (load client error)`); else console.log(`  ${`${r.circles}x${r.members}x${r.ratePerMember}/s`.padEnd(14)} ${r.server.padEnd(8)} p99 ${String(r.latMs.p99).padStart(8)}  loss ${r.loss}`
    + `  ${r.serverUsPerDelivery} us/delivery` + (r.withPgUsPerDelivery == null ? "" : ` (with PG ${r.withPgUsPerDelivery}; JIT threads ${r.jitUsPerDelivery}; PG ${r.pgUsPerMessage} us/message)`));' "$OUT"
