package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.Progress;
import dev.parity.offline.spark.MaterializationFixture.CountingProgress;
import dev.parity.offline.spark.MaterializationFixture.Embedded;
import dev.parity.online.OnlineStore;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Materialization on Spark against the embedded materialization (the embedded engine's latest
 * values written by the online store, as the server runs it) on the same seeded sources, each
 * into a project (key prefix) of its own on the same Redis: every stored value is equal, key by
 * key and byte by byte (event time, created time, fingerprint, values), and so are the counts.
 */
class SparkMaterializationDifferentialTest {
  private static final Instant END = Fixtures.instant(T0 + 200 * MINUTE);
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void startSpark() {
    spark = Fixtures.session();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  /**
   * Materializes every view with both engines into two fresh projects of {@code redis}, asserts
   * equal counts and equal stored values, and returns the Spark results by view.
   */
  private Map<String, SparkViewMaterialization> assertSameStored(RedisConnectionConfig redis, long seed,
      Optional<Instant> start, Optional<FutureTimeLimit> limit, SparkEngineOptions options) {
    Path root = dir.resolve("repo");
    MaterializationFixture.write(root, seed);
    String embeddedProject = MaterializationFixture.project("embedded");
    String sparkProject = MaterializationFixture.project("spark");
    FeatureRepository embeddedRepository = MaterializationFixture.load(root, embeddedProject);
    Map<String, SparkViewMaterialization> results = new LinkedHashMap<>();
    try (OnlineStore store = MaterializationFixture.store(redis, embeddedProject)) {
      FeatureRepository sparkRepository = MaterializationFixture.load(root, sparkProject);
      SparkMaterialization materialization = new SparkMaterialization(spark, options, redis,
          MaterializationFixture.settings(sparkProject));
      for (String view : MaterializationFixture.VIEWS) {
        Embedded expected = MaterializationFixture.embedded(embeddedRepository, view, start, END, limit, store,
            dir.resolve("tmp"));
        CountingProgress progress = new CountingProgress();
        SparkViewMaterialization actual = materialization.materialize(sparkRepository, view, start, END, limit,
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
    return results;
  }

  @Test
  void everyViewStoresTheEmbeddedMaterializationsValuesKeyByKey() {
    Map<String, SparkViewMaterialization> results = assertSameStored(
        RedisConnectionConfig.standalone(TestRedis.standaloneUrl()), 42, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults());
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
        SparkEngineOptions.defaults().withPartitions(3).withBatchRows(64));
    assertThat(results.get("driver_stats").skipped().beyondFutureLimit()).isPositive();
    // The interval selects fewer entities than there are keys; the aggregations look back a window more.
    assertThat(results.get("zone_stats").entities()).isPositive().isLessThan(30);
  }

  @Test
  void aRerunWritesNothingAndCountsEveryRowUnchanged() {
    Path root = dir.resolve("repo");
    MaterializationFixture.write(root, 3);
    String project = MaterializationFixture.project("rerun");
    FeatureRepository repository = MaterializationFixture.load(root, project);
    RedisConnectionConfig redis = RedisConnectionConfig.standalone(TestRedis.standaloneUrl());
    SparkMaterialization materialization = new SparkMaterialization(spark, SparkEngineOptions.defaults(), redis,
        MaterializationFixture.settings(project));
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
        SparkEngineOptions.defaults().withPartitions(5));
    assertThat(results.values()).allSatisfy(r -> assertThat(r.written()).isPositive());
  }
}
