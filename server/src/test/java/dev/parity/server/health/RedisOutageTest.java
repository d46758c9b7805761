package dev.parity.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.RedisServer;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With Redis down, lookups fail fast with 503 and the redis health check is red; both recover with Redis. */
class RedisOutageTest {
  private static final String LOOKUP = """
      {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001]}}""";

  @TempDir static Path temp;
  static RedisServer redis;
  static TestServer server;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    server = TestServer.start(temp.resolve("drivers"), redis.url());
  }

  @AfterAll
  static void stop() {
    try {
      server.close();
    } finally {
      redis.close();
    }
  }

  @Test
  void redisDownAnswers503FastAndTurnsHealthRedUntilItIsBack() {
    assertThat(server.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(200);
    assertThat(health().get("redis").get("healthy").asBoolean()).isTrue();
    assertThat(health().get("registry").get("healthy").asBoolean()).isTrue();

    redis.stop();
    try {
      Instant before = Instant.now();
      HttpResponse<String> down = server.post("/get-online-features", LOOKUP);
      Duration took = Duration.between(before, Instant.now());

      assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
      assertThat(TestServer.json(down).get("code").asInt()).isEqualTo(503);
      // The configured timeouts are 1 s to connect and 500 ms per round trip.
      assertThat(took).isLessThan(Duration.ofSeconds(3));
      HttpResponse<String> healthcheck = server.admin("/healthcheck");
      assertThat(healthcheck.statusCode()).isEqualTo(500);
      JsonNode checks = TestServer.json(healthcheck);
      assertThat(checks.get("redis").get("healthy").asBoolean()).isFalse();
      assertThat(checks.get("redis").get("message").asText()).contains("127.0.0.1:" + redis.port());
      assertThat(checks.get("registry").get("healthy").asBoolean()).isTrue();
    } finally {
      redis.restart();
    }

    assertThat(health().get("redis").get("healthy").asBoolean()).isTrue();
    // The store's pool replaces broken connections; the first lookups after the restart succeed again.
    assertThat(server.post("/get-online-features", LOOKUP).statusCode()).isEqualTo(200);
  }

  private static JsonNode health() {
    HttpResponse<String> response = server.admin("/healthcheck");
    return TestServer.json(response);
  }
}
