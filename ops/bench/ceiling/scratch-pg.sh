# Sourced by the ceiling and replication benchmarks: a throw-away PostgreSQL 15 from Debian's own
# binaries, run as the postgres user, on 127.0.0.1 only, with the settings ops/ha's Patroni nodes use
# (data checksums, C.UTF-8, max_connections 200, wal_log_hints, WAL senders/slots as a primary has), so
# a single instance and the Patroni pair differ only in replication. Needs root (apt-get install postgresql-15).
# Every one of its commands prints nothing but the URL.
PG_BIN=/usr/lib/postgresql/15/bin

# scratch_pg_start DIR PORT PASSWORD: initdb into DIR (wiped first), start, create database mooring,
# print postgresql://postgres:PASSWORD@127.0.0.1:PORT/mooring.
scratch_pg_start() {
  local dir=$1 port=$2 password=$3
  [ "$(id -u)" = 0 ] || { echo "scratch PostgreSQL: run as root (it runs PostgreSQL as the postgres user)" >&2; return 1; }
  [ -x "$PG_BIN/initdb" ] || { echo "scratch PostgreSQL: apt-get install -y --no-install-recommends postgresql-15" >&2; return 1; }
  scratch_pg_stop "$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  printf '%s\n' "$password" >"$dir/pwfile"
  chown postgres:postgres "$dir/pwfile"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$dir/data' -U postgres --pwfile='$dir/pwfile' --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 --data-checksums" >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
wal_log_hints = on
hot_standby = on
max_wal_senders = 10
max_replication_slots = 10
CONF
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$dir/data' -l '$dir/postgres.log' -w start" >/dev/null || { cat "$dir/postgres.log" >&2; return 1; }
  su postgres -s /bin/sh -c "$PG_BIN/psql -q -h '$dir' -p $port -U postgres -d postgres -c 'create database mooring'" >/dev/null
  echo "postgresql://postgres:$password@127.0.0.1:$port/mooring"
}

# scratch_pg_pid DIR: the postmaster's pid.
scratch_pg_pid() {
  head -1 "$1/data/postmaster.pid"
}

# scratch_pg_stop DIR: fast shutdown if running (data kept; scratch_pg_start wipes it).
scratch_pg_stop() {
  if [ -f "$1/data/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$1/data' -m fast -w stop" >/dev/null 2>&1 || true
  fi
}
