package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.DefinitionKind;
import dev.parity.registry.VersionedRef;
import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A training set as built (docs/offline.md): enough to reproduce it. The entity table's fingerprint,
 * the feature service (absent for a plain feature list) and every view with the versions used,
 * the registry revision they were current at (to resolve sources and entities), the optional
 * {@code --as-of-created} time, the output path, row count and per-feature statistics.
 */
public record TrainingSet(String project, String entityTableFingerprint, Optional<VersionedRef> service,
    List<VersionedRef> views, long registryRevision, Optional<Instant> asOfCreated, String outputPath, long rowCount,
    JsonNode statistics) {
  public TrainingSet {
    RecordChecks.check(project, "project");
    RecordChecks.check(entityTableFingerprint, "entity table fingerprint");
    requireNonNull(service, "service is null");
    service.ifPresent(s -> {
      if (s.kind() != DefinitionKind.FEATURE_SERVICE) {
        throw new IllegalArgumentException("service of a training set must be a feature service, got " + s.ref());
      }
    });
    views = List.copyOf(requireNonNull(views, "views is null"));
    if (views.isEmpty()) {
      throw new IllegalArgumentException("a training set needs at least one feature view");
    }
    for (VersionedRef view : views) {
      if (view.kind() != DefinitionKind.FEATURE_VIEW && view.kind() != DefinitionKind.ON_DEMAND_FEATURE_VIEW) {
        throw new IllegalArgumentException(view.ref() + " is not a feature view or on-demand feature view");
      }
    }
    if (views.stream().map(VersionedRef::ref).distinct().count() != views.size()) {
      throw new IllegalArgumentException("a training set lists a view twice: " + views);
    }
    RecordChecks.checkNotNegative(registryRevision, "registry revision");
    requireNonNull(asOfCreated, "asOfCreated is null");
    if (outputPath == null || outputPath.isBlank()) {
      throw new IllegalArgumentException("output path of the training set is missing");
    }
    RecordChecks.checkNotNegative(rowCount, "row count");
    statistics = RecordChecks.copyJson(statistics, "statistics");
  }
}
