package dev.parity.server.reports;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.parquet.write.RowWriter;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.online.servinglog.ServingLogSettings;
import dev.parity.online.servinglog.ServingLogger;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ConsistencyReport.FeatureConsistency;
import dev.parity.reports.consistency.MismatchCause;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.servinglog.ParquetServingLogSink;
import dev.parity.server.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sample repository with its clock at T, the end of its data: materializes, serves with a
 * serving log, plants faults in the sources, and reads reports.
 */
final class ConsistencyFixture extends SampleProject {
  static final Instant T = Instant.parse("2026-01-31T00:00:00Z");
  static final Instant BEFORE_DATA = Instant.parse("2025-12-01T00:00:00Z");
  static final String SERVICE = "driver_ranking_v1";
  /** Every driver id of the sample data (the last ones have no data). */
  static final int DRIVERS = 200;

  ConsistencyFixture(Path directory) {
    super(directory, "consistency", Map.of(), Clock.fixed(T, ZoneOffset.UTC));
  }

  @Override
  public ConsistencyFixture apply() {
    super.apply();
    return this;
  }

  RepositoryStores stores(boolean reopen) {
    return reopen ? stores() : openedStores();
  }

  /** Materializes {@code views} (every view for none) from before the data to {@code end}. */
  void materialize(Instant end, String... views) {
    new MaterializationService(openedStores()).materialize(load(), BEFORE_DATA, end,
        views.length == 0 ? Optional.empty() : Optional.of(List.of(views)), Progress.NONE);
  }

  /** Serves the service for drivers {@code 1001 .. 1000 + count} at T, logging every request. */
  OnlineFeaturesResponse serveAndLog(int count) {
    FeatureRepository repository = load();
    RepositoryStores stores = openedStores();
    ServingLogger logger = ServingLogger.start(ParquetServingLogSink.create(stores.offlineDirectory(),
        ParquetServingLogSink.Settings.defaults(), stores.clock()), ServingLogSettings.defaults().withSampleRate(1));
    try {
      List<Object> drivers = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      for (int d = 1; d <= count; d++) {
        drivers.add(1000L + d);
        values.add((long) (d % 7));
      }
      Map<String, List<Object>> entities = new LinkedHashMap<>();
      entities.put("driver_id", drivers);
      return OnlineFeatureServer.create(repository, stores.online(), logger, stores.clock())
          .get(OnlineFeaturesRequest.forService(SERVICE, entities).withRequestData(Map.of("val_to_add", values)));
    } finally {
      logger.close();
    }
  }

  /** Adds rows of {@code driver} to the driver_stats source: conv_rate {@code rate} at {@code time}. */
  void addStatsRow(String file, long driver, Instant time, double rate) {
    Path target = root.resolve("data/driver_stats").resolve(file);
    try (RowWriter out = ParquetFiles.create(target, List.of(Column.optional("driver_id", DataType.INT64),
        Column.optional("event_timestamp", DataType.TIMESTAMP), Column.optional("created", DataType.TIMESTAMP),
        Column.optional("conv_rate", DataType.FLOAT64), Column.optional("acc_rate", DataType.FLOAT64),
        Column.optional("avg_daily_trips", DataType.INT64), Column.optional("vehicle_type", DataType.STRING)),
        ParquetWriteOptions.defaults())) {
      out.setLong(0, driver).setTimestamp(1, time).setTimestamp(2, time).setDouble(3, rate).setDouble(4, 0.5)
          .setLong(5, 3).setString(6, "van").endRow();
      out.commit();
    }
  }

  static FeatureConsistency feature(ConsistencyReport report, String name) {
    return report.features().stream().filter(f -> f.feature().equals(name)).findFirst().orElseThrow(
        () -> new AssertionError("no feature " + name + " in " + report.features()));
  }

  /** The mismatch count of each cause of {@code feature}. */
  static Map<MismatchCause, Long> causes(FeatureConsistency feature) {
    Map<MismatchCause, Long> causes = new LinkedHashMap<>();
    feature.causes().forEach(c -> causes.put(c.cause(), c.count()));
    return causes;
  }
}
