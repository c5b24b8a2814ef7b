#!/usr/bin/env bash
# Measures how long the fat jar takes to serve: wall time from `java -jar` to the first 200 from
# /health, on an H2 file database that already exists (one unmeasured start creates it), N times.
# Prints each run and the median. Usage: bash budget-service/startup-time.sh [N]
#   JOPTS="-XX:TieredStopAtLevel=1"   extra JVM options
#   PRIO="chrt -f 10"                  run the JVM at real-time priority (root), so that other work
#                                      on a shared machine does not count; report that you did
set -euo pipefail
JAR="${JAR:-$(dirname "$0")/target/budget-service.jar}"
N="${1:-5}"
PORT="${PORT:-8199}"
DATA="$(mktemp -d /tmp/bb-startup.XXXXXX)"
trap 'rm -rf "$DATA"' EXIT
for i in $(seq 0 "$N"); do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  BB_DATA_DIR="$DATA" BB_PORT="$PORT" ${PRIO:-} java ${JOPTS:-} -jar "$JAR" > "$DATA/run$i.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/health" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$DATA/run$i.log" >&2; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$i" -gt 0 ]; then
    echo "$(( (end - start) / 1000000 )) ms   ($(grep -o 'Startup completed in [0-9]*ms' "$DATA/run$i.log"))"
  fi
done | sort -n | tee /dev/stderr | awk '{ms[NR] = $1} END {print "median of " NR ": " ms[int((NR + 1) / 2)] " ms"}'
