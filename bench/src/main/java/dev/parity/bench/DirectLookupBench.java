package dev.parity.bench;

import dev.parity.client.FeatureClient;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureStatus;
import dev.parity.client.LookupRequest;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.direct.DirectClient;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Direct mode against raw Jedis (bench/direct-lookup.sh, issue #16: direct ≥ 60 % of raw Jedis):
 * in one JVM, against one Redis, the {@link DirectClient} looking features up and two raw Jedis
 * readers fetching the same keys and nothing more (no decoding, no statuses, keys computed once):
 *
 * <ul>
 *   <li>{@code raw-pipeline}: one {@code GET} per (view, entity), pipelined on one connection, the
 *       reads a client of this key layout needs at the least (a layout of one Redis string per
 *       view and entity, {@code online/KEY-LAYOUT.md}, so {@code GET}, not {@code HMGET});
 *   <li>{@code raw-mget}: the same keys in one {@code MGET}, what the online store sends to a
 *       standalone Redis.
 * </ul>
 *
 * For each shape (1 x 10 and 100 x 10 features of two views, 1 x 50 of one view), the three run
 * in turn, {@code ROUNDS} times, the order rotating each round; each prints rate, lookups/s and
 * latency percentiles, then the direct client's ratio to each raw reader, and at the end the
 * median ratios. Before measuring, every key the raw readers read must hold a value and every
 * feature of the direct client's answer must be {@code PRESENT} or {@code NULL_VALUE}: both read
 * the same, existing rows.
 *
 * <pre>
 * DirectLookupBench --repository DIR --redis redis://127.0.0.1:16999 [--threads 8] [--seconds 10]
 *     [--warmup-seconds 10] [--rounds 3] [--shapes list:1,list:100,wide:1] [--pool 16]
 * </pre>
 */
public final class DirectLookupBench {
  /** The feature list of http-lookup.sh and client-lookup.sh: five features of each of two views. */
  static final List<String> FEATURES = List.of("driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate",
      "driver_hourly_stats:avg_daily_trips", "driver_hourly_stats:vehicle_type", "driver_hourly_stats:trips_log",
      "driver_activity:trips_7d", "driver_activity:fare_sum_1d", "driver_activity:fare_avg_7d",
      "driver_activity:distinct_customers_7d", "driver_activity:max_fare_1d");
  /** The 50-feature service of bench/lookup-repository/wide.yaml. */
  static final String WIDE_SERVICE = "driver_wide_v1";

  private DirectLookupBench() {}

  /** One request shape: its selection, its rows and the Redis keys it reads. */
  private record Shape(String name, Function<FeatureClient, LookupRequest> request,
      int rows, int features, byte[][] keys) {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> flags = ClientLookupBench.flags(args);
    Path repository = Path.of(flags.getOrDefault("repository", "."));
    String redis = flags.getOrDefault("redis", System.getenv().getOrDefault("PARITY_REDIS_URL",
        "redis://127.0.0.1:6379"));
    int threads = Integer.parseInt(flags.getOrDefault("threads", "8"));
    double seconds = Double.parseDouble(flags.getOrDefault("seconds", "10"));
    double warmup = Double.parseDouble(flags.getOrDefault("warmup-seconds", "10"));
    int rounds = Integer.parseInt(flags.getOrDefault("rounds", "3"));
    int pool = Integer.parseInt(flags.getOrDefault("pool", "16"));
    List<String> shapeNames = Arrays.asList(flags.getOrDefault("shapes", "list:1,list:100,wide:1").split(","));

    SourceSchemaResolver schemas = SourceSchemaResolver.declaredOr(new ParquetSchemaResolver());
    FeatureRepository definitions = new RepositoryLoader(schemas, Map.of("PARITY_REDIS_URL", redis)).load(repository);
    JedisPoolConfig poolConfig = new JedisPoolConfig();
    poolConfig.setMaxTotal(pool);
    poolConfig.setMaxIdle(pool);
    // The direct client's pool size is the same (RedisConnectionConfig.DEFAULT_POOL_SIZE unless --pool).
    try (DirectClient direct = DirectClient.builder().repository(repository).sourceSchemas(schemas)
            .environment(Map.of("PARITY_REDIS_URL", redis)).build();
        JedisPool jedis = new JedisPool(poolConfig, URI.create(redis))) {
      Map<String, List<Double>> pipelineRatios = new LinkedHashMap<>();
      Map<String, List<Double>> mgetRatios = new LinkedHashMap<>();
      System.out.printf(Locale.ROOT, "== direct client vs raw Jedis, %d threads, pool %d, %.0fs warm-up and %.0fs "
          + "per run, %d rounds, order rotating; load %s%n", threads, pool, warmup, seconds, rounds, loadAverage());
      for (String shapeName : shapeNames) {
        Shape shape = shape(shapeName, definitions);
        check(shape, direct, jedis);
        Map<String, Runnable> contenders = new LinkedHashMap<>();
        contenders.put("direct", () -> shape.request().apply(direct).get());
        contenders.put("raw-pipeline", () -> pipelined(jedis, shape.keys()));
        contenders.put("raw-mget", () -> mget(jedis, shape.keys()));
        System.out.printf(Locale.ROOT, "== %s: %d x %d features, %d Redis keys per lookup%n", shape.name(),
            shape.rows(), shape.features(), shape.keys().length);
        for (Runnable contender : contenders.values()) {
          LookupLoad.run(contender, threads, warmup, 0);
        }
        List<String> names = new ArrayList<>(contenders.keySet());
        for (int round = 1; round <= rounds; round++) {
          Map<String, LookupLoad.Result> results = new LinkedHashMap<>();
          for (int i = 0; i < names.size(); i++) {
            String name = names.get((i + round - 1) % names.size());
            LookupLoad.Result result = LookupLoad.run(contenders.get(name), threads, seconds, 0);
            results.put(name, result);
            System.out.printf(Locale.ROOT, "round %d %-12s: %.0f req/s, %.0f lookups/s, %s, errors %d, "
                    + "process CPU %.0f us/req%n", round, name, result.rate(), result.rate() * shape.rows(),
                result.latencyText(), result.errors(), result.cpuMicrosPerCall());
          }
          double toPipeline = results.get("direct").rate() / results.get("raw-pipeline").rate();
          double toMget = results.get("direct").rate() / results.get("raw-mget").rate();
          pipelineRatios.computeIfAbsent(shape.name(), k -> new ArrayList<>()).add(toPipeline);
          mgetRatios.computeIfAbsent(shape.name(), k -> new ArrayList<>()).add(toMget);
          System.out.printf(Locale.ROOT, "round %d direct / raw-pipeline: %.3f, direct / raw-mget: %.3f%n", round,
              toPipeline, toMget);
        }
      }
      System.out.println("== median ratios of throughput (target: direct >= 0.60 of raw Jedis)");
      for (String shape : pipelineRatios.keySet()) {
        System.out.printf(Locale.ROOT, "%s: direct / raw-pipeline %.3f, direct / raw-mget %.3f%n", shape,
            median(pipelineRatios.get(shape)), median(mgetRatios.get(shape)));
      }
      System.out.printf(Locale.ROOT, "== load after: %s%n", loadAverage());
    }
  }

  private static Shape shape(String name, FeatureRepository definitions) {
    String[] parts = name.split(":");
    int rows = Integer.parseInt(parts[1]);
    List<Long> drivers = new ArrayList<>();
    for (long d = 1001; d < 1001 + rows; d++) {
      drivers.add(d);
    }
    FeatureSelector selector;
    Function<FeatureClient, LookupRequest> request;
    switch (parts[0]) {
      case "list" -> {
        selector = FeatureSelector.features(FEATURES);
        request = c -> c.featureList(FEATURES).entities("driver_id", drivers);
      }
      case "wide" -> {
        selector = FeatureSelector.service(WIDE_SERVICE);
        request = c -> c.features(WIDE_SERVICE).entities("driver_id", drivers);
      }
      default -> throw new IllegalArgumentException("shape " + name + ": expected list:ROWS or wide:ROWS");
    }
    List<SelectedFeature> features = SelectionResolver.resolve(definitions, selector).features();
    Set<String> views = new LinkedHashSet<>();
    features.forEach(f -> views.add(f.ref().view()));
    List<byte[]> keys = new ArrayList<>();
    for (String view : views) {
      for (long driver : drivers) {
        keys.add(key(definitions.config().project(), driver, view));
      }
    }
    return new Shape(name, request, rows, features.size(), keys.toArray(byte[][]::new));
  }

  /**
   * The key of one driver's row of one view, as online/KEY-LAYOUT.md lays it out: {@code project
   * ":{" entityKey "}" view}, an int64 join key as 8 bytes big-endian.
   */
  static byte[] key(String project, long driver, String view) {
    ByteArrayOutputStream key = new ByteArrayOutputStream();
    key.writeBytes((project + ":{").getBytes(StandardCharsets.UTF_8));
    key.writeBytes(ByteBuffer.allocate(8).putLong(driver).array());
    key.writeBytes(("}" + view).getBytes(StandardCharsets.UTF_8));
    return key.toByteArray();
  }

  /** Both sides read the same, existing rows: else the comparison would measure misses. */
  private static void check(Shape shape, DirectClient direct, JedisPool jedis) {
    List<byte[]> raw = mget(jedis, shape.keys());
    long missing = raw.stream().filter(v -> v == null).count();
    if (missing > 0) {
      throw new IllegalStateException(shape.name() + ": " + missing + " of " + raw.size() + " keys hold no value; "
          + "materialize the views for drivers 1001.. first (or the key layout changed: see online/KEY-LAYOUT.md)");
    }
    OnlineFeatures answer = shape.request().apply(direct).get();
    if (answer.rowCount() != shape.rows()) {
      throw new IllegalStateException(shape.name() + ": expected " + shape.rows() + " rows, got " + answer);
    }
    for (FeatureRow row : answer.rows()) {
      for (String feature : row.featureNames()) {
        FeatureStatus status = row.status(feature);
        if (status != FeatureStatus.PRESENT && status != FeatureStatus.NULL_VALUE) {
          throw new IllegalStateException(shape.name() + ": the direct client answers " + status + " for " + feature
              + " of row " + row.index() + ": the data is not fresh (materialize up to now)");
        }
      }
    }
  }

  private static List<byte[]> pipelined(JedisPool pool, byte[][] keys) {
    try (Jedis jedis = pool.getResource()) {
      Pipeline pipeline = jedis.pipelined();
      List<Response<byte[]>> responses = new ArrayList<>(keys.length);
      for (byte[] key : keys) {
        responses.add(pipeline.get(key));
      }
      pipeline.sync();
      List<byte[]> values = new ArrayList<>(keys.length);
      for (Response<byte[]> response : responses) {
        values.add(response.get());
      }
      return values;
    }
  }

  private static List<byte[]> mget(JedisPool pool, byte[][] keys) {
    try (Jedis jedis = pool.getResource()) {
      return jedis.mget(keys);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      String[] fields = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
