#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A private, throw-away PostgreSQL server on loopback for the database tests.
#
#   eval "$(.ci/postgres.sh start)"   # prints export lines: SEGFLOW_TEST_PG_URL, _USER, _PASSWORD, _DIR
#   mvn -B -ntp verify                # the DB tests use those variables
#   .ci/postgres.sh stop              # stops the server and removes its folder ($SEGFLOW_TEST_PG_DIR)
#
# Installs Debian's postgresql package when no server binaries are found (needs root). The server
# has its own data folder under a temporary folder, listens on 127.0.0.1 only (first free port from
# ${SEGFLOW_TEST_PG_PORT:-55432}) and has one role and one database with a random password.
# initdb refuses to run as root, so as root the server runs as the 'postgres' user.
set -euo pipefail

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -z "$dir" && "$(id -u)" == 0 ]]; then
    echo "installing Debian's postgresql for the database tests..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    # The package starts its own cluster on 5432; the tests use a private one.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      for c in /etc/postgresql/*/main; do
        [[ -d "$c" ]] && pg_ctlcluster "$(basename "$(dirname "$c")")" main stop 2>/dev/null || true
      done
    fi
    dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  fi
  if [[ -z "$dir" ]]; then
    echo "postgres.sh: no PostgreSQL server found; install Debian's 'postgresql' package" >&2
    exit 1
  fi
  echo "$dir"
}

# Runs a command as the server's owner: 'postgres' when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  local bin dir port password
  bin="$(pg_bin)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/segflow-pg.XXXXXX")"
  chmod 700 "$dir"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$dir"
  port="${SEGFLOW_TEST_PG_PORT:-55432}"
  while port_in_use "$port"; do
    port=$((port + 1))
  done
  password="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -v pw="$password" >/dev/null <<'SQL'
CREATE ROLE segflow LOGIN PASSWORD :'pw';
CREATE DATABASE segflow_test OWNER segflow;
SQL
  echo "export SEGFLOW_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/segflow_test"
  echo "export SEGFLOW_TEST_PG_USER=segflow"
  echo "export SEGFLOW_TEST_PG_PASSWORD=$password"
  echo "export SEGFLOW_TEST_PG_DIR=$dir"
}

stop() {
  local dir="${1:-${SEGFLOW_TEST_PG_DIR:-}}"
  if [[ -z "$dir" || ! -d "$dir/data" ]]; then
    echo "postgres.sh: no server folder to stop (give it or set SEGFLOW_TEST_PG_DIR)" >&2
    return 0
  fi
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
