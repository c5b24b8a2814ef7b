#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL cluster for the budget-service tests and prints the
# environment the tests read. Usage:
#   eval "$(bash .ci/pg-start.sh)"      # exports BB_TEST_PG_URL/USER/PASSWORD and BB_PG_DIR
#   mvn -pl budget-service test         # now runs against PostgreSQL
#   bash .ci/pg-stop.sh                 # stops the cluster and deletes its files
# Everything but the final export lines goes to stderr, so eval sees only those.
# Port: BB_PG_PORT (default 54329; the next free one of the 20 after it when taken, so another
# session's cluster on the same machine is left alone). Runs as root (CI, developer machines) and uses the postgres user.
set -euo pipefail

PORT="${BB_PG_PORT:-54329}"
DB_USER=bb
DB_NAME=bb
DB_PASSWORD="${BB_PG_PASSWORD:-bb-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}"

log() { echo "pg-start: $*" >&2; }

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

PGBIN="$(find_bin || true)"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  log "installing PostgreSQL from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  # Refresh the package lists only when the install fails without them (a fresh machine has none).
  if ! apt-get install -y -q postgresql >&2; then
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
  PGBIN="$(find_bin)"
fi
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 20); do
  port_taken "$PORT" || break
  log "port $PORT is taken, trying $((PORT + 1))"
  PORT=$((PORT + 1))
done

PGDIR="$(mktemp -d /tmp/bb-pg.XXXXXX)"
chown postgres:postgres "$PGDIR"
chmod 700 "$PGDIR"
log "cluster in $PGDIR, port $PORT ($("$PGBIN/postgres" --version))"

as_postgres "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >&2 \
  || { cat "$PGDIR/server.log" >&2; rm -rf "$PGDIR"; exit 1; }

as_postgres "$PGBIN/psql" -q -h "$PGDIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 >&2 <<SQL
CREATE USER $DB_USER PASSWORD '$DB_PASSWORD';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
SQL
echo "$PGDIR" > /tmp/bb-pg.current
log "ready"

echo "export BB_PG_DIR=$PGDIR"
echo "export BB_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$PORT/$DB_NAME"
echo "export BB_TEST_PG_USER=$DB_USER"
echo "export BB_TEST_PG_PASSWORD=$DB_PASSWORD"
