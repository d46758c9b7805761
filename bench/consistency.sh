#!/usr/bin/env bash
# Value-consistency benchmark: LOG_ROWS logged requests x 10 features recomputed through the
# offline training-set API and compared, against DuckDB making the same comparison in SQL (an
# ASOF join of the logged requests with the source files, mismatches counted per feature),
# alternated in one JVM (bench/src/.../ConsistencyBench.java). Both must count the same
# mismatches; it prints the medians and the ratio parity/duckdb.
# Usage: bench/consistency.sh [DIR] [SOURCE_ROWS KEYS LOG_ROWS ROUNDS]   (defaults 1M 100k 100k 3)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/parity-consistency}
SIZE=("${@:2}")
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl bench -am package -DskipTests
fi
echo "load: $(uptime)"
/usr/bin/time -v -o "$DIR.time" java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS \
  -cp bench/target/benchmarks.jar dev.parity.bench.ConsistencyBench "$DIR" "${SIZE[@]}"
awk '/Elapsed \(wall/ {wall = $NF} /Maximum resident/ {rss = $6 / 1024} END {printf "wall %s, peak RSS %.0f MB\n", wall, rss}' "$DIR.time"
echo "load after: $(uptime)"
