package dev.parity.online.serving;

import static dev.parity.online.FeatureValue.Status.NOT_FOUND;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entity without rows: offline, {@code count} and {@code count_distinct} over it are 0 (never
 * null); materialization writes nothing for it, so online the feature server must serve 0 too.
 */
class CountsWithoutRowsTest {
  private static final List<String> ACTIVITY = List.of("driver_activity:trips_7d",
      "driver_activity:distinct_customers_7d", "driver_activity:fare_sum_1d", "driver_activity:max_fare_1d");

  private final ServingFixture fx = new ServingFixture(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()),
      ServingRepo.load());
  private final Instant activityTime = fx.now.minus(Duration.ofHours(1));

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void servesCountsOfAnEntityWithNothingStoredAsZeroAndOtherAggregationsAsNotFound() {
    fx.write("driver_activity", 1001L, activityTime, 40L, 123.5, 17.25, 9L, 44.0);

    OnlineFeaturesResponse response = fx.server().get(
        OnlineFeaturesRequest.forFeatures(ACTIVITY, Map.of("driver_id", List.of(1001, 1003))));

    for (String count : List.of("trips_7d", "distinct_customers_7d")) {
      FeatureVector column = response.column(count);
      assertThat(column.values()).as(count).containsExactly(count.equals("trips_7d") ? 40L : 9L, 0L);
      assertThat(column.statuses()).as(count).containsExactly(PRESENT, PRESENT);
      // Nothing was stored for 1003: no event time, which tells it from a stored 0.
      assertThat(column.eventTimestamps()).as(count).containsExactly(micros(activityTime), FeatureValue.NO_EVENT_TIME);
    }
    // sum and max over no rows are null offline: still missing online.
    for (String other : List.of("fare_sum_1d", "max_fare_1d")) {
      assertThat(response.column(other).values()).as(other).containsExactly(other.equals("fare_sum_1d") ? 123.5 : 44.0, null);
      assertThat(response.column(other).statuses()).as(other).containsExactly(PRESENT, NOT_FOUND);
    }
  }

  @Test
  void servesACountOlderThanTheTtlAsZeroAndOtherAggregationsAsOutsideMaxAge(@TempDir Path dir) {
    // With ttl 7d (>= every window of the view), a value 8 days old means that no row of the
    // entity is in any window now: offline the counts are 0 and the rest null.
    try (ServingFixture withTtl = new ServingFixture(RedisConnectionConfig.standalone(TestRedis.standaloneUrl()),
        ServingRepo.edited(dir, "    source: trips\n    online: true\n", "    source: trips\n    ttl: 7d\n    online: true\n"))) {
      withTtl.write("driver_activity", 1001L, withTtl.now.minus(Duration.ofDays(6)), 40L, 123.5, 17.25, 9L, 44.0);
      withTtl.write("driver_activity", 1002L, withTtl.now, 30L, 12.5, 17.25, 8L, 4.0);
      // Two days later (Redis has not expired either row, by its own clock): 1001's row is 8 days old.
      withTtl.clock.advance(Duration.ofDays(2));

      OnlineFeaturesResponse response = withTtl.server().get(
          OnlineFeaturesRequest.forFeatures(ACTIVITY, Map.of("driver_id", List.of(1001, 1002))));

      assertThat(response.column("trips_7d").values()).containsExactly(0L, 30L);
      assertThat(response.column("trips_7d").statuses()).containsExactly(PRESENT, PRESENT);
      assertThat(response.column("trips_7d").eventTimestamps().get(0)).isEqualTo(FeatureValue.NO_EVENT_TIME);
      assertThat(response.column("distinct_customers_7d").values()).containsExactly(0L, 8L);
      assertThat(response.column("fare_sum_1d").values()).containsExactly(null, 12.5);
      assertThat(response.column("fare_sum_1d").statuses()).containsExactly(OUTSIDE_MAX_AGE, PRESENT);
    }
  }

  @Test
  void keepsACountOfAnotherDefinitionVersionWithheld(@TempDir Path dir) {
    fx.write("driver_activity", 1001L, activityTime, 40L, 123.5, 17.25, 9L, 44.0);
    // A new window is a new definition version of driver_activity: the stored row is not current.
    OnlineFeatureServer edited = OnlineFeatureServer.create(
        ServingRepo.edited(dir, "function: count, window: 7d", "function: count, window: 8d"), fx.store);

    OnlineFeaturesResponse response = edited.get(
        OnlineFeaturesRequest.forFeatures(List.of("driver_activity:trips_7d"), Map.of("driver_id", List.of(1001))));

    assertThat(response.column("trips_7d").values()).containsExactly((Object) null);
    assertThat(response.column("trips_7d").statuses()).containsExactly(VERSION_MISMATCH);
  }

  @Test
  void computesOnDemandFeaturesFromTheZeroCountAsOffline(@TempDir Path dir) {
    fx.write("driver_activity", 1001L, activityTime, 40L, 123.5, 17.25, 9L, 44.0);
    OnlineFeatureServer withScore = OnlineFeatureServer.create(ServingRepo.edited(dir, "on_demand_features:\n",
        "on_demand_features:\n"
            + "  - name: activity_score\n"
            + "    features:\n"
            + "      - { name: trips_plus_half, type: float64, expr: \"driver_activity.trips_7d + 0.5\" }\n"), fx.store);

    OnlineFeaturesResponse response = withScore.get(OnlineFeaturesRequest.forFeatures(
        List.of("activity_score:trips_plus_half"), Map.of("driver_id", List.of(1001, 1003))));

    assertThat(response.column("trips_plus_half").values()).containsExactly(40.5, 0.5);
    assertThat(response.column("trips_plus_half").statuses()).containsExactly(PRESENT, PRESENT);
  }
}
