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
root="$(pwd)"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_timed_java "$DIR.time" SkewBench "$DIR" reports/src/test/resources/skew "${SIZE[@]}"
echo "load after: $(uptime)"
