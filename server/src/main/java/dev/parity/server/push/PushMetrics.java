package dev.parity.server.push;

import com.codahale.metrics.MetricRegistry;
import dev.parity.server.push.PushResult;

/**
 * Counts rows pushed per source ({@code parity.push.rows.SOURCE}; Prometheus:
 * {@code parity_push_rows_SOURCE}) and online rows those pushes wrote or replaced
 * ({@code parity.push.online-written.SOURCE}). Only pushes that succeeded count. Thread-safe.
 */
public final class PushMetrics {
  private final MetricRegistry metrics;

  public PushMetrics(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  public void record(PushResult result) {
    // The registry creates each source's counters once and returns the same ones after that.
    metrics.counter("parity.push.rows." + result.source()).inc(result.rows());
    metrics.counter("parity.push.online-written." + result.source()).inc(result.written());
  }
}
