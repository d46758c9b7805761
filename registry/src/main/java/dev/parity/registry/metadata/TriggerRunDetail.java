package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import java.util.List;
import java.util.Optional;

/**
 * A trigger run with what registry schema 5 added: the trigger version that fired it, its firing
 * and its steps (a JSON array; empty for runs recorded before); and the model versions registered
 * since with the run's training set (oldest first), which the pipeline reported back.
 */
public record TriggerRunDetail(TriggerRun run, Optional<String> triggerVersion, Optional<Long> firingId,
    JsonNode steps, List<ReportedModel> models) {
  public TriggerRunDetail {
    requireNonNull(run, "run is null");
    requireNonNull(triggerVersion, "triggerVersion is null");
    requireNonNull(firingId, "firingId is null");
    steps = RecordChecks.copyJson(requireNonNull(steps, "steps is null"), "steps");
    models = List.copyOf(requireNonNull(models, "models is null"));
  }
}
