#!/usr/bin/env bash
# Starts a highly available PostgreSQL on this machine from Debian's own packages: one etcd member,
# two Patroni-managed PostgreSQL 15 instances (primary + synchronous standby) and HAProxy in front,
# routing to whichever instance Patroni's REST API reports as primary. Everything listens on 127.0.0.1.
# Run as root (it installs missing packages; PostgreSQL and Patroni run as the postgres user).
# Waits until a primary answers through HAProxy, then prints the database URL for Mooring.
# Every port and the state directory can be moved with the environment variables below.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

STATE=${MOORING_HA_DIR:-/tmp/mooring-ha}
ETCD_PORT=${MOORING_HA_ETCD_PORT:-2379}
ETCD_PEER_PORT=${MOORING_HA_ETCD_PEER_PORT:-2380}
PG1_PORT=${MOORING_HA_PG1_PORT:-5433}
PG2_PORT=${MOORING_HA_PG2_PORT:-5434}
API1_PORT=${MOORING_HA_API1_PORT:-8008}
API2_PORT=${MOORING_HA_API2_PORT:-8009}
PROXY_PORT=${MOORING_HA_PORT:-5000}
SUPERUSER_PASSWORD=${MOORING_HA_PASSWORD:-mooring-ha}
REPLICATION_PASSWORD=${MOORING_HA_REPLICATION_PASSWORD:-mooring-replication}
PG_BIN=/usr/lib/postgresql/15/bin

[ "$(id -u)" = 0 ] || { echo "run as root (packages are installed, PostgreSQL runs as postgres)" >&2; exit 1; }

missing=()
command -v patroni >/dev/null 2>&1 || missing+=(patroni)
command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ -x "$PG_BIN/postgres" ] || missing+=(postgresql-15)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$STATE"
chown postgres:postgres "$STATE"
chmod 700 "$STATE"

# etcd: Patroni's consensus store (the leader key lives here). One member: losing it stops
# failover, not the running primary; see README for three members.
if ! [ -f "$STATE/etcd.pid" ] || ! kill -0 "$(cat "$STATE/etcd.pid")" 2>/dev/null; then
  setsid etcd --name mooring-etcd --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "mooring-etcd=http://127.0.0.1:$ETCD_PEER_PORT" \
    >"$STATE/etcd.log" 2>&1 </dev/null &
  echo $! >"$STATE/etcd.pid"
fi
for _ in $(seq 1 60); do
  ETCDCTL_API=3 etcdctl --endpoints "127.0.0.1:$ETCD_PORT" endpoint health >/dev/null 2>&1 && break
  sleep 0.5
done

patroni_config() { # name pg_port api_port
  sed -e "s|@NAME@|$1|g" -e "s|@PG_PORT@|$2|g" -e "s|@API_PORT@|$3|g" -e "s|@STATE@|$STATE|g" \
      -e "s|@ETCD_PORT@|$ETCD_PORT|g" -e "s|@PG_BIN@|$PG_BIN|g" \
      -e "s|@SUPERUSER_PASSWORD@|$SUPERUSER_PASSWORD|g" -e "s|@REPLICATION_PASSWORD@|$REPLICATION_PASSWORD|g" \
      "$here/patroni.yml.in" >"$STATE/$1.yml"
  chown postgres:postgres "$STATE/$1.yml"
  chmod 600 "$STATE/$1.yml"
}

start_patroni() { # name
  if ! [ -f "$STATE/$1.patroni.pid" ] || ! kill -0 "$(cat "$STATE/$1.patroni.pid")" 2>/dev/null; then
    su postgres -s /bin/sh -c "cd '$STATE' && setsid patroni '$STATE/$1.yml' >>'$STATE/$1.log' 2>&1 </dev/null & echo \$! >'$STATE/$1.patroni.pid'"
  fi
}

patroni_config pg1 "$PG1_PORT" "$API1_PORT"
patroni_config pg2 "$PG2_PORT" "$API2_PORT"
start_patroni pg1
# The first node bootstraps the cluster; the second then copies it (pg_basebackup) as the standby.
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$API1_PORT/primary" >/dev/null 2>&1 && break
  sleep 0.5
done
start_patroni pg2

sed -e "s|@PROXY_PORT@|$PROXY_PORT|g" -e "s|@PG1_PORT@|$PG1_PORT|g" -e "s|@PG2_PORT@|$PG2_PORT|g" \
    -e "s|@API1_PORT@|$API1_PORT|g" -e "s|@API2_PORT@|$API2_PORT|g" "$here/haproxy.cfg.in" >"$STATE/haproxy.cfg"
if ! [ -f "$STATE/haproxy.pid" ] || ! kill -0 "$(cat "$STATE/haproxy.pid")" 2>/dev/null; then
  haproxy -q -D -f "$STATE/haproxy.cfg" -p "$STATE/haproxy.pid"
fi

# Ready when the primary answers through HAProxy; then the Mooring database exists (created once).
export PGPASSWORD=$SUPERUSER_PASSWORD
# HAProxy counts a server up until its first checks fail, so a standby may answer at first: three
# answers in a row from a primary, half a second apart, mean the checks have settled.
ok=0
for i in $(seq 1 240); do
  if "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PROXY_PORT" -U postgres -d postgres -c "select not pg_is_in_recovery()" 2>/dev/null | grep -q t; then
    ok=$((ok + 1))
    [ "$ok" -ge 3 ] && break
  else
    ok=0
  fi
  [ "$i" = 240 ] && { echo "no primary answered through HAProxy within 120 s; see $STATE/*.log" >&2; exit 1; }
  sleep 0.5
done
if ! "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PROXY_PORT" -U postgres -d postgres -c "select 1 from pg_database where datname = 'mooring'" | grep -q 1; then
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PROXY_PORT" -U postgres -d postgres -c "create database mooring"
fi
echo "MOORING_DB_URL=postgresql://postgres:$SUPERUSER_PASSWORD@127.0.0.1:$PROXY_PORT/mooring"
