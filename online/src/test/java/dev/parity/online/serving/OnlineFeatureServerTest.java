package dev.parity.online.serving;

import static dev.parity.online.FeatureValue.Status.NOT_FOUND;
import static dev.parity.online.FeatureValue.Status.NULL_VALUE;
import static dev.parity.online.FeatureValue.Status.OUTSIDE_MAX_AGE;
import static dev.parity.online.FeatureValue.Status.PRESENT;
import static dev.parity.online.FeatureValue.Status.VERSION_MISMATCH;
import static dev.parity.online.serving.ServingFixture.micros;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.FeatureValue;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups of services and feature lists against a real Redis: values, statuses, times, on-demand features. */
class OnlineFeatureServerTest {
  private final ServingFixture fx = new ServingFixture(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()),
      ServingRepo.load());
  private final OnlineFeatureServer server = fx.server();
  private final Instant statsTime = fx.now.minus(Duration.ofHours(3));
  private final Instant activityTime = fx.now.minus(Duration.ofHours(1));

  @AfterEach
  void close() {
    fx.close();
  }

  /** Drivers 1001 and 1002 have stats and activity; 1003 has nothing. */
  private void writeDrivers() {
    fx.write("driver_hourly_stats", 1001L, statsTime, 0.25, 0.5, 12L, "sedan", 2.5649493574615367);
    fx.write("driver_hourly_stats", 1002L, statsTime.plusSeconds(60), 0.75, null, 3L, "van", 1.3862943611198906);
    fx.write("driver_activity", 1001L, activityTime, 40L, 123.5, 17.25, 9L, 44.0);
    fx.write("driver_activity", 1002L, activityTime, 2L, 0.0, 8.5, 1L, 9.0);
  }

  private static Map<String, List<Object>> columns(Object... nameThenValues) {
    Map<String, List<Object>> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameThenValues.length; i += 2) {
      columns.put((String) nameThenValues[i], (List<Object>) nameThenValues[i + 1]);
    }
    return columns;
  }

  private static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void servesAServiceWithExactlyTheWrittenValuesStatusesAndEventTimes() {
    writeDrivers();

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forService("driver_ranking_v1", columns("driver_id", list(1001, 1002, 1003)))
        .withRequestData(columns("val_to_add", list(1, 2, 3))));

    assertThat(response.featureNames()).containsExactly("driver_id", "conv_rate", "trips_log", "trips_7d",
        "fare_sum_1d", "fare_avg_7d", "distinct_customers_7d", "max_fare_1d", "conv_plus_val");
    assertThat(response.column("driver_id").values()).containsExactly(1001L, 1002L, 1003L);
    assertThat(response.column("driver_id").statuses()).containsExactly(PRESENT, PRESENT, PRESENT);
    assertThat(response.column("driver_id").eventTimestamps()).containsOnly(FeatureValue.NO_EVENT_TIME);
    assertThat(response.column("conv_rate").values()).containsExactly(0.25, 0.75, null);
    assertThat(response.column("conv_rate").statuses()).containsExactly(PRESENT, PRESENT, NOT_FOUND);
    assertThat(response.column("conv_rate").eventTimestamps())
        .containsExactly(micros(statsTime), micros(statsTime.plusSeconds(60)), FeatureValue.NO_EVENT_TIME);
    assertThat(response.column("trips_log").values()).containsExactly(2.5649493574615367, 1.3862943611198906, null);
    // Counts over an entity without rows are 0, as in a training set (see countsOfAnEntityWithoutRows...).
    assertThat(response.column("trips_7d").values()).containsExactly(40L, 2L, 0L);
    assertThat(response.column("fare_sum_1d").values()).containsExactly(123.5, 0.0, null);
    assertThat(response.column("fare_avg_7d").values()).containsExactly(17.25, 8.5, null);
    assertThat(response.column("distinct_customers_7d").values()).containsExactly(9L, 1L, 0L);
    assertThat(response.column("max_fare_1d").values()).containsExactly(44.0, 9.0, null);
    assertThat(response.column("max_fare_1d").eventTimestamps())
        .containsExactly(micros(activityTime), micros(activityTime), FeatureValue.NO_EVENT_TIME);
    assertThat(response.rowCount()).isEqualTo(3);
  }

  @Test
  void reportsANullStoredFeatureAsNullValue() {
    writeDrivers();

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest.forFeatures(
        List.of("driver_hourly_stats:acc_rate"), columns("driver_id", list(1001L, 1002L))));

    assertThat(response.column("acc_rate").values()).containsExactly(0.5, null);
    assertThat(response.column("acc_rate").statuses()).containsExactly(PRESENT, NULL_VALUE);
    assertThat(response.column("acc_rate").eventTimestamps())
        .containsExactly(micros(statsTime), micros(statsTime.plusSeconds(60)));
  }

  @Test
  void computesOnDemandFeaturesAsTheExpressionDoesByHand() {
    writeDrivers();

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forService("driver_ranking_v1", columns("driver_id", list(1001, 1002, 1003)))
        .withRequestData(columns("val_to_add", list(1, -2, 3))));

    // conv_plus_val = driver_hourly_stats.conv_rate + val_to_add; a missing conv_rate gives null.
    FeatureVector computed = response.column("conv_plus_val");
    assertThat(computed.values()).containsExactly(0.25 + 1.0, 0.75 + -2.0, null);
    assertThat(computed.statuses()).containsExactly(PRESENT, PRESENT, NULL_VALUE);
    assertThat(computed.eventTimestamps())
        .containsExactly(micros(statsTime), micros(statsTime.plusSeconds(60)), FeatureValue.NO_EVENT_TIME);
  }

  @Test
  void computesOnDemandFeaturesReadingOtherOnDemandFeaturesAndTwoEntities() {
    writeDrivers();
    fx.write("customer_profile", 7L, statsTime.plusSeconds(5), 1500.0, 31L, "gold");
    fx.write("customer_profile", 8L, statsTime, 20.0, 2L, "new");

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forService("scoring_v1", columns("driver_id", list(1001, 1002), "customer_id", list(7, 8)))
        .withRequestData(columns("val_to_add", list(1, 2), "weight", list(0.5, 2))));

    assertThat(response.featureNames()).containsExactly("driver_id", "customer_id", "weighted", "rich_customer", "label");
    // weighted = driver_adjusted.conv_plus_val * weight = (conv_rate + val_to_add) * weight
    assertThat(response.column("weighted").values()).containsExactly((0.25 + 1.0) * 0.5, (0.75 + 2.0) * 2.0);
    assertThat(response.column("rich_customer").values()).containsExactly(true, false);
    assertThat(response.column("label").values()).containsExactly("sedan/gold", "van/new");
    // The newest of the inputs' event times: customer 7's row is 5 s newer than driver 1001's.
    assertThat(response.column("label").eventTimestamps())
        .containsExactly(micros(statsTime.plusSeconds(5)), micros(statsTime.plusSeconds(60)));
  }

  @Test
  void readsOnlyWhatTheRequestedOnDemandFeatureNeeds() {
    fx.write("customer_profile", 7L, statsTime, 1500.0, 31L, "gold");

    // rich_customer reads customer_profile only: no driver key, no request data needed.
    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest.forFeatures(
        List.of("driver_scores:rich_customer"), columns("customer_id", list(7))));

    assertThat(response.featureNames()).containsExactly("customer_id", "rich_customer");
    assertThat(response.column("rich_customer").values()).containsExactly(true);
  }

  @Test
  void servesMultiEntityServicesWithBothKeys() {
    writeDrivers();
    fx.write("customer_profile", 7L, statsTime, 1500.0, 31L, "gold");

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forService("trip_acceptance_v1", columns("customer_id", list(7, 9), "driver_id", list(1002, 1001)))
        .withRequestData(columns("val_to_add", list(0, 0))));

    assertThat(response.featureNames()).containsExactly("driver_id", "customer_id", "conv_rate", "acc_rate",
        "vehicle_type", "trips_7d", "fare_avg_7d", "distinct_customers_7d", "current_balance",
        "lifetime_trip_count", "segment", "conv_plus_val");
    assertThat(response.column("driver_id").values()).containsExactly(1002L, 1001L);
    assertThat(response.column("customer_id").values()).containsExactly(7L, 9L);
    assertThat(response.column("vehicle_type").values()).containsExactly("van", "sedan");
    assertThat(response.column("segment").values()).containsExactly("gold", null);
    assertThat(response.column("segment").statuses()).containsExactly(PRESENT, NOT_FOUND);
    assertThat(response.column("lifetime_trip_count").values()).containsExactly(31L, null);
    assertThat(response.column("conv_plus_val").values()).containsExactly(0.75, 0.25);
  }

  @Test
  void servesFeatureListsInRequestOrderIgnoringEntityColumnsNoViewUses() {
    writeDrivers();
    fx.write("customer_profile", 7L, statsTime, 1500.0, 31L, "gold");

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest.forFeatures(
        List.of("customer_profile:segment", "driver_activity:trips_7d", "driver_hourly_stats:vehicle_type"),
        columns("driver_id", list(1001), "customer_id", list(7), "city_name", list("Oslo"))));

    assertThat(response.featureNames()).containsExactly("customer_id", "driver_id", "segment", "trips_7d", "vehicle_type");
    assertThat(response.results()).extracting(FeatureVector::values)
        .containsExactly(list(7L), list(1001L), list("gold"), list(40L), list("sedan"));
  }

  @Test
  void namesColumnsViewDoubleUnderscoreFeatureWhenAskedAndKeepsKeyNames() {
    writeDrivers();

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forFeatures(List.of("driver_hourly_stats:conv_rate", "driver_adjusted:conv_plus_val"),
            columns("driver_id", list(1001)))
        .withRequestData(columns("val_to_add", list(2)))
        .withFullFeatureNames(true));

    assertThat(response.featureNames())
        .containsExactly("driver_id", "driver_hourly_stats__conv_rate", "driver_adjusted__conv_plus_val");
    assertThat(response.column("driver_adjusted__conv_plus_val").values()).containsExactly(2.25);
  }

  @Test
  void fullFeatureNamesResolveAPlainNameCollision() {
    fx.write("customer_profile", 7L, statsTime, 1500.0, 31L, "gold");
    OnlineFeaturesRequest request = OnlineFeaturesRequest.forFeatures(
        List.of("customer_profile:segment", "customer_flags:segment"), columns("customer_id", list(7)));

    OnlineFeaturesResponse response = server.get(request.withFullFeatureNames(true));

    assertThat(response.featureNames()).containsExactly("customer_id", "customer_profile__segment", "customer_flags__segment");
    assertThat(response.column("customer_flags__segment").values()).containsExactly("GOLD");
  }

  @Test
  void reportsValuesOlderThanTheTtlAsOutsideMaxAgeFromTheInjectedClock() {
    writeDrivers();
    OnlineFeaturesRequest request = OnlineFeaturesRequest
        .forService("driver_ranking_v1", columns("driver_id", list(1001)))
        .withRequestData(columns("val_to_add", list(1)));

    // driver_hourly_stats has ttl 2d: exactly 2 days old is still served.
    fx.clock.set(statsTime.plus(Duration.ofDays(2)));
    assertThat(server.get(request).column("conv_rate").values()).containsExactly(0.25);

    fx.clock.set(statsTime.plus(Duration.ofDays(2)).plusNanos(1000));
    OnlineFeaturesResponse response = server.get(request);

    assertThat(response.column("conv_rate").values()).containsExactly((Object) null);
    assertThat(response.column("conv_rate").statuses()).containsExactly(OUTSIDE_MAX_AGE);
    assertThat(response.column("conv_rate").eventTimestamps()).containsExactly(micros(statsTime));
    // driver_activity has no ttl; the on-demand feature computes with the withheld (null) conv_rate.
    assertThat(response.column("trips_7d").statuses()).containsExactly(PRESENT);
    assertThat(response.column("conv_plus_val").statuses()).containsExactly(NULL_VALUE);
  }

  @Test
  void reportsVersionMismatchAfterATransformChangedAndDoesNotComputeFromIt(@TempDir Path dir) {
    writeDrivers();
    OnlineFeatureServer edited = OnlineFeatureServer.create(
        ServingRepo.edited(dir, "log1p(avg_daily_trips)", "log1p(avg_daily_trips * 2)"), fx.store);

    OnlineFeaturesResponse response = edited.get(OnlineFeaturesRequest
        .forService("driver_ranking_v1", columns("driver_id", list(1001, 1003)))
        .withRequestData(columns("val_to_add", list(1, 1))));

    assertThat(response.column("conv_rate").statuses()).containsExactly(VERSION_MISMATCH, NOT_FOUND);
    assertThat(response.column("conv_rate").values()).containsExactly(null, null);
    assertThat(response.column("conv_rate").eventTimestamps()).containsExactly(micros(statsTime), FeatureValue.NO_EVENT_TIME);
    assertThat(response.column("trips_log").statuses()).containsExactly(VERSION_MISMATCH, NOT_FOUND);
    assertThat(response.column("conv_plus_val").statuses()).containsExactly(VERSION_MISMATCH, NULL_VALUE);
    assertThat(response.column("conv_plus_val").values()).containsExactly(null, null);
    // Another view's version is unchanged: still served.
    assertThat(response.column("trips_7d").values()).containsExactly(40L, 0L);
    assertThat(response.column("trips_7d").statuses()).containsExactly(PRESENT, PRESENT);
  }

  @Test
  void propagatesVersionMismatchThroughOnDemandFeaturesReadingOnDemandFeatures(@TempDir Path dir) {
    writeDrivers();
    fx.write("customer_profile", 7L, statsTime, 1500.0, 31L, "gold");
    OnlineFeatureServer edited = OnlineFeatureServer.create(
        ServingRepo.edited(dir, "log1p(avg_daily_trips)", "log1p(avg_daily_trips * 2)"), fx.store);

    OnlineFeaturesResponse response = edited.get(OnlineFeaturesRequest
        .forService("scoring_v1", columns("driver_id", list(1001), "customer_id", list(7)))
        .withRequestData(columns("val_to_add", list(1), "weight", list(1.0))));

    assertThat(response.column("weighted").statuses()).containsExactly(VERSION_MISMATCH);
    assertThat(response.column("weighted").eventTimestamps()).containsExactly(micros(statsTime));
    assertThat(response.column("label").statuses()).containsExactly(VERSION_MISMATCH);
    assertThat(response.column("rich_customer").values()).containsExactly(true);
  }

  @Test
  void answersEmptyColumnsForNoEntityRows() {
    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forService("driver_ranking_v1", columns("driver_id", list()))
        .withRequestData(columns("val_to_add", list())));

    assertThat(response.featureNames()).hasSize(9);
    assertThat(response.rowCount()).isZero();
    assertThat(response.results()).allSatisfy(v -> assertThat(v.entries()).isEmpty());
  }

  @Test
  void acceptsWholeFloatsAndIsoTimesWhereTheTypeAllows() {
    writeDrivers();

    OnlineFeaturesResponse response = server.get(OnlineFeaturesRequest
        .forFeatures(List.of("driver_adjusted:conv_plus_val"), columns("driver_id", list(1001.0, 1002L)))
        .withRequestData(columns("val_to_add", list(2.0, null))));

    assertThat(response.column("driver_id").values()).containsExactly(1001L, 1002L);
    assertThat(response.column("conv_plus_val").values()).containsExactly(2.25, null);
    assertThat(response.column("conv_plus_val").statuses()).containsExactly(PRESENT, NULL_VALUE);
  }
}
