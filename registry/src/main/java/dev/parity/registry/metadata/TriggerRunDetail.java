package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import java.util.Optional;

/**
 * A trigger run with what registry schema 5 added: the trigger version that fired it, its firing
 * and its steps (a JSON array; empty for runs recorded before).
 */
public record TriggerRunDetail(TriggerRun run, Optional<String> triggerVersion, Optional<Long> firingId,
    JsonNode steps) {
  public TriggerRunDetail {
    requireNonNull(run, "run is null");
    requireNonNull(triggerVersion, "triggerVersion is null");
    requireNonNull(firingId, "firingId is null");
    steps = RecordChecks.copyJson(requireNonNull(steps, "steps is null"), "steps");
  }
}
