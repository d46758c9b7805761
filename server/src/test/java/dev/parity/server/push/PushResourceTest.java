package dev.parity.server.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.testing.RedisServer;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenConfig;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.testing.SampleRepository;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /push/{source}} over HTTP: Feast's body, statuses, roles and metrics. */
class PushResourceTest {
  private static final String READER = "reader-token-0123456789";
  private static final String WRITER = "writer-token-0123456789";

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.setMaxEntityRows(3);
      config.getAuth().setTokens(List.of(new TokenConfig(READER, Set.of(Role.READER), null),
          new TokenConfig(WRITER, Set.of(Role.WRITER), null)));
    });
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPushedRowIsServedWithItsEventTime() {
    Instant event = server.now.minus(10, ChronoUnit.MINUTES);

    HttpResponse<String> pushed = server.post("/push/driver_stats", body(1050, event.toString(), "0.5", ""), WRITER);

    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
    JsonNode result = TestServer.json(pushed);
    assertThat(result.get("rows").asLong()).isEqualTo(1);
    assertThat(result.get("to").asText()).isEqualTo("online");
    assertThat(result.get("views").get(0).get("view").asText()).isEqualTo("driver_hourly_stats");
    assertThat(result.get("views").get(0).get("written").asLong()).isEqualTo(1);
    assertThat(result.get("offline_file").isNull()).isTrue();
    JsonNode lookup = lookup(1050);
    assertThat(lookup.get("values").get(0).asDouble()).isEqualTo(0.5);
    assertThat(lookup.get("statuses").get(0).asText()).isEqualTo("PRESENT");
    assertThat(Instant.parse(lookup.get("event_timestamps").get(0).asText())).isEqualTo(event);
  }

  @Test
  void feastsPushSourceNameMayBeGivenIfItMatches() {
    String event = server.now.minus(5, ChronoUnit.MINUTES).toString();
    String matching = "{\"push_source_name\": \"driver_stats\", \"allow_registry_cache\": true, "
        + body(1051, event, "0.25", "").substring(1);
    assertThat(server.post("/push/driver_stats", matching, WRITER).statusCode()).isEqualTo(200);

    String other = "{\"push_source_name\": \"trips\", " + body(1051, event, "0.25", "").substring(1);
    HttpResponse<String> mismatch = server.post("/push/driver_stats", other, WRITER);
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(message(mismatch)).contains("push_source_name 'trips'");
  }

  @Test
  void aBadRowIs400NamingRowAndColumnAndNothingIsServed() {
    String event = server.now.minus(5, ChronoUnit.MINUTES).toString();

    HttpResponse<String> response = server.post("/push/driver_stats", body(1052, event, "\"abc\"", ""), WRITER);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(response).get("code").asInt()).isEqualTo(400);
    assertThat(message(response)).contains("row 0, column conv_rate: expected float64, got \"abc\"");
    assertThat(lookup(1052).get("statuses").get(0).asText()).isEqualTo("NOT_FOUND");

    HttpResponse<String> notATime = server.post("/push/driver_stats", body(1052, "31/01/2026 10:00", "0.5", ""), WRITER);
    assertThat(notATime.statusCode()).isEqualTo(400);
    assertThat(message(notATime)).contains("row 0, column event_timestamp");
    HttpResponse<String> badTarget = server.post("/push/driver_stats", body(1052, event, "0.5", ", \"to\": \"redis\""),
        WRITER);
    assertThat(badTarget.statusCode()).isEqualTo(400);
    assertThat(message(badTarget)).contains("online_and_offline");
    assertThat(server.post("/push/driver_stats", "{}", WRITER).statusCode()).isEqualTo(400);
  }

  @Test
  void anEventTimeFarInTheFutureIs400NamingRowColumnAndLimitAndNothingIsServed() {
    HttpResponse<String> response = server.post("/push/driver_stats",
        body(1059, "+99999-01-01T00:00:00Z", "0.5", ", \"to\": \"online_and_offline\""), WRITER);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(message(response)).contains("row 0, column event_timestamp: +99999-01-01T00:00:00Z is beyond ")
        .contains("(now + max_future_skew 5m)").contains("nothing was written");
    assertThat(lookup(1059).get("statuses").get(0).asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void anUnknownSourceIs404() {
    HttpResponse<String> response = server.post("/push/driver_stat", body(1053, server.now.toString(), "0.5", ""), WRITER);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(message(response)).contains("unknown source 'driver_stat'");
  }

  @Test
  void moreRowsThanTheServerTakesIs413() {
    String rows = "{\"df\": {\"driver_id\": [1, 2, 3, 4], \"event_timestamp\": [\"" + server.now + "\"]}}";

    assertThat(server.post("/push/driver_stats", rows, WRITER).statusCode()).isEqualTo(413);
  }

  @Test
  void readersMayNotPushWritersMay() {
    String body = body(1054, server.now.minus(1, ChronoUnit.MINUTES).toString(), "0.5", "");

    assertThat(server.post("/push/driver_stats", body).statusCode()).isEqualTo(401);
    assertThat(server.post("/push/driver_stats", body, READER).statusCode()).isEqualTo(403);
    assertThat(lookup(1054).get("statuses").get(0).asText()).isEqualTo("NOT_FOUND");
    assertThat(server.post("/push/driver_stats", body, WRITER).statusCode()).isEqualTo(200);
  }

  @Test
  void rowsPushedAreCountedPerSource() {
    String body = "{\"df\": {\"driver_id\": [1055, 1056], \"event_timestamp\": [\"%s\", \"%s\"], \"conv_rate\": [0.5, 1],"
        .formatted(server.now, server.now)
        + " \"acc_rate\": [null, 0.5], \"avg_daily_trips\": [1, 2], \"vehicle_type\": [\"van\", \"van\"]}}";
    long before = pushedRows();

    assertThat(server.post("/push/driver_stats", body, WRITER).statusCode()).isEqualTo(200);

    assertThat(pushedRows()).isEqualTo(before + 2);
  }

  @Test
  void aRepositoryThatDiffersFromItsRegistryIs409() {
    try (TestServer own = TestServer.start(temp.resolve("changed"), TestRedis.standaloneUrl())) {
      // Someone applies a change the running server has not loaded: its definitions are not the registered ones.
      SampleRepository.edit(own.repository, SampleRepository.DEFINITIONS, "ttl: 2d ", "ttl: 3d ");
      new RepositoryService(new ParquetSchemaResolver(), Map.of(), Clock.systemUTC()).apply(own.repository);

      HttpResponse<String> response = own.post("/push/driver_stats", body(1057, own.now.toString(), "0.5", ""));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
      assertThat(message(response)).contains("parity apply");
    }
  }

  @Test
  void redisDownIs503() {
    try (RedisServer redis = RedisServer.start();
        TestServer own = TestServer.start(temp.resolve("outage"), redis.url())) {
      redis.stop();

      HttpResponse<String> response = own.post("/push/driver_stats", body(1058, own.now.toString(), "0.5", ""));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    }
  }

  @Test
  void redisDownAfterTheOfflineAppendSaysHowToFinishWithoutAppendingTwice() throws java.io.IOException {
    try (RedisServer redis = RedisServer.start();
        TestServer own = TestServer.start(temp.resolve("outage-offline"), redis.url())) {
      redis.stop();

      HttpResponse<String> response = own.post("/push/driver_stats",
          body(1058, own.now.toString(), "0.5", ", \"to\": \"online_and_offline\""));

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      List<Path> appended;
      try (var files = java.nio.file.Files.list(own.repository.resolve("data/driver_stats"))) {
        appended = files.filter(f -> f.getFileName().toString().startsWith("push-")).toList();
      }
      assertThat(appended).hasSize(1);
      assertThat(response.body()).contains("the rows were appended offline to " + appended.get(0).getFileName()
          + ": retry with to=online");
    }
  }

  private static long pushedRows() {
    HttpResponse<String> metrics = server.get("/metrics", READER);
    assertThat(metrics.statusCode()).isEqualTo(200);
    return metrics.body().lines().filter(l -> l.startsWith("parity_push_rows_driver_stats "))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
  }

  /** A one-row body; {@code convRate} is JSON text, {@code extra} more fields after df. */
  private static String body(long driver, String event, String convRate, String extra) {
    return ("{\"df\": {\"driver_id\": [%d], \"event_timestamp\": [\"%s\"], \"conv_rate\": [%s], \"acc_rate\": [0.5], "
        + "\"avg_daily_trips\": [4], \"vehicle_type\": [\"sedan\"]}%s}").formatted(driver, event, convRate, extra);
  }

  private static JsonNode lookup(long driver) {
    HttpResponse<String> response = server.post("/get-online-features",
        "{\"features\": [\"driver_hourly_stats:conv_rate\"], \"entities\": {\"driver_id\": [" + driver + "]}}", READER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestServer.json(response).get("results").get(1);
  }

  private static String message(HttpResponse<String> response) {
    return TestServer.json(response).get("message").asText();
  }
}
