package dev.parity.server.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.offline.validation.DataValidator;
import dev.parity.offline.validation.EventInterval;
import dev.parity.offline.validation.ValidationReport;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.ValidationResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Validates the source data of the feature views a run reads before it writes anything (docs/offline.md):
 * every view with a {@code validation:} block is checked with {@link DataValidator} for the run's
 * interval, and each report is recorded in the metadata store (target {@code feature_view:NAME}).
 * Thread-safe.
 */
public final class ValidationGate {
  // Immutable after construction; only reads JSON text the validator produced.
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataValidator validator;

  public ValidationGate(Clock clock) {
    this.validator = new DataValidator(requireNonNull(clock, "clock is null"));
  }

  /**
   * Validates {@code views} (those without rules are skipped) and records every report.
   *
   * @return the reports, in the order of {@code views}
   * @throws ValidationFailedException if a view failed; all views are validated and recorded first
   */
  public List<ValidationReport> check(FeatureRepository repository, MetadataStore metadata, Collection<String> views,
      Function<String, EventInterval> intervals, Progress progress) {
    List<ValidationReport> reports = new ArrayList<>();
    List<ValidationReport> failed = new ArrayList<>();
    for (String view : views) {
      if (repository.featureView(view).flatMap(v -> v.validation()).isEmpty()) {
        continue;
      }
      ValidationReport report = validator.validate(repository, view, intervals.apply(view), progress);
      metadata.recordValidation(new ValidationResult(repository.config().project(), "feature_view:" + view,
          report.passed(), json(report)));
      reports.add(report);
      if (!report.passed()) {
        failed.add(report);
      }
    }
    if (!failed.isEmpty()) {
      throw new ValidationFailedException(failed);
    }
    return reports;
  }

  private static com.fasterxml.jackson.databind.JsonNode json(ValidationReport report) {
    try {
      return JSON.readTree(report.toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("validation report of " + report.view() + " is not JSON: " + e.getMessage(), e);
    }
  }
}
