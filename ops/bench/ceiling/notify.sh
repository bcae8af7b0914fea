#!/usr/bin/env bash
# The NOTIFY commit-lock ceiling: committed chat-send transactions per second against concurrent
# writers, with and without pg_notify, on a scratch PostgreSQL 15 (Debian's binaries and pgbench).
# The transaction is shaped like Mooring's send (MessageRepository.SEND, one statement: allocate the
# circle's next seq, insert the message, notify 'circle_events' with circle:seq), over 10,000 circles so
# rows never contend. Two sessions LISTEN throughout (two Mooring nodes), draining every 200 ms.
# PostgreSQL takes one cluster-wide lock to queue notifications at commit and holds it through the
# commit's WAL flush, so NOTIFYing commits are serialised; the same transaction without NOTIFY is not.
# Usage (root): ops/bench/ceiling/notify.sh [seconds-per-step=10] ["client counts"="1 2 4 8 16 32 64"]
# Port: BENCH_PORT_BASE+8 (default 18728); state in /tmp/mooring-bench-notify.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/ceiling/scratch-pg.sh
STEP=${1:-10}
CLIENTS=${2:-1 2 4 8 16 32 64}
PORT=$(( ${BENCH_PORT_BASE:-18720} + 8 ))
DIR=/tmp/mooring-bench-notify
LISTENERS=()
cleanup() {
  for l in "${LISTENERS[@]}"; do kill "$l" 2>/dev/null; wait "$l" 2>/dev/null || true; done
  scratch_pg_stop "$DIR"; rm -rf "$DIR"
}
trap cleanup EXIT
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
scratch_pg_start "$DIR" "$PORT" bench-notify >/dev/null
export PGPASSWORD=bench-notify PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGDATABASE=mooring
"$PG_BIN/psql" -q <<'SQL'
create table circles (id bigint primary key, last_seq bigint not null default 0);
insert into circles select g from generate_series(1, 10000) g;
create table circle_messages (id bigserial primary key, circle_id bigint not null, seq bigint not null,
  body text not null, created_at timestamptz not null default now(), unique (circle_id, seq));
SQL
SEND="\\set c random(1, 10000)
with s as (update circles set last_seq = last_seq + 1 where id = :c returning last_seq),
     i as (insert into circle_messages (circle_id, seq, body)
           select :c, last_seq, 'A short line in a peer support circle, about as long as most of them are.' from s
           returning circle_id, seq)"
printf '%s\nselect pg_notify(%s, circle_id || %s || seq) from i;\n' "$SEND" "'circle_events'" "':'" >"$DIR/notify.pgb"
printf '%s\nselect circle_id, seq from i;\n' "$SEND" >"$DIR/plain.pgb"
for _ in 1 2; do
  printf 'LISTEN circle_events;\nselect 1 \\watch 0.2\n' | "$PG_BIN/psql" -q -f - >/dev/null 2>&1 &
  LISTENERS+=($!)
done

tps() { # script clients
  local threads=$(( $2 < 2 ? 1 : 2 ))
  "$PG_BIN/pgbench" -n -M prepared -f "$DIR/$1.pgb" -c "$2" -j "$threads" -T "$STEP" 2>/dev/null |
    awk '/^tps/ { printf "%.0f", $3 } /^latency average/ { lat = $4 } END { printf " %s\n", lat }'
}
echo "| writers | tx/s with NOTIFY | latency ms | tx/s without NOTIFY | latency ms | with/without | load |"
echo "|---|---|---|---|---|---|---|"
for c in $CLIENTS; do
  before=$(cut -d' ' -f1 /proc/loadavg)
  read -r n nl < <(tps notify "$c")
  read -r p pl < <(tps plain "$c")
  printf '| %s | %s | %s | %s | %s | %s | %s->%s |\n' "$c" "$n" "$nl" "$p" "$pl" \
    "$(awk -v a="$n" -v b="$p" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "$before" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "notifications queued: $("$PG_BIN/psql" -Atc "select pg_notification_queue_usage()") of the queue in use at the end"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
