#!/usr/bin/env bash
# Distribution-skew benchmark: two ROWS-row x 10-feature Parquet data sets compared by Parity's
# skew report and by DuckDB computing the same bins and statistics in SQL (the reports module's
# reference scripts), alternated in one JVM (bench/src/.../SkewBench.java). Target: Parity within
# 2x DuckDB's time, in a 512 MB heap.
# Usage: bench/skew.sh [DIR] [ROWS ROUNDS]   (defaults /tmp/parity-skew, 1M rows, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/parity-skew}
SIZE=("${@:2}")
JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl bench -am package -DskipTests
fi
echo "load: $(uptime)"
/usr/bin/time -v -o "$DIR.time" java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS \
  -cp bench/target/benchmarks.jar dev.parity.bench.SkewBench "$DIR" reports/src/test/resources/skew "${SIZE[@]}"
awk '/Elapsed \(wall/ {wall = $NF} /Maximum resident/ {rss = $6 / 1024} END {printf "wall %s, peak RSS %.0f MB\n", wall, rss}' "$DIR.time"
echo "load after: $(uptime)"
