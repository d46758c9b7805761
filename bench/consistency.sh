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
root="$(pwd)"
# shellcheck source=bench/lib.sh
. bench/lib.sh
bench_timed_java "$DIR.time" ConsistencyBench "$DIR" "${SIZE[@]}"
echo "load after: $(uptime)"
