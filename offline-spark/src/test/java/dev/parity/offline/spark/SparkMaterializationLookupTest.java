package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.spark.MaterializationFixture.Prepared;
import dev.parity.offline.spark.OnlineConsistency.Served;
import dev.parity.online.FeatureValue;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key consistency test on the Spark path ({@link OnlineConsistency}): after a materialization
 * on Spark at T, the online module's lookups at T equal the embedded engine's training set at T,
 * cell by cell, for every feature of every view and for keys with and without data.
 */
class SparkMaterializationLookupTest {
  private static final Instant T = Fixtures.instant(T0 + 200 * MINUTE);
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;

  @Test
  void lookupsAfterASparkMaterializationEqualTheEmbeddedTrainingSetAtTheSameTime() {
    Prepared prepared = MaterializationFixture.prepare(dir.resolve("repo"), 19, "lookup");
    FeatureRepository repository = prepared.repository();
    String project = prepared.project();
    RedisConnectionConfig redis = RedisConnectionConfig.standalone(TestRedis.standaloneUrl());
    SparkMaterialization materialization = prepared.onSpark(SPARK.session());
    for (String view : MaterializationFixture.VIEWS) {
      materialization.materialize(repository, view, Optional.empty(), T, Optional.empty(), Progress.NONE);
    }

    List<Served> served = OnlineConsistency.assertServesTheTrainingSet(repository, redis, project, T, dir);

    // Not vacuous: values served, keys without data, null values, and drivers with data whose
    // latest row is older than the 10-minute ttl at T (not written at T, so not found: the
    // training set's null). OUTSIDE_MAX_AGE cannot occur here: lookups are at the materialized T.
    Map<FeatureValue.Status, Long> statuses = served.stream()
        .collect(Collectors.groupingBy(Served::status, () -> new EnumMap<>(FeatureValue.Status.class),
            Collectors.counting()));
    assertThat(statuses.get(FeatureValue.Status.PRESENT)).isGreaterThan(500);
    assertThat(statuses).containsKeys(FeatureValue.Status.NOT_FOUND, FeatureValue.Status.NULL_VALUE);
    assertThat(served).anyMatch(v -> v.column().startsWith("driver_stats__") && v.driver() <= 18
        && v.status() == FeatureValue.Status.NOT_FOUND);
  }
}
