package dev.parity.server.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for a null entity key on both paths: a lookup answers 400 naming the row and key, and
 * a training set over the same entities fails with 400 naming the file, the row and the key;
 * neither fills the row with null features and counts of 0.
 */
class NullEntityKeysTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

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
  void aNullJoinKeyIs400OnlineAndFailsTheTrainingSetWith400NamingTheRowAndKey() throws Exception {
    HttpResponse<String> lookup = server.post("/get-online-features",
        "{\"features\": [\"driver_activity:trips_7d\"], \"entities\": {\"driver_id\": [1001, null]}}");

    assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(400);
    assertThat(TestServer.json(lookup).get("message").asText()).contains("driver_id").contains("row 1")
        .contains("a join key cannot be null");

    Path entities = server.repository.resolve("null-key-entities.csv");
    Files.writeString(entities, "driver_id,event_timestamp\n1001," + server.now + "\n," + server.now + "\n");
    HttpResponse<String> accepted = server.post("/jobs/training-set", """
        {"features": ["driver_activity:trips_7d"], "entities": "null-key-entities.csv", "output": "out/never.parquet"}""");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

    JsonNode done = awaitEnd(TestServer.json(accepted).get("job_id").asText());

    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.get("error").get("code").asInt()).isEqualTo(lookup.statusCode());
    assertThat(done.get("error").get("message").asText()).contains("null-key-entities.csv")
        .contains("column driver_id: null join key in row 2");
    assertThat(server.repository.resolve("out/never.parquet")).doesNotExist();
  }

  private static JsonNode awaitEnd(String id) {
    Instant deadline = Instant.now().plus(DEADLINE);
    JsonNode job = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> response = server.get("/jobs/" + id + "?wait_seconds=5");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      job = TestServer.json(response);
      if (!Set.of("queued", "running").contains(job.get("status").asText())) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " did not end within " + DEADLINE + "; last seen " + job);
  }
}
