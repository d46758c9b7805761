package dev.parity.server.feast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request bodies Feast's Python SDK 0.66.0 sends to a feature server with {@code online_store:
 * {type: remote}}, recorded from the SDK (test resources {@code feast-sdk-0.66.0/}), replayed against
 * Parity's server on real Redis, with the answers the SDK needs: 200 where Feast answers 200,
 * values written by {@code /write-to-online-store} read back by a lookup, errors in Feast's shape
 * (a JSON string the SDK decodes into a {@code feast.errors} class) when asked.
 */
class FeastSdkCompatibilityTest {
  private static final String READER = "feast-reader-token-0123";
  private static final String WRITER = "feast-writer-token-0123";
  private static final DateTimeFormatter FEAST_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.setMaxEntityRows(3);
      config.getFeast().setPushSources(Map.of("driver_stats_push", "driver_stats"));
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), null),
          new TokenConfig(WRITER, Set.of(Role.WRITER), null)));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everyRecordedLookupIsAnswered200WithWhatTheSdkReads() {
    for (String body : fixture("get-online-features.jsonl").strip().split("\n")) {
      HttpResponse<String> response = server.post("/get-online-features", body, READER);

      assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(200);
      JsonNode answer = TestServer.json(response);
      int rows = tree(body).get("entities").elements().next().size();
      JsonNode names = answer.get("metadata").get("feature_names");
      assertThat(answer.get("results").size()).isEqualTo(names.size()).isPositive();
      for (JsonNode result : answer.get("results")) {
        assertThat(result.get("values").size()).isEqualTo(rows);
        assertThat(result.get("statuses").size()).isEqualTo(rows);
      }
    }
  }

  @Test
  void aStringIdForAnInt64KeyReadsAsTheNumberAndAnAmbiguousOneIsRefused() {
    String byNumber = "{\"entities\": {\"driver_id\": [1004]}, \"features\": [\"driver_hourly_stats:conv_rate\"]}";
    JsonNode expected = TestServer.json(server.post("/get-online-features", byNumber, READER));

    HttpResponse<String> byString = server.post("/get-online-features", byNumber.replace("1004", "\"1004\""), READER);
    assertThat(byString.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(byString).get("results")).isEqualTo(expected.get("results"));

    HttpResponse<String> padded = server.post("/get-online-features", byNumber.replace("1004", "\"01004\""), READER);
    assertThat(padded.statusCode()).isEqualTo(400);
    assertThat(message(padded)).contains("entity column driver_id, row 0").contains("'01004'")
        .contains("leading zeros");
  }

  @Test
  void aWriteMayGiveAnInt64KeyAsACanonicalStringId() {
    Instant event = server.now.minus(15, ChronoUnit.MINUTES);

    HttpResponse<String> byString = write(writeBody(1206, event, "0.5", "1.6094379124341003", 4)
        .replace("[1206]", "[\"1206\"]"), null);
    assertThat(byString.statusCode()).as(byString.body()).isEqualTo(200);
    assertThat(values(lookup(1206, "conv_rate"), 0)).containsExactly("0.5");

    HttpResponse<String> padded = write(writeBody(1207, event, "0.5", "1.6094379124341003", 4)
        .replace("[1207]", "[\"01207\"]"), null);
    assertThat(padded.statusCode()).isEqualTo(400);
    assertThat(message(padded)).contains("row 0, column driver_id: expected int64, got \"01207\"")
        .contains("leading zeros");
  }

  @Test
  void theRecordedWriteIsServedByALookupWithItsTime() {
    Instant event = server.now.minus(30, ChronoUnit.MINUTES);

    HttpResponse<String> written = write(recordedWrite(event), null);

    assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
    JsonNode lookup = lookup(1001, "conv_rate", "trips_log", "vehicle_type");
    assertThat(values(lookup, 0)).containsExactly("0.5", "1.6094379124341003", "sedan");
    assertThat(first(lookup).get("statuses").get(0).asText()).isEqualTo("PRESENT");
    assertThat(Instant.parse(first(lookup).get("event_timestamps").get(0).asText())).isEqualTo(event);
  }

  @Test
  void anOlderWriteIsAnswered200AndDoesNotReplaceTheNewerValue() {
    Instant newer = server.now.minus(10, ChronoUnit.MINUTES);
    assertThat(write(writeBody(1201, newer, "0.5", "1.6094379124341003", 4), null).statusCode()).isEqualTo(200);

    HttpResponse<String> older = write(writeBody(1201, newer.minus(10, ChronoUnit.MINUTES), "0.75",
        "1.6094379124341003", 4), null);

    assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
    assertThat(TestServer.json(older).get("views").get(0).get("unchanged").asLong()).isEqualTo(1);
    assertThat(values(lookup(1201, "conv_rate"), 0)).containsExactly("0.5");
  }

  @Test
  void timesAreTakenAsFeastClientsSendThem() {
    Instant event = server.now.minus(5, ChronoUnit.MINUTES);
    String naiveWithSpace = LocalDateTime.ofInstant(event, ZoneOffset.UTC).format(FEAST_TIME).replace('T', ' ');
    for (String time : List.of("\"" + naiveWithSpace + "\"", "\"" + event.atOffset(ZoneOffset.ofHours(2)) + "\"",
        String.valueOf(event.getEpochSecond()), event.getEpochSecond() + ".5")) {
      long driver = 1300 + time.length();
      String body = writeBody(driver, event, "0.5", "1.6094379124341003", 4).replace("\"" + naive(event) + "\"", time);

      HttpResponse<String> response = write(body, null);

      assertThat(response.statusCode()).as(time + " -> " + response.body()).isEqualTo(200);
      JsonNode lookup = lookup(driver, "conv_rate");
      Instant expected = time.endsWith(".5") ? event.plusMillis(500) : event;
      assertThat(Instant.parse(first(lookup).get("event_timestamps").get(0).asText())).isEqualTo(expected);
    }

    HttpResponse<String> bad = write(writeBody(1399, event, "0.5", "1.6094379124341003", 4)
        .replace("\"" + naive(event) + "\"", "\"yesterday\""), null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(message(bad)).contains("row 0, column event_timestamp: expected timestamp").contains("\"yesterday\"");
  }

  @Test
  void jobRequestsTakeTheSameTimesAndNameTheFieldOfABadOne() {
    HttpResponse<String> naive = server.post("/materialize", "{\"start_ts\": \"2026-12-06 21:00:00\", "
        + "\"end_ts\": 1796587200}", WRITER);
    assertThat(naive.statusCode()).isEqualTo(400);
    // Both read: 2026-12-06T21:00:00Z is after the epoch second 1796587200 (2026-12-06T20:00:00Z).
    assertThat(message(naive)).contains("2026-12-06T21:00:00Z").contains("2026-12-06T20:00:00Z");

    HttpResponse<String> bad = server.post("/jobs/materialize", "{\"start_ts\": \"yesterday\", \"end_ts\": "
        + "\"2026-12-06T21:00:00\"}", WRITER);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(message(bad)).contains("start_ts 'yesterday' is not a time");
  }

  @Test
  void aComputedColumnThatDiffersFromParitysIsRefusedNamingFeatureRowAndBothValues() {
    Instant event = server.now.minus(5, ChronoUnit.MINUTES);

    HttpResponse<String> response = write(writeBody(1202, event, "0.5", "2.5", 4), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(message(response)).contains("feature view driver_hourly_stats")
        .contains("row 0, feature trips_log: the client sent 2.5, Parity computes 1.6094379124341003 from the same "
            + "row (log1p(avg_daily_trips))")
        .contains("nothing was written");
    assertThat(first(lookup(1202, "conv_rate")).get("statuses").get(0).asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void withRecomputeAComputedColumnIsIgnoredAndParitysValueIsWritten() {
    var view = server.definitions.featureView("driver_hourly_stats").orElseThrow();
    var feast = new dev.parity.server.push.PushRows(Map.of("driver_id", List.of(1L), "trips_log", List.of("junk"),
        "avg_daily_trips", List.of(new java.math.BigDecimal(4)), "event_timestamp", List.of("2026-12-06T21:30:18"),
        "created", List.of("2026-12-06T21:30:18")));

    var rows = OnlineWriteRows.of(server.definitions, view, feast, ComputedColumns.RECOMPUTE);

    assertThat(rows.columns()).containsOnlyKeys("driver_id", "avg_daily_trips", "event_timestamp", "created");
  }

  @Test
  void anAggregationViewOnDemandViewOrUnknownViewIsRefusedClearly() {
    String body = writeBody(1203, server.now, "0.5", "1.6094379124341003", 4);

    HttpResponse<String> aggregation = write(body.replace("driver_hourly_stats", "driver_activity"), null);
    assertThat(aggregation.statusCode()).isEqualTo(400);
    assertThat(message(aggregation)).contains("feature view 'driver_activity' is an aggregation view")
        .contains("materialize it");

    HttpResponse<String> onDemand = write(body.replace("driver_hourly_stats", "driver_adjusted"), null);
    assertThat(onDemand.statusCode()).isEqualTo(400);
    assertThat(message(onDemand)).contains("'driver_adjusted' is an on-demand feature view");

    HttpResponse<String> unknown = write(body.replace("driver_hourly_stats", "driver_hourly_stat"), null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(message(unknown)).contains("unknown feature view 'driver_hourly_stat'").contains("driver_hourly_stats");
  }

  @Test
  void errorsComeInFeastsShapeWhenAskedAndParitysOtherwise() {
    String body = writeBody(1204, server.now, "0.5", "1.6094379124341003", 4).replace("driver_hourly_stats", "nope");
    assertThat(feastError(write(body, "feast"))).containsEntry("class", "FeatureViewNotFoundException")
        .containsEntry("module", "feast.errors");
    assertThat(TestServer.json(write(body, null)).get("code").asInt()).isEqualTo(404);

    String unknownService = "{\"entities\": {\"driver_id\": [1001]}, \"feature_service\": \"nope\"}";
    assertThat(feastError(post("/get-online-features", unknownService, READER, "feast")))
        .containsEntry("class", "FeatureServiceNotFoundException");
    String unknownView = "{\"entities\": {\"driver_id\": [1001]}, \"features\": [\"nope:x\"]}";
    assertThat(feastError(post("/get-online-features", unknownView, READER, "feast")))
        .containsEntry("class", "FeatureViewNotFoundException");
    String noRequestData = "{\"entities\": {\"driver_id\": [1001]}, \"feature_service\": \"driver_ranking_v1\"}";
    assertThat(feastError(post("/get-online-features", noRequestData, READER, "FEAST")))
        .containsEntry("class", "RequestDataNotFoundInEntityRowsException");
    String noKey = "{\"entities\": {\"customer_id\": [1]}, \"features\": [\"driver_hourly_stats:conv_rate\"]}";
    assertThat(feastError(post("/get-online-features", noKey, READER, "feast")))
        .containsEntry("class", "EntityNotFoundException");
    assertThat(TestServer.json(post("/get-online-features", unknownService, READER, "parity")).get("code").asInt())
        .isEqualTo(404);

    String unknownSource = fixture("push.json").replace("driver_stats_push", "nope");
    assertThat(feastError(post("/push", unknownSource, WRITER, "feast")))
        .containsEntry("class", "PushSourceNotFoundException");
    Map<String, String> malformed = feastError(post("/push", "{\"df\": ", WRITER, "feast"));
    assertThat(malformed).containsEntry("class", "FeastError");
    assertThat(malformed.get("message")).contains("malformed JSON request body");
  }

  @Test
  void theRecordedPushIsWrittenOnlineThroughTheMappedSource() {
    Instant event = server.now.minus(20, ChronoUnit.MINUTES);
    String body = fixture("push.json").replace("2026-12-06 21:00:00", naive(event).replace('T', ' '))
        .replace("1001", "1205");

    HttpResponse<String> pushed = post("/push", body, WRITER, null);

    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    assertThat(TestServer.json(pushed).get("source").asText()).isEqualTo("driver_stats");
    assertThat(values(lookup(1205, "conv_rate", "trips_log"), 0)).containsExactly("0.25", "1.3862943611198906");
  }

  @Test
  void aPushWithAnUnknownTargetOrNoSourceIsRefusedNamingWhatIsTaken() {
    String body = fixture("push.json").replace("\"to\": \"online\"", "\"to\": \"redis\"");
    HttpResponse<String> badTarget = post("/push", body, WRITER, null);
    assertThat(badTarget.statusCode()).isEqualTo(400);
    assertThat(message(badTarget)).contains("unknown push target 'redis'").contains("online_and_offline");

    HttpResponse<String> noSource = post("/push", body.replace("\"push_source_name\": \"driver_stats_push\", ", ""),
        WRITER, null);
    assertThat(noSource.statusCode()).isEqualTo(400);
    assertThat(message(noSource)).contains("push_source_name is missing");
  }

  @Test
  void writesNeedAWriterAndAreLimitedLikePushes() {
    String body = recordedWrite(server.now.minus(1, ChronoUnit.MINUTES));
    assertThat(server.post("/write-to-online-store", body).statusCode()).isEqualTo(401);
    assertThat(server.post("/write-to-online-store", body, READER).statusCode()).isEqualTo(403);
    assertThat(server.post("/push", fixture("push.json"), READER).statusCode()).isEqualTo(403);

    String fourRows = "{\"feature_view_name\": \"driver_hourly_stats\", \"df\": {\"driver_id\": [1, 2, 3, 4]}}";
    assertThat(server.post("/write-to-online-store", fourRows, WRITER).statusCode()).isEqualTo(413);
    assertThat(server.post("/write-to-online-store", "", WRITER).statusCode()).isEqualTo(400);
    assertThat(server.post("/write-to-online-store", "null", WRITER).statusCode()).isEqualTo(400);
    assertThat(server.post("/write-to-online-store", "{\"df\": {}}", WRITER).statusCode()).isEqualTo(400);
    assertThat(server.post("/write-to-online-store", "{\"feature_view_name\": \"driver_hourly_stats\"}", WRITER)
        .statusCode()).isEqualTo(400);
    assertThat(server.post("/write-to-online-store", "[1]", WRITER).statusCode()).isEqualTo(400);
  }

  @Test
  void healthAnswers200OnTheApplicationPortToAReader() {
    assertThat(server.get("/health").statusCode()).isEqualTo(401);
    HttpResponse<String> health = server.get("/health", READER);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(health).get("status").asText()).isEqualTo("ok");
  }

  private static HttpResponse<String> write(String body, String errorFormat) {
    return post("/write-to-online-store", body, WRITER, errorFormat);
  }

  private static HttpResponse<String> post(String path, String body, String token, String errorFormat) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body));
    if (errorFormat != null) {
      request.header(FeastErrors.HEADER, errorFormat);
    }
    return server.send(request.build());
  }

  /** The recorded write with its times moved to {@code event}. */
  private static String recordedWrite(Instant event) {
    return fixture("write-to-online-store.json").replace("2026-12-06T21:30:18", naive(event));
  }

  /** The recorded write for {@code driver} at {@code event}, with the given conv_rate, trips_log and trips. */
  private static String writeBody(long driver, Instant event, String convRate, String tripsLog, int trips) {
    return recordedWrite(event).replace("[1001]", "[" + driver + "]").replace("[0.5]", "[" + convRate + "]")
        .replace("[1.6094379124341003]", "[" + tripsLog + "]").replace("[4]", "[" + trips + "]");
  }

  /** How Feast's SDK writes a time: naive ISO-8601 in UTC. */
  private static String naive(Instant time) {
    return LocalDateTime.ofInstant(time, ZoneOffset.UTC).format(FEAST_TIME);
  }

  private static JsonNode lookup(long driver, String... features) {
    StringBuilder refs = new StringBuilder();
    for (String feature : features) {
      refs.append(refs.isEmpty() ? "" : ", ").append("\"driver_hourly_stats:").append(feature).append('"');
    }
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"entities\": {\"driver_id\": [" + driver + "]}, \"features\": [" + refs + "]}", READER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestServer.json(response);
  }

  /** The values of every feature (not the join key, which the answer lists first) in {@code row}. */
  private static List<String> values(JsonNode lookup, int row) {
    List<String> values = new java.util.ArrayList<>();
    JsonNode names = lookup.get("metadata").get("feature_names");
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).asText().equals("driver_id")) {
        values.add(lookup.get("results").get(i).get("values").get(row).asText());
      }
    }
    return values;
  }

  /** The result of the first feature (after the join key). */
  private static JsonNode first(JsonNode lookup) {
    return lookup.get("results").get(1);
  }

  private static JsonNode tree(String json) {
    try {
      return TestServer.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String message(HttpResponse<String> response) {
    return TestServer.json(response).get("message").asText();
  }

  /** Decodes an error body as Feast's SDK does: {@code json.loads(response.json())}. */
  private static Map<String, String> feastError(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    JsonNode outer = TestServer.json(response);
    assertThat(outer.isTextual()).as(response.body()).isTrue();
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> detail = TestServer.JSON.readValue(outer.textValue(), Map.class);
      assertThat(detail).containsOnlyKeys("module", "class", "message");
      return detail;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fixture(String name) {
    try (InputStream in = FeastSdkCompatibilityTest.class.getResourceAsStream("/feast-sdk-0.66.0/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
