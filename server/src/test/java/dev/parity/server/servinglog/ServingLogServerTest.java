package dev.parity.server.servinglog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server with its serving log on: lookups over HTTP end up, once the server stopped, as
 * Parquet rows under the offline path with their keys, time, values, statuses and versions, and
 * the log's counters are in {@code /metrics}.
 */
class ServingLogServerTest {
  private static final String SERVICE = "driver_ranking_v1";

  @TempDir Path temp;

  @Test
  void servedLookupsAreInTheOfflineStoreAfterStopAndCountedInMetrics() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    TestServer server = TestServer.start(temp.resolve("drivers"), TestRedis.standaloneUrl(), config -> {
      config.getServingLog().setEnabled(true);
      config.getServingLog().setSampleRate(1);
    });
    Path offline = server.definitions.config().offlineDirectory(server.repository);
    JsonNode served;
    String metrics;
    try {
      HttpResponse<String> lookup = server.post("/get-online-features", """
          {"feature_service": "%s", "entities": {"driver_id": [1001, 1002, 1004]},
           "request_data": {"val_to_add": [1, 2, 3]}}""".formatted(SERVICE));
      assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
      served = TestServer.json(lookup);
      assertThat(server.post("/get-online-features", """
          {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1003]}}""").statusCode())
          .isEqualTo(200);
      metrics = server.get("/metrics").body();
    } finally {
      server.close();
    }
    Instant after = Instant.now();

    assertThat(metrics).contains("# TYPE parity_serving_log_logged_total counter\nparity_serving_log_logged_total 2\n")
        .contains("parity_serving_log_dropped_total 0\n")
        .contains("# TYPE parity_serving_log_pending gauge\n");
    RepositoryVersions versions = RepositoryVersions.of(server.definitions);
    try (LogTables tables = new LogTables()) {
      List<Path> files = LogTables.files(ParquetServingLogSink.directory(offline, SERVICE));
      assertThat(files).hasSize(1);
      String scan = LogTables.scan(files.get(0));
      List<List<Object>> header = tables.rows("SELECT DISTINCT epoch_us(request_time), service_version,"
          + " driver_hourly_stats__view_version FROM " + scan);
      assertThat(header).hasSize(1);
      long requestMicros = (Long) header.get(0).get(0);
      assertThat(requestMicros).isBetween(micros(before), micros(after));
      assertThat(header.get(0).subList(1, 3)).containsExactly(versions.version(ObjectKind.FEATURE_SERVICE, SERVICE),
          versions.version(ObjectKind.FEATURE_VIEW, "driver_hourly_stats"));

      int convRate = column(served, "conv_rate");
      List<List<Object>> expected = new ArrayList<>();
      JsonNode result = served.get("results").get(convRate);
      for (int row = 0; row < 3; row++) {
        JsonNode value = result.get("values").get(row);
        expected.add(java.util.Arrays.asList(List.of(1001L, 1002L, 1004L).get(row), value.isNull() ? null : value.asDouble(),
            result.get("statuses").get(row).asText()));
      }
      assertThat(tables.rows("SELECT driver_id, driver_hourly_stats__conv_rate, driver_hourly_stats__conv_rate__status"
          + " FROM " + scan + " ORDER BY driver_id")).isEqualTo(expected);
      assertThat(expected).extracting(r -> r.get(2)).containsExactly("PRESENT", "NOT_FOUND", "PRESENT");

      List<Path> lists = LogTables.files(ParquetServingLogSink.directory(offline, null));
      assertThat(lists).hasSize(1);
      assertThat(tables.rows("SELECT driver_id, driver_hourly_stats__conv_rate__status FROM " + LogTables.scan(lists.get(0))))
          .containsExactly(List.of(1003L, "OUTSIDE_MAX_AGE"));
    }
  }

  private static int column(JsonNode response, String name) {
    JsonNode names = response.get("metadata").get("feature_names");
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name + " not among " + names);
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
