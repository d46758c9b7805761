package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.Optional;

/**
 * A report on training/serving skew: its kind ({@code value_consistency}, {@code distribution}),
 * what was compared ({@code inputs}), the report, and its largest metric, which metric triggers
 * watch; linked (registry schema version 6) to the feature service and its version, the training
 * set compared and the time range of the serving log, with the verdict. Reports recorded before
 * version 6 have no links.
 *
 * @param verdict {@code PASS} or {@code FAIL}, when known
 */
public record SkewReport(String project, String kind, JsonNode inputs, JsonNode report, double maxMetric,
    Optional<String> service, Optional<String> serviceVersion, Optional<Long> trainingSetId,
    Optional<Instant> rangeFrom, Optional<Instant> rangeTo, Optional<String> verdict) {
  public SkewReport {
    RecordChecks.check(project, "project");
    RecordChecks.check(kind, "skew report kind");
    inputs = RecordChecks.copyJson(inputs, "skew report inputs");
    report = RecordChecks.copyJson(report, "skew report");
    if (!Double.isFinite(maxMetric)) {
      throw new IllegalArgumentException("max metric of a skew report must be finite, got " + maxMetric);
    }
    requireNonNull(service, "service is null");
    requireNonNull(serviceVersion, "service version is null");
    requireNonNull(trainingSetId, "training set id is null");
    requireNonNull(rangeFrom, "range start is null");
    requireNonNull(rangeTo, "range end is null");
    requireNonNull(verdict, "verdict is null");
    service.ifPresent(s -> RecordChecks.check(s, "feature service"));
    serviceVersion.ifPresent(v -> RecordChecks.checkVersion(v, "version of feature service " + service.orElse("?")));
    if (rangeFrom.isPresent() && rangeTo.isPresent() && !rangeFrom.get().isBefore(rangeTo.get())) {
      throw new IllegalArgumentException("report range from " + rangeFrom.get() + " is not before " + rangeTo.get());
    }
  }

  /** A report without links. */
  public SkewReport(String project, String kind, JsonNode inputs, JsonNode report, double maxMetric) {
    this(project, kind, inputs, report, maxMetric, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This report linked to {@code name} at {@code version}. */
  public SkewReport withService(String name, String version) {
    return new SkewReport(project, kind, inputs, report, maxMetric, Optional.of(name), Optional.of(version),
        trainingSetId, rangeFrom, rangeTo, verdict);
  }

  /** This report linked to the training set with this id. */
  public SkewReport withTrainingSet(long id) {
    return new SkewReport(project, kind, inputs, report, maxMetric, service, serviceVersion, Optional.of(id),
        rangeFrom, rangeTo, verdict);
  }

  /** This report over the serving log's requests in {@code [from, to)}. */
  public SkewReport withRange(Instant from, Instant to) {
    return new SkewReport(project, kind, inputs, report, maxMetric, service, serviceVersion, trainingSetId,
        Optional.of(from), Optional.of(to), verdict);
  }

  public SkewReport withVerdict(String value) {
    return new SkewReport(project, kind, inputs, report, maxMetric, service, serviceVersion, trainingSetId,
        rangeFrom, rangeTo, Optional.of(value));
  }
}
