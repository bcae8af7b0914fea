#!/usr/bin/env bash
# The NOTIFY commit-lock ceiling: committed chat-send transactions per second against concurrent
# writers, with and without pg_notify, on a scratch PostgreSQL 15 (Debian's binaries and pgbench) and,
# with "both", also on the ops/ha synchronous pair (through HAProxy), interleaved step by step.
# The transaction is shaped like Mooring's send (MessageRepository.SEND, one statement: allocate the
# circle's next seq, insert the message, notify 'circle_events' with circle:seq), over 10,000 circles so
# rows never contend. Two sessions LISTEN throughout (two Mooring nodes), draining every 200 ms.
# PostgreSQL takes one cluster-wide lock to queue notifications at commit and holds it until the commit
# is durable (WAL flush; on the pair, also the standby's confirmation), so NOTIFYing commits are
# serialised; the same transaction without NOTIFY is not (group commit).
# Usage (root): ops/bench/ceiling/notify.sh [seconds-per-step=10] ["writers"="1 2 4 8 16 32 64"] [single|both]
# Ports: BENCH_PORT_BASE (default 18720) +1..+8; state in /tmp/mooring-bench-notify*.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/ceiling/scratch-pg.sh
STEP=${1:-10}
CLIENTS=${2:-1 2 4 8 16 32 64}
TARGETS=single
[ "${3:-single}" = both ] && TARGETS="single pair"
BASE=${BENCH_PORT_BASE:-18720}
DIR=/tmp/mooring-bench-notify
export MOORING_HA_DIR=/tmp/mooring-bench-notify-ha MOORING_HA_PASSWORD=bench-notify MOORING_HA_PORT=$((BASE + 1))
export MOORING_HA_PG1_PORT=$((BASE + 2)) MOORING_HA_PG2_PORT=$((BASE + 3)) MOORING_HA_API1_PORT=$((BASE + 4))
export MOORING_HA_API2_PORT=$((BASE + 5)) MOORING_HA_ETCD_PORT=$((BASE + 6)) MOORING_HA_ETCD_PEER_PORT=$((BASE + 7))
LISTENERS=()
cleanup() {
  for l in "${LISTENERS[@]}"; do kill "$l" 2>/dev/null; wait "$l" 2>/dev/null || true; done
  scratch_pg_stop "$DIR"; rm -rf "$DIR"
  [ "$TARGETS" = single ] || ops/ha/stop.sh --clean
}
trap cleanup EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
export PGUSER=postgres PGDATABASE=mooring PGHOST=127.0.0.1
port_of() { [ "$1" = single ] && echo $((BASE + 8)) || echo "$MOORING_HA_PORT"; }
password_of() { [ "$1" = single ] && echo bench-notify || echo "$MOORING_HA_PASSWORD"; }
scratch_pg_start "$DIR" "$(port_of single)" "$(password_of single)" >/dev/null
if [ "$TARGETS" != single ]; then
  ops/ha/stop.sh --clean
  ops/ha/start.sh >/dev/null
  for i in $(seq 1 240); do # until the other node is the synchronous standby
    curl -fs "http://127.0.0.1:$MOORING_HA_API1_PORT/sync" >/dev/null 2>&1 && break
    curl -fs "http://127.0.0.1:$MOORING_HA_API2_PORT/sync" >/dev/null 2>&1 && break
    [ "$i" = 240 ] && { echo "no synchronous standby within 120 s" >&2; exit 1; }
    sleep 0.5
  done
fi
SEND="\\set c random(1, 10000)
with s as (update circles set last_seq = last_seq + 1 where id = :c returning last_seq),
     i as (insert into circle_messages (circle_id, seq, body)
           select :c, last_seq, 'A short line in a peer support circle, about as long as most of them are.' from s
           returning circle_id, seq)"
printf '%s\nselect pg_notify(%s, circle_id || %s || seq) from i;\n' "$SEND" "'circle_events'" "':'" >"$DIR/notify.pgb"
printf '%s\nselect circle_id, seq from i;\n' "$SEND" >"$DIR/plain.pgb"
for t in $TARGETS; do
  PGPORT=$(port_of "$t") PGPASSWORD=$(password_of "$t") "$PG_BIN/psql" -q <<'SQL'
create table circles (id bigint primary key, last_seq bigint not null default 0);
insert into circles select g from generate_series(1, 10000) g;
create table circle_messages (id bigserial primary key, circle_id bigint not null, seq bigint not null,
  body text not null, created_at timestamptz not null default now(), unique (circle_id, seq));
SQL
  for _ in 1 2; do
    printf 'LISTEN circle_events;\nselect 1 \\watch 0.2\n' | PGPORT=$(port_of "$t") PGPASSWORD=$(password_of "$t") "$PG_BIN/psql" -q -f - >/dev/null 2>&1 &
    LISTENERS+=($!)
  done
done

tps() { # target script clients -> "tx/s latency-ms"
  local threads=$(( $3 < 2 ? 1 : 2 ))
  PGPORT=$(port_of "$1") PGPASSWORD=$(password_of "$1") "$PG_BIN/pgbench" -n -M prepared -f "$DIR/$2.pgb" -c "$3" -j "$threads" -T "$STEP" 2>/dev/null |
    awk '/^tps/ { printf "%.0f", $3 } /^latency average/ { lat = $4 } END { printf " %s\n", lat }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
for t in $TARGETS; do
  printf '| %s: writers | tx/s with NOTIFY | latency ms | tx/s without NOTIFY | latency ms | with/without | load |\n|---|---|---|---|---|---|---|\n' "$t" >"$DIR/$t.table"
done
for c in $CLIENTS; do
  for t in $TARGETS; do
    before=$(cut -d' ' -f1 /proc/loadavg)
    read -r n nl < <(tps "$t" notify "$c")
    read -r p pl < <(tps "$t" plain "$c")
    line=$(printf '| %s | %s | %s | %s | %s | %s | %s->%s |' "$c" "$n" "$nl" "$p" "$pl" "$(ratio "$n" "$p")" "$before" "$(cut -d' ' -f1 /proc/loadavg)")
    echo "$t $line"
    echo "$line" >>"$DIR/$t.table"
  done
done
for t in $TARGETS; do echo; cat "$DIR/$t.table"; done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
