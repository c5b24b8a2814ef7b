#!/usr/bin/env bash
# The CLI end to end (JVM start included) on a city-sized Pabulib file, one core: for each rule, N runs of
# `java -jar budget-cli.jar allocate` and of the distribution's `bin/budget allocate` (its class-data-sharing
# archive recorded, from the script's training run, by one unmeasured `--version` first); prints the median
# wall and CPU (user + sys, all threads) of each and the load. For where a run's time goes, add
# BUDGET_JAVA_OPTS=-Dbb.timing=true to one bin/budget run. Run from the repository root after `mvn -q -B package -DskipTests`:
#   bash budget-bench/cli-timing.sh [N] [VOTERS] [RULES...]
set -euo pipefail
N=${1:-5}
VOTERS=${2:-90000}
shift 2 2>/dev/null || shift $#
RULES=("$@")
[ ${#RULES[@]} -gt 0 ] || RULES=(greedy greedy-per-cost knapsack mes phragmen mes-add1)
WORK=$(mktemp -d /tmp/bb-cli-timing.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
java -cp budget-bench/target/budget-bench.jar nl.buurtbegroting.bench.CityFile "$VOTERS" "$WORK/city.pb"
unzip -q budget-cli/target/budget-*.zip -d "$WORK"
BUDGET=$(echo "$WORK"/budget-*/bin/budget)
"$BUDGET" --version > /dev/null
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for rule in "${RULES[@]}"; do
  : > "$WORK/jar"; : > "$WORK/dist"
  for _ in $(seq "$N"); do
    /usr/bin/time -f "%e %U %S" -o "$WORK/t" taskset -c 1 java -jar budget-cli/target/budget-cli.jar allocate -r "$rule" "$WORK/city.pb" > /dev/null
    awk '{print $1, $2 + $3}' "$WORK/t" >> "$WORK/jar"
    /usr/bin/time -f "%e %U %S" -o "$WORK/t" taskset -c 1 "$BUDGET" allocate -r "$rule" "$WORK/city.pb" > /dev/null
    awk '{print $1, $2 + $3}' "$WORK/t" >> "$WORK/dist"
  done
  printf '%-16s java -jar: wall %s s, cpu %s s | bin/budget: wall %s s, cpu %s s | load %s\n' "$rule" \
    "$(cut -d' ' -f1 "$WORK/jar" | median)" "$(cut -d' ' -f2 "$WORK/jar" | median)" \
    "$(cut -d' ' -f1 "$WORK/dist" | median)" "$(cut -d' ' -f2 "$WORK/dist" | median)" "$(cut -d' ' -f1 /proc/loadavg)"
done
