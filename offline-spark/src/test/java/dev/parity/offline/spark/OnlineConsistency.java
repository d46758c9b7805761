package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.features.OfflineViews;
import dev.parity.online.FeatureValue;
import dev.parity.online.OnlineStore;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.RedisOnlineStoreFactory;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The key consistency check of a materialization: the online module's lookups at T (the store's
 * clock fixed there) of every feature of {@link MaterializationFixture}'s views, for every
 * (driver, zone) pair of drivers 1 to 22 and zones z0 to z3 (drivers 19 to 22 and zone z3 without
 * any data), equal the embedded engine's training set at T, cell by cell.
 */
final class OnlineConsistency {
  private OnlineConsistency() {}

  /** One looked-up value: its view feature column, driver and status. */
  record Served(String column, long driver, FeatureValue.Status status) {}

  /**
   * Asserts that what {@code project} of {@code redis} serves at {@code t} equals the embedded
   * training set at {@code t} of {@code repository}, and returns every value served.
   */
  static List<Served> assertServesTheTrainingSet(FeatureRepository repository, RedisConnectionConfig redis,
      String project, Instant t, Path dir) {
    long micros = t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    List<Object> drivers = new ArrayList<>();
    List<Object> zones = new ArrayList<>();
    List<Object[]> entityRows = new ArrayList<>();
    for (long driver = 1; driver <= 22; driver++) {
      for (int zone = 0; zone < 4; zone++) {
        drivers.add(driver);
        zones.add("z" + zone);
        entityRows.add(new Object[] {driver, "z" + zone, micros});
      }
    }
    Path entities = dir.resolve("entities.parquet");
    Fixtures.parquet(entities, List.of(Fixtures.col("driver_id", DataType.INT64), Fixtures.col("zone", DataType.STRING),
        Fixtures.col(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP)), entityRows, 1000);
    List<OfflineView> views = new ArrayList<>();
    List<String> features = new ArrayList<>();
    for (String name : MaterializationFixture.VIEWS) {
      FeatureView view = repository.featureView(name).orElseThrow();
      views.add(OfflineViews.from(repository, view));
      view.featureNames().forEach(f -> features.add(name + ":" + f));
    }
    Path out = dir.resolve("training.parquet");
    try (BufferAllocator allocator = new RootAllocator()) {
      OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(
          new TrainingSetRequest(EntityTable.parquet(entities.toString()), views, out, Optional.empty()),
          Progress.NONE);
    }
    List<List<Object>> offline = Fixtures.read(out);
    List<Object> header = offline.get(0);

    OnlineFeaturesResponse online;
    try (OnlineStore store = RedisOnlineStoreFactory.create(redis, MaterializationFixture.settings(project),
        Clock.fixed(t, ZoneOffset.UTC), Ticker.systemTicker())) {
      online = OnlineFeatureServer.create(repository, store).get(OnlineFeaturesRequest.forFeatures(features,
          Map.of("driver_id", drivers, "zone", zones)).withFullFeatureNames(true));
    }
    List<Served> served = new ArrayList<>();
    for (String feature : features) {
      String column = feature.replace(":", "__");
      int c = indexOf(header, column);
      for (int row = 0; row < drivers.size(); row++) {
        FeatureValue value = online.column(column).entry(row);
        Object expected = offline.get(row + 1).get(c);
        assertThat(value.value() == null ? null : value.value().toString())
            .as("%s of driver %s zone %s (online status %s)", column, drivers.get(row), zones.get(row), value.status())
            .isEqualTo(expected);
        served.add(new Served(column, (long) drivers.get(row), value.status()));
      }
    }
    return served;
  }

  private static int indexOf(List<Object> header, String column) {
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).toString().startsWith(column + ":")) {
        return c;
      }
    }
    throw new AssertionError("no column " + column + " in " + header);
  }
}
