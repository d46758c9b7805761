package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.core.TrainingSetSummary;
import java.util.List;

/**
 * What a training-set job built: its id in the metadata store, the output file, rows and columns,
 * the registry revision and feature service it was built from, and the CLI's account of it.
 */
public record JobTrainingSetJson(
    @JsonProperty("training_set_id") long trainingSetId,
    @JsonProperty("path") String path,
    @JsonProperty("rows") long rows,
    @JsonProperty("columns") List<String> columns,
    @JsonProperty("registry_revision") long registryRevision,
    @JsonProperty("feature_service") String featureService,
    @JsonProperty("text") String text) {

  public static JobTrainingSetJson of(TrainingSetSummary summary) {
    return new JobTrainingSetJson(summary.id(), summary.built().output().toString(), summary.built().rows(),
        summary.built().columns(), summary.registryRevision(), summary.built().service().orElse(null),
        summary.render());
  }
}
