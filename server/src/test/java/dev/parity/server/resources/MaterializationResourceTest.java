package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feast-shaped {@code POST /materialize} runs the materialization service; {@code GET /runs} shows its runs. */
class MaterializationResourceTest {
  private static final String ACTIVITY_OF_1002 = """
      {"features": ["driver_activity:fare_avg_7d"], "entities": {"driver_id": [1002]}}""";

  @TempDir static Path temp;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void materializeWritesTheViewsOnlineAndRecordsOneSucceededRunPerView() {
    assertThat(status(server.post("/get-online-features", ACTIVITY_OF_1002))).isEqualTo("NOT_FOUND");
    String end = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    HttpResponse<String> response = server.post("/materialize", """
        {"start_ts": "2000-01-01T00:00:00Z", "end_ts": "%s", "feature_views": ["driver_activity"]}""".formatted(end));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = TestServer.json(response);
    assertThat(result.get("views")).hasSize(1);
    assertThat(result.get("views").get(0).get("view").asText()).isEqualTo("driver_activity");
    assertThat(result.get("written").asLong()).isPositive();
    assertThat(status(server.post("/get-online-features", ACTIVITY_OF_1002))).isNotEqualTo("NOT_FOUND");

    JsonNode runs = TestServer.json(server.get("/runs?kind=materialization"));
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).get("id").asLong()).isEqualTo(result.get("views").get(0).get("run_id").asLong());
    assertThat(runs.get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(runs.get(0).get("subject").asText()).isEqualTo("driver_activity");
  }

  @Test
  void badTimesAndParametersAre400() {
    HttpResponse<String> notATime = server.post("/materialize", "{\"start_ts\": \"yesterday\", \"end_ts\": \"2026-01-01T00:00:00Z\"}");
    assertThat(notATime.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(notATime).get("message").asText()).contains("start_ts 'yesterday'");

    HttpResponse<String> backwards = server.post("/materialize",
        "{\"start_ts\": \"2026-02-01T00:00:00Z\", \"end_ts\": \"2026-01-01T00:00:00Z\"}");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(TestServer.json(backwards).get("message").asText()).contains("after its end");

    assertThat(server.post("/materialize-incremental", "{}").statusCode()).isEqualTo(400);
    assertThat(server.get("/runs?status=sleeping").statusCode()).isEqualTo(400);
  }

  private static String status(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return TestServer.json(response).get("results").get(1).get("statuses").get(0).asText();
  }
}
