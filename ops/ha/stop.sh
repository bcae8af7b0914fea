#!/usr/bin/env bash
# Stops what start.sh started (HAProxy, both Patroni nodes with their PostgreSQL, etcd).
# With --clean the state directory (data included) is removed as well.
set -uo pipefail
STATE=${MOORING_HA_DIR:-/tmp/mooring-ha}
PG_BIN=/usr/lib/postgresql/15/bin

stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
  rm -f "$1"
}

stop_pid "$STATE/haproxy.pid"
stop_pid "$STATE/pg2.patroni.pid"
stop_pid "$STATE/pg1.patroni.pid"
# Patroni stops its PostgreSQL on SIGTERM; one left behind (Patroni killed with -9) is stopped here.
for node in pg1 pg2; do
  if [ -f "$STATE/$node/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$STATE/$node' -m immediate -w stop" >/dev/null 2>&1
  fi
done
stop_pid "$STATE/etcd.pid"
if [ "${1:-}" = "--clean" ]; then
  rm -rf "$STATE"
fi
