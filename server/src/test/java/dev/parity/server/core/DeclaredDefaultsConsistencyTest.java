package dev.parity.server.core;

import static dev.parity.server.core.JobsFixture.BEFORE_DATA;
import static dev.parity.server.core.JobsFixture.T;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.online.FeatureValue;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.testing.ParquetRows;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of declared defaults: the sample repository with defaults on features and
 * aggregations, materialized; a training set at time X and lookups at X (store clock fixed there)
 * agree cell by cell, defaulted cells included, at T (entities without any row: NOT_FOUND) and
 * three days later (every driver_hourly_stats row older than its 2d ttl: OUTSIDE_MAX_AGE; every
 * 1d window empty).
 */
class DeclaredDefaultsConsistencyTest {
  /** Drivers with data (the last 5% of the 200 sample drivers have none), then three without. */
  private static final List<Long> DRIVERS = LongStream.concat(LongStream.iterate(1001, d -> d <= 1190, d -> d + 3),
      LongStream.of(1191, 1196, 1200)).boxed().toList();
  private static final Map<String, Object> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("driver_hourly_stats__conv_rate", 0.0);
    DEFAULTS.put("driver_hourly_stats__acc_rate", -1.0);
    DEFAULTS.put("driver_hourly_stats__avg_daily_trips", -1L);
    DEFAULTS.put("driver_hourly_stats__vehicle_type", "unknown");
    DEFAULTS.put("driver_hourly_stats__trips_log", 0.0);
    DEFAULTS.put("driver_activity__fare_sum_1d", 0.0);
    DEFAULTS.put("driver_activity__max_fare_1d", -1.0);
    DEFAULTS.put("driver_activity__fare_avg_7d", 0.0);
  }

  /** Every feature with a default, a count and an on-demand feature reading a defaulted one. */
  private static final List<String> FEATURES = List.of("driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate",
      "driver_hourly_stats:avg_daily_trips", "driver_hourly_stats:vehicle_type", "driver_hourly_stats:trips_log",
      "driver_activity:fare_sum_1d", "driver_activity:max_fare_1d", "driver_activity:fare_avg_7d",
      "driver_activity:trips_7d", "driver_adjusted:conv_plus_val");

  @TempDir Path temp;

  @Test
  void trainingSetsAndLookupsAgreeCellByCellWithDefaultsApplied() throws SQLException {
    try (JobsFixture fixture = new JobsFixture(temp.resolve("drivers"))) {
      declareDefaults(fixture.root);
      fixture.apply();
      FeatureRepository repository = fixture.load();
      assertThat(repository.defaultValue(new FeatureRef("driver_hourly_stats", "vehicle_type"))).contains("unknown");
      RepositoryStores stores = fixture.stores();
      MaterializationService materialization = new MaterializationService(stores);
      materialization.materialize(repository, BEFORE_DATA, T, Optional.empty(), Progress.NONE);

      Map<Status, Integer> atT = assertOnlineEqualsOffline(fixture, stores, repository, T);
      // Drivers without any row: every feature-view feature defaulted, status NOT_FOUND kept.
      assertThat(atT.get(Status.NOT_FOUND)).isGreaterThanOrEqualTo(3 * DEFAULTS.size());

      Instant later = T.plus(Duration.ofDays(3));
      materialization.materialize(repository, BEFORE_DATA, later, Optional.of(List.of("driver_activity")), Progress.NONE);
      Map<Status, Integer> afterTtl = assertOnlineEqualsOffline(fixture, stores, repository, later);
      assertThat(afterTtl.get(Status.OUTSIDE_MAX_AGE)).as("rows older than the ttl, defaulted")
          .isGreaterThanOrEqualTo(5 * (DRIVERS.size() - 3));
    }
  }

  private static void declareDefaults(Path root) {
    Map<String, String> declared = new LinkedHashMap<>();
    DEFAULTS.forEach((column, value) -> declared.put(column.substring(column.indexOf("__") + 2), String.valueOf(value)));
    SampleRepository.declareDefaults(root, declared);
  }

  /**
   * Asserts that every value of a lookup at {@code time} equals the training set's at {@code
   * time}, that a defaulted value is served exactly for NOT_FOUND and OUTSIDE_MAX_AGE (a
   * NULL_VALUE stays null) and returns the number of defaulted values by status.
   */
  private Map<Status, Integer> assertOnlineEqualsOffline(JobsFixture fixture, RepositoryStores stores,
      FeatureRepository repository, Instant time) throws SQLException {
    Path out = temp.resolve("ts-" + time.getEpochSecond() + ".parquet");
    new TrainingSetService(stores).build(repository, TrainingSetSpec.of(FeatureSelector.features(FEATURES),
        fixture.entityTable(DRIVERS, time), out), Progress.NONE);
    Map<Long, Map<String, Object>> offline = readParquet(out);
    Map<Status, Integer> defaulted = new EnumMap<>(Status.class);
    defaulted.put(Status.NOT_FOUND, 0);
    defaulted.put(Status.OUTSIDE_MAX_AGE, 0);
    int nulls = 0;
    try (RepositoryStores atTime = new StoreFactory(Clock.fixed(time, ZoneOffset.UTC), JobsFixture.GRACE).open(repository)) {
      OnlineFeaturesResponse online = ServedDefinitions.open(atTime).get(new OnlineFeaturesRequest(Optional.empty(),
          FEATURES, Map.of("driver_id", new ArrayList<>(DRIVERS)),
          Map.of("val_to_add", DRIVERS.stream().map(d -> (Object) (d % 7)).toList()), true));
      for (String feature : FEATURES) {
        String column = feature.replace(":", "__");
        for (int row = 0; row < DRIVERS.size(); row++) {
          FeatureValue value = online.column(column).entry(row);
          Object expected = offline.get(DRIVERS.get(row)).get(column);
          assertThat(value.value()).as("%s of driver %s at %s (online status %s)", column, DRIVERS.get(row), time,
              value.status()).isEqualTo(expected);
          if (value.status() == Status.NOT_FOUND || value.status() == Status.OUTSIDE_MAX_AGE) {
            if (DEFAULTS.containsKey(column)) {
              assertThat(value.value()).as("%s of driver %s", column, DRIVERS.get(row)).isEqualTo(DEFAULTS.get(column));
              defaulted.merge(value.status(), 1, Integer::sum);
            }
          } else if (value.status() == Status.NULL_VALUE) {
            nulls += column.equals("driver_hourly_stats__acc_rate") ? 1 : 0;
          }
        }
      }
    }
    if (time.equals(T)) {
      // The sample's acc_rate has nulls: stored rows holding null stay null on both paths.
      assertThat(nulls).as("acc_rate nulls kept").isPositive();
    }
    return defaulted;
  }

  /** The training set's rows by driver id: column name to value. */
  private static Map<Long, Map<String, Object>> readParquet(Path file) throws SQLException {
    Map<Long, Map<String, Object>> rows = new HashMap<>();
    for (Map<String, Object> row : ParquetRows.read(file)) {
      rows.put(((Number) row.get("driver_id")).longValue(), row);
    }
    return rows;
  }
}
