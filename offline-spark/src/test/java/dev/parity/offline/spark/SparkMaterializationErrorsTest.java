package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.Progress;
import dev.parity.offline.spark.MaterializationFixture.CountingProgress;
import dev.parity.offline.spark.MaterializationFixture.Prepared;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.serving.ViewNotServableException;
import dev.parity.online.testing.RedisServer;
import dev.parity.online.testing.ServerProcess;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Materialization on Spark when Redis fails (the store's own error reaches the caller, naming the
 * view, with the counts of what was written before the failure: rows the store acknowledged are
 * online; no success is reported) and when its inputs are bad (named before anything is written).
 */
class SparkMaterializationErrorsTest {
  private static final Instant END = Fixtures.instant(T0 + 200 * MINUTE);
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;

  @Test
  void anUnreachableRedisFailsWithTheStoresErrorAndNothingCountedAsWritten() {
    Prepared prepared = MaterializationFixture.prepare(dir.resolve("repo"), 5, "unreachable");
    FeatureRepository repository = prepared.repository();
    RedisConnectionConfig nowhere = RedisConnectionConfig.standalone("redis://127.0.0.1:" + ServerProcess.freePort())
        .withTimeout(Duration.ofMillis(300));
    SparkMaterialization materialization = prepared.onSpark(SPARK.session(), SparkEngineOptions.defaults(), nowhere);

    CountingProgress progress = new CountingProgress();

    SparkMaterializationException e = catchThrowableOfType(SparkMaterializationException.class,
        () -> materialization.materialize(repository, "driver_stats", Optional.empty(), END, Optional.empty(),
            progress));

    assertThat(e.getCause()).isInstanceOf(OnlineStoreUnavailableException.class);
    assertThat(e).hasMessageStartingWith("materialization of driver_stats on Spark failed after 0 online rows "
        + "written").hasMessageContaining(e.getCause().getMessage());
    assertThat(e.partial().written()).isZero();
    assertThat(e.partial().unchanged()).isZero();
    // The entities of the batch whose write failed were delivered.
    assertThat(e.partial().entities()).isPositive();
    // No write task is reported done, and nothing as written.
    assertThat(progress.lastDone.get()).isZero();
    assertThat(progress.rowsWritten.get()).isZero();
  }

  @Test
  void aClusterNodeDownFailsTheRunAfterCountingEveryRowWrittenBeforeIt() {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(RedisServer.start(true));
      }
      TestRedis.formCluster(nodes.stream().map(RedisServer::port).toList());
      for (RedisServer node : nodes) {
        try (Jedis jedis = new Jedis("127.0.0.1", node.port())) {
          // The live nodes keep serving their slots while one is down, however long the run takes.
          jedis.configSet("cluster-require-full-coverage", "no");
        }
      }
      nodes.get(2).stop();
      Prepared prepared = MaterializationFixture.prepare(dir.resolve("repo"), 5, "node-down");
      FeatureRepository repository = prepared.repository();
      String project = prepared.project();
      List<String> urls = nodes.stream().map(RedisServer::url).toList();
      // One write task and one row per write: the rows before the first key of the dead node are
      // written, each acknowledged on its own, then the run fails.
      SparkMaterialization materialization = new SparkMaterialization(SPARK.session(),
          SparkEngineOptions.defaults().withPartitions(1), RedisConnectionConfig.cluster(urls)
              .withTimeout(Duration.ofMillis(500)), MaterializationFixture.settings(project).withWriteBatchSize(1));

      SparkMaterializationException e = catchThrowableOfType(SparkMaterializationException.class,
          () -> materialization.materialize(repository, "zone_stats", Optional.empty(), END, Optional.empty(),
              Progress.NONE));

      assertThat(e.getCause()).isInstanceOf(OnlineStoreUnavailableException.class);
      long stored = MaterializationFixture.stored(urls.subList(0, 2), project).size();
      assertThat(e.partial().written()).isEqualTo(stored).isPositive();
      assertThat(e).hasMessageStartingWith("materialization of zone_stats on Spark failed after " + stored
          + " online rows written");
      assertThat(e.partial().entities()).isGreaterThan(stored);
    } finally {
      nodes.forEach(RedisServer::close);
    }
  }

  /** Materializes {@code view} of {@code prepared} on the test Redis. */
  private static void materialize(Prepared prepared, String view, Optional<Instant> start) {
    prepared.onSpark(SPARK.session()).materialize(prepared.repository(), view, start, END, Optional.empty(),
        Progress.NONE);
  }

  /** Materializes {@code view} of the fixture ({@code edits} applied) on the test Redis. */
  private void materialize(String projectPrefix, String view, Optional<Instant> start, String... edits) {
    materialize(MaterializationFixture.prepare(dir.resolve("repo"), 5, projectPrefix, edits), view, start);
  }

  @Test
  void anUnknownViewIsNamedWithASuggestion() {
    assertThatThrownBy(() -> materialize("unknown", "zone_stat", Optional.empty()))
        .isInstanceOf(OnlineRequestException.class)
        .hasMessageContaining("unknown feature view 'zone_stat'").hasMessageContaining("zone_stats");
  }

  @Test
  void aViewThatIsNotOnlineIsRefused() {
    assertThatThrownBy(() -> materialize("offline-only", "zone_stats", Optional.empty(),
        "source: zones\n    online: true", "source: zones\n    online: false"))
        .isInstanceOf(ViewNotServableException.class).hasMessageContaining("'zone_stats' is not online");
  }

  @Test
  void anIntervalStartingAfterItsEndIsRefused() {
    assertThatThrownBy(() -> materialize("interval", "zone_stats", Optional.of(END.plusSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("materialization start " + END.plusSeconds(1) + " is after its end " + END);
  }

  @Test
  void aFeatureMissingFromTheSourceFilesNamesFileAndColumnAndWritesNothing() {
    Prepared prepared = MaterializationFixture.prepare(dir.resolve("repo"), 5, "missing-column",
        "demand: float64 }", "demand: float64, surge: float64 }",
        "- { name: demand, type: float64 }", "- { name: demand, type: float64 }\n      - { name: surge, type: float64 }");

    InputSchemaException e = catchThrowableOfType(InputSchemaException.class,
        () -> materialize(prepared, "zone_stats", Optional.empty()));

    assertThat(e.column()).contains("surge");
    assertThat(e.getMessage()).contains("data/zones/", "surge", "no such column");
    assertThat(MaterializationFixture.stored(List.of(TestRedis.standaloneUrl()), prepared.project())).isEmpty();
  }
}
