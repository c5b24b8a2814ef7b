#!/usr/bin/env bash
# The two launchers people type (budget-cli's bin/budget from its zip, budget-service's bin/budget-service from
# target/budget-service/) are shell scripts that record a class-data-sharing archive on first use; the Java suites
# never run them. This checks, after `mvn package`, that each one starts from a fresh copy, records its archive,
# starts again with it, and gives what `java -jar` gives. Run from the repository root; exits non-zero on any fault.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/bb-launchers.XXXXXX)
svc_pid=
cleanup() {
  [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null
  # A background recording still running (this script failed early) belongs to this copy alone.
  pkill -f "$work/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "launchers: $*" >&2; exit 1; }

# --- budget-cli: the zip as a user unpacks it -------------------------------------------------------------
zip=$(ls budget-cli/target/budget-*.zip | head -n 1)
# jar (from the JDK) rather than unzip, which a fresh machine may lack; it drops the execute bits, unzip would not.
(cd "$work" && jar xf "$OLDPWD/$zip")
budget=$(ls -d "$work"/budget-*/bin/budget)
chmod +x "$budget"
file=budget-core/src/test/resources/pabulib/instances/Netherlands_Assen_2024.pb
expected=$(java -jar budget-cli/target/budget-cli.jar allocate "$file" --rule mes)
first=$("$budget" allocate "$file" --rule mes)
[ "$first" = "$expected" ] || fail "bin/budget allocate differs from java -jar on its first run"
ls "$(dirname "$budget")"/../lib/*.jsa >/dev/null 2>&1 || fail "bin/budget made no class-data-sharing archive"
again=$("$budget" allocate "$file" --rule mes)
[ "$again" = "$expected" ] || fail "bin/budget allocate differs from java -jar with its archive"
set +e
"$budget" allocate --rule no-such-rule "$file" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "bin/budget passed exit code $code for a usage error, not 2"
echo "launchers: bin/budget gives java -jar's output, with and without its archive, and its exit codes"

# --- budget-service: the unpacked distribution under target/ ----------------------------------------------
cp -r budget-service/target/budget-service "$work/service"
rm -f "$work"/service/lib/*.jsa   # archives of target/ itself (startup-time.sh): they name another path
launcher=$work/service/bin/budget-service
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
start_service() { # $1: log file; sets port; waits for the first healthy answer (at most 90 s)
  port=$(free_port)
  # exec all the way down (subshell, launcher): the pid is the service's JVM, so stopping it stops the service.
  (cd "$work" && BB_PORT=$port BB_DATA_DIR=$work/data BB_KEY_DIR=$work/keys exec "$launcher" --demo > "$1" 2>&1) &
  svc_pid=$!
  for _ in $(seq 1 900); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/health" && return
    kill -0 "$svc_pid" 2>/dev/null || { cat "$1" >&2; fail "bin/budget-service stopped before answering"; }
    sleep 0.1
  done
  fail "bin/budget-service did not answer /health within 90 s"
}
stop_service() { kill "$svc_pid"; wait "$svc_pid" 2>/dev/null || true; svc_pid=; }

start_service "$work/first.log"
grep -q "/vote/1#" "$work/first.log" || fail "bin/budget-service --demo printed no vote link"
curl -fs "http://127.0.0.1:$port/" | grep -q "<html" || fail "bin/budget-service: the start page is not HTML"
stop_service
# The archive is recorded in the background at the lowest priority; give it time on a busy machine.
for _ in $(seq 1 3000); do
  ls "$work"/service/lib/budget-service-*.jsa >/dev/null 2>&1 && break
  sleep 0.1
done
ls "$work"/service/lib/budget-service-*.jsa >/dev/null 2>&1 || fail "bin/budget-service recorded no archive within 300 s"
start_service "$work/second.log"
curl -fs "http://127.0.0.1:$port/health" >/dev/null || fail "bin/budget-service with its archive is not healthy"
grep -q "recording the classes" "$work/second.log" && fail "bin/budget-service did not take the archive it recorded"
stop_service
echo "launchers: bin/budget-service starts, prints the demo link, records its archive and starts again with it"
