package dev.parity.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import dev.parity.server.app.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per-endpoint latency histograms in Prometheus' histogram type, and the job gauges. */
class PrometheusHistogramTest {
  private static final Pattern BUCKET = Pattern.compile(
      "parity_http_get_online_features_seconds_bucket\\{le=\"([^\"]+)\"} ([0-9]+)");

  @Test
  void countsEachObservationInItsBucketCumulatively() {
    LatencyHistogram histogram = new LatencyHistogram(List.of(0.001, 0.01, 0.1));
    histogram.record(500_000);      // 0.5 ms
    histogram.record(1_000_000);    // exactly 1 ms: le="0.001"
    histogram.record(7_000_000);
    histogram.record(2_000_000_000);
    MetricRegistry registry = new MetricRegistry();
    registry.register("parity.http.x.seconds", histogram);

    String text = PrometheusText.render(registry);

    assertThat(text).contains("# TYPE parity_http_x_seconds histogram\n"
        + "parity_http_x_seconds_bucket{le=\"0.001\"} 2\n"
        + "parity_http_x_seconds_bucket{le=\"0.01\"} 3\n"
        + "parity_http_x_seconds_bucket{le=\"0.1\"} 3\n"
        + "parity_http_x_seconds_bucket{le=\"+Inf\"} 4\n"
        + "parity_http_x_seconds_sum 2.0085\n"
        + "parity_http_x_seconds_count 4\n");
  }

  @Test
  void aRegistryWithListenersAcceptsItAndRendersItOnceAsAHistogram() {
    // Every real server has Dropwizard's JMX reporter listening on its registry; a listener refuses
    // metric types it does not know, which once kept the server from starting.
    MetricRegistry registry = new MetricRegistry();
    try (JmxReporter jmx = JmxReporter.forRegistry(registry).inDomain("parity-test-" + System.nanoTime()).build()) {
      jmx.start();
      LatencyHistogram histogram = new LatencyHistogram(List.of(0.001));
      registry.register("parity.http.y.seconds", histogram);
      histogram.record(2_000_000);

      String text = PrometheusText.render(registry);

      assertThat(text).containsOnlyOnce("# TYPE parity_http_y_seconds ")
          .contains("# TYPE parity_http_y_seconds histogram\n")
          .contains("parity_http_y_seconds_bucket{le=\"0.001\"} 0\n")
          .contains("parity_http_y_seconds_count 1\n");
      assertThat(histogram.getValue().count()).isEqualTo(1);
    }
  }

  @Test
  void rejectsBoundsThatDoNotIncrease() {
    assertThatThrownBy(() -> new LatencyHistogram(List.of(0.1, 0.1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increasing");
    assertThatThrownBy(() -> new LatencyHistogram(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void metricsShowTheLookupLatencyHistogramAndTheJobGauges() {
    TestServer server = TestServer.shared();
    long before = count(server.get("/metrics").body());
    server.post("/get-online-features", """
        {"features": ["driver_hourly_stats:conv_rate"], "entities": {"driver_id": [1001]}}""");
    server.post("/get-online-features", "{\"features\": [\"no_such_view:x\"], \"entities\": {\"driver_id\": [1]}}");

    String text = server.get("/metrics").body();

    assertThat(text).contains("# TYPE parity_http_get_online_features_seconds histogram\n")
        .contains("parity_http_get_online_features_seconds_sum ")
        .contains("# TYPE parity_jobs_running gauge\nparity_jobs_running 0\n")
        .contains("parity_jobs_rows_read ")
        .contains("parity_jobs_rejected_total ");
    // Failed requests (the 404) count too: two more observations.
    assertThat(count(text)).isEqualTo(before + 2);
    Matcher buckets = BUCKET.matcher(text);
    long previous = 0;
    int seen = 0;
    while (buckets.find()) {
      long cumulative = Long.parseLong(buckets.group(2));
      assertThat(cumulative).as("le=" + buckets.group(1)).isGreaterThanOrEqualTo(previous);
      previous = cumulative;
      seen++;
    }
    assertThat(seen).isEqualTo(LatencyHistogram.DEFAULT_BOUNDS_SECONDS.size() + 1);
    assertThat(previous).isEqualTo(count(text));
  }

  private static long count(String text) {
    Matcher count = Pattern.compile("parity_http_get_online_features_seconds_count ([0-9]+)\n").matcher(text);
    return count.find() ? Long.parseLong(count.group(1)) : 0;
  }
}
