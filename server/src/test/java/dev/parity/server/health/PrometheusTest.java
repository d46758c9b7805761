package dev.parity.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import dev.parity.server.app.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} is valid Prometheus text with the endpoint timers, lookup counts and Redis timings. */
class PrometheusTest {
  // A sample line: name, optional labels, a value (Go float syntax).
  private static final Pattern SAMPLE = Pattern.compile(
      "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"})? (NaN|[+-]Inf|-?[0-9.]+(E-?[0-9]+)?)");
  private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

  @Test
  void exposesTheLookupTimerCountsAndRedisTimingsInTextFormat() {
    TestServer server = TestServer.shared();
    long before = server.environment().metrics().timer("parity.http.get-online-features").getCount();
    server.post("/get-online-features", """
        {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001, 1002]}}""");

    HttpResponse<String> response = server.get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
    String text = response.body();
    assertThat(text).contains("# TYPE parity_http_get_online_features summary\n")
        .contains("parity_http_get_online_features{quantile=\"0.99\"} ")
        .contains("parity_http_get_online_features_count " + (before + 1) + "\n")
        .contains("# TYPE parity_redis_read summary\n")
        .contains("parity_http_get_online_features_exceptions_total ")
        .contains("parity_online_values_present ")
        .contains("parity_online_values_not_found ");
    for (String line : text.split("\n")) {
      assertThat(SAMPLE.matcher(line).matches() || COMMENT.matcher(line).matches()).as(line).isTrue();
    }
  }

  @Test
  void rendersEachKindOfMetricAndSanitizesNames() {
    MetricRegistry registry = new MetricRegistry();
    registry.counter("a.counter-x").inc(3);
    registry.meter("9lives").mark(2);
    registry.register("flag", (com.codahale.metrics.Gauge<Boolean>) () -> true);
    registry.register("text", (com.codahale.metrics.Gauge<String>) () -> "not a number");
    registry.timer("t").update(java.time.Duration.ofMillis(250));

    String text = PrometheusText.render(registry);

    assertThat(text).contains("# TYPE a_counter_x gauge\na_counter_x 3\n")
        .contains("# TYPE _9lives_total counter\n_9lives_total 2\n")
        .contains("flag 1\n")
        .doesNotContain("text")
        .contains("t{quantile=\"0.5\"} 0.25\n")
        .contains("t_count 1\n");
  }
}
