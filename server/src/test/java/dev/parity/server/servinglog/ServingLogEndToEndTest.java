package dev.parity.server.servinglog;

import static dev.parity.online.FeatureValue.Status.NOT_FOUND;
import static dev.parity.online.FeatureValue.Status.NULL_VALUE;
import static dev.parity.online.FeatureValue.Status.OUTSIDE_MAX_AGE;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.online.FeatureValue;
import dev.parity.online.OnlineRow;
import dev.parity.online.OnlineStore;
import dev.parity.online.OnlineStoreSettings;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.serving.OnlineViews;
import dev.parity.online.servinglog.ServingLogSettings;
import dev.parity.online.servinglog.ServingLogStats;
import dev.parity.online.servinglog.ServingLogger;
import dev.parity.online.testing.MutableClock;
import dev.parity.online.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature server with a serving logger over a real Redis: what it served is what the Parquet
 * log holds, value for value, status for status.
 */
class ServingLogEndToEndTest {
  private static final String SERVICE = "driver_ranking_v1";

  @TempDir
  Path dir;
  // Near the real now: Redis expires values by its own clock at event time + ttl + grace.
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final MutableClock clock = new MutableClock(now);

  /** The online module's serving test repository, copied out of its test jar. */
  private FeatureRepository repository() throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    try (InputStream in = OnlineViews.class.getResourceAsStream("/serving-repo/features.yaml")) {
      assertThat(in).as("serving-repo from parity-online's test jar").isNotNull();
      Files.copy(in, repo.resolve("features.yaml"));
    }
    return new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(repo);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @Test
  void logsWhatTheServerServedWithTheSameValuesStatusesAndEventTimes() throws IOException {
    FeatureRepository repository = repository();
    OnlineViews views = OnlineViews.of(repository);
    Path offline = dir.resolve("offline");
    String project = "servinglog-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    ServingLogger logger = ServingLogger.start(ParquetServingLogSink.create(offline,
        ParquetServingLogSink.Settings.defaults(), clock), ServingLogSettings.defaults().withSampleRate(1));
    OnlineFeaturesResponse service;
    OnlineFeaturesResponse list;
    Instant requestTime = now.plus(Duration.ofHours(2));
    try (OnlineStore store = RedisOnlineStoreFactory.create(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()),
        OnlineStoreSettings.defaults(project), clock, Ticker.systemTicker())) {
      Instant stats = now.minus(Duration.ofHours(3));
      // Driver 1004's stats are 47 h old now and 49 h old at the request: past the 2 d ttl.
      write(store, views, "driver_hourly_stats", 1001L, stats, 0.25, 0.5, 12L, "sedan", 2.56);
      write(store, views, "driver_hourly_stats", 1002L, stats.plusSeconds(60), null, 0.75, 3L, "van", 1.38);
      write(store, views, "driver_hourly_stats", 1004L, now.minus(Duration.ofHours(47)), 0.9, 0.1, 1L, "bike", 0.69);
      write(store, views, "driver_activity", 1001L, now.minus(Duration.ofHours(1)), 40L, 123.5, 17.25, 9L, 44.0);
      clock.set(requestTime);

      OnlineFeatureServer server = OnlineFeatureServer.create(repository, store, logger, clock);
      service = server.get(OnlineFeaturesRequest.forService(SERVICE, columns("driver_id", 1001, 1002, 1003, 1004))
          .withRequestData(columns("val_to_add", 1, 2, 3, 4)));
      list = server.get(OnlineFeaturesRequest.forFeatures(
          List.of("driver_hourly_stats:vehicle_type", "driver_hourly_stats:acc_rate"), columns("driver_id", 1002)));
    } finally {
      logger.close();
    }

    // The request covers every status a lookup can give.
    assertThat(service.column("conv_rate").statuses()).containsExactly(PRESENT, NULL_VALUE, NOT_FOUND, OUTSIDE_MAX_AGE);
    assertThat(logger.stats()).isEqualTo(new ServingLogStats(2, 0, 0, 2, 0, 5));
    RepositoryVersions versions = RepositoryVersions.of(repository);
    try (LogTables tables = new LogTables()) {
      List<Path> serviceFiles = LogTables.files(ParquetServingLogSink.directory(offline, SERVICE));
      assertThat(serviceFiles).hasSize(1);
      String scan = LogTables.scan(serviceFiles.get(0));
      assertThat(tables.rows("SELECT DISTINCT epoch_us(request_time), service_version, driver_hourly_stats__view_version,"
          + " driver_adjusted__view_version FROM " + scan)).containsExactly(List.of(micros(requestTime),
          versions.version(ObjectKind.FEATURE_SERVICE, SERVICE), versions.version(ObjectKind.FEATURE_VIEW,
              "driver_hourly_stats"), versions.version(ObjectKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted")));
      assertThat(tables.rows("SELECT count(DISTINCT request_id) FROM " + scan)).containsExactly(List.of(1L));
      // The request data the on-demand feature read, so that it can be recomputed offline.
      assertThat(tables.rows("SELECT driver_id, val_to_add FROM " + scan + " ORDER BY driver_id")).containsExactly(
          List.of(1001L, 1L), List.of(1002L, 2L), List.of(1003L, 3L), List.of(1004L, 4L));
      assertMatches(tables, scan, service, repository.serviceFeatures(SERVICE));

      List<Path> listFiles = LogTables.files(ParquetServingLogSink.directory(offline, null));
      assertThat(listFiles).hasSize(1);
      assertThat(tables.types(listFiles.get(0))).doesNotContainKey("val_to_add");
      assertMatches(tables, LogTables.scan(listFiles.get(0)), list, List.of(
          new FeatureRef("driver_hourly_stats", "vehicle_type"), new FeatureRef("driver_hourly_stats", "acc_rate")));
    }
  }

  /** Each logged feature column equals the response column it came from, row by row. */
  private static void assertMatches(LogTables tables, String scan, OnlineFeaturesResponse response,
      List<FeatureRef> features) {
    assertThat(tables.rows("SELECT driver_id FROM " + scan + " ORDER BY driver_id"))
        .extracting(row -> row.get(0)).containsExactlyElementsOf(response.column("driver_id").values());
    for (int f = 0; f < features.size(); f++) {
      String column = features.get(f).view() + "__" + features.get(f).feature();
      FeatureVector served = response.results().get(1 + f);
      List<List<Object>> expected = new ArrayList<>();
      for (FeatureValue value : served.entries()) {
        expected.add(Arrays.asList(value.value(), value.status().name(),
            value.eventTimeMicros() == FeatureValue.NO_EVENT_TIME ? null : value.eventTimeMicros()));
      }
      assertThat(tables.rows("SELECT " + column + ", " + column + "__status, epoch_us(" + column
          + "__event_timestamp) FROM " + scan + " ORDER BY driver_id")).as(column).isEqualTo(expected);
    }
  }

  private static void write(OnlineStore store, OnlineViews views, String view, long driver, Instant eventTime,
      Object... values) {
    store.write(views.view(view), List.of(OnlineRow.of(List.of(driver), micros(eventTime), Arrays.asList(values))));
  }

  private static Map<String, List<Object>> columns(String name, Object... values) {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    columns.put(name, Arrays.asList(values));
    return columns;
  }
}
