package dev.parity.server.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.server.errors.ErrorResponse;
import java.util.List;
import java.util.Optional;

/**
 * A refused alias move as answered over HTTP (409) and printed by {@code parity models promote
 * --json}: the reason, the recorded decision's id (none for a rollback with nothing to go back to)
 * and the gates that failed.
 */
public record RefusalJson(int code, String message,
    @JsonProperty("decision_id") @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Long> decisionId,
    @JsonProperty("failed_gates") List<DecisionJson.Gate> failedGates) {

  /** The refusal of {@code e}. */
  public static RefusalJson of(PromotionRefusedException e) {
    return new RefusalJson(409, new ErrorResponse(409, e.getMessage()).message(), e.decision().map(d -> d.id()),
        e.decision().map(d -> d.value().failedGates().stream().map(DecisionJson.Gate::of).toList()).orElse(List.of()));
  }
}
