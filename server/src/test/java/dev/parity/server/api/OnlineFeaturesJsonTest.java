package dev.parity.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.online.FeatureValue;
import dev.parity.online.FeatureValue.Status;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineFeaturesJsonTest {
  private static final long MICROS = Instant.parse("2026-01-30T23:00:00.000001Z").getEpochSecond() * 1_000_000L + 1;

  @Test
  void writesFeastsShapeWithStatusNamesAndIsoEventTimes() {
    OnlineFeaturesResponse response = new OnlineFeaturesResponse(List.of("driver_id", "conv_rate", "vehicle_type"), List.of(
        new FeatureVector(List.of(new FeatureValue(1001L, Status.PRESENT, FeatureValue.NO_EVENT_TIME),
            new FeatureValue(1002L, Status.PRESENT, FeatureValue.NO_EVENT_TIME))),
        new FeatureVector(List.of(new FeatureValue(0.5, Status.PRESENT, MICROS), FeatureValue.notFound())),
        new FeatureVector(List.of(new FeatureValue(null, Status.OUTSIDE_MAX_AGE, MICROS),
            new FeatureValue("suv", Status.PRESENT, 0)))));

    assertThat(OnlineFeaturesJson.toJson(response).toString()).isEqualTo("{\"metadata\":{\"feature_names\":"
        + "[\"driver_id\",\"conv_rate\",\"vehicle_type\"]},\"results\":["
        + "{\"values\":[1001,1002],\"statuses\":[\"PRESENT\",\"PRESENT\"],"
        + "\"event_timestamps\":[\"1970-01-01T00:00:00Z\",\"1970-01-01T00:00:00Z\"]},"
        + "{\"values\":[0.5,null],\"statuses\":[\"PRESENT\",\"NOT_FOUND\"],"
        + "\"event_timestamps\":[\"2026-01-30T23:00:00.000001Z\",\"1970-01-01T00:00:00Z\"]},"
        + "{\"values\":[null,\"suv\"],\"statuses\":[\"OUTSIDE_MAX_AGE\",\"PRESENT\"],"
        + "\"event_timestamps\":[\"2026-01-30T23:00:00.000001Z\",\"1970-01-01T00:00:00Z\"]}]}");
  }

  @Test
  void printsTimesBeforeTheEpochAsIso() {
    assertThat(OnlineFeaturesJson.eventTimestamp(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
  }
}
