#!/usr/bin/env bash
# A city-sized election through the API on PostgreSQL (CityRunTest: 100,000 codes, every ballot cast through HTTP,
# close, tally, publish), then `budget verify` of the published bundle with the CLI, N times: the distribution's
# `bin/budget` (its class-data-sharing archive made by one unmeasured run first) and `java -jar`. Prints every
# step's wall and CPU time, the medians of the verify runs and the load. Run from the repository root:
#   bash budget-service/city-run.sh [N] [extra Maven options, e.g. -Dbb.city.rule=mes]
# It starts its own PostgreSQL cluster (.ci/pg-start.sh) unless BB_TEST_PG_URL is set, and stops it afterwards.
set -euo pipefail
N=${1:-5}
shift 2>/dev/null || true
STARTED_PG=
if [ -z "${BB_TEST_PG_URL:-}" ]; then
  eval "$(bash .ci/pg-start.sh)"
  STARTED_PG=$BB_PG_DIR
fi
stop_pg() { if [ -n "$STARTED_PG" ]; then BB_PG_DIR=$STARTED_PG bash .ci/pg-stop.sh; fi; }
trap stop_pg EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -q -B -pl budget-cli,budget-service -am package -DskipTests
mvn -q -B -pl budget-service -am test -Dtest=CityRunTest -Dsurefire.failIfNoSpecifiedTests=false -Dbb.city=true "$@"
cat budget-service/target/city-run-times.txt
BUNDLE=budget-service/target/city-bundle.zip
KEY=$(cat budget-service/target/city-fingerprint.txt)
WORK=$(mktemp -d /tmp/bb-city-run.XXXXXX)
trap 'rm -rf "$WORK"; stop_pg' EXIT
unzip -q budget-cli/target/budget-*.zip -d "$WORK"
BUDGET=$(echo "$WORK"/budget-*/bin/budget)
"$BUDGET" verify "$BUNDLE" --expect-key "$KEY" > "$WORK/report.txt"   # makes the CDS archive, not measured
tail -n 1 "$WORK/report.txt"
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
: > "$WORK/dist"; : > "$WORK/jar"
for _ in $(seq "$N"); do
  /usr/bin/time -f "%e %U %S" -o "$WORK/t" "$BUDGET" verify "$BUNDLE" --expect-key "$KEY" > /dev/null
  awk '{print $1, $2 + $3}' "$WORK/t" >> "$WORK/dist"
  /usr/bin/time -f "%e %U %S" -o "$WORK/t" java -jar budget-cli/target/budget-cli.jar verify "$BUNDLE" --expect-key "$KEY" > /dev/null
  awk '{print $1, $2 + $3}' "$WORK/t" >> "$WORK/jar"
done
printf 'budget verify (%s bytes): bin/budget wall %s s, cpu %s s | java -jar wall %s s, cpu %s s | load %s\n' \
  "$(stat -c %s "$BUNDLE")" "$(cut -d' ' -f1 "$WORK/dist" | median)" "$(cut -d' ' -f2 "$WORK/dist" | median)" \
  "$(cut -d' ' -f1 "$WORK/jar" | median)" "$(cut -d' ' -f2 "$WORK/jar" | median)" "$(cut -d' ' -f1-3 /proc/loadavg)"
