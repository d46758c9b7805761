package dev.parity.offline.features;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.write.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training sets of the example's feature services, checked against DuckDB over the output and
 * against independent DuckDB point-in-time and window computations over the sources.
 */
class ServiceTrainingSetTest extends DriversTrainingSetTest {
  @Override
  OfflineOptions options(OfflineOptions defaults) {
    return defaults.withBatchRows(700);
  }

  private Path entities() {
    return repoDir.resolve("data/entities.parquet");
  }

  private BuiltTrainingSet buildService(String service, Path output) {
    return trainingSets.build(repository, TrainingSetSpec.of(FeatureSelector.service(service), entities(), output),
        Progress.NONE);
  }

  @Test
  void writesEntityColumnsThenServiceFeaturesWithDeclaredTypes() throws Exception {
    Path output = dir.resolve("out/ranking.parquet");
    BuiltTrainingSet built = buildService("driver_ranking_v1", output);

    try (DuckDb duck = DuckDb.open()) {
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("driver_id", "BIGINT");
      expected.put("customer_id", "BIGINT");
      expected.put("event_timestamp", "TIMESTAMP WITH TIME ZONE");
      expected.put("val_to_add", "BIGINT");
      expected.put("label", "BOOLEAN");
      expected.put("driver_hourly_stats__conv_rate", "DOUBLE");
      expected.put("driver_hourly_stats__trips_log", "DOUBLE");
      expected.put("driver_activity__trips_7d", "BIGINT");
      expected.put("driver_activity__fare_sum_1d", "DOUBLE");
      expected.put("driver_activity__fare_avg_7d", "DOUBLE");
      expected.put("driver_activity__distinct_customers_7d", "BIGINT");
      expected.put("driver_activity__max_fare_1d", "DOUBLE");
      expected.put("driver_adjusted__conv_plus_val", "DOUBLE");
      assertThat(duck.describe("read_parquet(" + literal(output) + ")")).containsExactlyEntriesOf(expected);
      assertThat(built.columns()).containsExactlyElementsOf(expected.keySet());
      long inputRows = duck.number("SELECT count(*) FROM read_parquet(" + literal(entities()) + ")");
      assertThat(built.rows()).isEqualTo(inputRows).isEqualTo(2000);
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(output) + ")")).isEqualTo(inputRows);
      // Same rows in the same order, entity values unchanged.
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(entities()) + ", file_row_number=true) a"
          + " JOIN read_parquet(" + literal(output) + ", file_row_number=true) b USING (file_row_number)"
          + " WHERE a.driver_id = b.driver_id AND a.customer_id = b.customer_id"
          + " AND a.event_timestamp = b.event_timestamp AND a.val_to_add = b.val_to_add AND a.label = b.label"))
          .isEqualTo(inputRows);
    }
    assertThat(built.features()).containsExactly(
        new FeatureRef("driver_hourly_stats", "conv_rate"), new FeatureRef("driver_hourly_stats", "trips_log"),
        new FeatureRef("driver_activity", "trips_7d"), new FeatureRef("driver_activity", "fare_sum_1d"),
        new FeatureRef("driver_activity", "fare_avg_7d"), new FeatureRef("driver_activity", "distinct_customers_7d"),
        new FeatureRef("driver_activity", "max_fare_1d"), new FeatureRef("driver_adjusted", "conv_plus_val"));
    assertThat(built.statistics()).extracting(FeatureStatistics::column)
        .containsExactlyElementsOf(built.columns().subList(5, built.columns().size()));
  }

  @Test
  void computesOnDemandFeatureFromJoinedValueAndRequestColumn() throws Exception {
    Path output = dir.resolve("ranking.parquet");
    buildService("driver_ranking_v1", output);

    try (DuckDb duck = DuckDb.open()) {
      String out = "read_parquet(" + literal(output) + ")";
      assertThat(duck.number("SELECT count(*) FROM " + out + " WHERE driver_adjusted__conv_plus_val"
          + " IS DISTINCT FROM driver_hourly_stats__conv_rate + val_to_add")).isZero();
      long nulls = duck.number("SELECT count(*) FROM " + out + " WHERE driver_adjusted__conv_plus_val IS NULL");
      assertThat(nulls)
          .isPositive()
          .isEqualTo(duck.number("SELECT count(*) FROM " + out + " WHERE driver_hourly_stats__conv_rate IS NULL"));
    }
  }

  @Test
  void pointInTimeFeaturesAndTransformsMatchAnIndependentJoin() throws Exception {
    Path output = dir.resolve("ranking.parquet");
    buildService("driver_ranking_v1", output);

    try (DuckDb duck = DuckDb.open()) {
      List<List<Object>> expected = Oracle.pointInTime(duck, repoDir, entities(), null);
      List<List<Object>> actual = duck.rows("SELECT driver_hourly_stats__conv_rate, driver_hourly_stats__trips_log"
          + " FROM read_parquet(" + literal(output) + ", file_row_number=true) ORDER BY file_row_number");
      assertThat(actual).hasSameSizeAs(expected);
      int matched = 0;
      for (int i = 0; i < expected.size(); i++) {
        Object avgDailyTrips = expected.get(i).get(1);
        assertThat(actual.get(i).get(0)).as("conv_rate of row %d", i).isEqualTo(expected.get(i).get(0));
        Object tripsLog = avgDailyTrips == null ? null : StrictMath.log1p(((Number) avgDailyTrips).doubleValue());
        assertThat(actual.get(i).get(1)).as("trips_log of row %d", i).isEqualTo(tripsLog);
        matched += expected.get(i).get(0) == null ? 0 : 1;
      }
      assertThat(matched).isGreaterThan(expected.size() / 2);
    }
  }

  @Test
  void aggregationsMatchAnIndependentWindowComputation() throws Exception {
    Path output = dir.resolve("ranking.parquet");
    buildService("driver_ranking_v1", output);

    try (DuckDb duck = DuckDb.open()) {
      List<List<Object>> expected = Oracle.windows(duck, repoDir, entities());
      List<List<Object>> actual = duck.rows("SELECT driver_activity__trips_7d, driver_activity__fare_sum_1d"
          + " FROM read_parquet(" + literal(output) + ", file_row_number=true) ORDER BY file_row_number");
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(((Number) actual.get(i).get(0)).longValue()).as("trips_7d of row %d", i)
            .isEqualTo(((Number) expected.get(i).get(0)).longValue());
        Object sum = expected.get(i).get(1);
        if (sum == null) {
          assertThat(actual.get(i).get(1)).as("fare_sum_1d of row %d", i).isNull();
        } else {
          // Summation order may differ from DuckDB's: equal up to rounding.
          double value = ((Number) sum).doubleValue();
          assertThat((Double) actual.get(i).get(1)).as("fare_sum_1d of row %d", i)
              .isCloseTo(value, within(1e-9 * Math.max(1, Math.abs(value))));
        }
      }
      assertThat(expected.stream().filter(r -> ((Number) r.get(0)).longValue() > 0).count()).isPositive();
    }
  }

  @Test
  void joinsBothEntitiesIncludingTheCsvSource() throws Exception {
    Path output = dir.resolve("acceptance.parquet");
    BuiltTrainingSet built = buildService("trip_acceptance_v1", output);

    try (DuckDb duck = DuckDb.open()) {
      Map<String, String> types = duck.describe("read_parquet(" + literal(output) + ")");
      assertThat(types).containsEntry("driver_hourly_stats__vehicle_type", "VARCHAR")
          .containsEntry("driver_activity__distinct_customers_7d", "BIGINT")
          .containsEntry("customer_profile__current_balance", "DOUBLE")
          .containsEntry("customer_profile__lifetime_trip_count", "BIGINT")
          .containsEntry("customer_profile__segment", "VARCHAR")
          .doesNotContainKey("driver_hourly_stats__trips_log");
      assertThat(duck.number("SELECT count(*) FROM read_parquet(" + literal(output) + ")"
          + " WHERE customer_profile__segment IS NOT NULL")).isPositive();
    }
    assertThat(built.service()).contains("trip_acceptance_v1");
    RepositoryVersions versions = RepositoryVersions.of(repository);
    assertThat(built.serviceVersion()).contains(versions.version(ObjectKind.FEATURE_SERVICE, "trip_acceptance_v1"));
    assertThat(built.viewVersions()).containsOnlyKeys(
        "driver_hourly_stats", "driver_activity", "customer_profile", "driver_adjusted");
    assertThat(built.viewVersions()).containsEntry(
        "driver_adjusted", versions.version(ObjectKind.ON_DEMAND_FEATURE_VIEW, "driver_adjusted"));
    assertThat(built.viewVersions()).containsEntry(
        "customer_profile", versions.version(ObjectKind.FEATURE_VIEW, "customer_profile"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(entities())));
    assertThat(built.entityFingerprint()).isEqualTo(sha);
  }
}
