#!/usr/bin/env bash
# Direct mode against raw Jedis (issue #16: the direct client reaches >= 60 % of raw Jedis reads
# of the same keys): DirectLookupBench in one JVM, the direct client and two raw Jedis readers
# (a pipeline of GETs, one per view and entity; one MGET of the same keys) against one Redis,
# in rounds whose order rotates: 1 entity x 10 features and 100 x 10 (the feature list of
# http-lookup.sh, two views), 1 x 50 (service driver_wide_v1 of bench/lookup-repository/wide.yaml,
# one view). Prints each run's rate and latency percentiles, the ratios per round and their medians.
#   mvn -o -q -B -pl server,bench -am package -DskipTests   # first: parity.jar and benchmarks.jar
#   bench/direct-lookup.sh                   # defaults: DURATION=10 WARMUP=10 ROUNDS=3 THREADS=8
#   DIRECT_ARGS="--shapes wide:1 --pool 8" bench/direct-lookup.sh   # more flags of DirectLookupBench
#   PROFILE=1 bench/direct-lookup.sh         # also records a JFR file (path printed at the end)
# Uses port 16999 (Redis); everything runs under a temporary directory and is stopped by pid at
# exit (bench/lib.sh). Run under `flock /tmp/parity-bench.lock` when the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${JAR:-$root/server/target/parity.jar}"
bench_jar="${BENCH_JAR:-$root/bench/target/benchmarks.jar}"
duration="${DURATION:-10}"
warmup="${WARMUP:-10}"
rounds="${ROUNDS:-3}"
threads="${THREADS:-8}"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
for file in "$jar" "$bench_jar"; do
  [[ -f "$file" ]] || { echo "missing $file: mvn -o -q -B -pl server,bench -am package -DskipTests" >&2; exit 1; }
done
bench_workdir
bench_repository "$jar" driver_hourly_stats,driver_activity,driver_wide "$here"/lookup-repository/*.yaml

jfr=()
if [[ -n "${PROFILE:-}" ]]; then
  profile="${PROFILE_OUT:-/tmp/direct-lookup-$$.jfr}"
  jfr=("-XX:StartFlightRecording=filename=$profile,settings=profile")
fi
echo "== machine load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
# shellcheck disable=SC2086 # DIRECT_ARGS is a list of flags
java "${java_opts[@]}" "${jfr[@]}" -Xmx512m -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider \
  -cp "$bench_jar" dev.parity.bench.DirectLookupBench --repository "$repo" --redis "$PARITY_REDIS_URL" \
  --threads "$threads" --seconds "$duration" --warmup-seconds "$warmup" --rounds "$rounds" ${DIRECT_ARGS:-}
[[ -n "${PROFILE:-}" ]] && echo "== JFR recording: $profile (jfr print --events jdk.ExecutionSample $profile)"
exit 0
