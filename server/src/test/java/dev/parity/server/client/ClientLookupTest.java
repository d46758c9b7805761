package dev.parity.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.client.BadRequestException;
import dev.parity.client.FeatureAccessException;
import dev.parity.client.FeatureRow;
import dev.parity.client.FeatureStatus;
import dev.parity.client.FeatureValue;
import dev.parity.client.LookupRequest;
import dev.parity.client.NotFoundException;
import dev.parity.client.OnlineFeatures;
import dev.parity.client.ParityClient;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java client against the real application and Redis: its answers equal the server's JSON
 * value for value (statuses, event times, join keys, on-demand values), its typed getters refuse
 * what the values are not, and the server's refusals reach the caller as their own exceptions.
 */
class ClientLookupTest {
  static TestServer server;
  static ParityClient client;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
    client = ParityClient.builder().baseUrl("http://127.0.0.1:" + server.port()).deadline(Duration.ofSeconds(10))
        .attemptTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  /** The same lookup sent as JSON by hand and through the client. */
  private static void assertSameAsServer(String json, Function<ParityClient, LookupRequest> lookup) {
    HttpResponse<String> raw = server.post("/get-online-features", json);
    assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
    JsonNode expected = TestServer.json(raw);

    OnlineFeatures answer = lookup.apply(client).get();

    JsonNode names = expected.get("metadata").get("feature_names");
    assertThat(answer.featureNames()).hasSize(names.size());
    int rows = expected.get("results").get(0).get("values").size();
    assertThat(answer.rowCount()).isEqualTo(rows);
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c).asText();
      assertThat(answer.featureNames().get(c)).isEqualTo(name);
      JsonNode column = expected.get("results").get(c);
      for (int r = 0; r < rows; r++) {
        FeatureValue value = answer.row(r).get(name);
        String where = name + " of row " + r;
        assertThat(value.value()).as(where).isEqualTo(plain(column.get("values").get(r)));
        assertThat(value.status().name()).as(where).isEqualTo(column.get("statuses").get(r).asText());
        String time = column.get("event_timestamps").get(r).asText();
        assertThat(value.eventTime()).as(where)
            .isEqualTo(time.equals("1970-01-01T00:00:00Z") ? java.util.Optional.empty()
                : java.util.Optional.of(Instant.parse(time)));
      }
    }
  }

  /** A JSON value as the client reads it: integers as Long, decimals as Double. */
  private static Object plain(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isFloatingPointNumber()) {
      return value.asDouble();
    }
    return value.isBoolean() ? value.asBoolean() : value.asText();
  }

  @Test
  void aServiceLookupOfFourDriversEqualsTheServersAnswerValueForValue() {
    assertSameAsServer("""
        {"feature_service": "driver_ranking_v1", "entities": {"driver_id": [1001, 1002, 1003, 1004]},
         "request_data": {"val_to_add": [1, 2, 3, 4]}}""",
        c -> c.features("driver_ranking_v1").entities("driver_id", List.of(1001, 1002, 1003, 1004))
            .requestData("val_to_add", List.of(1, 2, 3, 4)));
  }

  @Test
  void aLookupOfTwoEntitiesAndAFeatureListWithFullNamesEqualTheServersAnswers() {
    assertSameAsServer("""
        {"feature_service": "trip_acceptance_v1", "entities": {"driver_id": [1001, 1004], "customer_id": [501, 502]},
         "request_data": {"val_to_add": [10, 20]}}""",
        c -> c.features("trip_acceptance_v1").entities("driver_id", List.of(1001L, 1004L))
            .entities("customer_id", List.of(501, 502)).requestData("val_to_add", List.of(10, 20)));
    assertSameAsServer("""
        {"features": ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_activity:trips_7d",
                      "driver_hourly_stats:vehicle_type"],
         "entities": {"driver_id": [1004, 1001, 1003]}, "full_feature_names": true}""",
        c -> c.featureList("driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_activity:trips_7d",
            "driver_hourly_stats:vehicle_type").entities("driver_id", List.of(1004, 1001, 1003)).fullFeatureNames());
  }

  @Test
  void theTypedGettersReadEachStatusAndRefuseAnotherType() {
    OnlineFeatures answer = client.features("driver_ranking_v1").entities("driver_id", List.of(1001, 1002, 1003))
        .requestData("val_to_add", List.of(1, 1, 1)).get();
    FeatureRow fresh = answer.row(0);
    FeatureRow missing = answer.row(1);
    FeatureRow old = answer.row(2);

    assertThat(fresh.getLong("driver_id")).isEqualTo(1001);
    assertThat(fresh.status("conv_rate")).isEqualTo(FeatureStatus.PRESENT);
    assertThat(fresh.getDouble("conv_plus_val")).isEqualTo(fresh.getDouble("conv_rate") + 1);
    assertThat(fresh.getLong("trips_7d")).isNotNegative();
    assertThat(fresh.eventTime("conv_rate")).contains(server.now.minus(Duration.ofHours(1)));
    assertThat(fresh.age("conv_rate").orElseThrow()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> fresh.getDouble("trips_7d")).isInstanceOf(FeatureAccessException.class)
        .hasMessageContaining("feature 'trips_7d' of row 0 is int64").hasMessageContaining("use getLong");
    assertThatThrownBy(() -> fresh.getDouble("conv_rat")).isInstanceOf(FeatureAccessException.class)
        .hasMessageContaining("no feature 'conv_rat'").hasMessageContaining("conv_rate");

    assertThat(missing.status("conv_rate")).isEqualTo(FeatureStatus.NOT_FOUND);
    assertThat(missing.getDoubleOrNull("conv_rate")).isNull();
    assertThat(missing.getDoubleOrElse("conv_rate", -1)).isEqualTo(-1);
    assertThatThrownBy(() -> missing.getDouble("conv_rate")).isInstanceOf(FeatureAccessException.class)
        .hasMessageContaining("has no value (status NOT_FOUND)");
    assertThat(old.status("conv_rate")).isEqualTo(FeatureStatus.OUTSIDE_MAX_AGE);
    assertThat(old.getDoubleOrNull("conv_rate")).isNull();
  }

  @Test
  void aNullFeatureIsNullValueAndAStringFeatureIsAString() {
    FeatureRow row = client.featureList("driver_hourly_stats:acc_rate", "driver_hourly_stats:vehicle_type")
        .entity("driver_id", 1004).get().row(0);

    assertThat(row.status("acc_rate")).isEqualTo(FeatureStatus.NULL_VALUE);
    assertThat(row.getDoubleOrNull("acc_rate")).isNull();
    assertThat(row.getString("vehicle_type")).isIn("sedan", "suv", "van");
    assertThatThrownBy(() -> row.getLong("vehicle_type")).isInstanceOf(FeatureAccessException.class)
        .hasMessageContaining("is string");
  }

  @Test
  void theServersRefusalsAreTheCallersExceptionsWithTheServersMessage() {
    assertThatThrownBy(() -> client.features("driver_ranking_v9").entity("driver_id", 1001).get())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("driver_ranking_v9");
    // An unknown service, view or feature is not found, as on every path; a bad value is a bad request.
    assertThatThrownBy(() -> client.featureList("driver_hourly_stat:conv_rate").entity("driver_id", 1001).get())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("driver_hourly_stat");
    assertThatThrownBy(() -> client.featureList("driver_hourly_stats:no_such_feature").entity("driver_id", 1001).get())
        .isInstanceOf(NotFoundException.class).hasMessageContaining("has no feature 'no_such_feature'");
    assertThatThrownBy(() -> client.features("driver_ranking_v1").entity("driver_id", "abc").request("val_to_add", 1)
        .get()).isInstanceOf(BadRequestException.class).hasMessageContaining("driver_id");
    assertThatThrownBy(() -> client.features("driver_ranking_v1").entities("driver_id", List.of(1001, 1002))
        .request("val_to_add", 1).get()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("val_to_add has 1 value but driver_id has 2");
  }

  @Test
  void anAsynchronousLookupAnswersAsTheSynchronousOne() {
    OnlineFeatures sync = client.features("driver_ranking_v1").entity("driver_id", 1001).request("val_to_add", 5).get();
    OnlineFeatures async = client.features("driver_ranking_v1").entity("driver_id", 1001).request("val_to_add", 5)
        .getAsync().join();

    assertThat(async.row(0).values()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("age")
        .isEqualTo(sync.row(0).values());
  }
}
