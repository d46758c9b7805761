package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;

/** A version of a trained model, the training set it was trained on, its metrics and stage. */
public record ModelVersion(String project, String name, String version, long trainingSetId, JsonNode metrics,
    ModelStage stage) {
  public ModelVersion {
    RecordChecks.check(project, "project");
    RecordChecks.check(name, "model name");
    RecordChecks.check(version, "model version");
    if (trainingSetId < 1) {
      throw new IllegalArgumentException("training set id must be positive, got " + trainingSetId);
    }
    metrics = RecordChecks.copyJson(metrics, "model metrics");
    requireNonNull(stage, "stage is null");
  }
}
