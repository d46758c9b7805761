package dev.parity.offline.spark;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.LatestValuesConsumer;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.features.OfflineViews;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.OnlineView;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.WriteResult;
import dev.parity.online.serving.OnlineViews;
import dev.parity.online.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.apache.spark.sql.SparkSession;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A feature repository over {@link Scenario}'s seeded sources (a view with created times, ties
 * and two row transforms; a composite key with a string part and no ttl; windowed aggregations of
 * every function with a ttl), the embedded materialization it is compared with, and the stored
 * Redis values of a project, read key by key.
 */
final class MaterializationFixture {
  /** Values never expire in these tests: the data is from 2024, and Redis drops rows past ttl + grace. */
  static final Duration GRACE = Duration.ofDays(365 * 200);
  static final List<String> VIEWS = List.of("driver_stats", "zone_stats", "trip_activity");
  private static final AtomicInteger PROJECTS = new AtomicInteger();

  private MaterializationFixture() {}

  /** Writes the data and the definitions under {@code root}; {@link #load} reads them. */
  static void write(Path root, long seed) {
    Scenario.write(root.resolve("data"), seed, 20);
    write(root.resolve("features.yaml"), """
        entities:
          - { name: driver, join_keys: [driver_id] }
          - { name: zone, join_keys: [zone] }
        sources:
          - name: stats
            format: parquet
            path: data/stats
            timestamp: event_ts
            created_timestamp: created
            schema: { driver_id: int64, event_ts: timestamp, created: timestamp, conv_rate: float64, trips: int64, vehicle: string, active: bool }
          - name: zones
            format: parquet
            path: data/zones
            timestamp: ts
            schema: { driver_id: int64, zone: string, ts: timestamp, demand: float64 }
          - name: trips
            format: parquet
            path: data/trips
            timestamp: ts
            schema: { driver_id: int64, ts: timestamp, fare: float64, km: int64, city: string, pickup: timestamp }
        feature_views:
          - name: driver_stats
            entities: [driver]
            source: stats
            ttl: 10m
            online: true
            features:
              - { name: conv_rate, type: float64 }
              - { name: trips, type: int64 }
              - { name: vehicle, type: string }
              - { name: active, type: bool }
              - { name: conv_x2, type: float64, expr: "conv_rate * 2.0 + 1" }
              - { name: label, type: string, expr: "concat(upper(vehicle), '-', cast(trips as string))" }
          - name: zone_stats
            entities: [driver, zone]
            source: zones
            online: true
            features:
              - { name: demand, type: float64 }
          - name: trip_activity
            entities: [driver]
            source: trips
            ttl: 90m
            online: true
            aggregations:
              - { name: n_30m, function: count, window: 30m }
              - { name: fares_1h, function: count, column: fare, window: 1h }
              - { name: fare_sum_1h, function: sum, column: fare, window: 1h }
              - { name: km_sum_1h, function: sum, column: km, window: 1h }
              - { name: km_avg_30m, function: avg, column: km, window: 30m }
              - { name: km_min_1h, function: min, column: km, window: 1h }
              - { name: fare_max_45m, function: max, column: fare, window: 45m }
              - { name: city_last_1h, function: last, column: city, window: 1h }
              - { name: fare_last_30m, function: last, column: fare, window: 30m }
              - { name: cities_1h, function: count_distinct, column: city, window: 1h }
              - { name: fare_x2_sum_1h, function: sum, expr: "fare * 2.0", window: 1h }
        """);
  }

  /**
   * The fixture written under {@code root} with {@code seed}, its definitions edited by {@code
   * edits} (pairs: every {@code edits[i]} becomes {@code edits[i + 1]}), loaded as a fresh project
   * named after {@code projectPrefix}.
   */
  static Prepared prepare(Path root, long seed, String projectPrefix, String... edits) {
    if (edits.length % 2 != 0) {
      throw new IllegalArgumentException("edits come in pairs (from, to)");
    }
    write(root, seed);
    for (int i = 0; i < edits.length; i += 2) {
      editDefinitions(root, edits[i], edits[i + 1]);
    }
    return loadFresh(root, projectPrefix);
  }

