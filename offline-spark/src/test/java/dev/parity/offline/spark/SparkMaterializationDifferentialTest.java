package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.Progress;
import dev.parity.offline.spark.MaterializationFixture.CountingProgress;
import dev.parity.offline.spark.MaterializationFixture.Embedded;
import dev.parity.offline.spark.MaterializationFixture.Prepared;
import dev.parity.online.FeatureValue;
import dev.parity.online.OnlineStore;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Materialization on Spark against the embedded materialization (the embedded engine's latest
 * values written by the online store, as the server runs it) on the same seeded sources, each
 * into a project (key prefix) of its own on the same Redis: every stored value is equal, key by
 * key and byte by byte (event time, created time, fingerprint, values), and so are the counts.
 */
class SparkMaterializationDifferentialTest {
  private static final Instant END = Fixtures.instant(T0 + 200 * MINUTE);
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;

  /** The Spark results by view, and the project they were written to. */
  private record Compared(Map<String, SparkViewMaterialization> views, Prepared spark) {}

  /**
   * Materializes every view of the fixture ({@code edits} applied to its definitions) with both
   * engines into two fresh projects of {@code redis}, asserts equal counts and equal stored values,
   * and returns the Spark side.
   */
  private Compared assertSameStored(RedisConnectionConfig redis, long seed,
      Optional<Instant> start, Optional<FutureTimeLimit> limit, SparkEngineOptions options, String... edits) {
    Path root = dir.resolve("repo");
    Prepared embedded = MaterializationFixture.prepare(root, seed, "embedded", edits);
    Prepared onSpark = MaterializationFixture.loadFresh(root, "spark");
    String embeddedProject = embedded.project();
    String sparkProject = onSpark.project();
    Map<String, SparkViewMaterialization> results = new LinkedHashMap<>();
    try (OnlineStore store = MaterializationFixture.store(redis, embeddedProject)) {
      SparkMaterialization materialization = onSpark.onSpark(SPARK.session(), options, redis);
      for (String view : MaterializationFixture.VIEWS) {
        Embedded expected = MaterializationFixture.embedded(embedded.repository(), view, start, END, limit, store,
            dir.resolve("tmp"));
        CountingProgress progress = new CountingProgress();
        SparkViewMaterialization actual = materialization.materialize(onSpark.repository(), view, start, END, limit,
            progress);
        assertThat(actual.entities()).as("entities of %s", view).isEqualTo(expected.entities());
        assertThat(actual.written()).as("written of %s", view).isEqualTo(expected.written());
        assertThat(actual.unchanged()).as("unchanged of %s", view).isEqualTo(expected.unchanged());
        assertThat(actual.skipped()).as("skipped rows of %s", view).isEqualTo(expected.skipped());
        assertThat(actual.view()).isEqualTo(view);
        assertThat(actual.start()).isEqualTo(start);
        assertThat(actual.end()).isEqualTo(END);
        // Progress is exact once the run returned: every write task, every entity.
        assertThat(progress.rowsWritten.get()).as("progress of %s", view).isEqualTo(actual.entities());
        assertThat(progress.lastDone.get()).isEqualTo(progress.total.get()).isPositive();
        assertThat(progress.rowsRead.get()).isEqualTo(actual.rowsRead()).isGreaterThanOrEqualTo(actual.entities());
        results.put(view, actual);
      }
    }
    Map<String, String> expected = MaterializationFixture.stored(redis.nodes(), embeddedProject);
    Map<String, String> actual = MaterializationFixture.stored(redis.nodes(), sparkProject);
    long written = results.values().stream().mapToLong(SparkViewMaterialization::written).sum();
    assertThat(expected).hasSize((int) written);
    assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
    expected.forEach((key, value) -> assertThat(actual.get(key)).as("value of key %s", key).isEqualTo(value));
    return new Compared(results, onSpark);
  }

