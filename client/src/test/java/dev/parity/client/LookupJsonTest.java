package dev.parity.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lookup's JSON both ways, as the server's reader takes it and its writer answers it. */
class LookupJsonTest {
  private static String request(String service, List<String> features, Map<String, List<Object>> entities,
      Map<String, List<Object>> requestData, boolean full) {
    return new String(LookupJson.request(service, features, entities, requestData, full), StandardCharsets.UTF_8);
  }

  private static LookupJson.Answer answer(String json) throws IOException {
    return LookupJson.answer(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aServiceLookupIsFeastsBodyWithRequestDataApartAndFullNamesOnlyWhenAsked() {
    Map<String, List<Object>> entities = new LinkedHashMap<>();
    entities.put("driver_id", List.of(1001L, 1002L));
    entities.put("customer_id", Arrays.asList(501L, null));

    assertThat(request("driver_ranking_v1", null, entities, Map.of("val_to_add", List.of(1L, 2L)), false)).isEqualTo(
        "{\"feature_service\":\"driver_ranking_v1\",\"entities\":{\"driver_id\":[1001,1002],\"customer_id\":[501,null]},"
            + "\"request_data\":{\"val_to_add\":[1,2]}}");
    assertThat(request(null, List.of("driver_hourly_stats:conv_rate"), Map.of("driver_id", List.of(1L)), Map.of(), true))
        .isEqualTo("{\"features\":[\"driver_hourly_stats:conv_rate\"],\"entities\":{\"driver_id\":[1]},"
            + "\"full_feature_names\":true}");
  }

  @Test
  void valuesAreCheckedWhenGivenAndTimesGoAsIsoUtc() {
    assertThat(JsonValues.checked("c", 7)).isEqualTo(7L);
    assertThat(JsonValues.checked("c", 1.5f)).isEqualTo(1.5);
    assertThat(JsonValues.checked("c", OffsetDateTime.of(2026, 1, 31, 1, 0, 0, 0, ZoneOffset.ofHours(1))))
        .isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
    assertThat(request("s", null, Map.of("t", List.of(Instant.parse("2026-01-31T00:00:00.000001Z"),
        BigInteger.TEN.pow(20))), Map.of(), false)).contains("\"t\":[\"2026-01-31T00:00:00.000001Z\",100000000000000000000]");

    assertThatThrownBy(() -> JsonValues.checked("val_to_add", Double.NaN)).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("column val_to_add: NaN cannot be sent");
    assertThatThrownBy(() -> JsonValues.checked("driver_id", new Object() {
      @Override
      public String toString() {
        return "a thing";
      }
    })).isInstanceOf(BadRequestException.class).hasMessageContaining("column driver_id").hasMessageContaining("a thing");
  }

  @Test
  void anAnswerIsReadIntoRowsWithTypedValuesStatusesAndEventTimes() throws IOException {
    LookupJson.Answer answer = answer("""
        {"metadata":{"feature_names":["driver_id","conv_rate","trips","kind","ok","nan","ts"]},"results":[
         {"values":[1001,1002],"statuses":["PRESENT","PRESENT"],"event_timestamps":["1970-01-01T00:00:00Z","1970-01-01T00:00:00Z"]},
         {"values":[0.5,null],"statuses":["PRESENT","NOT_FOUND"],"event_timestamps":["2026-01-30T23:00:00Z","1970-01-01T00:00:00Z"]},
         {"values":[7,null],"statuses":["PRESENT","OUTSIDE_MAX_AGE"],"event_timestamps":["2026-01-30T23:00:00.000001Z","2026-01-01T00:00:00Z"]},
         {"values":["van",null],"statuses":["PRESENT","NULL_VALUE"],"event_timestamps":["2026-01-30T23:00:00Z","2026-01-30T23:00:00Z"]},
         {"values":[true,null],"statuses":["PRESENT","SOMETHING_NEW"],"event_timestamps":["2026-01-30T23:00:00Z","2026-01-30T23:00:00Z"]},
         {"values":["NaN","-Infinity"],"statuses":["PRESENT","PRESENT"],"event_timestamps":["2026-01-30T23:00:00Z","2026-01-30T23:00:00Z"]},
         {"values":[1700000000000001,null],"statuses":["PRESENT","VERSION_MISMATCH"],"event_timestamps":["2026-01-30T23:00:00Z","2026-01-30T23:00:00Z"]}],
         "extra": {"ignored": [1]}}""");

    assertThat(answer.names().names()).containsExactly("driver_id", "conv_rate", "trips", "kind", "ok", "nan", "ts");
    RowData first = answer.rows().get(0);
    assertThat(first.values()).containsExactly(1001L, 0.5, 7L, "van", true, "NaN", 1_700_000_000_000_001L);
    assertThat(first.eventTimes()[0]).isNull();
    assertThat(first.eventTimes()[2]).isEqualTo(Instant.parse("2026-01-30T23:00:00.000001Z"));
    RowData second = answer.rows().get(1);
    assertThat(second.statuses()).containsExactly(FeatureStatus.PRESENT, FeatureStatus.NOT_FOUND,
        FeatureStatus.OUTSIDE_MAX_AGE, FeatureStatus.NULL_VALUE, FeatureStatus.OTHER, FeatureStatus.PRESENT,
        FeatureStatus.VERSION_MISMATCH);
  }

  @Test
  void anAnswerOfAnotherShapeIsRefusedSayingWhat() {
    String column = "{\"values\":[1],\"statuses\":[\"PRESENT\"],\"event_timestamps\":[\"1970-01-01T00:00:00Z\"]}";
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\",\"b\"]},\"results\":[" + column + "]}"))
        .hasMessageContaining("2 feature names but 1 results");
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\"]},\"results\":[{\"values\":[1,2],"
        + "\"statuses\":[\"PRESENT\"],\"event_timestamps\":[\"1970-01-01T00:00:00Z\"]}]}"))
        .hasMessageContaining("results[0] (a) has 2 values, 1 statuses and 1 event times");
    assertThatThrownBy(() -> answer("{\"results\":[" + column + "]}")).hasMessageContaining("lacks metadata.feature_names");
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\"]},\"results\":[{\"values\":[[1]]}]}"))
        .hasMessageContaining("a feature value is START_ARRAY");
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\"]},\"results\":[{\"values\":[1],"
        + "\"statuses\":[\"PRESENT\"],\"event_timestamps\":[\"yesterday\"]}]}")).hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\"]},\"results\":[{\"values\":"
        + "[99999999999999999999]}]}")).hasMessageContaining("out of the int64 range");
    assertThatThrownBy(() -> answer("{\"metadata\":{\"feature_names\":[\"a\"]},\"results\":[" + column))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> answer("[]")).hasMessageContaining("expected the answer to be START_OBJECT");
    assertThatThrownBy(() -> answer("{} {}")).hasMessageContaining("more than one JSON value");
  }
}