  /** The repository already written under {@code root}, loaded as a fresh project named after {@code projectPrefix}. */
  static Prepared loadFresh(Path root, String projectPrefix) {
    String project = project(projectPrefix);
    return new Prepared(load(root, project), project);
  }

  /** A loaded fixture repository and its project. */
  record Prepared(FeatureRepository repository, String project) {
    /** A materialization on {@code spark} into this project of {@code redis}, with the fixture's settings. */
    SparkMaterialization onSpark(SparkSession spark, SparkEngineOptions options, RedisConnectionConfig redis) {
      return new SparkMaterialization(spark, options, redis, settings(project));
    }

    /** As {@link #onSpark(SparkSession, SparkEngineOptions, RedisConnectionConfig)}, default options and the test Redis. */
    SparkMaterialization onSpark(SparkSession spark) {
      return onSpark(spark, SparkEngineOptions.defaults(), RedisConnectionConfig.standalone(TestRedis.standaloneUrl()));
    }
  }

  /**
   * The fixture as a repository the {@code parity} command materializes: without ttls (the
   * command's online store keeps values an hour past {@code event time + ttl}, and the data is
   * from 2024), with {@code project} and the Redis at {@code redisUrl} in its {@code parity.yaml}.
   */
  static void writeForCommand(Path root, long seed, String project, String redisUrl) {
    write(root, seed);
    editDefinitions(root, "    ttl: 10m\n", "");
    editDefinitions(root, "    ttl: 90m\n", "");
    writeParityYaml(root, project, redisUrl);
  }

  /** A {@code parity.yaml} under {@code root} naming {@code project}, the Redis at {@code redisUrl} and a 5-minute future skew. */
  static void writeParityYaml(Path root, String project, String redisUrl) {
    write(root.resolve("parity.yaml"), "project: " + project + "\nmax_future_skew: 5m\nonline: { redis: \"" + redisUrl
        + "\" }\n");
  }

