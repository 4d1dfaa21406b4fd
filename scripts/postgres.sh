#!/usr/bin/env bash
# Starts or stops a private PostgreSQL server for tests and benchmarks:
# Debian's packages (installed when missing), data directory under .tmp/pg, port 55432 on loopback.
#   scripts/postgres.sh start   -> prints the connection string on stdout
#   scripts/postgres.sh stop
#   scripts/postgres.sh status  -> exit 0 when this server is running, 3 when not
#   scripts/postgres.sh destroy -> stop and delete the data directory and log (tests' private servers)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${MARKETPLACE_PG_PORT:-55432}"
# MARKETPLACE_PG_DATA: another data directory, for a private server a test may stop and restart.
data="${MARKETPLACE_PG_DATA:-$root/.tmp/pg}"

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
    echo "installing PostgreSQL from Debian's packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# PostgreSQL refuses to run as root: run its tools as the 'postgres' user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# As root the server runs as 'postgres', which may not be able to enter a checkout under a private
# home directory: then the data directory moves to /var/tmp, still private to that path (and port).
choose_data_dir() {
  log="$data.log"
  [ "$(id -u)" = 0 ] || return 0
  id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
  mkdir -p "$(dirname "$data")"
  chmod 755 "$root" "$root/.tmp" "$(dirname "$data")" 2>/dev/null || true
  if ! runuser -u postgres -- test -x "$(dirname "$data")"; then
    data="/var/tmp/marketplace-pg/$(printf '%s' "$data" | md5sum | cut -c1-12)"
    mkdir -p "$(dirname "$data")"; chmod 755 "$(dirname "$data")"
    log="$data.log"
  fi
}

start() {
  local bin; bin=$(pg_bin)
  mkdir -p "$root/.tmp"
  choose_data_dir
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"; mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >&2
  fi
  [ "$(id -u)" = 0 ] && { touch "$log"; chown postgres "$log"; }
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
      -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" start >&2
  fi
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100"
}

stop() {
  local bin; bin=$(pg_bin)
  choose_data_dir
  [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" -m fast -w stop >&2 || true
}

status() {
  local bin; bin=$(pg_bin)
  choose_data_dir
  [ -f "$data/PG_VERSION" ] && as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1 && return 0
  return 3
}

# A test's private server leaves nothing behind, also when its data directory moved to /var/tmp.
destroy() {
  stop
  rm -rf "$data" "$log"
  rmdir /var/tmp/marketplace-pg 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  destroy) destroy ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status|destroy" >&2; exit 2 ;;
esac
