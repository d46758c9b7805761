package dev.parity.server.resources;

import com.codahale.metrics.MetricRegistry;
import dev.parity.server.core.PushResult;

/**
 * Counts rows pushed per source ({@code parity.push.rows.SOURCE}; Prometheus:
 * {@code parity_push_rows_SOURCE}) and online rows those pushes wrote or replaced
 * ({@code parity.push.online-written.SOURCE}). Only pushes that succeeded count. Thread-safe.
 */
final class PushMetrics {
  private final MetricRegistry metrics;

  PushMetrics(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  void record(PushResult result) {
    // The registry creates each source's counters once and returns the same ones after that.
    metrics.counter("parity.push.rows." + result.source()).inc(result.rows());
    metrics.counter("parity.push.online-written." + result.source()).inc(result.written());
  }
}
