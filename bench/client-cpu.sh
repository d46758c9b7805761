#!/usr/bin/env bash
# The Java client's CPU per lookup, two builds of it in alternating rounds against one server
# (bench/HISTORY.md, "Lookups through the Java client"): ClientLookupBench from A_JAR and from
# B_JAR (two benchmarks.jar), each JVM warming up on its own, for each shape of SHAPES (default
# "1x10"; "1x10 100x10 1x50" for all three of client-lookup.sh: entities x features, 1x50 being the
# service driver_wide_v1); prints each run's line (req/s, latency, client CPU per request), the
# server's CPU per request during it, the machine's load before each run, and per shape and round
# the ratio B/A of client CPU per request. A_ARGS / B_ARGS: more flags of ClientLookupBench for
# one side (e.g. B_ARGS="--http jdk" to compare two HTTP implementations of one jar); A_JVM / B_JVM:
# more JVM options (e.g. B_JVM="-XX:StartFlightRecording=settings=profile,filename=/tmp/b.jfr", ROUNDS=1).
#   mvn -o -q -B -pl server,bench -am package -DskipTests; cp bench/target/benchmarks.jar /tmp/a.jar
#   ... change the client, package again ...
#   A_JAR=/tmp/a.jar B_JAR=bench/target/benchmarks.jar bench/client-cpu.sh   # ROUNDS=4 THREADS=4 DURATION=15 WARMUP=10 SHAPES=1x10
# Redis and the server listen on free loopback ports; everything runs under a temporary directory
# and is stopped by pid at exit. Run under `flock /tmp/parity-bench.lock` when the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="${JAR:-$root/server/target/parity.jar}"
a_jar="${A_JAR:?A_JAR: the benchmarks.jar of the first build}"
b_jar="${B_JAR:?B_JAR: the benchmarks.jar of the second build}"
rounds="${ROUNDS:-4}"; threads="${THREADS:-4}"; duration="${DURATION:-15}"; warmup="${WARMUP:-10}"
shapes="${SHAPES:-1x10}"
read -r -a a_args <<<"${A_ARGS:-}"; read -r -a b_args <<<"${B_ARGS:-}"
read -r -a a_jvm <<<"${A_JVM:-}"; read -r -a b_jvm <<<"${B_JVM:-}"
java_opts=(--add-opens=java.base/java.nio=ALL-UNNAMED)
work="$(mktemp -d)"
cleanup() {
  [[ -f "$work/server.pid" ]] && kill "$(cat "$work/server.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  [[ -f "$work/redis.pid" ]] && kill "$(cat "$work/redis.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port="$(free_port)"; port="$(free_port)"; admin_port="$(free_port)"

repo="$work/drivers"
mkdir -p "$repo"
cp "$root"/examples/drivers/*.yaml "$here"/lookup-repository/*.yaml "$repo/"
end="$(date -u +%Y-%m-%dT%H:00:00Z)"
start="$(date -u -d "$end - 30 days" +%Y-%m-%dT%H:00:00Z)"
java "${java_opts[@]}" -Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider -cp "$jar" \
  dev.parity.offline.sample.SampleDataGenerator --out "$repo" --end "$end" >/dev/null
redis-server --port "$redis_port" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$work" --pidfile "$work/redis.pid" --logfile "$work/redis.log"
export PARITY_REDIS_URL="redis://127.0.0.1:$redis_port"
java "${java_opts[@]}" -jar "$jar" apply -r "$repo" >/dev/null
java "${java_opts[@]}" -jar "$jar" materialize -r "$repo" --start "$start" --end "$end" \
  --views driver_hourly_stats,driver_activity,driver_wide >/dev/null
java "${java_opts[@]}" -jar "$jar" server -r "$repo" --port "$port" --admin-port "$admin_port" >"$work/server.log" 2>&1 &
echo $! >"$work/server.pid"
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$admin_port/healthcheck" && break
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$admin_port/healthcheck" || { cat "$work/server.log" >&2; exit 1; }

features="driver_hourly_stats:conv_rate,driver_hourly_stats:acc_rate,driver_hourly_stats:avg_daily_trips,\
driver_hourly_stats:vehicle_type,driver_hourly_stats:trips_log,driver_activity:trips_7d,driver_activity:fare_sum_1d,\
driver_activity:fare_avg_7d,driver_activity:distinct_customers_7d,driver_activity:max_fare_1d"
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1e6 / hz }' "/proc/$(cat "$work/server.pid")/stat"; }
cpu_of() { echo "$1" | sed -n 's/.*client CPU \([0-9]*\) us\/req.*/\1/p'; }
run() { # $1 label, $2 jar, $3 shape (ROWSxFEATURES), more: flags of ClientLookupBench
  local s0 line requests selection rows="${3%x*}" jvm=("${a_jvm[@]}")
  [[ "$1" == B* ]] && jvm=("${b_jvm[@]}")
  selection=(--features "$features"); [[ "${3#*x}" == 50 ]] && selection=(--service driver_wide_v1)
  echo "== $1, $3, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  s0="$(server_cpu)"
  line="$(java -Xmx512m "${jvm[@]}" -cp "$2" dev.parity.bench.ClientLookupBench --url "http://127.0.0.1:$port" "${selection[@]}" \
    --rows "$rows" --threads "$threads" --seconds "$duration" --warmup-seconds "$warmup" --label "$1" "${@:4}")"
  requests="$(echo "$line" | sed -n 's/.*: \([0-9]*\) req\/s.*/\1/p')"
  echo "$line" >&2
  echo "   server CPU during it (warm-up included): $(( ($(server_cpu) - s0) / (requests * (duration + warmup) + 1) )) us/req" >&2
  cpu_of "$line"
}
for shape in $shapes; do
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then a="$(run "A round $round" "$a_jar" "$shape" "${a_args[@]}")"; b="$(run "B round $round" "$b_jar" "$shape" "${b_args[@]}")"
    else b="$(run "B round $round" "$b_jar" "$shape" "${b_args[@]}")"; a="$(run "A round $round" "$a_jar" "$shape" "${a_args[@]}")"; fi
    echo "-- $shape round $round: client CPU A $a, B $b us/req, B/A $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')"
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
