package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One observed value of a model version's metric, at evaluation or later in production. */
public record MetricObservation(String metric, double value, Instant observedAt) {
  public MetricObservation {
    requireNonNull(metric, "metric is null");
    if (metric.isBlank() || metric.length() > 255) {
      throw new IllegalArgumentException("metric name must be 1 to 255 characters, got '" + metric + "'");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("metric '" + metric + "' must be a finite number, got " + value);
    }
    requireNonNull(observedAt, "observedAt is null");
  }
}
