#!/usr/bin/env bash
# Training-set benchmark: Parity's point-in-time join vs DuckDB's ASOF LEFT JOIN on the same files.
# Usage: bench/training-set.sh [DIR] [RUNS] [SOURCE_ROWS KEYS ENTITY_ROWS]
#   1. builds bench/target/benchmarks.jar unless SKIP_BUILD=1 (JAR=file runs another build of it, e.g. a
#      baseline's; CLASSES=dir puts newer classes first, without the CDS step: an archive needs jars only)
#   2. generates the data (kept in DIR between runs)
#   3. one JVM per side under /usr/bin/time -v: wall, user + sys CPU and peak RSS of each
#   4. one JVM alternating both sides RUNS times: medians, ratio, cell-by-cell check
# Both sides write zstd (Parity's codec); DUCKDB_CODEC=snappy gives DuckDB its default, lighter codec.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-/tmp/parity-training-set}
RUNS=${2:-5}
SIZE=("${@:3}")
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -q -B -pl bench -am package -DskipTests
fi
CP=${JAR:-bench/target/benchmarks.jar}
if [[ -n "${CLASSES:-}" ]]; then CP="$CLASSES:$CP"; fi
run() {
  java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -cp "$CP" dev.parity.bench.TrainingSetBench "$@"
}
# Other work on the machine changes every absolute figure: record the load with them.
echo "load: $(uptime); DuckDB writes ${DUCKDB_CODEC:-zstd}"
run "$DIR" gen "${SIZE[@]}"
for side in parity duckdb; do
  /usr/bin/time -v -o "$DIR/$side.time" bash -c "$(declare -f run); CP='$CP' JAVA_OPTS='$JAVA_OPTS' run '$DIR' $side ${SIZE[*]:-}"
  awk -v side="$side" '/Elapsed \(wall/ {wall = $NF} /User time/ {cpu += $NF} /System time/ {cpu += $NF}
    /Maximum resident/ {rss = $6 / 1024} END {printf "%s one-shot JVM: wall %s, user + sys CPU %.1f s, peak RSS %.0f MB\n", side, wall, cpu, rss}' \
    "$DIR/$side.time"
done
# As ./parity runs it after its first command: classes mapped from a CDS archive recorded by an
# earlier run (here one over the same data) instead of loaded from the jar.
run_cds() {
  java --add-opens=java.base/java.nio=ALL-UNNAMED $JAVA_OPTS -Xlog:disable "-Xlog:all=warning,cds=off,cds+dynamic=off:stderr" \
    "$1" -cp "$CP" dev.parity.bench.TrainingSetBench "${@:2}"
}
if [[ -n "${CLASSES:-}" ]]; then
  echo "parity one-shot JVM with a CDS archive: skipped (CLASSES puts a directory on the class path)"
else
rm -f "$DIR/parity.jsa"
run_cds -XX:ArchiveClassesAtExit="$DIR/parity.jsa" "$DIR" parity "${SIZE[@]}" >/dev/null
/usr/bin/time -v -o "$DIR/parity-cds.time" bash -c "$(declare -f run_cds); CP='$CP' JAVA_OPTS='$JAVA_OPTS' run_cds -XX:SharedArchiveFile='$DIR/parity.jsa' '$DIR' parity ${SIZE[*]:-}"
awk '/Elapsed \(wall/ {wall = $NF} /User time/ {cpu += $NF} /System time/ {cpu += $NF}
  /Maximum resident/ {rss = $6 / 1024} END {printf "parity one-shot JVM with a CDS archive: wall %s, user + sys CPU %.1f s, peak RSS %.0f MB\n", wall, cpu, rss}' \
  "$DIR/parity-cds.time"
fi
run "$DIR" verify "${SIZE[@]}"
run "$DIR" compare "$RUNS" "${SIZE[@]}"
echo "load: $(uptime); DuckDB writes ${DUCKDB_CODEC:-zstd}"
