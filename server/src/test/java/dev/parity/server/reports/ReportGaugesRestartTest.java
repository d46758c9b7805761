package dev.parity.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report gauges of a server started on a registry that already holds reports. */
class ReportGaugesRestartTest {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir Path temp;

  @Test
  void aRestartedServerShowsTheGaugesOfTheLatestReportsStoredBeforeWithTheSameValues() {
    TestServer first = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl());
    Map<String, Double> before;
    try {
      JsonNode built = awaitEnd(first, first.post("/jobs/training-set", """
          {"feature_service": "driver_ranking_v1", "entities": "data/entities.parquet", "output": "out/ref.parquet"}"""));
      assertThat(built.get("status").asText()).as(built.toString()).isEqualTo("succeeded");
      long trainingSet = built.get("result").get("training_set_id").asLong();
      Instant from = first.now;
      LoggedRequests.log(first, from, 1001, 1002, 1003, 1004, 1001);
      String log = "log:" + from + ".." + from.plusSeconds(1);
      // A skewed report, then one of the training set against itself: the gauges end at the second's zeros.
      report(first, "skew", "\"reference\": \"training-set:" + trainingSet + "\", \"current\": \"" + log + "\"");
      before = gauges(first);
      assertThat(before.values()).as("the first report's PSIs").anySatisfy(v -> assertThat(v).isPositive());
      report(first, "skew", "\"reference\": \"training-set:" + trainingSet + "\", \"current\": \"training-set:"
          + trainingSet + "\"");
      report(first, "consistency", "\"sample\": 20");
      before = gauges(first);
    } finally {
      first.close();
    }
    assertThat(before.keySet()).anySatisfy(name -> assertThat(name).endsWith(".psi"))
        .anySatisfy(name -> assertThat(name).endsWith(".mismatch_rate"));
    assertThat(before).allSatisfy((name, value) -> {
      if (name.endsWith(".psi")) {
        assertThat(value).as(name).isZero();
      }
    });

    TestServer second = TestServer.restart(first);
    try {
      assertThat(gauges(second)).isEqualTo(before);
    } finally {
      second.close();
    }
  }

  private static void report(TestServer server, String kind, String fields) {
    JsonNode done = awaitEnd(server, server.post("/reports/" + kind, "{\"service\": \"" + LoggedRequests.SERVICE
        + "\", " + fields + "}"));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
  }

  /** The server's report gauges by name, with their values. */
  private static Map<String, Double> gauges(TestServer server) {
    Map<String, Double> gauges = new TreeMap<>();
    for (Map.Entry<String, Gauge> gauge : server.environment().metrics().getGauges(
        (name, metric) -> name.startsWith("parity.reports.")).entrySet()) {
      gauges.put(gauge.getKey(), ((Number) gauge.getValue().getValue()).doubleValue());
    }
    return gauges;
  }

  /** Follows the job a 202 answer started, with long polls, until it ends. */
  private static JsonNode awaitEnd(TestServer server, HttpResponse<String> accepted) {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String id = TestServer.json(accepted).get("job_id").asText();
    Instant deadline = Instant.now().plus(DEADLINE);
    JsonNode job = null;
    while (Instant.now().isBefore(deadline)) {
      job = TestServer.json(server.get("/jobs/" + id + "?wait_seconds=5"));
      if (!Set.of("queued", "running").contains(job.get("status").asText())) {
        return job;
      }
    }
    throw new AssertionError("job " + id + " did not end within " + DEADLINE + "; last seen " + job);
  }
}