  @Test
  void everyViewStoresTheEmbeddedMaterializationsValuesKeyByKey() {
    Map<String, SparkViewMaterialization> results = assertSameStored(
        RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), 42, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults()).views();
    // Not vacuous: each view writes entities, and the 10-minute ttl leaves some out (no row within it).
    assertThat(results.values()).allSatisfy(r -> assertThat(r.written()).isPositive());
    assertThat(results.get("driver_stats").entities()).isGreaterThan(results.get("driver_stats").written());
    assertThat(results.get("trip_activity").skipped().nullKeys()).isPositive();
  }

  @Test
  void anIntervalAndTheFutureLimitSelectAndSkipTheSameRows() {
    FutureTimeLimit limit = new FutureTimeLimit(Fixtures.instant(T0 + 190 * MINUTE), Duration.ofMinutes(5));
    Map<String, SparkViewMaterialization> results = assertSameStored(
        RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), 7,
        Optional.of(Fixtures.instant(T0 + 170 * MINUTE)), Optional.of(limit),
        SparkEngineOptions.defaults().withPartitions(3).withBatchRows(64)).views();
    assertThat(results.get("driver_stats").skipped().beyondFutureLimit()).isPositive();
    // The interval selects fewer entities than there are keys; the aggregations look back a window more.
    assertThat(results.get("zone_stats").entities()).isPositive().isLessThan(30);
  }

  @Test
  void aRerunWritesNothingAndCountsEveryRowUnchanged() {
    Prepared prepared = MaterializationFixture.prepare(dir.resolve("repo"), 3, "rerun");
    FeatureRepository repository = prepared.repository();
    String project = prepared.project();
    RedisConnectionConfig redis = RedisConnectionConfig.standalone(TestRedis.standaloneUrl());
    SparkMaterialization materialization = prepared.onSpark(SPARK.session());
    SparkViewMaterialization first = materialization.materialize(repository, "trip_activity", Optional.empty(), END,
        Optional.empty(), Progress.NONE);
    Map<String, String> stored = MaterializationFixture.stored(redis.nodes(), project);
    SparkViewMaterialization again = materialization.materialize(repository, "trip_activity", Optional.empty(), END,
        Optional.empty(), Progress.NONE);
    assertThat(first.written()).isPositive();
    assertThat(again.written()).isZero();
    assertThat(again.unchanged()).isEqualTo(first.written());
    assertThat(again.entities()).isEqualTo(first.entities());
    assertThat(MaterializationFixture.stored(redis.nodes(), project)).isEqualTo(stored);
  }

  @Test
  void aRedisClusterStoresTheSameValuesFromTheExecutors() {
    Map<String, SparkViewMaterialization> results = assertSameStored(
        RedisConnectionConfig.cluster(TestRedis.clusterUrls()), 11, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults().withPartitions(5)).views();
    assertThat(results.values()).allSatisfy(r -> assertThat(r.written()).isPositive());
  }

  @Test
  void declaredDefaultsAreFilledAsTheEmbeddedMaterializationFillsThemAlsoInEmptyWindows() {
    Compared compared = assertSameStored(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), 23,
        Optional.empty(), Optional.empty(), SparkEngineOptions.defaults(),
        "- { name: conv_rate, type: float64 }", "- { name: conv_rate, type: float64, default: 0.25 }",
        "- { name: vehicle, type: string }", "- { name: vehicle, type: string, default: none }",
        "- { name: demand, type: float64 }", "- { name: demand, type: float64, default: 0.0 }",
        "function: sum, column: fare, window: 1h }", "function: sum, column: fare, window: 1h, default: 0.0 }",
        "function: last, column: city, window: 1h }", "function: last, column: city, window: 1h, default: nowhere }",
        // One minute: at END most drivers have no trip in it, so no maximum: the default.
        "function: max, column: fare, window: 45m }", "function: max, column: fare, window: 1m, default: -1.0 }");

    // Not vacuous: online at END, the empty window's default is a stored value for some drivers.
    Prepared spark = compared.spark();
    List<Object> drivers = LongStream.rangeClosed(1, 15).boxed().map(Object.class::cast).toList();
    OnlineFeaturesResponse online;
    try (OnlineStore store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()),
        MaterializationFixture.settings(spark.project()), Clock.fixed(END, ZoneOffset.UTC), Ticker.systemTicker())) {
      online = OnlineFeatureServer.create(spark.repository(), store).get(OnlineFeaturesRequest.forFeatures(
          List.of("trip_activity:fare_max_45m"), Map.of("driver_id", drivers)));
    }
    long defaulted = IntStream.range(0, drivers.size()).mapToObj(i -> online.column("fare_max_45m").entry(i))
        .filter(v -> v.status() == FeatureValue.Status.PRESENT && Double.valueOf(-1.0).equals(v.value())).count();
    assertThat(defaulted).isPositive();
  }
}
