package dev.parity.server.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.server.app.RawHttp;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request shapes that were answered 500, or not as JSON, before (issue 21): each is a 4xx
 * {@code {"code", "message"}} naming what is wrong and where.
 */
class MalformedRequestTest {
  private static final String LOOKUP = "/get-online-features";
  private static final String PUSH = "/push/driver_stats";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.shared();
  }

  @Test
  void nestingDeeperThanAThousandIs400NamingTheDepthOnEveryReader() {
    String deep = "[".repeat(1_500) + "]".repeat(1_500);
    // Where the parser or the binding knows it: the line and column, or the path.
    for (String[] request : List.of(
        new String[] {LOOKUP, "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [" + deep + "]}}",
            "column 1"},
        new String[] {PUSH, "{\"df\": {\"driver_id\": [" + deep + "]}}", "at df.driver_id[0]"},
        new String[] {"/jobs/materialize", "{\"end_ts\": \"2000-01-01T00:00:00Z\", \"unknown\": {\"x\": " + deep + "}}", ""},
        new String[] {"/materialize", "{\"unknown\": " + deep + "}", ""})) {
      String message = error(server.post(request[0], request[1]), 400, request[0]);
      assertThat(message).as(request[0]).contains("nesting depth (1001) exceeds the maximum allowed (1000)")
          .contains(request[2]).doesNotContain("StreamReadConstraints");
    }
  }

  @Test
  void aDuplicateKeyIs400NamingTheKeyOnEveryReader() {
    for (String[] request : List.of(
        new String[] {"/materialize", "{\"start_ts\": \"2000-01-01T00:00:00Z\", \"end_ts\": \"2000-01-02T00:00:00Z\", "
            + "\"feature_views\": [\"customer_profile\"], \"end_ts\": \"2000-01-03T00:00:00Z\"}", "end_ts"},
        new String[] {"/jobs/materialize-incremental", "{\"end_ts\": \"2000-01-01T00:00:00Z\", \"feature_views\": [], "
            + "\"feature_views\": [\"customer_profile\"]}", "feature_views"},
        new String[] {"/jobs/training-set", "{\"feature_service\": \"driver_ranking_v1\", \"entities\": \"e.csv\", "
            + "\"output\": \"o.parquet\", \"output\": \"p.parquet\"}", "output"},
        new String[] {PUSH, "{\"df\": {\"driver_id\": [1001]}, \"to\": \"online\", \"to\": \"offline\"}", "to"},
        new String[] {PUSH, "{\"df\": {\"driver_id\": [1001], \"driver_id\": [1002]}}", "driver_id"},
        new String[] {LOOKUP, "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [1001]}, "
            + "\"feature_service\": \"driver_ranking_v1\"}", "feature_service"},
        new String[] {LOOKUP, "{\"feature_service\": \"driver_ranking_v1\", \"entities\": {\"driver_id\": [1001], "
            + "\"driver_id\": [1002]}}", "driver_id"})) {
      String message = error(server.post(request[0], request[1]), 400, request[0] + " " + request[1]);
      assertThat(message).as(request[1]).contains("Duplicate field '" + request[2] + "'").contains("column");
    }
  }

  @Test
  void aNullInAListOfNamesIs400NamingItsPosition() {
    for (String[] request : List.of(
        new String[] {"/materialize", "{\"start_ts\": \"2000-01-01T00:00:00Z\", \"end_ts\": \"2000-01-02T00:00:00Z\", "
            + "\"feature_views\": [\"customer_profile\", null]}", "feature_views[1]"},
        new String[] {"/jobs/materialize", "{\"start_ts\": \"2000-01-01T00:00:00Z\", \"end_ts\": \"2000-01-02T00:00:00Z\", "
            + "\"feature_views\": [null]}", "feature_views[0]"},
        new String[] {"/jobs/training-set", "{\"features\": [\"driver_hourly_stats:conv_rate\", null], "
            + "\"entities\": \"e.csv\", \"output\": \"o.parquet\"}", "features[1]"},
        new String[] {LOOKUP, "{\"features\": [null], \"entities\": {\"driver_id\": [1001]}}", "features[0]"})) {
      String message = error(server.post(request[0], request[1]), 400, request[0] + " " + request[1]);
      assertThat(message).as(request[1]).contains(request[2]).contains("null");
    }
  }

  @Test
  void aPushedNumberNoColumnCanHoldIs400NamingColumnAndRow() {
    String row = "{\"df\": {\"driver_id\": [1001, 1002], \"event_timestamp\": [\"2026-01-31T00:00:00Z\", "
        + "\"2026-01-31T00:00:00Z\"], \"conv_rate\": [0.5, %s], \"acc_rate\": [0.5, 0.5], \"avg_daily_trips\": [4, %s], "
        + "\"vehicle_type\": [\"sedan\", \"sedan\"]}}";
    assertThat(error(server.post(PUSH, row.formatted("1e400", "4")), 400, "1e400"))
        .contains("conv_rate").contains("row 1");
    assertThat(error(server.post(PUSH, row.formatted("-1" + "0".repeat(400), "4")), 400, "-10^400"))
        .contains("conv_rate").contains("row 1");
    assertThat(error(server.post(PUSH, row.formatted("0.5", "9223372036854775808")), 400, "2^63"))
        .contains("avg_daily_trips").contains("row 1");
  }

  @Test
  void aQueryParameterThatIsNotANumberIs400NamingIt() {
    assertThat(error(server.get("/jobs/1-abcdef?wait_seconds=abc"), 400, "wait_seconds"))
        .contains("wait_seconds").contains("abc");
    assertThat(error(server.get("/runs?limit=ten"), 400, "limit")).contains("limit").contains("ten");
    assertThat(error(server.get("/runs?offset=99999999999"), 400, "offset")).contains("offset");
  }

  @Test
  void malformedUrisAreAnsweredAsJsonOnBothConnectors() {
    for (int port : List.of(server.port(), server.adminPort())) {
      for (String target : List.of("/%zz", "/push/%", "/registry/%2e%2e/%2e%2e/etc", "/a%2Fb", "/get-online-features/%00",
          "/\u00ff\u0001", "/" + "x".repeat(20_000))) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Connection: close\r\n", Duration.ofSeconds(30));
        String where = port + " " + target.substring(0, Math.min(40, target.length()));
        assertThat(response.status()).as(where).isBetween(400, 499);
        JsonNode body = json(response.text(), where);
        assertThat(body.get("code").asInt()).as(where).isEqualTo(response.status());
        assertThat(body.get("message").asText()).as(where).isNotBlank();
        assertThat(response.header("Content-Type")).as(where).startsWith("application/json");
      }
      RawHttp.Response badRequestLine = RawHttp.exchange(port, "GET /a b c\r\nHost: 127.0.0.1\r\n", Duration.ofSeconds(30));
      assertThat(badRequestLine.status()).isEqualTo(400);
      assertThat(json(badRequestLine.text(), "request line").get("code").asInt()).isEqualTo(400);
    }
  }

  @Test
  void aRequestLineWithAVersionThisServerDoesNotSpeakIs400NotA505() {
    for (int port : List.of(server.port(), server.adminPort())) {
      for (String version : List.of("HTTP/0.9", "HTTX/1.1", "HTTP/1.1.1")) {
        RawHttp.Response response = RawHttp.exchange(port, "GET /registry/entities " + version + "\r\nHost: 127.0.0.1\r\n",
            Duration.ofSeconds(30));

        assertThat(response.status()).as(version).isEqualTo(400);
        JsonNode body = json(response.text(), version);
        assertThat(body.get("code").asInt()).isEqualTo(400);
        assertThat(body.get("message").asText()).as(version).containsIgnoringCase("version");
      }
    }
  }

  @Test
  void aBodyThatEndsBeforeItsDeclaredLengthIsAnsweredAsTheRequestDeserves() {
    // The client sends less than it announced and closes its side: the body's reader gets Jetty's early EOF.
    RawHttp.Response refused = RawHttp.exchange(server.port(), ("GET /jobs/1-abcdef HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Length: 50\r\n").getBytes(StandardCharsets.US_ASCII), new byte[0], true, Duration.ofSeconds(30));
    assertThat(refused.status()).as(refused.text()).isEqualTo(404);
    assertThat(json(refused.text(), "refusal").get("message").asText()).contains("unknown job");

    RawHttp.Response read = RawHttp.exchange(server.port(), ("POST " + PUSH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n").getBytes(StandardCharsets.US_ASCII),
        "{\"df\": {".getBytes(StandardCharsets.US_ASCII), true, Duration.ofSeconds(30));
    assertThat(read.status()).as(read.text()).isEqualTo(400);
    assertThat(json(read.text(), "early EOF").get("message").asText()).contains("Early EOF");
  }

  @Test
  void anErrorQuotingAHugeValueIsCut() {
    String message = error(server.post("/jobs/materialize", "{\"start_ts\": \"" + "x".repeat(300_000)
        + "\", \"end_ts\": \"2000-01-01T00:00:00Z\"}"), 400, "300,000 characters");

    assertThat(message).startsWith("start_ts 'xxx").endsWith("more characters)").hasSizeLessThan(2_100);
  }

  @Test
  void anUnknownPathOnTheAdminConnectorIsJson() {
    HttpResponse<String> response = server.admin("/no-such-page");

    assertThat(error(response, 404, "admin")).isNotBlank();
  }

  /** Checks the status and the body {@code {"code": status, "message": "..."}}; the message. */
  static String error(HttpResponse<String> response, int status, String what) {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).as(what)
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = json(response.body(), what);
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).as(what).containsExactly("code", "message");
    assertThat(body.get("code").asInt()).isEqualTo(status);
    return body.get("message").asText();
  }

  private static JsonNode json(String text, String what) {
    try {
      return TestServer.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(what + ": not JSON: " + text.substring(0, Math.min(300, text.length())), e);
    }
  }
}
