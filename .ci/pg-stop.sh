#!/usr/bin/env bash
# Stops the cluster that .ci/pg-start.sh started and deletes its files.
# The cluster is BB_PG_DIR, else the one recorded in /tmp/bb-pg.current. Safe to run twice.
set -euo pipefail

PGDIR="${BB_PG_DIR:-$(cat /tmp/bb-pg.current 2>/dev/null || true)}"
if [ -z "$PGDIR" ] || [ ! -d "$PGDIR/data" ]; then
  echo "pg-stop: no cluster to stop" >&2
  exit 0
fi
case "$PGDIR" in
  /tmp/bb-pg.*) ;;
  *) echo "pg-stop: refusing to delete $PGDIR (not made by pg-start.sh)" >&2; exit 1 ;;
esac
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
if [ "$(id -un)" = postgres ]; then
  "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >&2 || true
else
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >&2 || true
fi
rm -rf "$PGDIR"
if [ "$(cat /tmp/bb-pg.current 2>/dev/null || true)" = "$PGDIR" ]; then
  rm -f /tmp/bb-pg.current
fi
echo "pg-stop: stopped and removed $PGDIR" >&2
