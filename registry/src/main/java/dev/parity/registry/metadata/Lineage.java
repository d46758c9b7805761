package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.DefinitionRecord;
import java.util.List;
import java.util.Optional;

/**
 * Where a model's features came from: the model, its training set, the feature service and views
 * at the versions used, and what those views depend on (sources with their paths, entities,
 * views used by on-demand views) as they were at the training set's registry revision.
 */
public record Lineage(Recorded<ModelVersion> model, Recorded<TrainingSet> trainingSet,
    Optional<DefinitionRecord> service, List<DefinitionRecord> views, List<DefinitionRecord> dependencies) {
  public Lineage {
    requireNonNull(model, "model is null");
    requireNonNull(trainingSet, "trainingSet is null");
    requireNonNull(service, "service is null");
    views = List.copyOf(views);
    dependencies = List.copyOf(dependencies);
  }
}