  /** Edits the definitions {@link #write} wrote under {@code root}: every {@code from} becomes {@code to}. */
  static void editDefinitions(Path root, String from, String to) {
    Path file = root.resolve("features.yaml");
    try {
      String text = Files.readString(file);
      if (!text.contains(from)) {
        throw new IllegalArgumentException("the definitions do not contain " + from);
      }
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository at {@code root} as project {@code project} (the key prefix online). */
  static FeatureRepository load(Path root, String project) {
    write(root.resolve("parity.yaml"), "project: " + project + "\n");
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(root);
  }

  /** A project name no other test uses, so tests sharing one Redis do not see each other's keys. */
  static String project(String prefix) {
    return prefix + PROJECTS.incrementAndGet();
  }

  static OnlineStoreSettings settings(String project) {
    return OnlineStoreSettings.defaults(project).withExpiryGrace(GRACE).withWriteBatchSize(7);
  }

  /** Counts what the progress listener is told. */
  static final class CountingProgress implements Progress {
    final AtomicLong rowsWritten = new AtomicLong();
    final AtomicInteger lastDone = new AtomicInteger();
    final AtomicInteger total = new AtomicInteger();
    final AtomicLong rowsRead = new AtomicLong();

    @Override
    public void rowsWritten(long rows) {
      rowsWritten.addAndGet(rows);
    }

    @Override
    public void partitionDone(int done, int of) {
      lastDone.accumulateAndGet(done, Math::max);
      total.set(of);
    }

    @Override
    public void rowsRead(String table, long rows) {
      rowsRead.addAndGet(rows);
    }
  }

  /** What the embedded materialization of one view did. */
  record Embedded(long entities, long written, long unchanged, SkippedRows skipped) {}

  /**
   * The embedded materialization of {@code view}, as the server runs it: the embedded engine's
   * latest values, turned into online rows as the server's {@code LatestRows} turns them (keys and
   * features by name; no event time: not written; created time T for a view with aggregations,
   * else the source row's), written newer-wins.
   */
  static Embedded embedded(FeatureRepository repository, String view, Optional<Instant> start, Instant end,
      Optional<FutureTimeLimit> limit, OnlineStore store, Path temp) {
    FeatureView definition = repository.featureView(view).orElseThrow();
    OnlineView online = OnlineViews.of(repository).view(view);
    OfflineView offline = OfflineViews.from(repository, definition);
    long endMicros = end.getEpochSecond() * 1_000_000L + end.getNano() / 1000;
    AtomicLong entities = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicLong unchanged = new AtomicLong();
    SkippedRows skipped;
    try (BufferAllocator allocator = new RootAllocator()) {
      skipped = OfflineEngine.embedded(allocator, OfflineOptions.defaults(temp)).latestValues(
          new LatestValuesRequest(offline, end, start, Optional.empty(), limit), batch -> {
            entities.addAndGet(batch.getRowCount());
            List<OnlineRow> rows = rows(batch, online, offline.aggregations().isEmpty() ? null : endMicros);
            if (!rows.isEmpty()) {
              WriteResult result = store.write(online, rows);
              written.addAndGet(result.written());
              unchanged.addAndGet(result.skipped());
            }
          }, Progress.NONE);
    }
    return new Embedded(entities.get(), written.get(), unchanged.get(), skipped);
  }

  private static List<OnlineRow> rows(VectorSchemaRoot batch, OnlineView online, Long aggregatesCreated) {
    FieldVector event = batch.getVector(LatestValuesConsumer.EVENT_TIMESTAMP);
    FieldVector created = batch.getVector(LatestValuesConsumer.CREATED_TIMESTAMP);
    List<OnlineRow> rows = new ArrayList<>();
    for (int i = 0; i < batch.getRowCount(); i++) {
      if (event.isNull(i)) {
        continue;
      }
      List<Object> keys = new ArrayList<>();
      for (KeyColumn key : online.joinKeys()) {
        keys.add(value(batch.getVector(key.name()), i));
      }
      List<Object> values = new ArrayList<>();
      for (FeatureColumn feature : online.features()) {
        values.add(value(batch.getVector(feature.name()), i));
      }
      long createdMicros = aggregatesCreated != null ? aggregatesCreated
          : created != null && !created.isNull(i) ? (Long) created.getObject(i) : OnlineRow.NO_CREATED_TIME;
      rows.add(new OnlineRow(keys, (Long) event.getObject(i), createdMicros, values));
    }
    return rows;
  }

  private static Object value(FieldVector vector, int row) {
    Object value = vector.getObject(row);
    return value instanceof Text text ? text.toString() : value;
  }

  static OnlineStore store(RedisConnectionConfig redis, String project) {
    return RedisOnlineStoreFactory.create(redis, settings(project));
  }

  /**
   * Every key of {@code project} on the given nodes (each node of a cluster holds its own), without
   * the project prefix, to its stored value (Base64), sorted by key.
   */
  static Map<String, String> stored(List<String> nodes, String project) {
    Map<String, String> values = new TreeMap<>();
    for (String node : nodes) {
      URI uri = URI.create(node);
      int prefix = (project + ":").getBytes(StandardCharsets.UTF_8).length;
      try (Jedis jedis = new Jedis(uri)) {
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        do {
          ScanResult<byte[]> page = jedis.scan(cursor, new ScanParams().match(project + ":*").count(500));
          for (byte[] key : page.getResult()) {
            values.put(Base64.getEncoder().encodeToString(Arrays.copyOfRange(key, prefix, key.length)),
                Base64.getEncoder().encodeToString(jedis.get(key)));
          }
          cursor = page.getCursorAsBytes();
        } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
      }
    }
    return values;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
