#!/usr/bin/env bash
# Lookups through the Java client (issue #16) against the server from the shaded jar, next to wrk
# (the load generator of http-lookup.sh) against the same server in alternating rounds:
# 1 entity x 10 features and 100 entities x 10 features (the feature list of http-lookup.sh), and
# 1 entity x 50 features (service driver_wide_v1 of bench/lookup-repository/wide.yaml); then the
# client alone at half its 1 x 50 max rate, latency counted from each request's due time.
#   mvn -o -q -B -pl server,bench -am package -DskipTests   # first: parity.jar and benchmarks.jar
#   bench/client-lookup.sh                  # defaults: DURATION=15 WARMUP=60 CLIENT_WARMUP=10 ROUNDS=3 THREADS=8
#   JAR=/tmp/parity.jar BENCH_JAR=/tmp/benchmarks.jar bench/client-lookup.sh   # pinned builds
#   CLIENT_ARGS="--executor direct" bench/client-lookup.sh   # more flags of ClientLookupBench
#   PIN=1 bench/client-lookup.sh            # server and Redis on core 0, wrk or the client on core 1
# PIN=1 is closer to production, where the client runs on another host: unpinned, on 2 shared
# cores the heavier load generator (the client) takes CPU from the server that wrk leaves it.
# Uses ports 16999 (Redis), 16566/16567 (server); everything runs under a temporary directory and
# is stopped by pid at exit (bench/lib.sh). Run under `flock /tmp/parity-bench.lock` when the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${JAR:-$root/server/target/parity.jar}"
bench_jar="${BENCH_JAR:-$root/bench/target/benchmarks.jar}"
duration="${DURATION:-15}"
warmup="${WARMUP:-60}"
client_warmup="${CLIENT_WARMUP:-10}"
rounds="${ROUNDS:-3}"
threads="${THREADS:-8}"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
bench_require "mvn -o -q -B -pl server,bench -am package -DskipTests" "$jar" "$bench_jar"
bench_workdir
bench_repository "$jar" driver_hourly_stats,driver_activity,driver_wide "$here"/lookup-repository/*.yaml
bench_start_server a "$jar" "" "" 16566 16567 "$repo"
pin=()
if [[ "${PIN:-0}" == 1 ]]; then
  # Every thread of Redis and the server on core 0 (threads started later inherit it); the load
  # generators on core 1.
  taskset -a -p -c 0 "$(cat "$work/redis.pid")" >/dev/null
  taskset -a -p -c 0 "$(cat "$work/server-a.pid")" >/dev/null
  pin=(taskset -c 1)
  layout="pinned: server and Redis on core 0, wrk and the client on core 1"
else
  layout="unpinned: server, Redis and the load generator share every core (PIN=1 to pin)"
fi

features="driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate,driver_hourly_stats:avg_daily_trips,\
driver_hourly_stats:vehicle_type,driver_hourly_stats:trips_log,driver_activity:trips_7d,driver_activity:fare_sum_1d,\
driver_activity:fare_avg_7d,driver_activity:distinct_customers_7d,driver_activity:max_fare_1d"
lua() { # $1 shape (list|wide), $2 rows (drivers 1001..)
  local ids selection
  ids="$(seq -s, 1001 $((1000 + $2)))"
  if [[ "$1" == wide ]]; then
    selection='"feature_service": "driver_wide_v1"'
  else
    selection="\"features\": [\"${features//,/\", \"}\"]"
  fi
  cat >"$work/post-$1-$2.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{$selection, "entities": {"driver_id": [$ids]}}'
LUA
  echo "$work/post-$1-$2.lua"
}
run_wrk() { # $1 shape, $2 rows, $3 seconds -> wrk's output
  "${pin[@]}" wrk -t2 -c"$threads" -d"$3s" --latency -s "$(lua "$1" "$2")" "http://127.0.0.1:16566/get-online-features"
}
run_client() { # $1 shape, $2 rows, $3 seconds, more flags -> one line
  local shape="$1" rows="$2" seconds="$3"
  shift 3
  local selection=(--features "$features")
  [[ "$shape" == wide ]] && selection=(--service driver_wide_v1)
  "${pin[@]}" java -Xmx512m -cp "$bench_jar" dev.parity.bench.ClientLookupBench --url http://127.0.0.1:16566 "${selection[@]}" \
    --rows "$rows" --threads "$threads" --seconds "$seconds" --warmup-seconds "$client_warmup" ${CLIENT_ARGS:-} "$@"
}
server_cpu() { # the server's user + system CPU so far, in microseconds
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1e6 / hz }' "/proc/$(cat "$work/server-a.pid")/stat"
}

echo "== machine load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $layout"
echo "== warm-up (server JIT): ${warmup}s of wrk over the three shapes, not recorded"
run_wrk list 1 "$((warmup / 2))" >/dev/null
run_wrk list 100 "$((warmup / 4))" >/dev/null
run_wrk wide 1 "$((warmup / 4))" >/dev/null

wide_rates=()
for shape in "list 1" "list 100" "wide 1"; do
  set -- $shape
  width=10; [[ "$1" == wide ]] && width=50
  ratios=()
  echo "== $2 x $width features, max rate: wrk -t2 -c$threads vs the client ($threads threads, synchronous get(), ${client_warmup}s own warm-up), ${duration}s each, $rounds rounds, order alternating"
  for round in $(seq 1 "$rounds"); do
    # The server's CPU per request under wrk, to set against the client's own CPU per request: on a
    # 2-core machine shared by server and load generator, what the generator burns the server lacks.
    measure_wrk() { local s0; s0="$(server_cpu)"; w="$(run_wrk "$1" "$2" "$duration")"; w_cpu="$(( $(server_cpu) - s0 ))"; }
    measure_client() { c="$(run_client "$1" "$2" "$duration")"; }
    if (( round % 2 )); then
      measure_wrk "$1" "$2"; measure_client "$1" "$2"
    else
      measure_client "$1" "$2"; measure_wrk "$1" "$2"
    fi
    wrk_requests="$(echo "$w" | awk '/requests in/ {print $1}')"
    wrk_lookups="$(echo "$w" | awk -v n="$2" '/Requests\/sec/ {printf "%.0f", $2 * n}')"
    client_lookups="$(echo "$c" | sed -n 's/.* \([0-9]*\) lookups\/s.*/\1/p')"
    ratio="$(awk -v c="$client_lookups" -v w="$wrk_lookups" 'BEGIN { printf "%.3f", c / w }')"
    echo "round $round: wrk $wrk_lookups lookups/s (p50 $(echo "$w" | awk '/ 50%/ {print $2}'), p99 $(echo "$w" | awk '/ 99%/ {print $2}')$(echo "$w" | grep -q 'Non-2xx' && echo ', NON-2xx!'), server CPU $(( w_cpu / wrk_requests )) us/req)"
    echo "         $c"
    echo "         client / wrk: $ratio"
    ratios+=("$ratio")
    [[ "$1" == wide ]] && wide_rates+=("$(echo "$c" | sed -n 's/.*: \([0-9]*\) req\/s.*/\1/p')")
  done
  echo "median client / wrk at $2 x $width: $(printf '%s\n' "${ratios[@]}" | median)"
done

half="$(printf '%s\n' "${wide_rates[@]}" | median | awk '{printf "%.0f", $1 / 2}')"
echo "== 1 x 50 features at half the client's median max rate: $half req/s, latency from each request's due time"
for round in $(seq 1 "$rounds"); do
  run_client wide 1 "$duration" --rate "$half" --label "round $round"
done
echo "== machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"
