package dev.parity.server.core;

import static dev.parity.server.core.JobsFixture.BEFORE_DATA;
import static dev.parity.server.core.JobsFixture.CLOCK;
import static dev.parity.server.core.JobsFixture.GRACE;
import static dev.parity.server.core.JobsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.OnlineStoreUnavailableException;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.testing.RedisServer;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.server.testing.SampleRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The outage drill on the full command: Redis is killed in the middle of {@code
 * materialize}, restarted, the same command is run again, and the online state must equal that of
 * a clean run, key by key, byte by byte, expiry included. Each case has Redis servers of its own.
 *
 * <p>Redis is killed from the progress callback, right after the first view's rows were written,
 * so the kill lands at the same point of every run without timing. Two restarts are covered: an
 * empty one (no persistence: everything written before the kill is lost, though its run was
 * recorded as succeeded) and one with every acknowledged write kept (append-only file synced
 * always), where the rerun must leave the surviving rows as they are and complete the rest.
 */
class MaterializationRedisFailureTest {
  private static final List<String> VIEWS = List.of("driver_hourly_stats", "driver_activity", "customer_profile");
  private static final String PROJECT = "kill_" + ProcessHandle.current().pid();

  @TempDir Path temp;

  @Test
  void rerunAfterRedisWasKilledAndRestartedEmptyEqualsACleanRun() {
    try (RedisServer redis = RedisServer.start(); RedisServer clean = RedisServer.start()) {
      killMidRunRestartAndRerun(redis, clean, false);
    }
  }

  @Test
  void rerunAfterRedisWasKilledAndRestartedWithItsWritesEqualsACleanRun() {
    try (RedisServer redis = RedisServer.startPersistent(); RedisServer clean = RedisServer.start()) {
      killMidRunRestartAndRerun(redis, clean, true);
    }
  }

  @Test
  void aViewFailedByRedisRecordsTheRowsItWroteBeforeTheFailure() {
    int batchRows = 50;
    try (RedisServer redis = RedisServer.startPersistent()) {
      Repo repo = new Repo(temp.resolve("counted"), redis);
      // Batches of 50 entities: the view writes several, and Redis dies after the second.
      try (RepositoryStores stores = repo.stores(options -> options.withBatchRows(batchRows))) {
        Progress killAfterSecondBatch = new Progress() {
          private int batches;

          @Override
          public void rowsWritten(long rows) {
            if (++batches == 2) {
              redis.stop();
            }
          }
        };

        assertThatThrownBy(() -> new MaterializationService(stores).materialize(stores.repository(), BEFORE_DATA, T,
            Optional.of(List.of("driver_activity")), killAfterSecondBatch))
            .isInstanceOf(OnlineStoreUnavailableException.class);

        RunSummary failed = latestRuns(stores).get("driver_activity");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        RunCounts recorded = stores.metadata().materialization(failed.id()).orElseThrow().counts();
        redis.restart();
        // Every acknowledged write survived (append-only file synced always): the record must match them.
        long online = snapshot(redis).keySet().stream().filter(key -> key.endsWith(hex("}driver_activity"))).count();
        assertThat(online).isEqualTo(2L * batchRows);
        assertThat(recorded.rowsWritten()).isEqualTo(online);
        // The engine delivered a third batch, whose write failed.
        assertThat(recorded.entities()).isEqualTo(3L * batchRows);
        assertThat(recorded.rowsRead()).isPositive();
      }
    }
  }

