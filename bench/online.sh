#!/usr/bin/env bash
# Online store benchmarks with their references, on a Redis of our own (issue 6).
#
#   bench/online.sh            # ROUNDS=2 rounds (each: write refs + Parity, lookups, latency)
#   ROUNDS=3 bench/online.sh
#
# Starts redis-server on a free loopback port (no persistence), builds bench/target/benchmarks.jar
# if it is missing or older than the sources, then per round runs, back to back on that server:
#   writes:  redis-benchmark HSET of 10 fields (-P 16, default 50 clients, and 1 client) and
#            MaterializeWriteBenchmark (OnlineStore.write of 100k x 10, batches 500 and 2000);
#   lookups: OnlineLookupBenchmark (100 x 10: parityRead, featureServerGet, rawGet, rawHmget) at
#            1 and 4 threads;
#   latency: OnlineLatencyBenchmark (1 entity: parityRead, featureServerGet, rawGet, rawHmget;
#            p50/p99/p99.9) at 1 and 4 threads.
# Prints per-round figures and a summary of ratios computed within each round (the machine is
# shared and noisy: compare ratios, not absolute numbers). Redis is stopped by pid on any exit.
# Knobs: ROUNDS, WI/I (JMH warmup/measurement iterations), W/R (their seconds), FORKS. Warmup is
# long (8 x 2 s) because on a loaded 2-core machine the JIT is starved: with 3 x 1 s the scores
# were still rising during measurement, which penalises the longer Parity paths most.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
FORKS=${FORKS:-1}
WI=${WI:-8}
I=${I:-5}
W=${W:-2s}
R=${R:-2s}
JAR=bench/target/benchmarks.jar
JAVA=(java --add-opens=java.base/java.nio=ALL-UNNAMED)

if [[ ! -f $JAR ]] || [[ -n "$(find bench/src online/src/main feature-definitions/src/main -newer "$JAR" -type f | head -1)" ]]; then
  echo "== building $JAR"
  mvn -o -q -B -pl bench -am package -DskipTests
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=""
for p in $(shuf -i 20000-29999 -n 50); do
  if port_free "$p"; then PORT=$p; break; fi
done
[[ -n $PORT ]] || { echo "no free port found" >&2; exit 1; }

