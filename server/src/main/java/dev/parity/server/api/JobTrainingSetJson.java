package dev.parity.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.core.TrainingSetSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training-set job built: its id in the metadata store, the output file, rows and columns,
 * the registry revision and feature service it was built from, the future-time limit it applied
 * with the source rows it ignored per feature view, and the CLI's account of it.
 */
public record JobTrainingSetJson(
    @JsonProperty("training_set_id") long trainingSetId,
    @JsonProperty("path") String path,
    @JsonProperty("rows") long rows,
    @JsonProperty("columns") List<String> columns,
    @JsonProperty("registry_revision") long registryRevision,
    @JsonProperty("feature_service") String featureService,
    @JsonProperty("future_limit") String futureLimit,
    @JsonProperty("skipped") Map<String, Skipped> skipped,
    @JsonProperty("text") String text) {

  /** Source rows of one feature view the training set ignored. */
  public record Skipped(
      @JsonProperty("future_rows") long futureRows,
      @JsonProperty("null_key_rows") long nullKeyRows) {}

  public static JobTrainingSetJson of(TrainingSetSummary summary) {
    Map<String, Skipped> skipped = new LinkedHashMap<>();
    summary.built().skipped().forEach((view, rows) -> skipped.put(view, new Skipped(rows.beyondFutureLimit(),
        rows.nullKeys())));
    return new JobTrainingSetJson(summary.id(), summary.built().output().toString(), summary.built().rows(),
        summary.built().columns(), summary.registryRevision(), summary.built().service().orElse(null),
        summary.built().futureLimit().latest().toString(), skipped, summary.render());
  }
}