  private void killMidRunRestartAndRerun(RedisServer redis, RedisServer clean, boolean keepsWrites) {
    Repo killed = new Repo(temp.resolve("killed"), redis);
    try (RepositoryStores stores = killed.stores()) {
      FeatureRepository repository = stores.repository();
      Progress killAfterFirstBatch = new Progress() {
        private int batches;

        @Override
        public void rowsWritten(long rows) {
          if (++batches == 1) {
            redis.stop();
          }
        }
      };

      // The store's own error reaches the caller as the service documents it (HTTP maps it to 503).
      assertThatThrownBy(() -> new MaterializationService(stores).materialize(repository, BEFORE_DATA, T,
          Optional.empty(), killAfterFirstBatch))
          .isInstanceOf(OnlineStoreUnavailableException.class)
          .hasMessageStartingWith("Redis failed while writing view driver_activity");
      Map<String, RunSummary> runs = latestRuns(stores);
      assertThat(runs.get("driver_hourly_stats").status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.get("driver_activity").status()).isEqualTo(RunStatus.FAILED);
      assertThat(runs.get("driver_activity").error()).hasValueSatisfying(
          e -> assertThat(e).contains("Redis failed while writing view driver_activity"));
      assertThat(runs.get("customer_profile").status()).isEqualTo(RunStatus.FAILED);
      assertThat(runs.get("customer_profile").error()).contains("not run: materialization of driver_activity failed first");

      redis.restart();
      Map<String, String> survived = snapshot(redis);
      if (keepsWrites) {
        // The first view's rows survived the kill: the rerun meets a half-written store.
        assertThat(survived).isNotEmpty().allSatisfy((key, value) -> assertThat(key).endsWith(hex("}driver_hourly_stats")));
      } else {
        assertThat(survived).isEmpty();
      }

      // The same command again, on the same stores: their connections died with the first server.
      MaterializationResult rerun = new MaterializationService(stores).materialize(repository, BEFORE_DATA, T,
          Optional.empty(), Progress.NONE);
      assertThat(rerun.views()).extracting(ViewMaterialization::view).containsExactlyElementsOf(VIEWS);
      assertThat(latestRuns(stores).values()).extracting(RunSummary::status).containsOnly(RunStatus.SUCCEEDED);
      if (keepsWrites) {
        assertThat(rerun.views().get(0).written()).as("rows already stored are not rewritten").isZero();
      }

      Repo reference = new Repo(temp.resolve("clean"), clean);
      try (RepositoryStores cleanStores = reference.stores()) {
        new MaterializationService(cleanStores).materialize(cleanStores.repository(), BEFORE_DATA, T, Optional.empty(),
            Progress.NONE);
        Map<String, String> expected = snapshot(clean);
        assertThat(expected.keySet().stream().map(MaterializationRedisFailureTest::view).distinct())
            .containsExactlyInAnyOrderElementsOf(VIEWS);
        assertThat(snapshot(redis)).isEqualTo(expected);
        // And decoded, as served: every driver of the sample, with and without data.
        assertThat(lookup(stores)).isEqualTo(lookup(cleanStores));
      }
    }
  }

  /** A copy of the sample repository in {@code directory}, in project {@link #PROJECT}, on {@code redis}. */
  private record Repo(Path root, RepositoryService service) {
    Repo(Path directory, RedisServer redis) {
      this(SampleRepository.create(directory), new RepositoryService(new ParquetSchemaResolver(),
          Map.of(RepositoryConfig.REDIS_URL_ENV, redis.url()), CLOCK));
      SampleRepository.edit(root, "parity.yaml", "project: default", "project: " + PROJECT);
      service.apply(root);
    }

    RepositoryStores stores() {
      return stores(UnaryOperator.identity());
    }

    RepositoryStores stores(UnaryOperator<OfflineOptions> offlineTuning) {
      return new StoreFactory(CLOCK, GRACE, offlineTuning).open(service.load(root));
    }
  }

  /** The latest materialization run of each view. */
  private static Map<String, RunSummary> latestRuns(RepositoryStores stores) {
    List<RunSummary> runs = stores.metadata().runs(RunQuery.of(PROJECT).withKind(RunKind.MATERIALIZATION));
    return runs.stream().collect(Collectors.toMap(RunSummary::subject, r -> r,
        (a, b) -> a.id() > b.id() ? a : b, TreeMap::new));
  }

  /** Every key of the project, hex, to its value (hex) and its absolute expiry (ms; -1 none). */
  private static Map<String, String> snapshot(RedisServer redis) {
    Map<String, String> state = new TreeMap<>();
    try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
      for (byte[] key : jedis.keys((PROJECT + ":*").getBytes(StandardCharsets.UTF_8))) {
        state.put(HexFormat.of().formatHex(key),
            HexFormat.of().formatHex(jedis.get(key)) + " expires " + jedis.pexpireTime(key));
      }
    }
    return state;
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The view of a snapshot key: what follows the hash tag's closing brace. */
  private static String view(String hexKey) {
    String key = new String(HexFormat.of().parseHex(hexKey), StandardCharsets.ISO_8859_1);
    return key.substring(key.lastIndexOf('}') + 1);
  }

  private static OnlineFeaturesResponse lookup(RepositoryStores stores) {
    List<Object> drivers = new ArrayList<>();
    LongStream.rangeClosed(1001, 1200).forEach(drivers::add);
    List<Object> customers = new ArrayList<>();
    LongStream.rangeClosed(5001, 5200).forEach(customers::add);
    return ServedDefinitions.open(stores).get(new OnlineFeaturesRequest(Optional.of("trip_acceptance_v1"), List.of(),
        Map.of("driver_id", drivers, "customer_id", customers),
        Map.of("val_to_add", drivers.stream().map(d -> (Object) ((Long) d % 7)).toList()), true));
  }
}
