package dev.parity.server.db;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/** A version of a trained model, the training set it was trained on, its metrics and stage. */
public record ModelVersion(String project, String name, String version, long trainingSetId, JsonNode metrics,
    ModelStage stage) {
  public ModelVersion {
    Names.check(project, "project");
    Names.check(name, "model name");
    Names.check(version, "model version");
    if (trainingSetId < 1) {
      throw new IllegalArgumentException("training set id must be positive, got " + trainingSetId);
    }
    metrics = Json.copy(metrics, "model metrics");
    requireNonNull(stage, "stage is null");
  }
}
