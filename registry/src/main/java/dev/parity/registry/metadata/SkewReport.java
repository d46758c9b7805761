package dev.parity.registry.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;

/**
 * A skew report (not written yet: see docs/README.md): its kind (e.g. {@code value_consistency}, {@code distribution}), what
 * was compared ({@code inputs}), the report, and its largest metric, which metric triggers watch.
 */
public record SkewReport(String project, String kind, JsonNode inputs, JsonNode report, double maxMetric) {
  public SkewReport {
    RecordChecks.check(project, "project");
    RecordChecks.check(kind, "skew report kind");
    inputs = RecordChecks.copyJson(inputs, "skew report inputs");
    report = RecordChecks.copyJson(report, "skew report");
    if (!Double.isFinite(maxMetric)) {
      throw new IllegalArgumentException("max metric of a skew report must be finite, got " + maxMetric);
    }
  }
}
