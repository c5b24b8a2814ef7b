#!/usr/bin/env bash
# How long the service takes to give its first healthy answer: wall time from the start command to the first 200
# from /health, and the CPU time the process used until then (all its threads: JIT compilers, GC; load-independent,
# unlike the wall time). Four cases, N starts each, medians printed as a table:
#   java -jar   the fat jar as the README's first command starts it
#   launcher    bin/budget-service of the unpacked distribution, with its class-data-sharing archive (recorded in the
#               background by one unmeasured start before the series when missing; that start is printed apart)
# each on an existing H2 data directory (made by one unmeasured start) and on a fresh, empty one per start (schema
# created by Flyway). Run `mvn -q -B package -DskipTests` first.
#
# Usage: bash budget-service/startup-time.sh [N]          (N defaults to 5)
#   JOPTS="-XX:+UseSerialGC"   extra JVM options for both (the launcher gets them as BUDGET_SERVICE_JAVA_OPTS)
#   PRIO="chrt -f 10"          run the JVM at real-time priority (root) so other work on a shared machine does not
#                              stretch the wall time; say so when you quote the numbers
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$here/target/budget-service.jar}
LAUNCHER=${LAUNCHER:-$here/target/budget-service/bin/budget-service}
N=${1:-5}
[ -f "$JAR" ] && [ -x "$LAUNCHER" ] || { echo "build first: mvn -q -B package -DskipTests" >&2; exit 2; }
work=$(mktemp -d /tmp/bb-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# One start: prints "wall_ms cpu_ms". Polls with bash's own /dev/tcp (no process per poll to compete for the CPU).
start_once() { # mode datadir
  local mode=$1 data=$2 port pid t0 t1 status ticks hz
  port=$(free_port)
  t0=$(date +%s%N)
  if [ "$mode" = jar ]; then
    # shellcheck disable=SC2086
    BB_PORT=$port BB_DATA_DIR=$data BB_KEY_DIR=$work/keys ${PRIO:-} java ${JOPTS:-} -jar "$JAR" > "$work/log" 2>&1 &
  else
    # shellcheck disable=SC2086
    BB_PORT=$port BB_DATA_DIR=$data BB_KEY_DIR=$work/keys BUDGET_SERVICE_JAVA_OPTS=${JOPTS:-} ${PRIO:-} "$LAUNCHER" > "$work/log" 2>&1 &
  fi
  pid=$!
  while :; do
    if { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
      status=""
      read -r _ status _ <&3 || true
      exec 3<&-
      [ "$status" = 200 ] && break
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  # utime + stime + children's (the launcher's few helper processes); the launcher execs java, so one pid
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
  hz=$(getconf CLK_TCK)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $(( ticks * 1000 / hz ))"
}

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

series() { # mode data(existing|fresh)
  local mode=$1 kind=$2 dir i
  dir=$work/$mode-existing
  for i in $(seq "$N"); do
    if [ "$kind" = fresh ]; then dir=$work/$mode-fresh-$i; fi
    start_once "$mode" "$dir"
  done > "$work/runs"
  printf '| %-10s | %-8s | %6s | %6s | %s |\n' "$mode" "$kind" "$(cut -d ' ' -f 1 "$work/runs" | median)" \
    "$(cut -d ' ' -f 2 "$work/runs" | median)" "$(cut -d ' ' -f 1 "$work/runs" | sort -n | tr '\n' ' ')"
}

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), JOPTS='${JOPTS:-}' PRIO='${PRIO:-}'"
echo "# before: $(uptime)"
# Unmeasured: the existing data directories, and the launcher's first start with this jar, java and options, which
# records its archive in the background when there is none yet (timed here until the archive is in place).
start_once jar "$work/jar-existing" > /dev/null
t0=$(date +%s%N)
# Without PRIO: a real-time priority would pass to the background recording and make it compete with the start.
once=$(PRIO="" start_once launcher "$work/launcher-existing")
archive=$(sed -n 's/^budget-service: recording the classes a start loads in \(.*\), in the background.*/\1/p' "$work/log")
if [ -n "$archive" ]; then
  # The JVM writes the archive only as the recording run exits; the script then renames it into place.
  for _ in $(seq 1500); do [ -f "$archive" ] && break; sleep 0.2; done
  [ -f "$archive" ] || { echo "no archive after 5 minutes: $archive" >&2; exit 1; }
  echo "# launcher's first start: first answer after ${once% *} ms; archive recorded in the background, ready after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
fi
echo "| start      | data     | wall ms | CPU ms | every wall ms |"
echo "|---|---|---:|---:|---|"
for mode in jar launcher; do
  for kind in existing fresh; do
    series "$mode" "$kind"
  done
done
echo "# after: $(uptime)"
