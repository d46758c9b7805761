#!/usr/bin/env bash
# Training-set benchmark: Parity's point-in-time join vs DuckDB's ASOF LEFT JOIN on the same files.
# Usage: bench/training-set.sh [DIR] [RUNS] [SOURCE_ROWS KEYS ENTITY_ROWS]
#   1. builds bench/target/benchmarks.jar unless SKIP_BUILD=1 (CLASSES=dir puts newer classes first)
#   2. generates the data (kept in DIR between runs)
#   3. one JVM per side under /usr/bin/time -v: peak RSS of each
#   4. one JVM alternating both sides RUNS times: medians, ratio, cell-by-cell check
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/parity-training-set}
RUNS=${2:-5}
SIZE=("${@:3}")
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl bench -am package -DskipTests
fi
CP=bench/target/benchmarks.jar
if [[ -n "${CLASSES:-}" ]]; then CP="$CLASSES:$CP"; fi
run() {
  java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.parity.bench.TrainingSetBench "$@"
}
run "$DIR" gen "${SIZE[@]}"
for side in parity duckdb; do
  /usr/bin/time -v -o "$DIR/$side.time" bash -c "$(declare -f run); CP='$CP' JAVA_OPTS='$JAVA_OPTS' run '$DIR' $side ${SIZE[*]:-}"
  echo "$side peak RSS: $(awk '/Maximum resident/ {printf "%.0f MB", $6 / 1024}' "$DIR/$side.time")"
done
run "$DIR" verify "${SIZE[@]}"
run "$DIR" compare "$RUNS" "${SIZE[@]}"