DIR=$(mktemp -d /tmp/parity-online-bench.XXXXXX)
cleanup() {
  if [[ -f $DIR/redis.pid ]]; then
    pid=$(cat "$DIR/redis.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [[ -z ${KEEP:-} ]]; then rm -rf "$DIR"; else echo "results kept in $DIR"; fi
}
trap cleanup EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
  --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log"
for _ in $(seq 50); do
  [[ "$(redis-cli -p "$PORT" ping 2>/dev/null)" == PONG ]] && [[ -f $DIR/redis.pid ]] && break
  sleep 0.1
done
[[ "$(redis-cli -p "$PORT" ping)" == PONG ]] || { echo "redis-server did not start" >&2; cat "$DIR/redis.log" >&2; exit 1; }
URL="redis://127.0.0.1:$PORT"
echo "== redis-server $(redis-server --version | awk '{print $3}') on port $PORT (pid $(cat "$DIR/redis.pid")), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"

HSET=(HSET 'key:__rand_int__' f1 v1 f2 v2 f3 v3 f4 v4 f5 v5 f6 v6 f7 v7 f8 v8 f9 v9 f10 v10)
ref_write() { # clients round
  local rps
  rps=$(redis-benchmark -h 127.0.0.1 -p "$PORT" -c "$1" -P 16 -n 100000 -r 100000 --csv "${HSET[@]}" \
    | awk -F'","' 'NR == 2 { print $2 }')
  echo "redis-benchmark HSET 10 fields -P 16 -c $1: $rps ops/s"
  echo "$2,redisBenchmarkHset_c$1,1,,$rps" >> "$DIR/refs.csv"
}
jmh() { # name threads round warmup-iterations extra...
  local name=$1 threads=$2 round=$3 wi=$4; shift 4
  "${JAVA[@]}" -Dparity.bench.redis="$URL" -jar "$JAR" "$name" -f "$FORKS" -wi "$wi" -i "$I" -t "$threads" \
    -rf csv -rff "$DIR/$name-t$threads-r$round.csv" "$@" > "$DIR/$name-t$threads-r$round.log" 2>&1 \
    || { echo "JMH $name failed:" >&2; tail -30 "$DIR/$name-t$threads-r$round.log" >&2; exit 1; }
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$DIR/$name-t$threads-r$round.log" | grep -vE ':p(0\.00|0\.90|0\.95|0\.9999|1\.00) ' || true
}

for round in $(seq "$ROUNDS"); do
  echo "== round $round/$ROUNDS: writes (load $(cut -d' ' -f1 /proc/loadavg))"
  ref_write 50 "$round"
  ref_write 1 "$round"
  jmh MaterializeWriteBenchmark 1 "$round" 4
  ref_write 50 "$round"
  echo "== round $round/$ROUNDS: lookups (load $(cut -d' ' -f1 /proc/loadavg))"
  for t in 1 4; do jmh OnlineLookupBenchmark "$t" "$round" "$WI" -w "$W" -r "$R"; done
  echo "== round $round/$ROUNDS: latency (load $(cut -d' ' -f1 /proc/loadavg))"
  for t in 1 4; do jmh OnlineLatencyBenchmark "$t" "$round" "$WI" -w "$W" -r "$R"; done
done

echo "== summary ($ROUNDS rounds; ratios are computed within each round; load now $(cut -d' ' -f1-3 /proc/loadavg))"
python3 - "$DIR" <<'PY'
import csv, glob, os, re, statistics, sys
from collections import defaultdict

d = sys.argv[1]
score = defaultdict(dict)  # (benchmark, threads, batch) -> {round: score}
for f in glob.glob(os.path.join(d, "*-r*.csv")):
    rnd = int(f.rsplit("-r", 1)[1][:-4])
    for row in csv.DictReader(open(f)):
        name = re.sub(r"^dev\.parity\.bench\.", "", row["Benchmark"]).replace("\u00b7", "")
        score[(name, int(row["Threads"]), row.get("Param: batch") or "")][rnd] = float(row["Score"])
refs = defaultdict(list)
for rnd, name, _, _, rps in csv.reader(open(os.path.join(d, "refs.csv"))):
    refs[(name, int(rnd))].append(float(rps))
rounds = sorted({r for v in score.values() for r in v} | {r for _, r in refs})

def fmt(x):
    return f"{x:,.0f}"

def ratio(num, den):
    rs = [num[r] / den[r] for r in rounds if r in num and r in den]
    return f"{statistics.mean(rs):.2f} ({', '.join(f'{x:.2f}' for x in rs)})" if rs else "n/a"

def mean(s):
    return statistics.mean(s.values()) if s else float("nan")

ref50 = {r: statistics.mean(refs[("redisBenchmarkHset_c50", r)]) for r in rounds if refs[("redisBenchmarkHset_c50", r)]}
ref1 = {r: refs[("redisBenchmarkHset_c1", r)][0] for r in rounds if refs[("redisBenchmarkHset_c1", r)]}
print("\nWrites of 100k entities x 10 features: entities/s (Parity) or HSET ops/s (redis-benchmark);")
print("mean over rounds, ratios per round in brackets")
print("| what | per second | ratio to redis-benchmark -c 50 | ratio to -c 1 |\n|---|---|---|---|")
print(f"| redis-benchmark HSET -P 16 -c 50 | {fmt(mean(ref50))} | 1 | {ratio(ref50, ref1)} |")
print(f"| redis-benchmark HSET -P 16 -c 1 | {fmt(mean(ref1))} | {ratio(ref1, ref50)} | 1 |")
for batch in sorted({k[2] for k in score if k[0] == "MaterializeWriteBenchmark.write"}, key=int):
    eps = {r: 100000 / (ms / 1000) for r, ms in score[("MaterializeWriteBenchmark.write", 1, batch)].items()}
    print(f"| OnlineStore.write, batch {batch} | {fmt(mean(eps))} | {ratio(eps, ref50)} | {ratio(eps, ref1)} |")

for threads in (1, 4):
    print(f"\nLookups of 100 entities x 10 features, {threads} thread(s): lookups/s over all threads")
    print("| benchmark | lookups/s | ratio to rawGet | ratio to rawHmget |\n|---|---|---|---|")
    for b in ("rawGet", "rawHmget", "parityRead", "featureServerGet"):
        s = score.get(("OnlineLookupBenchmark." + b, threads, ""))
        if s:
            raw_get = score[("OnlineLookupBenchmark.rawGet", threads, "")]
            raw_hmget = score[("OnlineLookupBenchmark.rawHmget", threads, "")]
            print(f"| {b} | {fmt(mean(s))} | {ratio(s, raw_get)} | {ratio(s, raw_hmget)} |")

for threads in (1, 4):
    print(f"\nSingle-entity lookup latency, {threads} thread(s): microseconds, mean over rounds (per round)")
    print("| benchmark | p50 | p99 | p99.9 | p99 ratio to rawGet | p99 ratio to rawHmget |\n|---|---|---|---|---|---|")
    for b in ("rawGet", "rawHmget", "parityRead", "featureServerGet"):
        cells = []
        for p in ("p0.50", "p0.99", "p0.999"):
            s = score.get((f"OnlineLatencyBenchmark.{b}:{p}", threads, ""), {})
            cells.append(f"{mean(s):.1f} ({', '.join(f'{s[r]:.1f}' for r in sorted(s))})" if s else "n/a")
        p99 = score.get((f"OnlineLatencyBenchmark.{b}:p0.99", threads, ""), {})
        raw_p99 = score.get(("OnlineLatencyBenchmark.rawGet:p0.99", threads, ""), {})
        hmget_p99 = score.get(("OnlineLatencyBenchmark.rawHmget:p0.99", threads, ""), {})
        print(f"| {b} | {' | '.join(cells)} | {ratio(p99, raw_p99)} | {ratio(p99, hmget_p99)} |")
PY
